"""Course cards written by the database (resolvers/compiled/texts.py): the SQL of each
Training, TrainingProvider and TrainingPlace field a trusted document selects, and the course
search's page (`trainings` without `near`). Serves frontend teams: the public app's training
search (技能培训). Also a worker's own enrolments (`myTrainingEnrolments`, signed in), each
with its course's card; and the courses an operator or staff manage (`managedTrainings`,
signed in), each card with its sessions, waitlist and enrolments (their trainees and
attendance).

Each writer says in SQL what the field's resolver returns (resolvers/training/loaders.py
to_training; for managedTrainings, resolvers/training/pages.py primed_managed);
tests/test_compiled_texts.py and tests/test_compiled_texts_training.py hold them equal."""

from __future__ import annotations

from typing import Any

from resolvers.compiled import sql_json as j
from resolvers.compiled.texts import (
    OBJECTS,
    ROOTS,
    Cards,
    Ctx,
    Sel,
    Writer,
    at_least_zero,
    column,
    connection_root,
    distance_page,
    ended_status,
    enum_text,
    instant,
    joined,
    match_root,
    no_distance,
    node_id,
    object_text,
    own_row,
    point,
    python_value,
    register,
    text_page,
    values_text,
    without_distance,
)
from resolvers.geo import pages_by_distance
from resolvers.training import filters
from resolvers.training.loaders import MAX_ENROLMENTS_SHOWN
from resolvers.training.queries.courses import (
    NEWEST_COURSES,
    NEWEST_ENROLMENTS,
    located,
    managed_courses,
    search_order,
    worker_enrolments,
)
from resolvers.training.queries.matches import course_ranking
from schema.training import enums as e
from services.auth.rules import Role
from services.training.rules import PUBLISHED
from tables import training as t


