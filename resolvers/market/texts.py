"""Market cards written by the database (resolvers/compiled/texts.py): the SQL of each Market,
Region, Occupation and Demonstration field a trusted document selects, and the directory's
page (`markets` without `near`). Serves frontend teams: the public app's market directory.

Each writer says in SQL what the field's resolver returns (resolvers/market/loaders.py
to_market and the loaders it primes); tests/test_compiled_texts.py holds them equal."""

from __future__ import annotations

from enum import Enum
from typing import Any

from piccolo.querystring import QueryString

from resolvers.compiled import sql_json as j
from resolvers.compiled.texts import (
    ROOTS,
    SLOT_VALUES,
    Ctx,
    NoText,
    Sel,
    TextRoot,
    object_text,
    register,
    values_text,
)
from resolvers.geo import pages_by_distance
from resolvers.market import filters
from resolvers.market.queries import directory_order
from resolvers.pagination import sql_page
from schema.market import enums as e
from schema.reference.types import RegionLevel
from services.market.hours import OPEN_MARKETS_SQL, open_at_values
from services.timeutil import now
from tables import market as t


def enum_text(column: str, enum: type[Enum]) -> j.Expr:
    """The GraphQL name of a stored enum value; NULL (the generic executor) for anything else."""
    cases = " ".join(f"WHEN '{m.value}' THEN '\"{m.name}\"'" for m in enum)
    return j.Expr(f"CASE {column} {cases} END")


def _column(name: str, kind: str = "string", enum: type[Enum] | None = None):
    def write(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
        column = f"{alias}.{name}"
        if enum is not None:
            return enum_text(column, enum)
        if kind == "integer":
            return j.integer(column)
        return j.string(ctx.engine, column)

    return write


def _id(type_name: str):
    def write(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
        return j.global_id(ctx.engine, type_name, f"{alias}.id")

    return write


def _region(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    r = ctx.alias()
    card = object_text(ctx, "Region", r, sel.children)
    return j.scalar(card, f"FROM region {r} WHERE {r}.id = {alias}.region")


def _parent_code(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    p = ctx.alias()
    return j.scalar(
        j.string(ctx.engine, f"{p}.code"), f"FROM region {p} WHERE {p}.id = {alias}.parent"
    )


def _location(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    return values_text(
        "GeoPoint",
        sel.children,
        {
            "latitude": j.floating(ctx.engine, f"{alias}.latitude"),
            "longitude": j.floating(ctx.engine, f"{alias}.longitude"),
        },
    )


def _occupations(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    mo, o = ctx.alias(), ctx.alias()
    item = object_text(ctx, "Occupation", o, sel.children)
    source = (
        f"FROM market_occupation {mo} JOIN occupation {o} ON {o}.id = {mo}.occupation "
        f"WHERE {mo}.market = {alias}.id"
    )
    return j.array(ctx.engine, item, source, f"{o}.id")


def _demonstration(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # The latest valid certificate (load_demonstrations: ordered by year, the last wins).
    c = ctx.alias()
    card = object_text(ctx, "Demonstration", c, sel.children)
    return j.scalar(
        card,
        f"FROM demonstration_certificate {c} WHERE {c}.market = {alias}.id "
        f"AND {c}.revoked_on IS NULL ORDER BY {c}.year DESC LIMIT 1",
    )


def _parent_market(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    p = ctx.alias()
    card = object_text(ctx, "Market", p, sel.children)
    return j.scalar(card, f"FROM market {p} WHERE {p}.id = {alias}.parent_market")


OPEN_SLOTS = tuple(f"open_at.{i}" for i in range(6))


def _is_open_now(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # The same condition as the admin's filter and openAt (services/market/hours.py), at the
    # request's moment.
    return j.boolean(f"{alias}.id IN ({OPEN_MARKETS_SQL})", OPEN_SLOTS)


def _labour_brand(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    return j.string(ctx.engine, f"NULLIF({alias}.labour_brand, '')")  # to_market: `or None`


register(
    "Market",
    {
        "id": _id("Market"),
        "name": _column("name"),
        "kind": _column("kind", enum=e.MarketKind),
        "ownership": _column("ownership", enum=e.MarketOwnership),
        "stationType": _column("station_type", enum=e.StationType),
        "status": _column("status", enum=e.MarketStatus),
        "address": _column("address"),
        "contactPhone": _column("contact_phone"),
        "labourBrand": _labour_brand,
        "isOpenNow": _is_open_now,
        "region": _region,
        "location": _location,
        "occupations": _occupations,
        "demonstration": _demonstration,
        "parentMarket": _parent_market,
    },
)
register(
    "Region",
    {
        "code": _column("code"),
        "name": _column("name"),
        "level": _column("level", enum=RegionLevel),
        "parentCode": _parent_code,
    },
)
register("Occupation", {"id": _id("Occupation"), "code": _column("code"), "name": _column("name")})
register(
    "Demonstration",
    {"year": _column("year", "integer"), "certificateNo": _column("certificate_no")},
)


def _open_now_values() -> dict[str, Any]:
    return dict(zip(OPEN_SLOTS, open_at_values(now()), strict=True))


SLOT_VALUES["open_at"] = _open_now_values


async def _directory(kwargs: dict[str, Any], rows: QueryString) -> Any:
    """The `markets` resolver's page, its cards as text; None for a distance page."""
    conds = filters.conditions(kwargs.get("where"), kwargs.get("search"))
    order_by = kwargs.get("order_by")
    if pages_by_distance(kwargs.get("near"), order_by.field if order_by else None):
        return None  # ranked in Python (resolvers/geo.py): the generic executor
    sort, count = directory_order(conds, order_by)
    return await sql_page(
        t.Market.select(t.Market.id).where(*conds),
        t.Market.id,
        sort,
        kwargs.get("first"),
        kwargs.get("after"),
        lambda row: row["lingong_card"],
        count,
        rows=rows,
    )


ROOTS["markets"] = TextRoot(
    node_type="Market",
    connection_type="MarketConnection",
    table="market",
    key_columns=("id", "name", "established_on"),
    page=_directory,
)

__all__ = ["NoText"]
