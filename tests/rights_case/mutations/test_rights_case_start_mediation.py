"""`rightsCaseStartMediation`: ACCEPTED → MEDIATING, 15 days to settle (用工矛盾调处)."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from services.rights_case.routing import MEDIATE_WITHIN
from tables import rights_case as t
from tests.fixtures.job_posting import ROLES, assert_denied
from tests.fixtures.rights_case import advance, file_case, make_scene, snapshot

MEDIATE = """
mutation($id: ID!) {
  rightsCaseStartMediation(id: $id) {
    rightsCase { status }
    userErrors { code field message }
  }
}"""


@pytest.mark.parametrize("role", ROLES)
async def test_the_markets_operator_or_staff_start_a_mediation(gql, role):
    scene = await make_scene()
    case_id = await file_case(
        scene.cast.worker_id, kind="OTHER", application_id=scene.application_id
    )
    await advance(case_id, "ACCEPTED")
    before = await snapshot()

    body = await gql(
        MEDIATE, {"id": encode_id("RightsCase", case_id)}, token=scene.cast.token[role]
    )

    if role in ("operator", "staff"):
        assert body == {
            "data": {
                "rightsCaseStartMediation": {
                    "rightsCase": {"status": "MEDIATING"},
                    "userErrors": [],
                }
            }
        }
        row = await t.RightsCase.select().first()
        step = (await t.RightsCaseStep.select().order_by(t.RightsCaseStep.id))[-1]
        assert row["mediator_role"] == role.upper()
        assert row["step_due_at"] - step["occurred_at"] == MEDIATE_WITHIN
        return
    if role == "other_operator":
        assert body["data"]["rightsCaseStartMediation"]["userErrors"] == [
            {"code": "NOT_FOUND", "field": ["id"], "message": "案件不存在"}
        ]
    else:
        assert_denied(body, role, "rightsCaseStartMediation")
    assert await snapshot() == before


async def test_a_filed_case_must_be_accepted_first(gql):
    scene = await make_scene()
    case_id = await file_case(
        scene.cast.worker_id, kind="OTHER", application_id=scene.application_id
    )
    before = await snapshot()

    body = await gql(
        MEDIATE, {"id": encode_id("RightsCase", case_id)}, token=scene.cast.token["operator"]
    )

    assert body == {
        "data": {
            "rightsCaseStartMediation": {
                "rightsCase": None,
                "userErrors": [
                    {
                        "code": "INVALID_STATE",
                        "field": ["id"],
                        "message": "案件当前为“已登记”，不能开始调解",
                    }
                ],
            }
        }
    }
    assert await snapshot() == before
