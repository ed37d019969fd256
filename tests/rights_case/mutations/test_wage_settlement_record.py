"""`wageSettlementRecord`: the employer records what a completed shift was paid."""

from __future__ import annotations

from datetime import timedelta

import pytest

from resolvers.global_ids import encode_id
from services.timeutil import now
from tables import rights_case as t
from tables.audit import AuditLog
from tests.fixtures.employer import make_employer
from tests.fixtures.job_posting import ROLES, assert_denied
from tests.fixtures.rights_case import make_scene, snapshot

RECORD = """
mutation($input: WageSettlementRecordInput!) {
  wageSettlementRecord(input: $input) {
    wageSettlement { amount method status answeredAt disputeReason rightsCase { id }
                     jobApplication { id status } }
    userErrors { code field message }
  }
}"""


def payment(scene, **extra) -> dict:
    return {
        "jobApplicationId": encode_id("JobApplication", scene.application_id),
        "amount": "200.00",
        "method": "WECHAT",
        "paidAt": now().isoformat(),
        **extra,
    }


def refused(*errors: tuple[str, list[str], str]) -> dict:
    return {
        "data": {
            "wageSettlementRecord": {
                "wageSettlement": None,
                "userErrors": [{"code": c, "field": f, "message": m} for c, f, m in errors],
            }
        }
    }


@pytest.mark.parametrize("role", ROLES)
async def test_only_the_shifts_employer_records_a_payment(gql, role):
    scene = await make_scene()
    before = await snapshot()

    body = await gql(RECORD, {"input": payment(scene)}, token=scene.cast.token[role])

    if role == "employer":
        assert body == {
            "data": {
                "wageSettlementRecord": {
                    "wageSettlement": {
                        "amount": "200.00",
                        "method": "WECHAT",
                        "status": "RECORDED",
                        "answeredAt": None,
                        "disputeReason": None,
                        "rightsCase": None,
                        "jobApplication": {
                            "id": encode_id("JobApplication", scene.application_id),
                            "status": "COMPLETED",
                        },
                    },
                    "userErrors": [],
                }
            }
        }
        row = await t.WageSettlement.select(t.WageSettlement.amount_fen).first()
        assert row == {"amount_fen": 20000}
        audit = await AuditLog.select(AuditLog.action, AuditLog.actor_id, AuditLog.entity_id).where(
            AuditLog.action == "wage_settlement.record"
        )
        assert audit == [
            {
                "action": "wage_settlement.record",
                "actor_id": scene.cast.employer_id,
                "entity_id": scene.application_id,
            }
        ]
        return
    assert_denied(body, role, "wageSettlementRecord")
    assert await snapshot() == before


async def test_bad_input_is_refused_all_at_once_and_nothing_is_written(gql):
    scene = await make_scene()
    before = await snapshot()

    body = await gql(
        RECORD,
        {"input": payment(scene, amount="0", paidAt=(now() + timedelta(hours=1)).isoformat())},
        token=scene.cast.token["employer"],
    )

    assert body == refused(
        ("INVALID_AMOUNT", ["amount"], "金额须大于 0"),
        ("INVALID_TIME", ["paidAt"], "支付时间不能晚于现在"),
    )
    assert await snapshot() == before


async def test_a_shift_not_completed_another_employers_or_recorded_twice(gql):
    scene = await make_scene()
    running = await make_scene(status="CHECKED_IN")
    _, stranger = await make_employer()
    token = scene.cast.token["employer"]
    await gql(RECORD, {"input": payment(scene)}, token=token)
    before = await snapshot()

    twice = await gql(RECORD, {"input": payment(scene)}, token=token)
    theirs = await gql(RECORD, {"input": payment(scene)}, token=stranger)
    not_done = await gql(RECORD, {"input": payment(running)}, token=running.cast.token["employer"])

    assert twice == refused(("ALREADY_RECORDED", ["jobApplicationId"], "该班次已登记过工资支付"))
    assert theirs == refused(("NOT_FOUND", ["jobApplicationId"], "报名记录不存在"))
    assert not_done == refused(
        ("NOT_COMPLETED", ["jobApplicationId"], "只有已完工的报名可以登记工资支付")
    )
    assert await snapshot() == before