def _provider(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # _provider: the institution when there is one, else the operator (its name, or "").
    i, o = ctx.alias(), ctx.alias()
    institution = (
        f"(SELECT {i}.name FROM training_institution {i} WHERE {i}.id = {alias}.institution)"
    )
    operator = f"(SELECT {o}.name FROM operator {o} WHERE {o}.id = {alias}.operator)"
    kind = f"CASE WHEN {alias}.institution IS NOT NULL THEN 'INSTITUTION' ELSE 'OPERATOR' END"
    name = (
        f"CASE WHEN {alias}.institution IS NOT NULL THEN {institution} "
        f"ELSE COALESCE({operator}, '') END"
    )
    values = {
        "kind": enum_text(kind, e.TrainingProviderKind),
        "name": j.string(ctx.engine, name),
    }
    return values_text("TrainingProvider", sel.children, values)


def _fee(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    return j.yuan(ctx.engine, f"{alias}.fee_fen")


def _address(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    return j.string(ctx.engine, f"NULLIF({alias}.address, '')")  # to_training: `or None`


# Any reader's course card (to_training); the managers' root adds what only they see.
COURSE_CARD: dict[str, Writer] = {
    "id": node_id("Training"),
    "title": column("title"),
    "status": ended_status(e.TrainingStatus, PUBLISHED, "FINISHED"),  # effective_status
    "category": column("category", enum=e.TrainingCategory),
    "mode": column("mode", enum=e.TrainingMode),
    "fee": _fee,
    "subsidised": column("subsidised", "boolean"),
    "capacity": column("capacity", "integer"),
    "enrolledCount": column("enrolled_count", "integer"),
    "seatsLeft": at_least_zero("capacity", "enrolled_count"),
    "startsAt": instant("starts_at"),
    "endsAt": instant("ends_at"),
    "publishedAt": instant("published_at"),
    "distanceKm": no_distance,
    "provider": _provider,
    "place": own_row("TrainingPlace"),
    "occupation": joined("Occupation", "occupation", "occupation"),
    "market": joined("Market", "market", "market"),
}
register("Training", COURSE_CARD)
register(
    "TrainingPlace",
    {
        "address": _address,
        "region": joined("Region", "region", "region"),
        "location": point("latitude", "longitude"),
    },
)


async def _search(kwargs: dict[str, Any], rows: Cards) -> Any:
    """The `trainings` resolver's page, its cards as text: by its order, or (with `near`) ranked
    by distance as the resolver ranks it (texts.distance_page)."""
    conds = filters.conditions(kwargs.get("where"), kwargs.get("search"))
    order_by = kwargs.get("order_by")
    near = kwargs.get("near")
    if pages_by_distance(near, order_by.field if order_by else None):
        return await distance_page(t.TrainingCourse.id, located(conds), near, kwargs, rows)
    sort, count = search_order(conds, order_by)
    return without_distance(await text_page(t.TrainingCourse.id, conds, sort, kwargs, count, rows))


ROOTS["trainings"] = connection_root(
    "Training",
    "TrainingConnection",
    "training_course",
    ("id", "starts_at", "fee_fen"),
    _search,
    # distanceKm: the page's own courses' from the ranking (a `near` page), null elsewhere
    writers={"Training": {**OBJECTS["Training"], "distanceKm": python_value("training_course")}},
)


def _waitlist_position(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # waitlist_position: 1 + the course's waitlisted enrolments ahead in the queue; null
    # unless waitlisted.
    w = ctx.alias()
    ahead = (
        f"(SELECT COUNT(*) + 1 FROM training_enrolment {w} WHERE {w}.course = {alias}.course "
        f"AND {w}.status = 'WAITLISTED' AND {w}.queue_no < {alias}.queue_no)"
    )
    return j.nullable(f"{alias}.status <> 'WAITLISTED'", j.integer(ahead))


def _attendance(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # load_attendance: the enrolment's attendance in session order.
    a, s = ctx.alias(), ctx.alias()
    values = {
        "seq": j.integer(f"{s}.seq"),
        "present": j.boolean_column(ctx.engine, f"{a}.present"),
        "recordedAt": j.instant(ctx.engine, f"{a}.recorded_at"),
    }
    item = values_text("TrainingAttendance", sel.children, values)
    source = (
        f"FROM training_attendance {a} JOIN training_session {s} ON {s}.id = {a}.session "
        f"WHERE {a}.enrolment = {alias}.id"
    )
    return j.array(ctx.engine, item, source, (f"{s}.seq", f"{s}.id"))


# A worker's enrolment as they see it (to_enrolment), with the course's card as any reader
# sees it: only the fields MyTrainingEnrolments asks for; any other keeps the generic
# executor.
AS_ITS_WORKER_SEES: dict[str, Writer] = {
    "id": node_id("TrainingEnrolment"),
    "status": column("status", enum=e.TrainingEnrolmentStatus),
    "waitlistPosition": _waitlist_position,
    "requestedAt": instant("requested_at"),
    "enrolledAt": instant("enrolled_at"),
    "completedAt": instant("completed_at"),
    "certificateNo": column("certificate_no"),
    "attendance": _attendance,
    "training": joined("Training", "training_course", "course"),
}


async def _worker_enrolments(kwargs: dict[str, Any], rows: Cards) -> Any:
    """The `myTrainingEnrolments` resolver's page for the signed-in worker, as text."""
    conds, count = worker_enrolments(rows.viewer, kwargs.get("status"))
    return await text_page(t.TrainingEnrolment.id, conds, NEWEST_ENROLMENTS, kwargs, count, rows)


ROOTS["myTrainingEnrolments"] = connection_root(
    "TrainingEnrolment",
    "TrainingEnrolmentConnection",
    "training_enrolment",
    ("id", "requested_at"),
    _worker_enrolments,
    roles=frozenset({Role.WORKER}),
    writers={"TrainingEnrolment": AS_ITS_WORKER_SEES},
)


def _waitlist_count(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # waitlist_count: the length of the course's waitlist. may_manage holds for every course
    # of this root: staff manage all, and an operator's page holds only their markets' courses.
    w = ctx.alias()
    return j.integer(
        f"(SELECT COUNT(*) FROM training_enrolment {w} WHERE {w}.course = {alias}.id "
        f"AND {w}.status = 'WAITLISTED')"
    )


def _session_time(name: str) -> Writer:
    """A session's start or end as primed_managed reads it: json_instant of the text SQLite
    holds, which takes a text without an offset in the server's own zone where the driver
    takes UTC; on SQLite only a text in UTC (as Piccolo writes it) is written, any other is
    left to the generic executor (NULL)."""

    def write(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
        column = f"{alias}.{name}"
        moment = j.instant(ctx.engine, column)
        if ctx.engine != "sqlite":
            return moment
        return j.Expr(f"CASE WHEN {column} NOT LIKE '%+00:00' THEN NULL ELSE {moment.sql} END")

    return write


SESSION: dict[str, Writer] = {
    "id": node_id("TrainingSession"),
    "seq": column("seq", "integer"),
    "startsAt": _session_time("starts_at"),
    "endsAt": _session_time("ends_at"),
}


def _sessions(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # load_sessions: the course's sessions by seq (unique per course).
    s = ctx.alias()
    item = object_text(ctx, "TrainingSession", s, sel.children)
    source = f"FROM training_session {s} WHERE {s}.course = {alias}.id"
    return j.array(ctx.engine, item, source, (f"{s}.seq", f"{s}.id"))


def _enrolments(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # load_enrolments_by_training: the course's first MAX_ENROLMENTS_SHOWN enrolments in queue
    # order (may_manage holds here, as for waitlistCount).
    n, f = ctx.alias(), ctx.alias()
    item = object_text(ctx, "TrainingEnrolment", n, sel.children)
    shown = (
        f"SELECT {f}.id FROM training_enrolment {f} WHERE {f}.course = {alias}.id "
        f"ORDER BY {f}.queue_no, {f}.id LIMIT {MAX_ENROLMENTS_SHOWN}"
    )
    source = f"FROM training_enrolment {n} WHERE {n}.course = {alias}.id AND {n}.id IN ({shown})"
    return j.array(ctx.engine, item, source, (f"{n}.queue_no", f"{n}.id"))


# A course as its operator or staff see it: any reader's card, and what only they see.
AS_ITS_MANAGER_SEES: dict[str, Writer] = {
    **COURSE_CARD,
    "waitlistCount": _waitlist_count,
    "sessions": _sessions,
    "enrolments": _enrolments,
}
# An enrolment as the course's managers see it (to_enrolment): only the fields
# ManagedTrainings asks for; any other keeps the generic executor.
ENROLMENT_AS_ITS_MANAGER_SEES: dict[str, Writer] = {
    "id": node_id("TrainingEnrolment"),
    "status": column("status", enum=e.TrainingEnrolmentStatus),
    "waitlistPosition": _waitlist_position,
    "certificateNo": column("certificate_no"),
    "attendance": _attendance,
    "worker": joined("Worker", "worker", "worker"),
}
# TrainingEnrolment.worker grants WorkerAccess.APPLICANT whoever reads it: the name and the
# masked phone as stored, for every reader of this root.
TRAINEE: dict[str, Writer] = {
    "id": node_id("Worker"),
    "name": column("name"),
    "phoneMasked": column("phone_masked"),
}


async def _managed(kwargs: dict[str, Any], rows: Cards) -> Any:
    """The `managedTrainings` resolver's page for its operator or staff, as text."""
    conds, count = managed_courses(rows.viewer, kwargs.get("status"))
    return await text_page(t.TrainingCourse.id, conds, NEWEST_COURSES, kwargs, count, rows)


ROOTS["managedTrainings"] = connection_root(
    "Training",
    "TrainingConnection",
    "training_course",
    ("id", "created_at"),
    _managed,
    roles=frozenset({Role.OPERATOR, Role.STAFF}),
    writers={
        "Training": AS_ITS_MANAGER_SEES,
        "TrainingSession": SESSION,
        "TrainingEnrolment": ENROLMENT_AS_ITS_MANAGER_SEES,
        "Worker": TRAINEE,
    },
)


# recommendedTrainings, signed in as a worker: the courses scored in Python by the resolver's
# own ranking, the page's cards by the database (texts.match_page).
ROOTS["recommendedTrainings"] = match_root(
    "TrainingMatch",
    "training_course",
    t.TrainingCourse.id,
    ("training", "Training"),
    ("matchReasons", "TrainingMatchReason"),
    lambda worker: course_ranking(worker, cards=False),
)
