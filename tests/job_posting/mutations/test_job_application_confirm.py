"""`jobApplicationConfirm`: the employer confirms (线下确认), within headcount, no overlaps."""

from __future__ import annotations

from datetime import timedelta

import pytest

from resolvers.global_ids import encode_id
from tables import job_posting as t
from tests.fixtures.employer import make_employer
from tests.fixtures.job_posting import (
    ROLES,
    assert_denied,
    make_application,
    make_cast,
    make_posting,
    snapshot,
)
from tests.fixtures.worker import make_worker

CONFIRM = """
mutation($id: ID!) {
  jobApplicationConfirm(id: $id) {
    jobApplication { status secondsToConfirm jobPosting { status confirmedCount remaining } }
    userErrors { code field message }
  }
}"""


def refused(code: str, message: str) -> dict:
    return {
        "data": {
            "jobApplicationConfirm": {
                "jobApplication": None,
                "userErrors": [{"code": code, "field": ["id"], "message": message}],
            }
        }
    }


@pytest.mark.parametrize("role", ROLES)
async def test_only_the_postings_employer_confirms(gql, role):
    # given
    cast = await make_cast()
    posting_id = await make_posting(cast.employer_id, market_id=cast.market_id, headcount=1)
    application_id = await make_application(cast.worker_id, posting_id, cast.employer_id)
    before = await snapshot()

    # when
    body = await gql(
        CONFIRM, {"id": encode_id("JobApplication", application_id)}, token=cast.token[role]
    )

    # then
    if role == "employer":
        seconds = body["data"]["jobApplicationConfirm"]["jobApplication"]["secondsToConfirm"]
        assert body == {
            "data": {
                "jobApplicationConfirm": {
                    "jobApplication": {
                        "status": "CONFIRMED",
                        "secondsToConfirm": seconds,
                        "jobPosting": {"status": "FILLED", "confirmedCount": 1, "remaining": 0},
                    },
                    "userErrors": [],
                }
            }
        }
        assert 0 <= seconds < 60
        return
    assert_denied(body, role, "jobApplicationConfirm")
    assert await snapshot() == before


async def test_another_employer_sees_no_such_application(gql):
    cast = await make_cast()
    posting_id = await make_posting(cast.employer_id)
    application_id = await make_application(cast.worker_id, posting_id, cast.employer_id)
    _, other = await make_employer()
    before = await snapshot()

    theirs = await gql(CONFIRM, {"id": encode_id("JobApplication", application_id)}, token=other)
    unknown = await gql(CONFIRM, {"id": encode_id("JobApplication", 999999)}, token=other)

    assert theirs == unknown == refused("NOT_FOUND", "报名记录不存在")
    assert await snapshot() == before


async def test_a_full_posting_confirms_no_one_more(gql):
    # given
    cast = await make_cast()
    posting_id = await make_posting(cast.employer_id, headcount=1)
    late_worker, _ = await make_worker()
    late = await make_application(late_worker, posting_id, cast.employer_id)
    await make_application(cast.worker_id, posting_id, cast.employer_id, status="CONFIRMED")
    before = await snapshot()

    # when
    body = await gql(
        CONFIRM, {"id": encode_id("JobApplication", late)}, token=cast.token["employer"]
    )

    # then
    assert body == refused("HEADCOUNT_FULL", "已招满")
    assert await snapshot() == before


async def test_only_pending_applications_on_open_postings_are_confirmed(gql):
    # given
    cast = await make_cast()
    posting_id = await make_posting(cast.employer_id, headcount=2)
    confirmed = await make_application(cast.worker_id, posting_id, cast.employer_id, "CONFIRMED")
    other_worker, _ = await make_worker()
    pending = await make_application(other_worker, posting_id, cast.employer_id)
    await t.JobPosting.update({t.JobPosting.status: "CLOSED"}).where(t.JobPosting.id == posting_id)
    before = await snapshot()

    # when
    again = await gql(
        CONFIRM, {"id": encode_id("JobApplication", confirmed)}, token=cast.token["employer"]
    )
    closed = await gql(
        CONFIRM, {"id": encode_id("JobApplication", pending)}, token=cast.token["employer"]
    )

    # then
    assert again == refused("INVALID_STATE", "只能确认待确认的报名")
    assert closed == refused("INVALID_STATE", "招工信息已关闭或已过期")
    assert await snapshot() == before


async def test_a_worker_is_never_confirmed_for_two_overlapping_shifts(gql):
    # given: the worker applied to two overlapping postings of two employers
    cast = await make_cast()
    first = await make_posting(cast.employer_id, starts_in=timedelta(days=1))
    other_employer, other_token = await make_employer()
    second = await make_posting(other_employer, starts_in=timedelta(days=1, hours=7))
    a = await make_application(cast.worker_id, first, cast.employer_id)
    b = await make_application(cast.worker_id, second, other_employer)
    await gql(CONFIRM, {"id": encode_id("JobApplication", a)}, token=cast.token["employer"])
    before = await snapshot()

    # when
    body = await gql(CONFIRM, {"id": encode_id("JobApplication", b)}, token=other_token)

    # then
    assert body == refused("SHIFT_OVERLAP", "该零工在重叠时段已有确认的工作")
    assert await snapshot() == before


async def test_back_to_back_shifts_do_not_overlap(gql):
    cast = await make_cast()
    first = await make_posting(cast.employer_id, starts_in=timedelta(days=1), hours=4)
    second = await make_posting(cast.employer_id, starts_in=timedelta(days=1, hours=4), hours=4)
    a = await make_application(cast.worker_id, first, cast.employer_id)
    b = await make_application(cast.worker_id, second, cast.employer_id)

    results = [
        await gql(CONFIRM, {"id": encode_id("JobApplication", i)}, token=cast.token["employer"])
        for i in (a, b)
    ]

    assert [r["data"]["jobApplicationConfirm"]["userErrors"] for r in results] == [[], []]
