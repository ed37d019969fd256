"""`postingReviews`: the staff moderation queue, oldest first."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from services.job_posting import rules as postings
from services.rights_case import moderation
from tests.fixtures.job_posting import ROLES, assert_denied
from tests.fixtures.rights_case import make_scene
from tests.rights_case.mutations.test_job_posting_publish_screening import draft

QUEUE = """
query($status: [PostingReviewStatus!], $source: [PostingReviewSource!]) {
  postingReviews(status: $status, source: $source) {
    totalCount nodes { id source status matchedTerms }
  }
}"""


@pytest.mark.parametrize("role", ROLES)
async def test_only_staff_see_the_queue(gql, role):
    scene = await make_scene()
    await moderation.report(scene.cast.worker_id, scene.posting_id, "UNPAID", "")

    body = await gql(QUEUE, {}, token=scene.cast.token[role])

    if role == "staff":
        assert body["data"]["postingReviews"]["totalCount"] == 1
    else:
        assert_denied(body, role, "postingReviews")


async def test_held_reported_and_decided_items_filter_by_status_and_source(gql):
    scene = await make_scene()
    posting_id = await draft(scene.cast.employer_id, "装卸工", "限男性")
    await postings.publish(scene.cast.employer_id, posting_id)
    report = await moderation.report(scene.cast.worker_id, scene.posting_id, "FALSE_INFO", "")
    staff = scene.cast.token["staff"]

    everything = await gql(QUEUE, {}, token=staff)
    held = await gql(QUEUE, {"source": ["SCREENING"]}, token=staff)
    await moderation.decide(1, report, "APPROVE", "")
    open_items = await gql(QUEUE, {"status": ["OPEN"]}, token=staff)

    assert [n["source"] for n in everything["data"]["postingReviews"]["nodes"]] == [
        "SCREENING",
        "REPORT",
    ]
    assert held["data"]["postingReviews"]["nodes"][0]["matchedTerms"] == ["限男性"]
    assert [n["source"] for n in open_items["data"]["postingReviews"]["nodes"]] == ["SCREENING"]
    assert encode_id("PostingReview", report) not in [
        n["id"] for n in open_items["data"]["postingReviews"]["nodes"]
    ]
