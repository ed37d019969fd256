"""`trainingEnrol`: a free place or the waitlist; never two overlapping sessions or shifts."""

from __future__ import annotations

from datetime import timedelta

import pytest

from resolvers.global_ids import encode_id
from services.training import rules as courses
from tables import training as t
from tests.fixtures.job_posting import (
    ROLES,
    assert_denied,
    make_application,
    make_cast,
    make_posting,
)
from tests.fixtures.training import enrol, make_course, sessions, shift_into_past, snapshot
from tests.fixtures.worker import make_worker

ENROL = """
mutation($id: ID!) {
  trainingEnrol(trainingId: $id) {
    enrolment { status waitlistPosition certificateNo training { title enrolledCount seatsLeft status } }
    userErrors { code field message }
  }
}"""


def refused(code: str, message: str) -> dict:
    return {
        "data": {
            "trainingEnrol": {
                "enrolment": None,
                "userErrors": [{"code": code, "field": ["trainingId"], "message": message}],
            }
        }
    }


@pytest.mark.parametrize("role", ROLES)
async def test_only_workers_enrol(gql, role):
    # given
    cast = await make_cast()
    course_id = await make_course(cast.market_id, capacity=2)
    before = await snapshot()

    # when
    body = await gql(ENROL, {"id": encode_id("Training", course_id)}, token=cast.token[role])

    # then
    if role == "worker":
        assert body == {
            "data": {
                "trainingEnrol": {
                    "enrolment": {
                        "status": "ENROLLED",
                        "waitlistPosition": None,
                        "certificateNo": None,
                        "training": {
                            "title": "叉车操作实训",
                            "enrolledCount": 1,
                            "seatsLeft": 1,
                            "status": "OPEN",
                        },
                    },
                    "userErrors": [],
                }
            }
        }
        return
    assert_denied(body, role, "trainingEnrol")
    assert await snapshot() == before


async def test_a_full_course_waitlists_in_order(gql):
    # given: one place, taken
    cast = await make_cast()
    course_id = await make_course(cast.market_id, capacity=1)
    gid = encode_id("Training", course_id)
    first = await gql(ENROL, {"id": gid}, token=cast.token["worker"])
    tokens = [(await make_worker())[1] for _ in range(2)]

    # when
    second = await gql(ENROL, {"id": gid}, token=tokens[0])
    third = await gql(ENROL, {"id": gid}, token=tokens[1])

    # then
    assert first["data"]["trainingEnrol"]["enrolment"]["training"]["status"] == "FULL"
    assert [
        (
            b["data"]["trainingEnrol"]["enrolment"]["status"],
            b["data"]["trainingEnrol"]["enrolment"]["waitlistPosition"],
        )
        for b in (second, third)
    ] == [("WAITLISTED", 1), ("WAITLISTED", 2)]
    course = await t.TrainingCourse.select(
        t.TrainingCourse.status, t.TrainingCourse.enrolled_count
    ).first()
    assert course == {"status": "FULL", "enrolled_count": 1}


async def test_unknown_draft_closed_and_started_courses_are_refused(gql):
    # given
    cast = await make_cast()
    draft = await make_course(cast.market_id, publish=False)
    closed = await make_course(cast.market_id, title="已取消的课")
    await courses.close(courses.Actor("STAFF", 1), closed)
    started = await make_course(cast.market_id, title="已开课的课")
    await shift_into_past(started, timedelta(days=3, hours=1))  # the first session is running
    before = await snapshot()

    # when
    results = [
        await gql(ENROL, {"id": gid}, token=cast.token["worker"])
        for gid in (
            encode_id("Training", 999999),
            "bm9wZQ==",
            encode_id("Training", draft),
            encode_id("Training", closed),
            encode_id("Training", started),
        )
    ]

    # then
    assert results == [
        refused("NOT_FOUND", "培训课程不存在"),
        refused("NOT_FOUND", "培训课程不存在"),
        refused("NOT_FOUND", "培训课程不存在"),
        refused("INVALID_STATE", "课程已关闭或已结束"),
        refused("ENROLMENT_CLOSED", "课程已经开始，不能再报名"),
    ]
    assert await snapshot() == before


async def test_enrolling_twice_is_refused(gql):
    cast = await make_cast()
    course_id = await make_course(cast.market_id)
    gid = encode_id("Training", course_id)
    await gql(ENROL, {"id": gid}, token=cast.token["worker"])
    before = await snapshot()

    again = await gql(ENROL, {"id": gid}, token=cast.token["worker"])

    assert again == refused("ALREADY_ENROLLED", "已经报过名")
    assert await snapshot() == before


async def test_overlapping_sessions_name_the_other_course(gql):
    # given: enrolled in a course whose second session (day 4, 09:00–12:00 local) overlaps
    cast = await make_cast()
    held = await make_course(cast.market_id, title="电工基础", times=sessions(2))
    await enrol(cast.worker_id, held)
    first, second = sessions(2)
    clashing = await make_course(
        cast.market_id,
        title="焊工入门",
        times=[(second[0] + timedelta(hours=1), second[1] + timedelta(hours=2))],
    )
    apart = await make_course(
        cast.market_id, title="晚班课", times=[(second[1], second[1] + timedelta(hours=2))]
    )
    before = await snapshot()

    # when
    refused_body = await gql(
        ENROL, {"id": encode_id("Training", clashing)}, token=cast.token["worker"]
    )
    accepted = await gql(ENROL, {"id": encode_id("Training", apart)}, token=cast.token["worker"])

    # then
    (error,) = refused_body["data"]["trainingEnrol"]["userErrors"]
    assert (error["code"], error["field"]) == ("TRAINING_OVERLAP", ["trainingId"])
    assert error["message"].startswith("与已报名的课程「电工基础」（")
    assert error["message"].endswith("）时间重叠")
    assert accepted["data"]["trainingEnrol"]["userErrors"] == []
    after = await snapshot()
    assert after["training_enrolment"][:1] == before["training_enrolment"]


async def test_a_session_overlapping_a_confirmed_shift_names_the_shift(gql):
    # given: a confirmed shift on the day of the course
    cast = await make_cast()
    posting_id = await make_posting(
        cast.employer_id, title="冷库搬运", starts_in=timedelta(days=3, hours=1), hours=4
    )
    await make_application(cast.worker_id, posting_id, cast.employer_id, status="CONFIRMED")
    course_id = await make_course(cast.market_id)
    before = await snapshot()

    # when
    body = await gql(ENROL, {"id": encode_id("Training", course_id)}, token=cast.token["worker"])

    # then
    (error,) = body["data"]["trainingEnrol"]["userErrors"]
    assert (error["code"], error["field"]) == ("SHIFT_OVERLAP", ["trainingId"])
    assert error["message"].startswith("与已确认的工作「冷库搬运」（")
    assert await snapshot() == before
