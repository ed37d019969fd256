"""`rightsCaseResolve`: a finding ends the case; substantiated arrears flag the employer."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from tables import rights_case as t
from tables.employer import WageArrearsFlag
from tests.fixtures.job_posting import ROLES, assert_denied
from tests.fixtures.rights_case import (
    advance,
    audit_actions,
    file_case,
    make_scene,
    snapshot,
)

RESOLVE = """
mutation($id: ID!, $input: RightsCaseResolveInput!) {
  rightsCaseResolve(id: $id, input: $input) {
    rightsCase { status outcome outcomeNote amountRecovered stepDueAt overdue finishedAt }
    userErrors { code field message }
  }
}"""
MEDIATED = {"outcome": "MEDIATED", "note": "双方同意当场结清", "amountRecovered": "220.00"}


def refused(*errors: tuple[str, list[str], str]) -> dict:
    return {
        "data": {
            "rightsCaseResolve": {
                "rightsCase": None,
                "userErrors": [{"code": c, "field": f, "message": m} for c, f, m in errors],
            }
        }
    }


@pytest.mark.parametrize("role", ROLES)
async def test_the_market_operator_or_staff_record_a_mediation_result(gql, role):
    # given: a contract dispute in mediation at the operator's market
    scene = await make_scene()
    case_id = await file_case(
        scene.cast.worker_id, kind="CONTRACT_DISPUTE", application_id=scene.application_id
    )
    await advance(case_id, "MEDIATING")
    before = await snapshot()

    # when
    body = await gql(
        RESOLVE,
        {"id": encode_id("RightsCase", case_id), "input": MEDIATED},
        token=scene.cast.token[role],
    )

    # then
    if role in ("operator", "staff"):
        payload = body["data"]["rightsCaseResolve"]
        finished = payload["rightsCase"] and payload["rightsCase"]["finishedAt"]
        assert payload == {
            "rightsCase": {
                "status": "RESOLVED",
                "outcome": "MEDIATED",
                "outcomeNote": "双方同意当场结清",
                "amountRecovered": "220.00",
                "stepDueAt": None,
                "overdue": False,
                "finishedAt": finished,
            },
            "userErrors": [],
        }
        assert finished is not None
        row = await t.RightsCase.select(t.RightsCase.amount_recovered_fen).first()
        assert row == {"amount_recovered_fen": 22000}
        actions = await audit_actions(case_id)
        assert [a for a, _, _ in actions][-1] == "rights_case.resolve"
        assert actions[-1][1] == role.upper()
        return
    if role == "other_operator":
        assert body == refused(("NOT_FOUND", ["id"], "案件不存在"))
    else:
        assert_denied(body, role, "rightsCaseResolve")
    assert await snapshot() == before


async def test_operators_mediate_but_only_staff_substantiate(gql):
    scene = await make_scene()
    case_id = await file_case(
        scene.cast.worker_id, kind="CONTRACT_DISPUTE", application_id=scene.application_id
    )
    await advance(case_id, "MEDIATING")
    before = await snapshot()

    body = await gql(
        RESOLVE,
        {
            "id": encode_id("RightsCase", case_id),
            "input": {"outcome": "SUBSTANTIATED", "note": "", "amountRecovered": "-1"},
        },
        token=scene.cast.token["operator"],
    )

    assert body == refused(
        ("FINDING_NOT_ALLOWED", ["outcome"], "查实或不成立的认定由主管部门作出"),
        ("REQUIRED", ["note"], "请填写说明"),
        ("INVALID_AMOUNT", ["amountRecovered"], "金额不能为负"),
    )
    assert await snapshot() == before


async def test_a_mediation_result_needs_a_mediation_and_a_dismissal_has_no_money(gql):
    scene = await make_scene()
    case_id = await file_case(scene.cast.worker_id, application_id=scene.application_id)
    await advance(case_id, "ACCEPTED")
    token = scene.cast.token["staff"]
    gid = encode_id("RightsCase", case_id)
    before = await snapshot()

    early = await gql(RESOLVE, {"id": gid, "input": MEDIATED}, token=token)
    dismissed_with_money = await gql(
        RESOLVE,
        {
            "id": gid,
            "input": {"outcome": "NOT_SUBSTANTIATED", "note": "查无实据", "amountRecovered": "1"},
        },
        token=token,
    )

    assert early == refused(("INVALID_STATE", ["id"], "案件当前为“已受理”，不能以调解结案"))
    assert dismissed_with_money == refused(
        ("AMOUNT_NOT_ALLOWED", ["amountRecovered"], "不成立的案件没有追回金额")
    )
    assert await snapshot() == before


async def test_substantiated_wage_arrears_flag_the_employer_once(gql):
    # given: two arrears cases against one employer, both accepted by labour inspection
    scene = await make_scene()
    first = await file_case(scene.cast.worker_id, application_id=scene.application_id)
    second = await file_case(
        scene.cast.worker_id, employer_id=scene.cast.employer_id, market_id=scene.cast.market_id
    )
    await advance(first, "ACCEPTED")
    await advance(second, "ACCEPTED")
    token = scene.cast.token["staff"]
    found = {"outcome": "SUBSTANTIATED", "note": "工资表与考勤核实", "amountRecovered": "0"}

    # when
    bodies = [
        await gql(RESOLVE, {"id": encode_id("RightsCase", c), "input": found}, token=token)
        for c in (first, second)
    ]

    # then: both resolved, one open flag naming the first case
    assert [b["data"]["rightsCaseResolve"]["rightsCase"]["outcome"] for b in bodies] == [
        "SUBSTANTIATED",
        "SUBSTANTIATED",
    ]
    flags = await WageArrearsFlag.select(WageArrearsFlag.employer, WageArrearsFlag.reason)
    assert flags == [
        {"employer": scene.cast.employer_id, "reason": f"欠薪案件 {first} 查实：工资表与考勤核实"}
    ]
