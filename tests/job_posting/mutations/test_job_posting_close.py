"""`jobPostingClose`: the employer stops hiring; pending applications are cancelled."""

from __future__ import annotations

from datetime import timedelta

import pytest

from resolvers.global_ids import encode_id
from services.timeutil import now
from tests.fixtures.employer import make_employer
from tests.fixtures.job_posting import (
    ROLES,
    insert_posting,
    make_application,
    make_cast,
    make_posting,
    snapshot,
)
from tests.fixtures.worker import make_worker

CLOSE = """
mutation($id: ID!) {
  jobPostingClose(id: $id) {
    jobPosting { status applications { status cancelledBy cancelReason } }
    userErrors { code field message }
  }
}"""


@pytest.mark.parametrize("role", ROLES)
async def test_only_the_postings_employer_closes_it(gql, role):
    # given: one confirmed and one pending application
    cast = await make_cast()
    posting_id = await make_posting(cast.employer_id, headcount=2)
    await make_application(cast.worker_id, posting_id, cast.employer_id, status="CONFIRMED")
    other_worker, _ = await make_worker()
    await make_application(other_worker, posting_id, cast.employer_id)
    before = await snapshot()

    # when
    body = await gql(CLOSE, {"id": encode_id("JobPosting", posting_id)}, token=cast.token[role])

    # then
    if role == "employer":
        assert body == {
            "data": {
                "jobPostingClose": {
                    "jobPosting": {
                        "status": "CLOSED",
                        "applications": [
                            {"status": "CONFIRMED", "cancelledBy": None, "cancelReason": None},
                            {
                                "status": "CANCELLED",
                                "cancelledBy": "SYSTEM",
                                "cancelReason": "招工信息已关闭",
                            },
                        ],
                    },
                    "userErrors": [],
                }
            }
        }
        return
    expected = "UNAUTHENTICATED" if role == "anonymous" else "FORBIDDEN"
    assert body["data"] is None
    assert [e["extensions"] for e in body["errors"]] == [{"code": expected}]
    assert await snapshot() == before


async def test_closed_or_expired_postings_cannot_be_closed_again_and_others_are_missing(gql):
    # given
    cast = await make_cast()
    closed = await make_posting(cast.employer_id)
    await gql(CLOSE, {"id": encode_id("JobPosting", closed)}, token=cast.token["employer"])
    expired = await insert_posting(
        cast.employer_id, now() - timedelta(hours=5), now() - timedelta(hours=1)
    )
    _, other = await make_employer()
    before = await snapshot()

    # when
    again = await gql(CLOSE, {"id": encode_id("JobPosting", closed)}, token=cast.token["employer"])
    late = await gql(CLOSE, {"id": encode_id("JobPosting", expired)}, token=cast.token["employer"])
    theirs = await gql(CLOSE, {"id": encode_id("JobPosting", closed)}, token=other)

    # then
    invalid = {"code": "INVALID_STATE", "field": ["id"], "message": "该招工信息已关闭或已过期"}
    assert again["data"]["jobPostingClose"] == {"jobPosting": None, "userErrors": [invalid]}
    assert late["data"]["jobPostingClose"] == {"jobPosting": None, "userErrors": [invalid]}
    assert theirs["data"]["jobPostingClose"] == {
        "jobPosting": None,
        "userErrors": [{"code": "NOT_FOUND", "field": ["id"], "message": "招工信息不存在"}],
    }
    assert await snapshot() == before
