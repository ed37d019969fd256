"""`jobPostingPublish` holds a posting that asks for "限男性" or "35岁以下" for review."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from resolvers.global_ids import encode_id
from services.job_posting import board
from services.job_posting import rules as postings
from services.timeutil import now
from tables import job_posting as jp
from tables import rights_case as t
from tables.audit import AuditLog
from tests.fixtures.job_posting import make_cast
from tests.fixtures.market import occupation_id

PUBLISH = """
mutation($id: ID!) {
  jobPostingPublish(id: $id) {
    jobPosting { status publishedAt heldFor }
    userErrors { code field message }
  }
}"""
POSTING = """
query($id: ID!) { jobPosting(id: $id) { status heldFor } }"""


async def draft(employer_id: int, title: str, description: str) -> int:
    starts_at = (now() + timedelta(hours=5)).replace(microsecond=0)
    return await postings.create(
        employer_id,
        postings.PostingDraft(
            occupation_id=await occupation_id("装卸搬运工"),
            market_id=None,
            market_given=False,
            title=title,
            description=description,
            headcount=2,
            wage_amount=Decimal("200"),
            wage_unit="DAY",
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=8),
            address="杭州市上城区望江路 1 号",
            region_code="330102",
        ),
    )


async def test_discriminatory_text_is_held_with_the_terms_shown(gql):
    # given
    cast = await make_cast()
    posting_id = await draft(cast.employer_id, "仓库装卸工（限男性）", "35岁以下，能吃苦")
    gid = encode_id("JobPosting", posting_id)
    listening = board.broker.subscriber_count

    # when
    body = await gql(PUBLISH, {"id": gid}, token=cast.token["employer"])

    # then: held, not published, the terms shown to the employer and staff only
    assert body == {
        "data": {
            "jobPostingPublish": {
                "jobPosting": {
                    "status": "HELD",
                    "publishedAt": None,
                    "heldFor": ["限男性", "35岁以下"],
                },
                "userErrors": [],
            }
        }
    }
    assert board.broker.subscriber_count == listening
    staff = await gql(POSTING, {"id": gid}, token=cast.token["staff"])
    worker = await gql(POSTING, {"id": gid}, token=cast.token["worker"])
    assert staff == {"data": {"jobPosting": {"status": "HELD", "heldFor": ["限男性", "35岁以下"]}}}
    assert worker == {"data": {"jobPosting": None}}  # not published: nobody else sees it
    review = await t.PostingReview.select(
        t.PostingReview.source, t.PostingReview.status, t.PostingReview.matched_terms
    )
    assert review == [
        {"source": "SCREENING", "status": "OPEN", "matched_terms": "限男性、35岁以下"}
    ]
    audit = await AuditLog.select(AuditLog.action, AuditLog.actor_type).where(
        AuditLog.entity_type == "job_posting"
    )
    assert audit == [{"action": "job_posting.hold", "actor_type": "SYSTEM"}]
    public = await gql("{ jobPostings { totalCount } }")
    assert public == {"data": {"jobPostings": {"totalCount": 0}}}


async def test_lawful_text_publishes_as_before(gql):
    cast = await make_cast()
    posting_id = await draft(cast.employer_id, "仓库装卸工", "年满18周岁，男女不限")

    body = await gql(
        PUBLISH, {"id": encode_id("JobPosting", posting_id)}, token=cast.token["employer"]
    )

    assert body["data"]["jobPostingPublish"]["jobPosting"]["status"] == "OPEN"
    assert body["data"]["jobPostingPublish"]["jobPosting"]["heldFor"] is None
    assert await t.PostingReview.count() == 0
    row = await jp.JobPosting.select(jp.JobPosting.status).first()
    assert row == {"status": "OPEN"}
