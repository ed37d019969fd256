"""Course cards written by the database (resolvers/compiled/texts.py): the SQL of each
Training, TrainingProvider and TrainingPlace field a trusted document selects, and the course
search's page (`trainings` without `near`). Serves frontend teams: the public app's training
search (技能培训).

Each writer says in SQL what the field's resolver returns (resolvers/training/loaders.py
to_training); tests/test_compiled_texts.py holds them equal."""

from __future__ import annotations

from typing import Any

from piccolo.querystring import QueryString

from resolvers.compiled import sql_json as j
from resolvers.compiled.texts import (
    ROOTS,
    Ctx,
    Sel,
    column,
    connection_root,
    enum_text,
    joined,
    node_id,
    object_text,
    point,
    register,
    values_text,
)
from resolvers.geo import pages_by_distance
from resolvers.pagination import sql_page
from resolvers.training import filters
from resolvers.training.queries.courses import search_order
from schema.training import enums as e
from services.training.rules import PUBLISHED
from tables import training as t


def _status(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # effective_status: a published course whose last session has ended reads FINISHED.
    published = ", ".join(f"'{s}'" for s in PUBLISHED)
    stored = enum_text(f"{alias}.status", e.TrainingStatus)
    return j.Expr(
        f"CASE WHEN {alias}.status IN ({published}) AND {alias}.ends_at <= {{}} "
        f"THEN '\"FINISHED\"' ELSE {stored.sql} END",
        ("now",),
    )


def _seats_left(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    larger = "max" if ctx.engine == "sqlite" else "greatest"
    return j.integer(f"{larger}({alias}.capacity - {alias}.enrolled_count, 0)")


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


def _place(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # TrainingPlace is the course's own columns: written from the course's row.
    return object_text(ctx, "TrainingPlace", alias, sel.children)


def _instant(name: str):
    def write(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
        return j.instant(ctx.engine, f"{alias}.{name}")

    return write


def _fee(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    return j.yuan(ctx.engine, f"{alias}.fee_fen")


def _address(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    return j.string(ctx.engine, f"NULLIF({alias}.address, '')")  # to_training: `or None`


def _no_distance(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # Only pages without `near` are written here (_search): distanceKm is null on them.
    return j.literal("null")


register(
    "Training",
    {
        "id": node_id("Training"),
        "title": column("title"),
        "status": _status,
        "category": column("category", enum=e.TrainingCategory),
        "mode": column("mode", enum=e.TrainingMode),
        "fee": _fee,
        "subsidised": column("subsidised", "boolean"),
        "capacity": column("capacity", "integer"),
        "enrolledCount": column("enrolled_count", "integer"),
        "seatsLeft": _seats_left,
        "startsAt": _instant("starts_at"),
        "endsAt": _instant("ends_at"),
        "publishedAt": _instant("published_at"),
        "distanceKm": _no_distance,
        "provider": _provider,
        "place": _place,
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


async def _search(kwargs: dict[str, Any], rows: QueryString) -> Any:
    """The `trainings` resolver's page, its cards as text; None for a distance page."""
    conds = filters.conditions(kwargs.get("where"), kwargs.get("search"))
    order_by = kwargs.get("order_by")
    if pages_by_distance(kwargs.get("near"), order_by.field if order_by else None):
        return None  # ranked in Python (resolvers/geo.py): the generic executor
    sort, count = search_order(conds, order_by)
    return await sql_page(
        t.TrainingCourse.select(t.TrainingCourse.id).where(*conds),
        t.TrainingCourse.id,
        sort,
        kwargs.get("first"),
        kwargs.get("after"),
        lambda row: row["lingong_card"],
        count,
        rows=rows,
    )


ROOTS["trainings"] = connection_root(
    "Training", "TrainingConnection", "training_course", ("id", "starts_at", "fee_fen"), _search
)
