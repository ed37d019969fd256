"""Course, session, enrolment and attendance rows to GraphQL objects, and their batch loaders."""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from resolvers.market.loaders import to_market
from resolvers.prefetch import prime_joined, rerooted
from resolvers.reference.loaders import to_occupation
from resolvers.worker.loaders import required_region
from schema.common import GeoPoint
from schema.operator.types import Operator
from schema.training import enums as e
from schema.training.types import (
    CourseRecord,
    Training,
    TrainingAttendance,
    TrainingEnrolment,
    TrainingPlace,
    TrainingProvider,
    TrainingSession,
)
from services.job_posting.wage import to_yuan
from services.market.rules import MARKET_COLUMNS
from services.timeutil import now
from services.training.rules import PUBLISHED, effective_status
from tables import training as t
from tables.occupation import Occupation

MAX_ENROLMENTS_SHOWN = 500
MAX_COURSES_PER_MARKET = 50

COURSE_COLUMNS = (
    *t.TrainingCourse.all_columns(),
    t.TrainingCourse.region.code,
    t.TrainingCourse.region.name,
    t.TrainingCourse.region.level,
    t.TrainingCourse.region.is_mountain_or_island,
    t.TrainingCourse.region._.parent._.code,
    t.TrainingCourse.market.operator.as_alias("manager"),
    t.TrainingCourse.operator.name.as_alias("operator_name"),
    t.TrainingCourse.institution.name.as_alias("institution_name"),
)


def course_select():
    return t.TrainingCourse.select(*COURSE_COLUMNS)


@cache  # Piccolo builds a joined column anew on each attribute access: once per process
def course_page_columns() -> tuple:
    return (
        *COURSE_COLUMNS,
        *rerooted(t.TrainingCourse.occupation, Occupation.all_columns()),
        *rerooted(t.TrainingCourse.market, MARKET_COLUMNS),
    )


def course_page_select():
    """course_select() plus the rows a course card's occupation and market load, joined
    (resolvers/prefetch.py): a page of courses in one statement."""
    return t.TrainingCourse.select(*course_page_columns())


def primed_course(loaders, row: dict, distance_km: float | None = None) -> Training:
    """The course of a course_page_select() row; the request's course, occupation and market
    loaders primed with what they would load (tests/test_prefetch.py)."""
    course = to_training(row, distance_km)
    if distance_km is None:  # the loader's course carries no distance
        loaders.training_by_id.prime(course.id, course)
    prime_joined(
        row,
        (
            ("occupation.", loaders.occupation_by_id, to_occupation),
            ("market.", loaders.market_by_id, to_market),
        ),
    )
    return course


def _provider(row: dict) -> TrainingProvider:
    if row["institution"] is not None:
        return TrainingProvider(
            kind=e.TrainingProviderKind.INSTITUTION, name=row["institution_name"], operator=None
        )
    return TrainingProvider(
        kind=e.TrainingProviderKind.OPERATOR,
        name=row["operator_name"] or "",
        operator=Operator(id=row["operator"], name=row["operator_name"])
        if row["operator"]
        else None,
    )


def to_training(row: dict, distance_km: float | None = None) -> Training:
    located = row["latitude"] is not None and row["longitude"] is not None
    return Training(
        id=row["id"],
        record=CourseRecord(
            market_id=row["market"], manager_id=row["manager"], occupation_id=row["occupation"]
        ),
        title=row["title"],
        description=row["description"] or "",
        category=e.TrainingCategory(row["category"]),
        mode=e.TrainingMode(row["mode"]),
        status=e.TrainingStatus(effective_status(row["status"], row["ends_at"])),
        provider=_provider(row),
        place=TrainingPlace(
            address=row["address"] or None,
            region=required_region(row, "region"),
            location=GeoPoint(latitude=row["latitude"], longitude=row["longitude"])
            if located
            else None,
            venue_id=row["venue"],
        ),
        capacity=row["capacity"],
        enrolled_count=row["enrolled_count"],
        fee=to_yuan(row["fee_fen"]),
        subsidised=bool(row["subsidised"]),
        starts_at=row["starts_at"],
        ends_at=row["ends_at"],
        published_at=row["published_at"],
        closed_at=row["closed_at"],
        distance_km=distance_km,
    )


def to_enrolment(row: dict) -> TrainingEnrolment:
    return TrainingEnrolment(
        id=row["id"],
        course_id=row["course"],
        worker_id=row["worker"],
        queue_no=row["queue_no"],
        status=e.TrainingEnrolmentStatus(row["status"]),
        requested_at=row["requested_at"],
        enrolled_at=row["enrolled_at"],
        withdrawn_at=row["withdrawn_at"],
        completed_at=row["completed_at"],
        certificate_no=row["certificate_no"],
    )


async def load_trainings(ids: list[int]) -> list[Training | None]:
    rows = await course_select().where(t.TrainingCourse.id.is_in(list(set(ids))))
    by_id = {r["id"]: to_training(r) for r in rows}
    return [by_id.get(i) for i in ids]


