"""`trainingWithdraw`: a worker leaves before the start; the first in line gets the place."""

from __future__ import annotations

from datetime import timedelta

import pytest

from resolvers.global_ids import encode_id
from tables import training as t
from tests.fixtures.job_posting import ROLES, assert_denied, make_cast
from tests.fixtures.training import enrol, make_course, shift_into_past, snapshot
from tests.fixtures.worker import make_worker

WITHDRAW = """
mutation($id: ID!) {
  trainingWithdraw(id: $id) {
    enrolment { status withdrawnAt training { enrolledCount status } }
    userErrors { code field message }
  }
}"""
MINE = """
{ myTrainingEnrolments { nodes { status waitlistPosition } } }
"""


def refused(code: str, message: str) -> dict:
    return {
        "data": {
            "trainingWithdraw": {
                "enrolment": None,
                "userErrors": [{"code": code, "field": ["id"], "message": message}],
            }
        }
    }


@pytest.mark.parametrize("role", ROLES)
async def test_only_the_enrolled_worker_withdraws(gql, role):
    # given
    cast = await make_cast()
    course_id = await make_course(cast.market_id, capacity=1)
    enrolment_id = await enrol(cast.worker_id, course_id)
    before = await snapshot()

    # when
    body = await gql(
        WITHDRAW, {"id": encode_id("TrainingEnrolment", enrolment_id)}, token=cast.token[role]
    )

    # then
    if role == "worker":
        enrolment = body["data"]["trainingWithdraw"]["enrolment"]
        assert body["data"]["trainingWithdraw"]["userErrors"] == []
        assert enrolment["status"] == "WITHDRAWN" and enrolment["withdrawnAt"] is not None
        assert enrolment["training"] == {"enrolledCount": 0, "status": "OPEN"}
        return
    assert_denied(body, role, "trainingWithdraw")
    assert await snapshot() == before


async def test_a_freed_place_goes_to_the_first_in_line(gql):
    # given: one place, taken; two workers waiting
    cast = await make_cast()
    course_id = await make_course(cast.market_id, capacity=1)
    enrolment_id = await enrol(cast.worker_id, course_id)
    waiting = [await make_worker() for _ in range(2)]
    for worker_id, _ in waiting:
        await enrol(worker_id, course_id)

    # when
    body = await gql(
        WITHDRAW, {"id": encode_id("TrainingEnrolment", enrolment_id)}, token=cast.token["worker"]
    )

    # then: the first waiting worker holds the place, the second is now first in line
    assert body["data"]["trainingWithdraw"]["enrolment"]["training"] == {
        "enrolledCount": 1,
        "status": "FULL",
    }
    first = await gql(MINE, token=waiting[0][1])
    second = await gql(MINE, token=waiting[1][1])
    assert first["data"]["myTrainingEnrolments"]["nodes"] == [
        {"status": "ENROLLED", "waitlistPosition": None}
    ]
    assert second["data"]["myTrainingEnrolments"]["nodes"] == [
        {"status": "WAITLISTED", "waitlistPosition": 1}
    ]


async def test_a_waitlisted_worker_withdrawing_frees_no_place(gql):
    cast = await make_cast()
    course_id = await make_course(cast.market_id, capacity=1)
    holder, _ = await make_worker()
    await enrol(holder, course_id)
    waiting = await enrol(cast.worker_id, course_id)

    body = await gql(
        WITHDRAW, {"id": encode_id("TrainingEnrolment", waiting)}, token=cast.token["worker"]
    )

    assert body["data"]["trainingWithdraw"]["enrolment"]["training"] == {
        "enrolledCount": 1,
        "status": "FULL",
    }
    statuses = await t.TrainingEnrolment.select(t.TrainingEnrolment.status).order_by(
        t.TrainingEnrolment.id
    )
    assert [r["status"] for r in statuses] == ["ENROLLED", "WITHDRAWN"]


async def test_someone_elses_twice_withdrawn_and_started_enrolments_are_refused(gql):
    # given
    cast = await make_cast()
    other, _ = await make_worker()
    course_id = await make_course(cast.market_id)
    theirs = await enrol(other, course_id)
    withdrawn = await enrol(cast.worker_id, course_id)
    await gql(
        WITHDRAW, {"id": encode_id("TrainingEnrolment", withdrawn)}, token=cast.token["worker"]
    )
    started_course = await make_course(cast.market_id, title="已开课", times=None)
    started = await enrol(cast.worker_id, started_course)
    await shift_into_past(started_course, timedelta(days=3, hours=1))
    before = await snapshot()

    # when
    results = [
        await gql(WITHDRAW, {"id": encode_id("TrainingEnrolment", e)}, token=cast.token["worker"])
        for e in (theirs, withdrawn, started)
    ]

    # then
    assert results == [
        refused("NOT_FOUND", "报名记录不存在"),
        refused("INVALID_STATE", "只有已报名或候补中的报名可以退出"),
        refused("ALREADY_STARTED", "课程已经开始，不能退出"),
    ]
    assert await snapshot() == before


async def test_after_withdrawing_a_worker_may_enrol_again_at_the_back_of_the_queue(gql):
    # given
    cast = await make_cast()
    course_id = await make_course(cast.market_id, capacity=1)
    mine = await enrol(cast.worker_id, course_id)
    await gql(WITHDRAW, {"id": encode_id("TrainingEnrolment", mine)}, token=cast.token["worker"])
    other, _ = await make_worker()
    await enrol(other, course_id)

    # when
    again = await enrol(cast.worker_id, course_id)

    # then: the same row, now waiting behind the worker who took the place
    assert again == mine
    body = await gql(MINE, token=cast.token["worker"])
    assert body["data"]["myTrainingEnrolments"]["nodes"] == [
        {"status": "WAITLISTED", "waitlistPosition": 1}
    ]
