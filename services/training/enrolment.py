"""Enrolment rules: enrol (a place, else the waitlist), withdraw (the first in line moves up).

Every step runs in one write transaction that first updates the course row: on PostgreSQL that
row lock orders all enrolments and withdrawals of one course, as SQLite's IMMEDIATE transactions
order every write, so the capacity check, the waitlist order and the promotion never race."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from piccolo.columns import Column

from services.db import is_unique_violation, write_transaction
from services.job_posting.applications import booked_overlapping
from services.problems import Problem, ServiceError
from services.timeutil import local, now
from services.training.rules import PUBLISHED, effective_status
from tables import job_posting as jp
from tables import training as t
from tables.worker import Worker

LIVE = ("ENROLLED", "WAITLISTED")
HELD = ("ENROLLED", "WAITLISTED", "COMPLETED")


def fail(code: str, message: str, *path: str) -> ServiceError:
    return ServiceError([Problem(code, message, tuple(path))])


def when(starts: datetime, ends: datetime) -> str:
    """A window as people read it: 12月5日 08:00–17:00 (Asia/Shanghai)."""
    a, b = local(starts), local(ends)
    end = b.strftime("%H:%M") if a.date() == b.date() else f"{b.month}月{b.day}日 {b:%H:%M}"
    return f"{a.month}月{a.day}日 {a:%H:%M}–{end}"


async def _lock_course(course_id: int) -> dict | None:
    """Take the course row (PostgreSQL row lock until commit) and the next queue number."""
    rows = (
        await t.TrainingCourse.update(
            {
                t.TrainingCourse.queue_counter: t.TrainingCourse.queue_counter + 1,
                t.TrainingCourse.version: t.TrainingCourse.version + 1,
            }
        )
        .where(t.TrainingCourse.id == course_id)
        .returning(
            t.TrainingCourse.id,
            t.TrainingCourse.status,
            t.TrainingCourse.published_at,
            t.TrainingCourse.capacity,
            t.TrainingCourse.enrolled_count,
            t.TrainingCourse.queue_counter,
            t.TrainingCourse.starts_at,
            t.TrainingCourse.ends_at,
        )
    )
    return rows[0] if rows else None


def _overlapping(mine: list[tuple[datetime, datetime]], theirs: list[dict]) -> dict | None:
    for row in theirs:
        for starts, ends in mine:
            if row["starts_at"] < ends and row["ends_at"] > starts:
                return row
    return None


async def _clash(worker_id: int, course: dict) -> None:
    """A session of `course` overlapping a session of another course the worker holds, or a
    confirmed shift: refused, saying which."""
    sessions = await t.TrainingSession.select(
        t.TrainingSession.starts_at, t.TrainingSession.ends_at
    ).where(t.TrainingSession.course == course["id"])
    mine = [(s["starts_at"], s["ends_at"]) for s in sessions]
    held = t.TrainingEnrolment.select(t.TrainingEnrolment.course).where(
        (t.TrainingEnrolment.worker == worker_id)
        & t.TrainingEnrolment.status.is_in(list(LIVE))
        & (t.TrainingEnrolment.course != course["id"])
    )
    other = await t.TrainingSession.select(
        t.TrainingSession.starts_at,
        t.TrainingSession.ends_at,
        t.TrainingSession.course.title.as_alias("title"),
    ).where(
        t.TrainingSession.course.is_in(held)
        & (t.TrainingSession.starts_at < course["ends_at"])
        & (t.TrainingSession.ends_at > course["starts_at"])
    )
    found = _overlapping(mine, other)
    if found is not None:
        raise fail(
            "TRAINING_OVERLAP",
            f"与已报名的课程「{found['title']}」（{when(found['starts_at'], found['ends_at'])}）时间重叠",
            "trainingId",
        )
    shifts = await jp.JobApplication.select(
        jp.JobApplication.starts_at,
        jp.JobApplication.ends_at,
        jp.JobApplication.posting.title.as_alias("title"),
    ).where(
        (jp.JobApplication.worker == worker_id)
        & booked_overlapping(course["starts_at"], course["ends_at"])
    )
    found = _overlapping(mine, shifts)
    if found is not None:
        raise fail(
            "SHIFT_OVERLAP",
            f"与已确认的工作「{found['title']}」（{when(found['starts_at'], found['ends_at'])}）时间重叠",
            "trainingId",
        )


async def enrol(worker_id: int, course_id: int | None) -> int:
    """The worker takes a free place (ENROLLED) or joins the waitlist (WAITLISTED) of a
    published course that has not started. Returns the enrolment id."""
    try:
        return await _enrol(worker_id, course_id)
    except Exception as exc:
        # The unique (course, worker) index caught a double submission of the same worker.
        if is_unique_violation(exc):
            raise fail("ALREADY_ENROLLED", "已经报过名", "trainingId") from None
        raise


async def _enrol(worker_id: int, course_id: int | None) -> int:
    async with write_transaction():
        course = await _lock_course(course_id) if course_id is not None else None
        if course is None or course["published_at"] is None:
            raise fail("NOT_FOUND", "培训课程不存在", "trainingId")
        moment = now()
        status = effective_status(course["status"], course["ends_at"], moment)
        if status not in PUBLISHED:
            raise fail("INVALID_STATE", "课程已关闭或已结束", "trainingId")
        if course["starts_at"] <= moment:
            raise fail("ENROLMENT_CLOSED", "课程已经开始，不能再报名", "trainingId")
        existing = (
            await t.TrainingEnrolment.select(t.TrainingEnrolment.id, t.TrainingEnrolment.status)
            .where(
                (t.TrainingEnrolment.course == course["id"])
                & (t.TrainingEnrolment.worker == worker_id)
            )
            .first()
        )
        if existing is not None and existing["status"] in HELD:
            raise fail("ALREADY_ENROLLED", "已经报过名", "trainingId")
        # Two enrolments of one worker (in different courses) wait for each other here, so
        # each overlap check sees the other's result.
        await Worker.update({Worker.version: Worker.version + 1}).where(Worker.id == worker_id)
        await _clash(worker_id, course)
        placed = course["enrolled_count"] < course["capacity"]
        if placed:
            taken = (
                await t.TrainingCourse.update(
                    {t.TrainingCourse.enrolled_count: t.TrainingCourse.enrolled_count + 1}
                )
                .where(
                    (t.TrainingCourse.id == course["id"])
                    & (t.TrainingCourse.enrolled_count < t.TrainingCourse.capacity)
                )
                .returning(t.TrainingCourse.enrolled_count)
            )
            placed = bool(taken)
            if placed and taken[0]["enrolled_count"] >= course["capacity"]:
                await t.TrainingCourse.update({t.TrainingCourse.status: "FULL"}).where(
                    (t.TrainingCourse.id == course["id"]) & (t.TrainingCourse.status == "OPEN")
                )
        values: dict[Column | str, Any] = {
            t.TrainingEnrolment.status: "ENROLLED" if placed else "WAITLISTED",
            t.TrainingEnrolment.queue_no: course["queue_counter"],
            t.TrainingEnrolment.requested_at: moment,
            t.TrainingEnrolment.enrolled_at: moment if placed else None,
            t.TrainingEnrolment.withdrawn_at: None,
            t.TrainingEnrolment.withdrawn_by: "",
        }
        if existing is not None:  # enrolling again after withdrawing: back of the queue
            await t.TrainingEnrolment.update(
                {**values, t.TrainingEnrolment.version: t.TrainingEnrolment.version + 1}
            ).where(t.TrainingEnrolment.id == existing["id"])
            return existing["id"]
        rows = await t.TrainingEnrolment.insert(
            t.TrainingEnrolment(
                course=course["id"],
                worker=worker_id,
                **{str(c._meta.name): v for c, v in values.items() if isinstance(c, Column)},
            )
        ).returning(t.TrainingEnrolment.id)
        return rows[0]["id"]


async def withdraw(worker_id: int, enrolment_id: int | None) -> int:
    """The worker leaves a course before it starts; a freed place goes to the first in line
    on the waitlist (or back to the course). Returns the enrolment id."""
    async with write_transaction():
        mine = (
            await t.TrainingEnrolment.select(t.TrainingEnrolment.course)
            .where(
                (t.TrainingEnrolment.id == enrolment_id) & (t.TrainingEnrolment.worker == worker_id)
            )
            .first()
            if enrolment_id is not None
            else None
        )
        if mine is None:
            raise fail("NOT_FOUND", "报名记录不存在", "id")
        course = await _lock_course(mine["course"])
        assert course is not None  # the enrolment references it (NOT NULL foreign key)
        # Read again under the course lock: a concurrent withdrawal may have promoted it.
        row = (
            await t.TrainingEnrolment.select(t.TrainingEnrolment.status)
            .where(t.TrainingEnrolment.id == enrolment_id)
            .first()
        )
        assert row is not None
        if row["status"] not in LIVE:
            raise fail("INVALID_STATE", "只有已报名或候补中的报名可以退出", "id")
        moment = now()
        if course["starts_at"] <= moment:
            raise fail("ALREADY_STARTED", "课程已经开始，不能退出", "id")
        await t.TrainingEnrolment.update(
            {
                t.TrainingEnrolment.status: "WITHDRAWN",
                t.TrainingEnrolment.withdrawn_at: moment,
                t.TrainingEnrolment.withdrawn_by: "WORKER",
                t.TrainingEnrolment.version: t.TrainingEnrolment.version + 1,
            }
        ).where(t.TrainingEnrolment.id == enrolment_id)
        if row["status"] == "ENROLLED":
            await _promote(course["id"], moment)
    assert enrolment_id is not None
    return enrolment_id


async def _promote(course_id: int, moment: datetime) -> None:
    """The freed place goes to the waitlisted enrolment with the lowest queue number; with
    nobody waiting the course has one place more (a FULL course reopens)."""
    first = (
        await t.TrainingEnrolment.select(t.TrainingEnrolment.id)
        .where(
            (t.TrainingEnrolment.course == course_id) & (t.TrainingEnrolment.status == "WAITLISTED")
        )
        .order_by(t.TrainingEnrolment.queue_no)
        .first()
    )
    if first is not None:
        await t.TrainingEnrolment.update(
            {
                t.TrainingEnrolment.status: "ENROLLED",
                t.TrainingEnrolment.enrolled_at: moment,
                t.TrainingEnrolment.version: t.TrainingEnrolment.version + 1,
            }
        ).where(t.TrainingEnrolment.id == first["id"])
        return
    await t.TrainingCourse.update(
        {t.TrainingCourse.enrolled_count: t.TrainingCourse.enrolled_count - 1}
    ).where((t.TrainingCourse.id == course_id) & (t.TrainingCourse.enrolled_count > 0))
    await t.TrainingCourse.update({t.TrainingCourse.status: "OPEN"}).where(
        (t.TrainingCourse.id == course_id) & (t.TrainingCourse.status == "FULL")
    )
