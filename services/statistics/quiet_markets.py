"""Markets that have gone quiet: no activity on the platform for 7 days, or an operator who has
not reported last month's workload (工作量报告)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from services.statistics.periods import midnight
from services.statistics.series import Scope
from tables.assessment import WorkloadReport
from tables.market import Market
from tables.worker import Worker

QUIET_DAYS = 7


@dataclass(frozen=True)
class QuietMarket:
    market_id: int
    name: str
    active_last_7_days: bool
    reported_last_month: bool | None  # None: no operator to report


def last_month(today: date) -> str:
    first = today.replace(day=1) - timedelta(days=1)
    return first.strftime("%Y-%m")


async def quiet_markets(scope: Scope, today: date) -> list[QuietMarket]:
    """Open markets and stations in scope (a market, a region) without a registration, a
    posting published or an application, confirmation or check-in at them in the 7 days up to
    and including `today`, or whose operator has no report for last month. Three statements."""
    m = Market
    conditions = [m.status == "ACTIVE"]
    if scope.market_id is not None:
        conditions.append(m.id == scope.market_id)
    if scope.region_ids is not None:
        conditions.append(m.region.is_in(list(scope.region_ids)))
    markets = await m.select(m.id, m.name, m.operator).where(*conditions).order_by(m.id)
    if not markets:
        return []
    since = midnight(today - timedelta(days=QUIET_DAYS - 1))
    until = midnight(today + timedelta(days=1))
    ids = [r["id"] for r in markets]
    marks = ", ".join("{}" for _ in ids)
    events = " UNION ALL ".join(
        (
            "SELECT w.registered_market AS market FROM worker w WHERE w.created_at >= {} "
            f"AND w.created_at < {{}} AND w.registered_market IN ({marks})",
            "SELECT p.market AS market FROM job_posting p WHERE p.published_at >= {} "
            f"AND p.published_at < {{}} AND p.market IN ({marks})",
            "SELECT p.market AS market FROM job_application a JOIN job_posting p "
            "ON p.id = a.posting WHERE ((a.applied_at >= {} AND a.applied_at < {}) "
            "OR (a.confirmed_at >= {} AND a.confirmed_at < {}) "
            f"OR (a.checked_in_at >= {{}} AND a.checked_in_at < {{}})) AND p.market IN ({marks})",
        )
    )
    busy = {
        r["market"]
        for r in await Worker.raw(
            f"SELECT DISTINCT market FROM ({events}) e",
            *(since, until),
            *ids,
            *(since, until),
            *ids,
            *(since, until) * 3,
            *ids,
        )
    }
    r = WorkloadReport
    reported = {
        row["market"]
        for row in await r.select(r.market).where(
            (r.period == last_month(today)) & r.market.is_in(ids)
        )
    }
    out = []
    for row in markets:
        has_operator = row["operator"] is not None
        quiet = QuietMarket(
            market_id=row["id"],
            name=row["name"],
            active_last_7_days=row["id"] in busy,
            reported_last_month=(row["id"] in reported) if has_operator else None,
        )
        if not quiet.active_last_7_days or quiet.reported_last_month is False:
            out.append(quiet)
    return out
