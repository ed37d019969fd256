"""Posting cards written by the database (resolvers/compiled/texts.py): the SQL of each
JobPosting, Wage and JobPlace field a trusted document selects, and the posting search's page
(`jobPostings` without `near`), as an anonymous reader sees them. Serves frontend teams: the
public app's posting search (招工信息).

Each writer says in SQL what the field's resolver returns (resolvers/job_posting/loaders.py
to_posting, JobPosting's own fields); tests/test_compiled_texts.py holds them equal."""

from __future__ import annotations

from typing import Any

from piccolo.querystring import QueryString

from resolvers.compiled import sql_json as j
from resolvers.compiled.texts import (
    ROOTS,
    SLOT_VALUES,
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
from resolvers.job_posting import filters
from resolvers.job_posting.queries.postings import search_order
from resolvers.pagination import sql_page
from schema.job_posting.enums import JobPostingStatus, WageUnit
from services.job_posting.rules import EXPIRING
from services.timeutil import now
from tables import job_posting as t


def _status(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # effective_status: a posting still hiring whose window has ended reads EXPIRED.
    expiring = ", ".join(f"'{s}'" for s in EXPIRING)
    stored = enum_text(f"{alias}.status", JobPostingStatus)
    return j.Expr(
        f"CASE WHEN {alias}.status IN ({expiring}) AND {alias}.ends_at <= {{}} "
        f"THEN '\"EXPIRED\"' ELSE {stored.sql} END",
        ("now",),
    )


def _remaining(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    larger = "max" if ctx.engine == "sqlite" else "greatest"
    return j.integer(f"{larger}({alias}.headcount - {alias}.confirmed_count, 0)")


def _wage(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    return values_text(
        "Wage",
        sel.children,
        {
            "amount": j.yuan(ctx.engine, f"{alias}.wage_fen"),
            "unit": enum_text(f"{alias}.wage_unit", WageUnit),
            "dailyEquivalent": j.yuan(ctx.engine, f"{alias}.daily_wage_fen"),
        },
    )


def _place(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # JobPlace is the posting's own columns: written from the posting's row.
    return object_text(ctx, "JobPlace", alias, sel.children)


def _instant(name: str):
    def write(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
        return j.instant(ctx.engine, f"{alias}.{name}")

    return write


def _work_date(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    return j.shanghai_date(ctx.engine, f"{alias}.starts_at")


def _no_distance(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # Only pages without `near` are written here (_search): distanceKm is null on them.
    return j.literal("null")


register(
    "JobPosting",
    {
        "id": node_id("JobPosting"),
        "title": column("title"),
        "status": _status,
        "headcount": column("headcount", "integer"),
        "confirmedCount": column("confirmed_count", "integer"),
        "remaining": _remaining,
        "sameDay": column("same_day", "boolean"),
        "preferAssisted": column("prefer_assisted", "boolean"),
        "publicWelfare": column("public_welfare", "boolean"),
        "startsAt": _instant("starts_at"),
        "endsAt": _instant("ends_at"),
        "publishedAt": _instant("published_at"),
        "workDate": _work_date,
        "distanceKm": _no_distance,
        "wage": _wage,
        "place": _place,
        "occupation": joined("Occupation", "occupation", "occupation"),
        "market": joined("Market", "market", "market"),
        "employer": joined("Employer", "employer", "employer"),
    },
)
register(
    "JobPlace",
    {
        "address": column("address"),
        "region": joined("Region", "region", "region"),
        "location": point("latitude", "longitude"),
    },
)
SLOT_VALUES["now"] = lambda: {"now": now()}


async def _no_public_welfare_lookup(worker: int) -> bool:
    raise AssertionError("anonymous readers are not looked up")  # pragma: no cover


async def _search(kwargs: dict[str, Any], rows: QueryString) -> Any:
    """The `jobPostings` resolver's page for an anonymous reader, its cards as text; None for
    a distance page."""
    conds = filters.conditions(kwargs.get("where"), kwargs.get("search"))
    conds += await filters.public_welfare(None, _no_public_welfare_lookup)
    order_by = kwargs.get("order_by")
    if pages_by_distance(kwargs.get("near"), order_by.field if order_by else None):
        return None  # ranked in Python (resolvers/geo.py): the generic executor
    sort, count = search_order(conds, order_by)
    return await sql_page(
        t.JobPosting.select(t.JobPosting.id).where(*conds),
        t.JobPosting.id,
        sort,
        kwargs.get("first"),
        kwargs.get("after"),
        lambda row: row["lingong_card"],
        count,
        rows=rows,
    )


ROOTS["jobPostings"] = connection_root(
    "JobPosting",
    "JobPostingConnection",
    "job_posting",
    ("id", "starts_at", "published_at", "daily_wage_fen"),
    _search,
)
