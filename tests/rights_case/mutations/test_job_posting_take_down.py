"""`jobPostingTakeDown`: staff take a posting down; applicants and the employer see why."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from tables import job_posting as jp
from tests.fixtures.job_posting import ROLES, assert_denied, make_application, make_posting
from tests.fixtures.rights_case import make_scene, snapshot
from tests.fixtures.worker import make_worker

TAKE_DOWN = """
mutation($id: ID!, $reason: String!) {
  jobPostingTakeDown(id: $id, reason: $reason) {
    jobPosting { status removal { reason } }
    userErrors { code field message }
  }
}"""
MINE = """
{ myJobApplications { nodes { status cancelReason jobPosting { status removal { reason } } } } }"""
REASON = "招工信息虚假：实际工资远低于所写"


@pytest.mark.parametrize("role", ROLES)
async def test_only_staff_take_a_posting_down(gql, role):
    scene = await make_scene(status="CONFIRMED")
    before = await snapshot()

    body = await gql(
        TAKE_DOWN,
        {"id": encode_id("JobPosting", scene.posting_id), "reason": REASON},
        token=scene.cast.token[role],
    )

    if role == "staff":
        assert body == {
            "data": {
                "jobPostingTakeDown": {
                    "jobPosting": {"status": "REMOVED", "removal": {"reason": REASON}},
                    "userErrors": [],
                }
            }
        }
        return
    assert_denied(body, role, "jobPostingTakeDown")
    assert await snapshot() == before


async def test_applicants_see_why_and_confirmed_workers_keep_their_confirmation(gql):
    # given: one confirmed worker, one who applied
    scene = await make_scene(status="APPLIED")
    posting_id = await make_posting(scene.cast.employer_id, headcount=3)
    confirmed = await make_application(
        scene.cast.worker_id, posting_id, scene.cast.employer_id, "CONFIRMED"
    )
    applicant_id, applicant = await make_worker(name="李四")
    pending = await make_application(applicant_id, posting_id, scene.cast.employer_id)

    # when
    await gql(
        TAKE_DOWN,
        {"id": encode_id("JobPosting", posting_id), "reason": REASON},
        token=scene.cast.token["staff"],
    )

    # then
    seen = await gql(MINE, token=applicant)
    assert seen["data"]["myJobApplications"]["nodes"] == [
        {
            "status": "CANCELLED",
            "cancelReason": f"招工信息已被下架：{REASON}",
            "jobPosting": {"status": "REMOVED", "removal": {"reason": REASON}},
        }
    ]
    rows = {
        r["id"]: r["status"]
        for r in await jp.JobApplication.select(jp.JobApplication.id, jp.JobApplication.status)
    }
    assert (rows[confirmed], rows[pending]) == ("CONFIRMED", "CANCELLED")
    public = await gql(
        "query($id: ID!) { jobPosting(id: $id) { status removal { reason } } }",
        {"id": encode_id("JobPosting", posting_id)},
    )
    assert public == {"data": {"jobPosting": {"status": "REMOVED", "removal": {"reason": REASON}}}}


async def test_a_reason_is_required_and_a_removed_posting_stays_removed(gql):
    scene = await make_scene()
    gid = encode_id("JobPosting", scene.posting_id)
    token = scene.cast.token["staff"]
    empty = await gql(TAKE_DOWN, {"id": gid, "reason": "  "}, token=token)
    await gql(TAKE_DOWN, {"id": gid, "reason": REASON}, token=token)
    before = await snapshot()

    again = await gql(TAKE_DOWN, {"id": gid, "reason": REASON}, token=token)
    unknown = await gql(
        TAKE_DOWN, {"id": encode_id("JobPosting", 999999), "reason": REASON}, token=token
    )

    assert empty["data"]["jobPostingTakeDown"]["userErrors"] == [
        {"code": "REQUIRED", "field": ["reason"], "message": "请填写下架原因"}
    ]
    assert again["data"]["jobPostingTakeDown"]["userErrors"] == [
        {"code": "INVALID_STATE", "field": ["id"], "message": "招工信息已关闭、过期或已下架"}
    ]
    assert unknown["data"]["jobPostingTakeDown"]["userErrors"] == [
        {"code": "NOT_FOUND", "field": ["id"], "message": "招工信息不存在"}
    ]
    assert await snapshot() == before
