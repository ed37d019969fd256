"""`jobPostingPublish`: DRAFT → OPEN for verified employers without wage arrears (（八）（十六）)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from resolvers.global_ids import encode_id
from services.timeutil import now
from tables import job_posting as t
from tables.employer import Employer
from tests.fixtures.employer import flag_arrears, make_employer
from tests.fixtures.job_posting import ROLES, insert_posting, make_cast, make_posting, snapshot

PUBLISH = """
mutation($id: ID!) {
  jobPostingPublish(id: $id) {
    jobPosting { id status }
    userErrors { code field message }
  }
}"""


def refused(code: str, field: list[str] | None, message: str) -> dict:
    return {
        "data": {
            "jobPostingPublish": {
                "jobPosting": None,
                "userErrors": [{"code": code, "field": field, "message": message}],
            }
        }
    }


@pytest.mark.parametrize("role", ROLES)
async def test_only_the_postings_employer_publishes_it(gql, role):
    # given
    cast = await make_cast()
    posting_id = await make_posting(cast.employer_id, publish=False)
    gid = encode_id("JobPosting", posting_id)
    before = await snapshot()

    # when
    body = await gql(PUBLISH, {"id": gid}, token=cast.token[role])

    # then
    if role == "employer":
        assert body == {
            "data": {
                "jobPostingPublish": {"jobPosting": {"id": gid, "status": "OPEN"}, "userErrors": []}
            }
        }
        row = await t.JobPosting.select(t.JobPosting.status, t.JobPosting.published_at).first()
        assert row["status"] == "OPEN" and row["published_at"] is not None
        return
    expected = "UNAUTHENTICATED" if role == "anonymous" else "FORBIDDEN"
    assert body["data"] is None
    assert [e["extensions"] for e in body["errors"]] == [{"code": expected}]
    assert await snapshot() == before


async def test_another_employers_posting_looks_missing(gql):
    # given
    cast = await make_cast()
    posting_id = await make_posting(cast.employer_id, publish=False)
    _, other = await make_employer()
    before = await snapshot()

    # when
    theirs = await gql(PUBLISH, {"id": encode_id("JobPosting", posting_id)}, token=other)
    unknown = await gql(PUBLISH, {"id": encode_id("JobPosting", 999999)}, token=other)
    malformed = await gql(PUBLISH, {"id": "???"}, token=other)

    # then
    assert theirs == unknown == malformed == refused("NOT_FOUND", ["id"], "招工信息不存在")
    assert await snapshot() == before


@pytest.mark.parametrize("status", ["PENDING", "REJECTED"])
async def test_an_unverified_employer_cannot_publish(gql, status):
    employer_id, token = await make_employer(verified=False)
    await Employer.update({Employer.verification_status: status}).where(Employer.id == employer_id)
    posting_id = await make_posting(employer_id, publish=False)
    before = await snapshot()

    body = await gql(PUBLISH, {"id": encode_id("JobPosting", posting_id)}, token=token)

    assert body == refused("EMPLOYER_NOT_VERIFIED", None, "用工主体尚未通过审核，不能发布招工信息")
    assert await snapshot() == before


async def test_an_employer_with_open_wage_arrears_cannot_publish(gql):
    employer_id, token = await make_employer()
    posting_id = await make_posting(employer_id, publish=False)
    await flag_arrears(employer_id)
    before = await snapshot()

    body = await gql(PUBLISH, {"id": encode_id("JobPosting", posting_id)}, token=token)

    assert body == refused(
        "EMPLOYER_WAGE_ARREARS", None, "用工主体存在查实的欠薪记录，解除前不能发布招工信息"
    )
    assert await snapshot() == before


async def test_only_a_draft_that_has_not_started_can_be_published(gql):
    # given
    cast = await make_cast()
    published = await make_posting(cast.employer_id)
    started = await insert_posting(
        cast.employer_id, now() - timedelta(hours=1), now() + timedelta(hours=3), status="DRAFT"
    )
    ended = await insert_posting(
        cast.employer_id, now() - timedelta(hours=3), now() - timedelta(hours=1), status="DRAFT"
    )
    before = await snapshot()

    # when
    results = [
        await gql(PUBLISH, {"id": encode_id("JobPosting", p)}, token=cast.token["employer"])
        for p in (published, started, ended)
    ]

    # then
    assert results == [
        refused("INVALID_STATE", ["id"], "只有草稿可以发布"),
        refused("WINDOW_IN_PAST", ["startsAt"], "工作已经开始，不能再发布"),
        refused("INVALID_STATE", ["id"], "只有草稿可以发布"),
    ]
    assert await snapshot() == before


async def test_a_same_day_posting_must_start_today(gql):
    cast = await make_cast()
    posting_id = await make_posting(
        cast.employer_id, publish=False, same_day=True, starts_in=timedelta(days=2)
    )

    body = await gql(
        PUBLISH, {"id": encode_id("JobPosting", posting_id)}, token=cast.token["employer"]
    )

    assert body == refused("SAME_DAY_MISMATCH", ["sameDay"], "当日到岗的岗位须在今天开工")
