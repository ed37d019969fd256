"""Course cards written by the database (resolvers/compiled/texts.py): the SQL of each
Training, TrainingProvider and TrainingPlace field a trusted document selects, and the course
search's page (`trainings` without `near`). Serves frontend teams: the public app's training
search (技能培训). Also a worker's own enrolments (`myTrainingEnrolments`, signed in), each
with its course's card.

Each writer says in SQL what the field's resolver returns (resolvers/training/loaders.py
to_training); tests/test_compiled_texts.py holds them equal."""

from __future__ import annotations

from typing import Any

from resolvers.compiled import sql_json as j
from resolvers.compiled.texts import (
    ROOTS,
    Cards,
    Ctx,
    Sel,
    Writer,
    at_least_zero,
    column,
    connection_root,
    ended_status,
    enum_text,
    instant,
    joined,
    no_distance,
    node_id,
    own_row,
    point,
    register,
    text_page,
    values_text,
)
from resolvers.geo import pages_by_distance
from resolvers.training import filters
from resolvers.training.queries.courses import (
    NEWEST_ENROLMENTS,
    search_order,
    worker_enrolments,
)
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


register(
    "Training",
    {
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
    },
)
register(
    "TrainingPlace",
    {
        "address": _address,
        "region": joined("Region", "region", "region"),
        "location": point("latitude", "longitude"),
    },
)


async def _search(kwargs: dict[str, Any], rows: Cards) -> Any:
    """The `trainings` resolver's page, its cards as text; None for a distance page."""
    conds = filters.conditions(kwargs.get("where"), kwargs.get("search"))
    order_by = kwargs.get("order_by")
    if pages_by_distance(kwargs.get("near"), order_by.field if order_by else None):
        return None  # ranked in Python (resolvers/geo.py): the generic executor
    sort, count = search_order(conds, order_by)
    return await text_page(t.TrainingCourse.id, conds, sort, kwargs, count, rows)


ROOTS["trainings"] = connection_root(
    "Training", "TrainingConnection", "training_course", ("id", "starts_at", "fee_fen"), _search
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
