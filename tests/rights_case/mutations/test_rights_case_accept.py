"""`rightsCaseAccept`: the department the case is with accepts it (FILED → ACCEPTED)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from resolvers.global_ids import encode_id
from services.rights_case.routing import HANDLE_WITHIN
from tables import rights_case as t
from tests.fixtures.job_posting import ROLES, assert_denied
from tests.fixtures.rights_case import (
    advance,
    audit_actions,
    file_case,
    make_scene,
    snapshot,
)

ACCEPT = """
mutation($id: ID!) {
  rightsCaseAccept(id: $id, note: "已受理，三日内联系") {
    rightsCase { status department steps { action status actor note } }
    userErrors { code field message }
  }
}"""


def refused(code: str, message: str) -> dict:
    return {
        "data": {
            "rightsCaseAccept": {
                "rightsCase": None,
                "userErrors": [{"code": code, "field": ["id"], "message": message}],
            }
        }
    }


@pytest.mark.parametrize("role", ROLES)
async def test_staff_or_the_markets_operator_accept_a_mediation_case(gql, role):
    # given: a contract dispute, which goes to the market's operator for mediation
    scene = await make_scene()
    case_id = await file_case(
        scene.cast.worker_id, kind="CONTRACT_DISPUTE", application_id=scene.application_id
    )
    before = await snapshot()

    # when
    body = await gql(ACCEPT, {"id": encode_id("RightsCase", case_id)}, token=scene.cast.token[role])

    # then
    if role in ("operator", "staff"):
        actor = role.upper()
        assert body == {
            "data": {
                "rightsCaseAccept": {
                    "rightsCase": {
                        "status": "ACCEPTED",
                        "department": "MARKET_OPERATOR",
                        "steps": [
                            {
                                "action": "FILE",
                                "status": "FILED",
                                "actor": "WORKER",
                                "note": "完工三天未结工资",
                            },
                            {
                                "action": "ACCEPT",
                                "status": "ACCEPTED",
                                "actor": actor,
                                "note": "已受理，三日内联系",
                            },
                        ],
                    },
                    "userErrors": [],
                }
            }
        }
        row = await t.RightsCase.select().first()
        # The mediation deadline runs from acceptance: 15 days.
        accepted = (await t.RightsCaseStep.select().order_by(t.RightsCaseStep.id))[1]
        assert row["step_due_at"] - accepted["occurred_at"] == HANDLE_WITHIN["MARKET_OPERATOR"]
        assert [a for a, _, _ in await audit_actions(case_id)] == [
            "rights_case.file",
            "rights_case.accept",
        ]
        return
    if role == "other_operator":
        assert body == refused("NOT_FOUND", "案件不存在")
    else:
        assert_denied(body, role, "rightsCaseAccept")
    assert await snapshot() == before


async def test_an_operator_cannot_accept_a_case_of_labour_inspection(gql):
    scene = await make_scene()
    case_id = await file_case(scene.cast.worker_id, application_id=scene.application_id)
    before = await snapshot()

    body = await gql(
        ACCEPT, {"id": encode_id("RightsCase", case_id)}, token=scene.cast.token["operator"]
    )

    assert body == refused("NOT_HANDLER", "该案件由劳动保障监察办理")
    assert await snapshot() == before


async def test_only_a_filed_case_is_accepted_and_unknown_ids_look_missing(gql):
    scene = await make_scene()
    case_id = await file_case(scene.cast.worker_id, application_id=scene.application_id)
    await advance(case_id, "ACCEPTED")
    token = scene.cast.token["staff"]
    before = await snapshot()

    again = await gql(ACCEPT, {"id": encode_id("RightsCase", case_id)}, token=token)
    unknown = await gql(ACCEPT, {"id": encode_id("RightsCase", 999999)}, token=token)
    wrong_type = await gql(ACCEPT, {"id": encode_id("JobPosting", scene.posting_id)}, token=token)

    assert again == refused("INVALID_STATE", "案件当前为“已受理”，不能受理")
    assert unknown == wrong_type == refused("NOT_FOUND", "案件不存在")
    assert await snapshot() == before


async def test_a_case_past_its_acceptance_deadline_reads_overdue(gql):
    scene = await make_scene()
    case_id = await file_case(scene.cast.worker_id, application_id=scene.application_id)
    row = await t.RightsCase.select(t.RightsCase.step_due_at).first()
    await t.RightsCase.update(
        {t.RightsCase.step_due_at: row["step_due_at"] - timedelta(days=3, seconds=1)}
    ).where(t.RightsCase.id == case_id)

    body = await gql(
        "query($id: ID!) { rightsCase(id: $id) { status overdue } }",
        {"id": encode_id("RightsCase", case_id)},
        token=scene.cast.token["worker"],
    )

    assert body == {"data": {"rightsCase": {"status": "FILED", "overdue": True}}}
