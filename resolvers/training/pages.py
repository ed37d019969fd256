"""The operator's course list and the worker's enrolment list, each page in one statement: what
their cards' nested fields load, brought by the page and primed exactly (resolvers/prefetch.py)."""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from typing import Any

from resolvers.prefetch import json_instant, json_real, json_rows, parse_rows, rerooted, sub_row
from resolvers.training.loaders import (
    MAX_ENROLMENTS_SHOWN,
    course_page_columns,
    primed_course,
    to_enrolment,
)
from resolvers.worker.loaders import operator_access_sql, to_worker
from schema.training.types import Training, TrainingAttendance, TrainingEnrolment, TrainingSession
from schema.worker.types import WorkerAccess
from services.auth.rules import Role
from tables import training as t

_COURSE = '"training_course"."id"'
_ENROLMENT = '"training_enrolment"."id"'
_WAITLISTED = "'WAITLISTED'"

# The operator of the course's market, i.e. the operator a managed page is listed for.
_MANAGER = '(SELECT cm.operator FROM market cm WHERE cm.id = "training_course"."market")'


_ENROLMENT_FIELDS = (
    "id, worker, status, queue_no, requested_at, enrolled_at, withdrawn_at, completed_at, "
    "certificate_no"
)
_WORKER_FIELDS = (
    "account, name, phone_masked, resident_id_masked, birth_year, home_region, latitude, "
    "longitude, availability, prioritised, registered_market, created_at"
)
_REGION_FIELDS = ("code", "name", "level", "is_mountain_or_island")
# Where each part starts in a prefetch_enrolments row: enrolment, worker, home region, the
# region's parent code, the manager's access level.
_WORKER_AT = len(_ENROLMENT_FIELDS.split(", "))
_REGION_AT = _WORKER_AT + len(_WORKER_FIELDS.split(", "))
_ACCESS_AT = _REGION_AT + len(_REGION_FIELDS) + 1


def _managed_extras() -> tuple:
    enrolment = ", ".join(f"en.{f}" for f in _ENROLMENT_FIELDS.split(", "))
    worker = ", ".join(
        json_real(f"w.{f}") if f in ("latitude", "longitude") else f"w.{f}"
        for f in _WORKER_FIELDS.split(", ")
    )
    region = ", ".join(f"r.{f}" for f in _REGION_FIELDS)
    return (
        json_rows(
            "prefetch_sessions",
            "s.id, s.seq, s.starts_at, s.ends_at",
            f"training_session s WHERE s.course = {_COURSE}",
        ),
        json_rows(
            "prefetch_enrolments",
            f"{enrolment}, {worker}, {region}, pr.code, {operator_access_sql('en.worker', _MANAGER)}",
            "training_enrolment en JOIN worker w ON w.id = en.worker "
            "LEFT JOIN region r ON r.id = w.home_region LEFT JOIN region pr ON pr.id = r.parent "
            f"WHERE en.course = {_COURSE}",
        ),
        json_rows(
            "prefetch_attendance",
            "a.enrolment, a.session, s.seq, a.present, a.recorded_at",
            "training_attendance a JOIN training_enrolment en ON en.id = a.enrolment "
            f"JOIN training_session s ON s.id = a.session WHERE en.course = {_COURSE}",
        ),
    )


def managed_page_select():
    """Serves operators and staff (managedTrainings): course_page_select() plus each course's
    sessions, its enrolments with their workers (and the manager's access to them) and their
    attendance, as JSON; a page of managed courses in one statement."""
    return t.TrainingCourse.select(*course_page_columns(), *_managed_extras())


def _attendance(rows: list[list[Any]]) -> list[TrainingAttendance]:
    """As load_attendance: in session order (one row per session and enrolment)."""
    return [
        TrainingAttendance(
            session_id=session, seq=seq, present=bool(present), recorded_at=json_instant(recorded)
        )
        for session, seq, present, recorded in sorted(rows, key=lambda r: r[1])
    ]


def _enrolment(course_id: int, values: list[Any]) -> TrainingEnrolment:
    fields = _ENROLMENT_FIELDS.split(", ")
    row = dict(zip(fields, values, strict=True), course=course_id)
    for moment in ("requested_at", "enrolled_at", "withdrawn_at", "completed_at"):
        if row[moment] is not None:
            row[moment] = json_instant(row[moment])
    return to_enrolment(row)


