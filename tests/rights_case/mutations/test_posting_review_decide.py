"""`postingReviewDecide`: staff publish a held posting, dismiss a report, or take down."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest

from resolvers.global_ids import encode_id
from services.job_posting import rules as postings
from services.rights_case import moderation
from tables import job_posting as jp
from tables import rights_case as t
from tests.fixtures.job_posting import ROLES, assert_denied
from tests.fixtures.rights_case import make_scene, snapshot
from tests.rights_case.mutations.test_job_posting_publish_screening import draft

DECIDE = """
mutation($id: ID!, $decision: PostingReviewDecision!, $note: String) {
  postingReviewDecide(id: $id, decision: $decision, note: $note) {
    postingReview { status decisionNote jobPosting { status removal { reason } } }
    userErrors { code field message }
  }
}"""


async def held(cast) -> int:
    posting_id = await draft(cast.employer_id, "保洁（限女性）", "")
    await postings.publish(cast.employer_id, posting_id)
    row = await t.PostingReview.select(t.PostingReview.id).first()
    return row["id"]


@pytest.mark.parametrize("role", ROLES)
async def test_staff_publish_a_held_posting_after_review(gql, role):
    scene = await make_scene()
    review_id = await held(scene.cast)
    before = await snapshot()

    body = await gql(
        DECIDE,
        {
            "id": encode_id("PostingReview", review_id),
            "decision": "APPROVE",
            "note": "岗位为女浴室保洁，属法定例外",
        },
        token=scene.cast.token[role],
    )

    if role == "staff":
        assert body == {
            "data": {
                "postingReviewDecide": {
                    "postingReview": {
                        "status": "DISMISSED",
                        "decisionNote": "岗位为女浴室保洁，属法定例外",
                        "jobPosting": {"status": "OPEN", "removal": None},
                    },
                    "userErrors": [],
                }
            }
        }
        row = await jp.JobPosting.select(jp.JobPosting.status, jp.JobPosting.published_at).where(
            jp.JobPosting.title == "保洁（限女性）"
        )
        assert row[0]["status"] == "OPEN" and row[0]["published_at"] is not None
        return
    assert_denied(body, role, "postingReviewDecide")
    assert await snapshot() == before


async def test_removing_upholds_the_report_and_a_decision_is_final(gql):
    scene = await make_scene()
    review_id = await moderation.report(scene.cast.worker_id, scene.posting_id, "FALSE_INFO", "")
    gid = encode_id("PostingReview", review_id)
    token = scene.cast.token["staff"]
    no_note = await gql(DECIDE, {"id": gid, "decision": "REMOVE"}, token=token)

    removed = await gql(
        DECIDE, {"id": gid, "decision": "REMOVE", "note": "核实为虚假信息"}, token=token
    )
    before = await snapshot()
    again = await gql(DECIDE, {"id": gid, "decision": "APPROVE"}, token=token)

    assert no_note["data"]["postingReviewDecide"]["userErrors"] == [
        {"code": "REQUIRED", "field": ["note"], "message": "请填写审核意见"}
    ]
    assert removed["data"]["postingReviewDecide"]["postingReview"] == {
        "status": "UPHELD",
        "decisionNote": "核实为虚假信息",
        "jobPosting": {"status": "REMOVED", "removal": {"reason": "核实为虚假信息"}},
    }
    assert again["data"]["postingReviewDecide"]["userErrors"] == [
        {"code": "INVALID_STATE", "field": ["id"], "message": "该审核事项已处理"}
    ]
    assert await snapshot() == before


async def test_simultaneous_decisions_decide_once(gql):
    scene = await make_scene()
    review_id = await moderation.report(scene.cast.worker_id, scene.posting_id, "UNPAID", "")
    gid = encode_id("PostingReview", review_id)
    token = scene.cast.token["staff"]

    bodies = await asyncio.gather(
        gql(DECIDE, {"id": gid, "decision": "APPROVE", "note": "已付"}, token=token),
        gql(DECIDE, {"id": gid, "decision": "REMOVE", "note": "查实"}, token=token),
        gql(DECIDE, {"id": gid, "decision": "APPROVE", "note": "已付"}, token=token),
    )

    codes = Counter(
        (b["data"]["postingReviewDecide"]["userErrors"] or [{"code": "OK"}])[0]["code"]
        for b in bodies
    )
    assert codes == Counter({"OK": 1, "INVALID_STATE": 2})
    assert await t.PostingReview.count().where(t.PostingReview.status == "OPEN") == 0
