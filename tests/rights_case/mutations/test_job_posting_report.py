"""`jobPostingReport`: a worker reports a posting; staff get a review item."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from tables import rights_case as t
from tests.fixtures.job_posting import ROLES, assert_denied, make_posting
from tests.fixtures.rights_case import make_scene, snapshot

REPORT = """
mutation($input: JobPostingReportInput!) {
  jobPostingReport(input: $input) {
    postingReview { source reason status note matchedTerms jobPosting { id } }
    userErrors { code field message }
  }
}"""


def report(posting_id: int, reason: str = "UNPAID", note: str = "上周的工钱还没给") -> dict:
    return {
        "input": {
            "jobPostingId": encode_id("JobPosting", posting_id),
            "reason": reason,
            "note": note,
        }
    }


@pytest.mark.parametrize("role", ROLES)
async def test_workers_report_a_posting(gql, role):
    scene = await make_scene()
    before = await snapshot()

    body = await gql(REPORT, report(scene.posting_id), token=scene.cast.token[role])

    if role == "worker":
        assert body == {
            "data": {
                "jobPostingReport": {
                    "postingReview": {
                        "source": "REPORT",
                        "reason": "UNPAID",
                        "status": "OPEN",
                        "note": "上周的工钱还没给",
                        "matchedTerms": [],
                        "jobPosting": {"id": encode_id("JobPosting", scene.posting_id)},
                    },
                    "userErrors": [],
                }
            }
        }
        row = await t.PostingReview.select(t.PostingReview.reported_by).first()
        assert row == {"reported_by": scene.cast.worker_id}
        return
    assert_denied(body, role, "jobPostingReport")
    assert await snapshot() == before


async def test_one_open_report_per_worker_drafts_unknown_and_other_needs_a_note(gql):
    scene = await make_scene()
    draft = await make_posting(scene.cast.employer_id, publish=False)
    token = scene.cast.token["worker"]
    await gql(REPORT, report(scene.posting_id), token=token)
    before = await snapshot()

    again = await gql(REPORT, report(scene.posting_id, "FALSE_INFO"), token=token)
    unpublished = await gql(REPORT, report(draft), token=token)
    other = await gql(REPORT, report(scene.posting_id, "OTHER", ""), token=token)

    assert again["data"]["jobPostingReport"]["userErrors"] == [
        {
            "code": "ALREADY_REPORTED",
            "field": ["jobPostingId"],
            "message": "你已举报过该招工信息，正在审核",
        }
    ]
    assert unpublished["data"]["jobPostingReport"]["userErrors"] == [
        {"code": "NOT_FOUND", "field": ["jobPostingId"], "message": "招工信息不存在"}
    ]
    assert other["data"]["jobPostingReport"]["userErrors"] == [
        {"code": "REQUIRED", "field": ["note"], "message": "请填写举报说明"}
    ]
    assert await snapshot() == before
