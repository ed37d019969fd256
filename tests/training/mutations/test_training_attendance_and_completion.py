"""`trainingAttendanceRecord` and `trainingEnrolmentComplete`: the course's operator or staff
record attendance per session and completion with a certificate number; the worker sees them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from resolvers.global_ids import encode_id
from tables import training as t
from tables.audit import AuditLog
from tests.fixtures.job_posting import ROLES, assert_denied, make_cast
from tests.fixtures.training import (
    enrol,
    make_course,
    session_ids,
    shift_into_past,
    snapshot,
)
from tests.fixtures.worker import make_worker

ATTEND = """
mutation($input: TrainingAttendanceRecordInput!) {
  trainingAttendanceRecord(input: $input) {
    enrolment { status attendance { seq present } }
    userErrors { code field message }
  }
}"""
COMPLETE = """
mutation($id: ID!, $no: String!) {
  trainingEnrolmentComplete(enrolmentId: $id, certificateNo: $no) {
    enrolment { status certificateNo }
    userErrors { code field message }
  }
}"""
MINE = """
{ myTrainingEnrolments { nodes {
    status certificateNo completedAt attendance { seq present } training { title status }
} } }
"""


async def past_course(cast, count: int = 2) -> tuple[int, int, list[int]]:
    """(course, the cast worker's enrolment, session ids) of a course that has finished."""
    course_id = await make_course(cast.market_id, capacity=5)
    enrolment_id = await enrol(cast.worker_id, course_id)
    await shift_into_past(course_id)
    return course_id, enrolment_id, await session_ids(course_id)


def mark(enrolment_id: int, session_id: int, present: bool = True) -> dict:
    return {
        "input": {
            "enrolmentId": encode_id("TrainingEnrolment", enrolment_id),
            "sessionId": encode_id("TrainingSession", session_id),
            "present": present,
        }
    }


@pytest.mark.parametrize("role", ROLES)
async def test_the_courses_operator_and_staff_record_attendance(gql, role):
    # given
    cast = await make_cast()
    _, enrolment_id, sessions = await past_course(cast)
    before = await snapshot()

    # when
    body = await gql(ATTEND, mark(enrolment_id, sessions[0]), token=cast.token[role])

    # then
    if role in ("operator", "staff"):
        assert body == {
            "data": {
                "trainingAttendanceRecord": {
                    "enrolment": {
                        "status": "ENROLLED",
                        "attendance": [{"seq": 1, "present": True}],
                    },
                    "userErrors": [],
                }
            }
        }
        return
    if role == "other_operator":
        assert body["data"]["trainingAttendanceRecord"]["userErrors"] == [
            {"code": "NOT_FOUND", "field": ["enrolmentId"], "message": "报名记录不存在"}
        ]
    else:
        assert_denied(body, role, "trainingAttendanceRecord")
    assert await snapshot() == before


@pytest.mark.parametrize("role", ROLES)
async def test_the_courses_operator_and_staff_record_completion(gql, role):
    # given: present at both sessions
    cast = await make_cast()
    _, enrolment_id, sessions = await past_course(cast)
    for session_id in sessions:
        await gql(ATTEND, mark(enrolment_id, session_id), token=cast.token["staff"])
    before = await snapshot()

    # when
    body = await gql(
        COMPLETE,
        {"id": encode_id("TrainingEnrolment", enrolment_id), "no": "ZJ-2026-0001"},
        token=cast.token[role],
    )

    # then
    if role in ("operator", "staff"):
        assert body == {
            "data": {
                "trainingEnrolmentComplete": {
                    "enrolment": {"status": "COMPLETED", "certificateNo": "ZJ-2026-0001"},
                    "userErrors": [],
                }
            }
        }
        audit = (
            await AuditLog.select(AuditLog.action, AuditLog.entity_id)
            .order_by(AuditLog.id, ascending=False)
            .first()
        )
        assert audit == {"action": "training.complete", "entity_id": enrolment_id}
        return
    if role == "other_operator":
        assert body["data"]["trainingEnrolmentComplete"]["userErrors"] == [
            {"code": "NOT_FOUND", "field": ["enrolmentId"], "message": "报名记录不存在"}
        ]
    else:
        assert_denied(body, role, "trainingEnrolmentComplete")
    assert await snapshot() == before


async def test_the_worker_attends_completes_and_sees_the_certificate_number(gql):
    # given
    cast = await make_cast()
    _, enrolment_id, sessions = await past_course(cast)
    operator = cast.token["operator"]

    # when: absent first, corrected to present, then present at the second; completed
    await gql(ATTEND, mark(enrolment_id, sessions[0], present=False), token=operator)
    await gql(ATTEND, mark(enrolment_id, sessions[0]), token=operator)
    await gql(ATTEND, mark(enrolment_id, sessions[1]), token=operator)
    done = await gql(
        COMPLETE,
        {"id": encode_id("TrainingEnrolment", enrolment_id), "no": "ZJ0002"},
        token=operator,
    )

    # then
    assert done["data"]["trainingEnrolmentComplete"]["userErrors"] == []
    mine = (await gql(MINE, token=cast.token["worker"]))["data"]["myTrainingEnrolments"]["nodes"]
    assert len(mine) == 1 and mine[0]["completedAt"] is not None
    assert {k: v for k, v in mine[0].items() if k != "completedAt"} == {
        "status": "COMPLETED",
        "certificateNo": "ZJ0002",
        "attendance": [{"seq": 1, "present": True}, {"seq": 2, "present": True}],
        "training": {"title": "叉车操作实训", "status": "FINISHED"},
    }
    assert await t.TrainingAttendance.count() == 2  # the correction replaced the first mark


async def test_completion_needs_every_session_attended_and_a_fresh_valid_number(gql):
    # given: one worker present once of two; another complete with certificate A-1
    cast = await make_cast()
    course_id, partial, sessions = await past_course(cast)
    operator = cast.token["operator"]
    await gql(ATTEND, mark(partial, sessions[0]), token=operator)
    await gql(ATTEND, mark(partial, sessions[1], present=False), token=operator)
    other, _ = await make_worker()
    await t.TrainingEnrolment.insert(
        t.TrainingEnrolment(
            course=course_id, worker=other, status="COMPLETED", queue_no=99, certificate_no="A-1"
        )
    )
    full, _ = await make_worker()
    complete_one = await t.TrainingEnrolment.insert(
        t.TrainingEnrolment(course=course_id, worker=full, status="ENROLLED", queue_no=100)
    ).returning(t.TrainingEnrolment.id)
    full_id = complete_one[0]["id"]
    for session_id in sessions:
        await gql(ATTEND, mark(full_id, session_id), token=operator)
    before = await snapshot()

    # when
    results = [
        await gql(COMPLETE, {"id": encode_id("TrainingEnrolment", e), "no": no}, token=operator)
        for e, no in ((partial, "B-1"), (full_id, "A-1"), (full_id, "-bad"), (full_id, " "))
    ]

    # then
    invalid = [
        {
            "code": "INVALID_CERTIFICATE_NO",
            "field": ["certificateNo"],
            "message": "证书编号为 1 到 40 位字母、数字或连字符，以字母或数字开头",
        }
    ]
    assert [r["data"]["trainingEnrolmentComplete"]["userErrors"] for r in results] == [
        [
            {
                "code": "ATTENDANCE_INCOMPLETE",
                "field": ["enrolmentId"],
                "message": "还有 1 次课没有出勤记录，不能结业",
            }
        ],
        [{"code": "CERTIFICATE_TAKEN", "field": ["certificateNo"], "message": "证书编号已被使用"}],
        invalid,
        invalid,
    ]
    assert await snapshot() == before


async def test_attendance_waits_for_the_session_and_belongs_to_the_course(gql):
    # given: a future course, and a session of another course
    cast = await make_cast()
    course_id = await make_course(cast.market_id)
    enrolment_id = await enrol(cast.worker_id, course_id)
    upcoming = await session_ids(course_id)
    other = await make_course(cast.market_id, title="另一门课", publish=False)
    foreign = await session_ids(other)
    before = await snapshot()

    # when
    results = [
        await gql(ATTEND, mark(enrolment_id, s), token=cast.token["operator"])
        for s in (upcoming[0], foreign[0])
    ]
    early = await gql(
        COMPLETE,
        {"id": encode_id("TrainingEnrolment", enrolment_id), "no": "C-1"},
        token=cast.token["operator"],
    )

    # then
    assert [r["data"]["trainingAttendanceRecord"]["userErrors"] for r in results] == [
        [{"code": "NOT_STARTED", "field": ["sessionId"], "message": "这次课还没有开始"}],
        [{"code": "NOT_FOUND", "field": ["sessionId"], "message": "该课程没有这次课"}],
    ]
    assert early["data"]["trainingEnrolmentComplete"]["userErrors"] == [
        {
            "code": "NOT_FINISHED",
            "field": ["enrolmentId"],
            "message": "课程还有未开始的课次，不能结业",
        }
    ]
    assert await snapshot() == before


async def test_a_withdrawn_enrolment_gets_no_attendance(gql):
    cast = await make_cast()
    course_id = await make_course(cast.market_id)
    enrolment_id = await enrol(cast.worker_id, course_id)
    await t.TrainingEnrolment.update({t.TrainingEnrolment.status: "WITHDRAWN"}).where(
        t.TrainingEnrolment.id == enrolment_id
    )
    await shift_into_past(course_id, timedelta(days=10))
    sessions = await session_ids(course_id)
    before = await snapshot()

    body = await gql(ATTEND, mark(enrolment_id, sessions[0]), token=cast.token["staff"])

    assert body["data"]["trainingAttendanceRecord"]["userErrors"] == [
        {
            "code": "INVALID_STATE",
            "field": ["enrolmentId"],
            "message": "只有已报名（未结业）的学员可以记录考勤",
        }
    ]
    assert await snapshot() == before
