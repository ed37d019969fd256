"""Markets that have gone quiet: no activity on the platform for 7 days, or an operator who has
not reported last month's workload (工作量报告)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from piccolo.columns import Column
from piccolo.querystring import QueryString

from services.statistics.periods import midnight
from services.statistics.series import Scope
from tables.market import Market

QUIET_DAYS = 7


@dataclass(frozen=True)
class QuietMarket:
    market_id: int
    name: str
    active_last_7_days: bool
    reported_last_month: bool | None  # None: no operator to report
    row: dict = field(default_factory=dict, compare=False, repr=False)  # the market's columns


def last_month(today: date) -> str:
    first = today.replace(day=1) - timedelta(days=1)
    return first.strftime("%Y-%m")


async def quiet_markets(
    scope: Scope, today: date, columns: Sequence[Column] = ()
) -> list[QuietMarket]:
    """Open markets and stations in scope (a market, a region) without a registration, a
    posting published or an application, confirmation or check-in at them in the 7 days up to
    and including `today`, or whose operator has no report for last month. One statement.

    `columns`: the market columns to read instead of id, name and operator (which they must
    include), kept in each answer's `row` for a reader that shows the market."""
    m = Market
    conditions = [m.status == "ACTIVE"]
    if scope.market_id is not None:
        conditions.append(m.id == scope.market_id)
    if scope.region_ids is not None:
        conditions.append(m.region.is_in(list(scope.region_ids)))
    since = midnight(today - timedelta(days=QUIET_DAYS - 1))
    until = midnight(today + timedelta(days=1))
    # Per market, through its own indexes (registered_market, market, posting): EXISTS stops at
    # the first event found. CASE, not OR: SQLite computes both sides of an OR in a result
    # column, so the applications' EXISTS (every application of every posting of a market
    # with none this week) ran for every market: 1.7 s warm and over the 15 s limit cold for
    # a city of 220 markets at province scale. CASE asks the cheap questions first and stops.
    busy = QueryString(
        'CASE WHEN EXISTS (SELECT 1 FROM worker w WHERE w.registered_market = "market"."id" '
        "AND w.created_at >= {} AND w.created_at < {}) THEN 1 "
        'WHEN EXISTS (SELECT 1 FROM job_posting p WHERE p.market = "market"."id" '
        "AND p.published_at >= {} AND p.published_at < {}) THEN 1 "
        "WHEN EXISTS (SELECT 1 FROM job_application a JOIN job_posting p ON p.id = a.posting "
        'WHERE p.market = "market"."id" AND ((a.applied_at >= {} AND a.applied_at < {}) '
        "OR (a.confirmed_at >= {} AND a.confirmed_at < {}) "
        "OR (a.checked_in_at >= {} AND a.checked_in_at < {}))) THEN 1 ELSE 0 END",
        *(since, until) * 5,
    ).as_alias("quiet_busy")
    reported = QueryString(
        'EXISTS (SELECT 1 FROM workload_report r WHERE r.market = "market"."id" AND r.period = {})',
        last_month(today),
    ).as_alias("quiet_reported")
    rows = (
        await m.select(*(columns or (m.id, m.name, m.operator)), busy, reported)
        .where(*conditions)
        .order_by(m.id)
    )
    out = []
    for row in rows:
        has_operator = row["operator"] is not None
        quiet = QuietMarket(
            market_id=row["id"],
            name=row["name"],
            active_last_7_days=bool(row["quiet_busy"]),
            reported_last_month=bool(row["quiet_reported"]) if has_operator else None,
            row=row,
        )
        if not quiet.active_last_7_days or quiet.reported_last_month is False:
            out.append(quiet)
    return out