def _worker_row(worker_id: int, values: list[Any]) -> dict:
    """The row worker_select() gives for the worker of a prefetch_enrolments row."""
    fields = _WORKER_FIELDS.split(", ")
    row: dict[str, Any] = dict(zip(fields, values[_WORKER_AT:_REGION_AT], strict=True))
    row["id"] = worker_id
    for coordinate in ("latitude", "longitude"):
        row[coordinate] = float(row[coordinate]) if row[coordinate] is not None else None
    row["created_at"] = json_instant(row["created_at"])
    region = values[_REGION_AT:_ACCESS_AT]
    for field, value in zip((*_REGION_FIELDS, "parent.code"), region, strict=True):
        row[f"home_region.{field}"] = value
    return row


def primed_managed(loaders, viewer, row: dict) -> Training:
    """The course of a managed_page_select() row, as primed_course() gives it, and the loaders
    of its sessions, waitlist, enrolments (their workers, attendance) primed as they would load
    (tests/training/test_prefetch.py). The access level is primed only for the viewer it was
    computed for: the operator managing the course (staff's access costs no statement)."""
    course = primed_course(loaders, row)
    sessions = [
        TrainingSession(id=i, seq=seq, starts_at=json_instant(start), ends_at=json_instant(end))
        for i, seq, start, end in parse_rows(row["prefetch_sessions"])
    ]
    loaders.sessions_by_training.prime(course.id, sorted(sessions, key=lambda s: s.seq))
    attended: dict[int, list[list[Any]]] = defaultdict(list)
    for enrolment_id, *values in parse_rows(row["prefetch_attendance"]):
        attended[enrolment_id].append(values)
    enrolments = []
    manages = viewer.role == Role.OPERATOR and viewer.subject_id == course.record.manager_id
    for values in parse_rows(row["prefetch_enrolments"]):
        enrolment = _enrolment(course.id, values[:_WORKER_AT])
        enrolments.append(enrolment)
        loaders.attendance_by_enrolment.prime(enrolment.id, _attendance(attended[enrolment.id]))
        worker = enrolment.worker_id
        loaders.worker_by_id.prime(worker, to_worker(_worker_row(worker, values)))
        if manages:
            key = (viewer.role, viewer.subject_id, worker)
            loaders.worker_access.prime(key, WorkerAccess(values[_ACCESS_AT]))
    enrolments.sort(key=lambda e: e.queue_no)
    loaders.enrolments_by_training.prime(course.id, enrolments[:MAX_ENROLMENTS_SHOWN])
    waiting = [e.queue_no for e in enrolments if e.status.value == "WAITLISTED"]
    loaders.waitlist_by_training.prime(course.id, waiting)
    return course


@cache  # Piccolo builds a joined column anew on each attribute access: once per process
def _enrolment_page_columns() -> tuple:
    columns = course_page_columns()
    # rerooted() keeps the path, not an alias: "course.market.operator" must read "course.manager"
    through = [
        new.as_alias(f"course.{old._alias}") if old._alias else new
        for old, new in zip(columns, rerooted(t.TrainingEnrolment.course, columns), strict=True)
    ]
    return (*t.TrainingEnrolment.all_columns(), *through)


def enrolment_page_select():
    """Serves workers (myTrainingEnrolments): enrolments with their courses' page columns, each
    enrolment's attendance and its course's waitlist as JSON; a page in one statement."""
    return t.TrainingEnrolment.select(
        *_enrolment_page_columns(),
        json_rows(
            "prefetch_attendance",
            "a.session, s.seq, a.present, a.recorded_at",
            "training_attendance a JOIN training_session s ON s.id = a.session "
            f"WHERE a.enrolment = {_ENROLMENT}",
        ),
        json_rows(
            "prefetch_waitlist",
            "w.queue_no",
            f'training_enrolment w WHERE w.course = "training_enrolment"."course" '
            f"AND w.status = {_WAITLISTED}",
        ),
    )


def primed_enrolment(loaders, row: dict) -> TrainingEnrolment:
    """The enrolment of an enrolment_page_select() row; its course primed as a course page primes
    it, its attendance and its course's waitlist as they would load."""
    enrolment = to_enrolment(row)
    course = sub_row(row, "course.")
    if course is not None:  # a NOT NULL key: always joined
        primed_course(loaders, course)
    loaders.attendance_by_enrolment.prime(
        enrolment.id, _attendance(parse_rows(row["prefetch_attendance"]))
    )
    waiting = sorted(queue_no for (queue_no,) in parse_rows(row["prefetch_waitlist"]))
    loaders.waitlist_by_training.prime(enrolment.course_id, waiting)
    return enrolment
