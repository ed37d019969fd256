"""`myJobPostings`: the signed-in employer's postings in every status, newest first."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.timeutil import now
from tests.fixtures.employer import make_employer
from tests.fixtures.job_posting import ROLES, assert_denied, insert_posting, make_cast, make_posting

MINE = """
query($status: [JobPostingStatus!], $first: Int, $after: String) {
  myJobPostings(status: $status, first: $first, after: $after) {
    totalCount nodes { title status } pageInfo { hasNextPage endCursor }
  }
}"""


@pytest.mark.parametrize("role", ROLES)
async def test_only_employers_list_their_postings(gql, role):
    # given
    cast = await make_cast()
    await make_posting(cast.employer_id, title="草稿", publish=False)
    other, _ = await make_employer()
    await make_posting(other, title="别人的")

    # when
    body = await gql(MINE, token=cast.token[role])

    # then
    if role == "employer":
        assert body["data"]["myJobPostings"]["nodes"] == [{"title": "草稿", "status": "DRAFT"}]
    else:
        assert_denied(body, role, "myJobPostings")


async def test_every_status_newest_first_with_expired_ones_read_as_expired(gql):
    # given
    cast = await make_cast()
    await insert_posting(
        cast.employer_id, now() - timedelta(hours=9), now() - timedelta(hours=1), title="已结束"
    )
    await make_posting(cast.employer_id, title="招聘中")
    await make_posting(cast.employer_id, title="草稿", publish=False)

    # when
    everything = await gql(MINE, {"first": 2}, token=cast.token["employer"])
    cursor = everything["data"]["myJobPostings"]["pageInfo"]["endCursor"]
    rest = await gql(MINE, {"first": 2, "after": cursor}, token=cast.token["employer"])
    expired = await gql(MINE, {"status": ["EXPIRED"]}, token=cast.token["employer"])
    open_ = await gql(MINE, {"status": ["OPEN", "DRAFT"]}, token=cast.token["employer"])

    # then
    assert everything["data"]["myJobPostings"]["nodes"] == [
        {"title": "草稿", "status": "DRAFT"},
        {"title": "招聘中", "status": "OPEN"},
    ]
    assert everything["data"]["myJobPostings"]["totalCount"] == 3
    assert rest["data"]["myJobPostings"]["nodes"] == [{"title": "已结束", "status": "EXPIRED"}]
    assert expired["data"]["myJobPostings"]["nodes"] == [{"title": "已结束", "status": "EXPIRED"}]
    assert [n["title"] for n in open_["data"]["myJobPostings"]["nodes"]] == ["草稿", "招聘中"]
