"""`jobApplicationCancel`: the worker or the employer withdraws, with a reason."""

from __future__ import annotations

from datetime import timedelta

import pytest

from resolvers.global_ids import encode_id
from services.timeutil import now
from tests.fixtures.job_posting import (
    ROLES,
    assert_denied,
    insert_application,
    insert_posting,
    make_application,
    make_cast,
    make_posting,
    snapshot,
)
from tests.fixtures.worker import make_worker

CANCEL = """
mutation($id: ID!, $reason: String!) {
  jobApplicationCancel(id: $id, reason: $reason) {
    jobApplication {
      status cancelledBy cancelReason jobPosting { status confirmedCount }
    }
    userErrors { code field message }
  }
}"""


def refused(code: str, field: str, message: str) -> dict:
    return {
        "data": {
            "jobApplicationCancel": {
                "jobApplication": None,
                "userErrors": [{"code": code, "field": [field], "message": message}],
            }
        }
    }


@pytest.mark.parametrize("role", ROLES)
async def test_the_worker_or_the_employer_cancels_and_a_filled_posting_reopens(gql, role):
    # given: the only place is confirmed
    cast = await make_cast()
    posting_id = await make_posting(cast.employer_id, market_id=cast.market_id, headcount=1)
    application_id = await make_application(
        cast.worker_id, posting_id, cast.employer_id, status="CONFIRMED"
    )
    before = await snapshot()

    # when
    body = await gql(
        CANCEL,
        {"id": encode_id("JobApplication", application_id), "reason": "家中有事"},
        token=cast.token[role],
    )

    # then
    if role in ("worker", "employer"):
        assert body == {
            "data": {
                "jobApplicationCancel": {
                    "jobApplication": {
                        "status": "CANCELLED",
                        "cancelledBy": role.upper(),
                        "cancelReason": "家中有事",
                        "jobPosting": {"status": "OPEN", "confirmedCount": 0},
                    },
                    "userErrors": [],
                }
            }
        }
        return
    assert_denied(body, role, "jobApplicationCancel")
    assert await snapshot() == before


async def test_a_reason_is_required_and_short(gql):
    cast = await make_cast()
    posting_id = await make_posting(cast.employer_id)
    gid = encode_id(
        "JobApplication", await make_application(cast.worker_id, posting_id, cast.employer_id)
    )
    before = await snapshot()

    empty = await gql(CANCEL, {"id": gid, "reason": "  "}, token=cast.token["worker"])
    long = await gql(CANCEL, {"id": gid, "reason": "因" * 201}, token=cast.token["worker"])

    assert empty == refused("REASON_REQUIRED", "reason", "请填写取消原因")
    assert long == refused("TOO_LONG", "reason", "取消原因不超过 200 个字")
    assert await snapshot() == before


async def test_other_workers_cannot_cancel_and_finished_work_cannot_be_cancelled(gql):
    # given
    cast = await make_cast()
    posting_id = await make_posting(cast.employer_id)
    completed = await make_application(cast.worker_id, posting_id, cast.employer_id, "COMPLETED")
    _, stranger = await make_worker()
    before = await snapshot()

    # when
    theirs = await gql(
        CANCEL, {"id": encode_id("JobApplication", completed), "reason": "x"}, token=stranger
    )
    done = await gql(
        CANCEL,
        {"id": encode_id("JobApplication", completed), "reason": "x"},
        token=cast.token["worker"],
    )

    # then
    assert theirs == refused("NOT_FOUND", "id", "报名记录不存在")
    assert done == refused("INVALID_STATE", "id", "只有待确认或已确认的报名可以取消")
    assert await snapshot() == before


async def test_a_confirmed_shift_that_started_cannot_be_cancelled(gql):
    cast = await make_cast()
    running = await insert_posting(
        cast.employer_id, now() - timedelta(hours=1), now() + timedelta(hours=5), status="FILLED"
    )
    application_id = await insert_application(cast.worker_id, running, "CONFIRMED")
    before = await snapshot()

    body = await gql(
        CANCEL,
        {"id": encode_id("JobApplication", application_id), "reason": "不想去了"},
        token=cast.token["worker"],
    )

    assert body == refused("ALREADY_STARTED", "id", "已经开工，不能取消；未到岗请标记未到岗")
    assert await snapshot() == before


async def test_cancelling_a_pending_application_leaves_the_count_alone(gql):
    cast = await make_cast()
    posting_id = await make_posting(cast.employer_id, headcount=2)
    other, _ = await make_worker()
    await make_application(other, posting_id, cast.employer_id, "CONFIRMED")
    pending = await make_application(cast.worker_id, posting_id, cast.employer_id)

    body = await gql(
        CANCEL,
        {"id": encode_id("JobApplication", pending), "reason": "找到别的工作"},
        token=cast.token["employer"],
    )

    assert body["data"]["jobApplicationCancel"]["jobApplication"]["jobPosting"] == {
        "status": "OPEN",
        "confirmedCount": 1,
    }
