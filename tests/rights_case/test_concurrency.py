"""Simultaneous steps on one case: one wins, the others get a clean userError (both engines)."""

from __future__ import annotations

import asyncio
from collections import Counter

from resolvers.global_ids import encode_id
from services.timeutil import now
from tables import rights_case as t
from tables.audit import AuditLog
from tables.employer import WageArrearsFlag
from tests.fixtures.rights_case import advance, file_case, make_scene

ACCEPT = """
mutation($id: ID!) { rightsCaseAccept(id: $id) { userErrors { code } } }"""
RESOLVE = """
mutation($id: ID!) {
  rightsCaseResolve(id: $id, input: {outcome: SUBSTANTIATED, note: "查实"}) { userErrors { code } }
}"""
FILE = """
mutation($application: ID!) {
  rightsCaseFile(input: {kind: WAGE_ARREARS, summary: "未付工资", jobApplicationId: $application}) {
    userErrors { code }
  }
}"""


def outcomes(bodies: list[dict]) -> Counter:
    assert all("errors" not in b for b in bodies), bodies
    return Counter(
        (list(b["data"].values())[0]["userErrors"] or [{"code": "OK"}])[0]["code"] for b in bodies
    )


async def test_five_simultaneous_accepts_accept_once(gql):
    scene = await make_scene()
    case_id = await file_case(scene.cast.worker_id, application_id=scene.application_id)
    gid = encode_id("RightsCase", case_id)

    bodies = await asyncio.gather(
        *[gql(ACCEPT, {"id": gid}, token=scene.cast.token["staff"]) for _ in range(5)]
    )

    assert outcomes(bodies) == Counter({"OK": 1, "INVALID_STATE": 4})
    assert await t.RightsCaseStep.count().where(t.RightsCaseStep.action == "ACCEPT") == 1
    assert await AuditLog.count().where(AuditLog.action == "rights_case.accept") == 1


async def test_simultaneous_substantiations_flag_the_employer_once(gql):
    scene = await make_scene()
    case_id = await file_case(scene.cast.worker_id, application_id=scene.application_id)
    await advance(case_id, "ACCEPTED")
    gid = encode_id("RightsCase", case_id)

    bodies = await asyncio.gather(
        *[gql(RESOLVE, {"id": gid}, token=scene.cast.token["staff"]) for _ in range(4)]
    )

    assert outcomes(bodies) == Counter({"OK": 1, "INVALID_STATE": 3})
    assert await WageArrearsFlag.count() == 1


async def test_a_double_submitted_case_is_filed_once(gql):
    scene = await make_scene()
    application = encode_id("JobApplication", scene.application_id)

    bodies = await asyncio.gather(
        *[
            gql(FILE, {"application": application}, token=scene.cast.token["worker"])
            for _ in range(4)
        ]
    )

    assert outcomes(bodies) == Counter({"OK": 1, "ALREADY_FILED": 3})
    assert await t.RightsCase.count() == 1


async def test_a_double_submitted_payment_is_recorded_once(gql):
    scene = await make_scene()
    record = """
    mutation($input: WageSettlementRecordInput!) {
      wageSettlementRecord(input: $input) { userErrors { code } }
    }"""
    payment = {
        "jobApplicationId": encode_id("JobApplication", scene.application_id),
        "amount": "200.00",
        "method": "CASH",
        "paidAt": now().isoformat(),
    }

    bodies = await asyncio.gather(
        *[gql(record, {"input": payment}, token=scene.cast.token["employer"]) for _ in range(4)]
    )

    assert outcomes(bodies) == Counter({"OK": 1, "ALREADY_RECORDED": 3})
    assert await t.WageSettlement.count() == 1
    assert await AuditLog.count().where(AuditLog.action == "wage_settlement.record") == 1


async def test_simultaneous_take_downs_take_down_once(gql):
    scene = await make_scene()
    take_down = """
    mutation($id: ID!) {
      jobPostingTakeDown(id: $id, reason: "虚假信息") { userErrors { code } }
    }"""
    gid = encode_id("JobPosting", scene.posting_id)

    bodies = await asyncio.gather(
        *[gql(take_down, {"id": gid}, token=scene.cast.token["staff"]) for _ in range(3)]
    )

    assert outcomes(bodies) == Counter({"OK": 1, "INVALID_STATE": 2})
    assert await AuditLog.count().where(AuditLog.action == "job_posting.take_down") == 1
    assert await t.PostingReview.count().where(t.PostingReview.source == "STAFF") == 1
