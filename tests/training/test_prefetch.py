"""Training pages that bring their rows' nested fields (resolvers/training/pages.py): every loader
a page primes holds exactly what that loader would load, and reading it costs no statement."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from resolvers.loaders import Loaders
from resolvers.training.pages import (
    enrolment_page_select,
    managed_page_select,
    primed_enrolment,
    primed_managed,
)
from schema.worker.types import WorkerAccess
from services.auth.rules import Role, Viewer
from services.training.enrolment import withdraw
from tables import training as t
from tables.worker import Worker as WorkerRow
from tests.fixtures.employer import make_employer
from tests.fixtures.job_posting import make_application, make_posting
from tests.fixtures.market import make_market, make_operator, occupation_id
from tests.fixtures.prefetch import same_through_both
from tests.fixtures.sql import count_sql
from tests.fixtures.training import enrol, make_course, sessions
from tests.fixtures.worker import make_worker

EAST_8 = timezone(timedelta(hours=8))


def viewer(role: str, subject_id: int) -> Viewer:
    return Viewer(token_id=1, role=role, subject_id=subject_id, expires_at=None)


async def attend(enrolment_id: int, seq: int, present: bool, at: datetime) -> None:
    enrolment = await t.TrainingEnrolment.select().where(t.TrainingEnrolment.id == enrolment_id)
    session = await t.TrainingSession.select(t.TrainingSession.id).where(
        (t.TrainingSession.course == enrolment[0]["course"]) & (t.TrainingSession.seq == seq)
    )
    await t.TrainingAttendance.insert(
        t.TrainingAttendance(
            enrolment=enrolment_id, session=session[0]["id"], present=present, recorded_at=at
        )
    )


async def complete(enrolment_id: int, at: datetime) -> None:
    await t.TrainingEnrolment.update(
        {
            t.TrainingEnrolment.status: "COMPLETED",
            t.TrainingEnrolment.completed_at: at,
            t.TrainingEnrolment.certificate_no: "ZJ-PX-2026-0001",
        }
    ).where(t.TrainingEnrolment.id == enrolment_id)


async def managed_scene():
    """A course with three sessions and five trainees the operator knows differently; a course
    without trainees; an online course without an occupation."""
    operator = await make_operator()
    market = await make_market(operator_id=operator, occupations=("装卸搬运工",))
    other = await make_market(operator_id=await make_operator())
    busy = await make_course(market, capacity=2, times=sessions(3))
    empty = await make_course(market, times=sessions(1, starts_in=timedelta(days=20)))
    online = await make_course(market, occupation=None, mode="ONLINE", publish=False)
    located, _ = await make_worker(location=(30.123456789012345, 120.98765432109876))
    homeless, _ = await make_worker(region_code=None)
    registered, _ = await make_worker(region_code="330212")
    confirmed, _ = await make_worker()
    applied, _ = await make_worker()
    await WorkerRow.update({WorkerRow.registered_market: market}).where(WorkerRow.id == registered)
    employer, _ = await make_employer()
    at_market = await make_posting(employer, market_id=market, headcount=2)
    elsewhere = await make_posting(employer, market_id=other, headcount=2)
    await make_application(confirmed, at_market, employer, status="CONFIRMED")
    await make_application(applied, at_market, employer)
    await make_application(homeless, elsewhere, employer, status="CONFIRMED")
    # applied, located, homeless, registered, confirmed: two places, three waiting
    order = (applied, located, homeless, registered, confirmed)
    enrolments = [await enrol(w, busy) for w in order]
    return operator, [busy, empty, online], list(order), enrolments


async def test_a_page_of_managed_courses_primes_sessions_enrolments_workers_and_attendance():
    # given: attendance out of session order, in another zone, with microseconds; a completed
    # trainee with a certificate
    operator, ids, workers, enrolments = await managed_scene()
    first, second = enrolments[:2]
    await attend(first, 3, False, datetime(2026, 12, 9, 18, 0, 0, 123456, tzinfo=EAST_8))
    await attend(first, 1, True, datetime(2026, 12, 7, 9, 5, tzinfo=EAST_8))
    await attend(second, 2, True, datetime(2026, 12, 8, 9, 5, 30, tzinfo=UTC))
    await complete(second, datetime(2026, 12, 10, 17, 30, 0, 5, tzinfo=EAST_8))

    # when: one statement for the page, viewed by the operator who manages it
    primed = Loaders()
    with count_sql() as statements:
        rows = await managed_page_select().where(t.TrainingCourse.id.is_in(ids))
    courses = {r["id"]: primed_managed(primed, viewer(Role.OPERATOR, operator), r) for r in rows}

    # then
    assert statements[0] == 1
    assert sorted(courses) == sorted(ids)
    access = [(Role.OPERATOR, operator, w) for w in workers]
    got = await same_through_both(
        primed,
        {
            "training_by_id": ids,
            "sessions_by_training": ids,
            "enrolments_by_training": ids,
            "waitlist_by_training": ids,
            "attendance_by_enrolment": enrolments,
            "worker_by_id": workers,
            "worker_access": access,
            "occupation_by_id": [await occupation_id("装卸搬运工")],
            "market_by_id": [rows[0]["market"]],
        },
    )
    assert [[s.seq for s in found] for found in got["sessions_by_training"]] == [
        [1, 2, 3],
        [1],
        [1, 2],
    ]
    busy = got["enrolments_by_training"][0]
    assert [e.id for e in busy] == enrolments
    assert [e.status.value for e in busy] == ["ENROLLED", "COMPLETED", *["WAITLISTED"] * 3]
    assert busy[1].certificate_no == "ZJ-PX-2026-0001"
    assert got["enrolments_by_training"][1:] == [[], []]
    assert got["waitlist_by_training"] == [[e.queue_no for e in busy[2:]], [], []]
    attendance = got["attendance_by_enrolment"]
    assert [(a.seq, a.present) for a in attendance[0]] == [(1, True), (3, False)]
    assert attendance[0][1].recorded_at == datetime(2026, 12, 9, 10, 0, 0, 123456, UTC)
    assert attendance[2:] == [[], [], []]
    located = got["worker_by_id"][1].record
    assert located.location is not None
    assert located.location.latitude == 30.123456789012345
    assert got["worker_by_id"][2].record.home_region is None
    assert got["worker_access"] == [
        WorkerAccess.APPLICANT,
        WorkerAccess.NONE,
        WorkerAccess.NONE,  # confirmed, but at another operator's market
        WorkerAccess.OPERATOR,
        WorkerAccess.CONFIRMED,
    ]


async def test_access_is_primed_only_for_the_operator_managing_the_course():
    # given
    operator, ids, workers, _ = await managed_scene()
    rows = await managed_page_select().where(t.TrainingCourse.id.is_in(ids))

    for who in (viewer(Role.STAFF, 1), viewer(Role.OPERATOR, operator + 1000)):
        # when
        primed = Loaders()
        for row in rows:
            primed_managed(primed, who, row)

        # then: the access check still runs its own statements for anyone else
        keys = [(who.role, who.subject_id, w) for w in workers]
        assert all(primed.worker_access.cache_map.get(k) is None for k in keys)
        await same_through_both(primed, {"worker_by_id": workers, "enrolments_by_training": ids})


async def test_a_page_of_enrolments_primes_courses_attendance_and_waitlists():
    # given: the worker holds a place in one course, waits (second in line) in another,
    # completed an online course without an occupation and withdrew from a fourth
    market = await make_market(operator_id=await make_operator())
    held = await make_course(market, times=sessions(2))
    full = await make_course(market, capacity=1, times=sessions(1, starts_in=timedelta(days=9)))
    online = await make_course(
        market, occupation=None, mode="ONLINE", times=sessions(1, starts_in=timedelta(days=15))
    )
    left = await make_course(market, times=sessions(1, starts_in=timedelta(days=21)))
    worker, _ = await make_worker()
    for other in (await make_worker())[0], (await make_worker())[0]:
        await enrol(other, full)
    courses = [held, full, online, left]
    mine = [await enrol(worker, c) for c in courses]
    await withdraw(worker, mine[3])
    await attend(mine[0], 2, False, datetime(2026, 12, 8, 12, 0, 0, 999999, tzinfo=EAST_8))
    await attend(mine[0], 1, True, datetime(2026, 12, 7, 12, 0, tzinfo=EAST_8))
    await complete(mine[2], datetime(2026, 12, 16, 9, 0, tzinfo=EAST_8))

    # when
    primed = Loaders()
    with count_sql() as statements:
        rows = await enrolment_page_select().where(t.TrainingEnrolment.worker == worker)
    found = {r["id"]: primed_enrolment(primed, r) for r in rows}

    # then
    assert statements[0] == 1
    assert sorted(found) == sorted(mine)
    got = await same_through_both(
        primed,
        {
            "training_by_id": courses,
            "attendance_by_enrolment": mine,
            "waitlist_by_training": courses,
            "market_by_id": [market],
            "occupation_by_id": [await occupation_id("装卸搬运工")],
        },
    )
    assert [(a.seq, a.present) for a in got["attendance_by_enrolment"][0]] == [
        (1, True),
        (2, False),
    ]
    assert got["attendance_by_enrolment"][1:] == [[], [], []]
    assert len(got["waitlist_by_training"][1]) == 2
    assert got["waitlist_by_training"][0] == got["waitlist_by_training"][2] == []
    assert found[mine[3]].status.value == "WITHDRAWN"
    assert found[mine[3]].withdrawn_at is not None
    assert found[mine[1]].queue_no == got["waitlist_by_training"][1][1]
    assert got["training_by_id"][2].record.occupation_id is None
