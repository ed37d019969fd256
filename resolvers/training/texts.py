"""Course cards written by the database (resolvers/compiled/texts.py): the SQL of each
Training, TrainingProvider and TrainingPlace field a trusted document selects, and the course
search's page (`trainings` without `near`). Serves frontend teams: the public app's training
search (技能培训).

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
from resolvers.training.queries.courses import search_order
from schema.training import enums as e
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