async def load_public_trainings(ids: list[int]) -> list[Training | None]:
    """Anyone may see a course once published; drafts only through the manager's queries."""
    rows = await course_select().where(
        t.TrainingCourse.id.is_in(list(set(ids))) & t.TrainingCourse.published_at.is_not_null()
    )
    by_id = {r["id"]: to_training(r) for r in rows}
    return [by_id.get(i) for i in ids]


async def load_trainings_by_market(ids: list[int]) -> list[list[Training]]:
    """Upcoming and running published courses a market offers or hosts (as venue), soonest
    first; a station lists those held there."""
    wanted = list(set(ids))
    rows = (
        await course_select()
        .where(
            (t.TrainingCourse.market.is_in(wanted) | t.TrainingCourse.venue.is_in(wanted))
            & t.TrainingCourse.status.is_in(list(PUBLISHED))
            & (t.TrainingCourse.ends_at > now())
        )
        .order_by(t.TrainingCourse.starts_at)
        .order_by(t.TrainingCourse.id)
    )
    grouped: dict[int, list[Training]] = defaultdict(list)
    for r in rows:
        course = to_training(r)
        for market in {r["market"], r["venue"]}:
            if market in wanted and len(grouped[market]) < MAX_COURSES_PER_MARKET:
                grouped[market].append(course)
    return [grouped.get(i, []) for i in ids]


async def load_sessions(ids: list[int]) -> list[list[TrainingSession]]:
    rows = (
        await t.TrainingSession.select()
        .where(t.TrainingSession.course.is_in(list(set(ids))))
        .order_by(t.TrainingSession.seq)
    )
    grouped: dict[int, list[TrainingSession]] = defaultdict(list)
    for r in rows:
        grouped[r["course"]].append(
            TrainingSession(
                id=r["id"], seq=r["seq"], starts_at=r["starts_at"], ends_at=r["ends_at"]
            )
        )
    return [grouped.get(i, []) for i in ids]


async def load_enrolments(ids: list[int]) -> list[TrainingEnrolment | None]:
    rows = await t.TrainingEnrolment.select().where(t.TrainingEnrolment.id.is_in(list(set(ids))))
    by_id = {r["id"]: to_enrolment(r) for r in rows}
    return [by_id.get(i) for i in ids]


async def load_enrolments_by_training(ids: list[int]) -> list[list[TrainingEnrolment]]:
    rows = (
        await t.TrainingEnrolment.select()
        .where(t.TrainingEnrolment.course.is_in(list(set(ids))))
        .order_by(t.TrainingEnrolment.queue_no)
    )
    grouped: dict[int, list[TrainingEnrolment]] = defaultdict(list)
    for r in rows:
        if len(grouped[r["course"]]) < MAX_ENROLMENTS_SHOWN:
            grouped[r["course"]].append(to_enrolment(r))
    return [grouped.get(i, []) for i in ids]


async def load_enrolment_by_worker_training(
    keys: list[tuple[int, int]],
) -> list[TrainingEnrolment | None]:
    rows = await t.TrainingEnrolment.select().where(
        t.TrainingEnrolment.worker.is_in(list({w for w, _ in keys}))
        & t.TrainingEnrolment.course.is_in(list({c for _, c in keys}))
    )
    by_key = {(r["worker"], r["course"]): to_enrolment(r) for r in rows}
    return [by_key.get(k) for k in keys]


async def load_waitlists(ids: list[int]) -> list[list[int]]:
    """Queue numbers of each course's waitlist, first in line first."""
    rows = (
        await t.TrainingEnrolment.select(t.TrainingEnrolment.course, t.TrainingEnrolment.queue_no)
        .where(
            t.TrainingEnrolment.course.is_in(list(set(ids)))
            & (t.TrainingEnrolment.status == "WAITLISTED")
        )
        .order_by(t.TrainingEnrolment.queue_no)
    )
    grouped: dict[int, list[int]] = defaultdict(list)
    for r in rows:
        grouped[r["course"]].append(r["queue_no"])
    return [grouped.get(i, []) for i in ids]


async def load_attendance(ids: list[int]) -> list[list[TrainingAttendance]]:
    rows = (
        await t.TrainingAttendance.select(
            t.TrainingAttendance.enrolment,
            t.TrainingAttendance.session,
            t.TrainingAttendance.present,
            t.TrainingAttendance.recorded_at,
            t.TrainingAttendance.session.seq.as_alias("seq"),
        )
        .where(t.TrainingAttendance.enrolment.is_in(list(set(ids))))
        .order_by(t.TrainingAttendance.session.seq)
    )
    grouped: dict[int, list[TrainingAttendance]] = defaultdict(list)
    for r in rows:
        grouped[r["enrolment"]].append(
            TrainingAttendance(
                session_id=r["session"],
                seq=r["seq"],
                present=bool(r["present"]),
                recorded_at=r["recorded_at"],
            )
        )
    return [grouped.get(i, []) for i in ids]
