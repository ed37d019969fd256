"""`jobApplicationCreate`: a worker applies online (线上点单); an operator applies on site."""

from __future__ import annotations

from datetime import timedelta

import pytest

from resolvers.global_ids import encode_id
from services.timeutil import now
from tables import job_posting as t
from tests.fixtures.job_posting import (
    ROLES,
    assert_denied,
    insert_posting,
    make_application,
    make_cast,
    make_posting,
    snapshot,
)
from tests.fixtures.worker import make_walk_in, make_worker

APPLY = """
mutation($input: JobApplicationCreateInput!) {
  jobApplicationCreate(input: $input) {
    jobApplication { status channel worker { name } jobPosting { title } }
    userErrors { code field message }
  }
}"""


def refused(code: str, field: str, message: str) -> dict:
    return {
        "data": {
            "jobApplicationCreate": {
                "jobApplication": None,
                "userErrors": [{"code": code, "field": [field], "message": message}],
            }
        }
    }


@pytest.mark.parametrize("role", ROLES)
async def test_workers_apply_and_operators_apply_for_their_walk_ins(gql, role):
    # given
    cast = await make_cast()
    posting_id = await make_posting(cast.employer_id, market_id=cast.market_id)
    walk_in = await make_walk_in(cast.operator_id, cast.market_id, name="李四")
    variables = {"jobPostingId": encode_id("JobPosting", posting_id)}
    if role.endswith("operator"):
        variables["workerId"] = encode_id("Worker", walk_in)
    before = await snapshot()

    # when
    body = await gql(APPLY, {"input": variables}, token=cast.token[role])

    # then
    applied = {"status": "APPLIED", "jobPosting": {"title": "仓库装卸工"}}
    if role == "worker":
        assert body["data"]["jobApplicationCreate"] == {
            "jobApplication": {**applied, "channel": "ONLINE", "worker": {"name": "张三"}},
            "userErrors": [],
        }
    elif role == "operator":
        assert body["data"]["jobApplicationCreate"] == {
            "jobApplication": {**applied, "channel": "ON_SITE", "worker": {"name": "李四"}},
            "userErrors": [],
        }
    elif role == "other_operator":
        assert body == refused("NOT_FOUND", "workerId", "零工不存在")
        assert await snapshot() == before
    else:
        assert_denied(body, role, "jobApplicationCreate")
        assert await snapshot() == before


async def test_an_operator_must_name_the_worker_and_a_worker_only_themself(gql):
    cast = await make_cast()
    posting_id = await make_posting(cast.employer_id)
    other_worker, _ = await make_worker()
    gid = encode_id("JobPosting", posting_id)
    before = await snapshot()

    operator = await gql(APPLY, {"input": {"jobPostingId": gid}}, token=cast.token["operator"])
    someone_else = await gql(
        APPLY,
        {"input": {"jobPostingId": gid, "workerId": encode_id("Worker", other_worker)}},
        token=cast.token["worker"],
    )

    assert operator == refused("REQUIRED", "workerId", "请选择报名的零工")
    assert someone_else == refused("NOT_FOUND", "workerId", "零工不存在")
    assert await snapshot() == before


async def test_drafts_unknown_filled_closed_and_expired_postings(gql):
    # given
    cast = await make_cast()
    draft = await make_posting(cast.employer_id, publish=False)
    filled = await make_posting(cast.employer_id, starts_in=timedelta(days=3))
    other_worker, _ = await make_worker()
    await make_application(other_worker, filled, cast.employer_id, status="CONFIRMED")
    closed = await insert_posting(
        cast.employer_id, now() + timedelta(days=5), now() + timedelta(days=5, hours=8), "CLOSED"
    )
    expired = await insert_posting(
        cast.employer_id, now() - timedelta(hours=9), now() - timedelta(hours=1), "OPEN"
    )
    before = await snapshot()

    # when
    results = [
        await gql(
            APPLY,
            {"input": {"jobPostingId": encode_id("JobPosting", p)}},
            token=cast.token["worker"],
        )
        for p in (draft, 999999, filled, closed, expired)
    ]

    # then
    assert results == [
        refused("NOT_FOUND", "jobPostingId", "招工信息不存在"),
        refused("NOT_FOUND", "jobPostingId", "招工信息不存在"),
        refused("HEADCOUNT_FULL", "jobPostingId", "已招满"),
        refused("INVALID_STATE", "jobPostingId", "招工信息已关闭或已过期"),
        refused("INVALID_STATE", "jobPostingId", "招工信息已关闭或已过期"),
    ]
    assert await snapshot() == before


async def test_one_live_application_per_worker_and_posting(gql):
    # given
    cast = await make_cast()
    posting_id = await make_posting(cast.employer_id)
    variables = {"input": {"jobPostingId": encode_id("JobPosting", posting_id)}}
    await gql(APPLY, variables, token=cast.token["worker"])
    before = await snapshot()

    # when
    again = await gql(APPLY, variables, token=cast.token["worker"])

    # then
    assert again == refused("ALREADY_APPLIED", "jobPostingId", "已经报过名")
    assert await snapshot() == before


async def test_a_worker_who_withdrew_may_apply_again_but_not_after_being_turned_down(gql):
    # given
    cast = await make_cast()
    posting_id = await make_posting(cast.employer_id)
    application_id = await make_application(
        cast.worker_id, posting_id, cast.employer_id, status="CANCELLED"
    )
    variables = {"input": {"jobPostingId": encode_id("JobPosting", posting_id)}}

    # when
    again = await gql(APPLY, variables, token=cast.token["worker"])
    await t.JobApplication.update(
        {t.JobApplication.status: "CANCELLED", t.JobApplication.cancelled_by: "EMPLOYER"}
    ).where(t.JobApplication.id == application_id)
    turned_down = await gql(APPLY, variables, token=cast.token["worker"])

    # then: the same row, reopened once
    assert again["data"]["jobApplicationCreate"]["jobApplication"]["status"] == "APPLIED"
    assert turned_down == refused("ALREADY_APPLIED", "jobPostingId", "已经报过名")
    assert await t.JobApplication.count() == 1


async def test_a_worker_booked_in_an_overlapping_window_cannot_apply(gql):
    # given: confirmed 08:00–16:00 tomorrow; the new posting runs 12:00–20:00
    cast = await make_cast()
    first = await make_posting(cast.employer_id, starts_in=timedelta(days=1))
    await make_application(cast.worker_id, first, cast.employer_id, status="CONFIRMED")
    second = await make_posting(cast.employer_id, starts_in=timedelta(days=1, hours=4))
    before = await snapshot()

    # when
    body = await gql(
        APPLY,
        {"input": {"jobPostingId": encode_id("JobPosting", second)}},
        token=cast.token["worker"],
    )

    # then
    assert body == refused("SHIFT_OVERLAP", "jobPostingId", "该时段已有确认的工作")
    assert await snapshot() == before
