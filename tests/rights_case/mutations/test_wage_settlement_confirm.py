"""`wageSettlementConfirm` and `wageSettlementDispute`: the worker answers the record."""

from __future__ import annotations

import asyncio
from collections import Counter
from decimal import Decimal

import pytest

from resolvers.global_ids import encode_id
from services.rights_case import settlement
from services.timeutil import now
from tests.fixtures.job_posting import ROLES, assert_denied
from tests.fixtures.rights_case import make_scene, snapshot

CONFIRM = """
mutation($id: ID!) {
  wageSettlementConfirm(jobApplicationId: $id) {
    wageSettlement { status disputeReason }
    userErrors { code field message }
  }
}"""
DISPUTE = """
mutation($id: ID!, $reason: String!) {
  wageSettlementDispute(jobApplicationId: $id, reason: $reason) {
    wageSettlement { status disputeReason }
    userErrors { code field message }
  }
}"""


async def recorded_scene():
    scene = await make_scene()
    await settlement.record_payment(
        scene.cast.employer_id, scene.application_id, Decimal("150.00"), "CASH", now()
    )
    return scene


@pytest.mark.parametrize("role", ROLES)
async def test_only_the_worker_confirms(gql, role):
    scene = await recorded_scene()
    before = await snapshot()

    body = await gql(
        CONFIRM,
        {"id": encode_id("JobApplication", scene.application_id)},
        token=scene.cast.token[role],
    )

    if role == "worker":
        assert body == {
            "data": {
                "wageSettlementConfirm": {
                    "wageSettlement": {"status": "CONFIRMED", "disputeReason": None},
                    "userErrors": [],
                }
            }
        }
        return
    assert_denied(body, role, "wageSettlementConfirm")
    assert await snapshot() == before


async def test_a_dispute_needs_a_reason_and_an_answer_is_given_once(gql):
    scene = await recorded_scene()
    unrecorded = await make_scene()
    gid = encode_id("JobApplication", scene.application_id)
    token = scene.cast.token["worker"]
    before = await snapshot()

    empty = await gql(DISPUTE, {"id": gid, "reason": " "}, token=token)
    nothing = await gql(
        CONFIRM,
        {"id": encode_id("JobApplication", unrecorded.application_id)},
        token=unrecorded.cast.token["worker"],
    )
    assert await snapshot() == before
    disputed = await gql(DISPUTE, {"id": gid, "reason": "说好 200 元，只给了 150 元"}, token=token)
    again = await gql(CONFIRM, {"id": gid}, token=token)

    assert empty["data"]["wageSettlementDispute"]["userErrors"] == [
        {"code": "REQUIRED", "field": ["reason"], "message": "请说明异议（例如少付的金额）"}
    ]
    assert nothing["data"]["wageSettlementConfirm"]["userErrors"] == [
        {
            "code": "NOT_RECORDED",
            "field": ["jobApplicationId"],
            "message": "用工主体尚未登记工资支付",
        }
    ]
    assert disputed["data"]["wageSettlementDispute"] == {
        "wageSettlement": {"status": "DISPUTED", "disputeReason": "说好 200 元，只给了 150 元"},
        "userErrors": [],
    }
    assert again["data"]["wageSettlementConfirm"]["userErrors"] == [
        {
            "code": "ALREADY_ANSWERED",
            "field": ["jobApplicationId"],
            "message": "已经确认或提出过异议",
        }
    ]


async def test_simultaneous_answers_answer_once(gql):
    scene = await recorded_scene()
    gid = encode_id("JobApplication", scene.application_id)
    token = scene.cast.token["worker"]

    bodies = await asyncio.gather(
        gql(CONFIRM, {"id": gid}, token=token),
        gql(DISPUTE, {"id": gid, "reason": "少付"}, token=token),
        gql(CONFIRM, {"id": gid}, token=token),
    )

    codes = Counter(
        (list(b["data"].values())[0]["userErrors"] or [{"code": "OK"}])[0]["code"] for b in bodies
    )
    assert codes == Counter({"OK": 1, "ALREADY_ANSWERED": 2})
