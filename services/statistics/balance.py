"""Occupations in demand and in surplus (供求缺口) over a range: headcount demanded against the
active job seekers who seek each occupation."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from services.statistics.coverage import coverage
from services.statistics.periods import Period
from services.statistics.series import SMALL_CELL, Scope, active_workers_sql, posting_scope
from tables.worker import Worker


@dataclass
class Balance:
    occupation_id: int
    headcount_demanded: int
    job_seekers_active: int | None
    gap: int | None  # headcount demanded minus active job seekers
    supply_demand_ratio: Decimal | None
    # The gap before hiding: it places an occupation in one list or the other and orders it, so
    # the lists are the same for everyone; only the small counts themselves are withheld.
    true_gap: int = 0


async def balances(scope: Scope, periods: list[Period], suppress: bool) -> list[Balance]:
    """Every occupation with demand or active seekers in the range, in two statements.

    A worker seeking several occupations counts as a seeker of each. An occupation scope is
    ignored here: the point is to compare occupations."""
    wide = Scope(scope.market_id, scope.region_ids, None)
    start, end = periods[0].start, periods[-1].end
    p_sql, p_args = posting_scope(wide)
    demand = {
        r["occupation"]: int(r["n"])
        for r in await Worker.raw(
            f"SELECT p.occupation AS occupation, SUM(p.headcount) AS n FROM job_posting p "
            f"WHERE {p_sql} AND p.status <> 'REMOVED' AND p.published_at >= {{}} "
            "AND p.published_at < {} GROUP BY p.occupation",
            *p_args,
            start,
            end,
        )
    }
    cover = await coverage(periods[0].starts_on, periods[-1].ends_on)
    active_sql, active_args = active_workers_sql(wide, cover)
    seekers = {
        r["occupation"]: int(r["n"])
        for r in await Worker.raw(
            f"SELECT o.occupation AS occupation, COUNT(DISTINCT x.worker) AS n FROM ({active_sql}) x "
            "JOIN worker_occupation o ON o.worker = x.worker GROUP BY o.occupation",
            *active_args,
        )
    }
    ids = sorted(set(demand) | set(seekers))
    out = []
    for i in ids:
        wanted, active = demand.get(i, 0), seekers.get(i, 0)
        hidden = suppress and 0 < active < SMALL_CELL
        ratio = (
            (Decimal(wanted) / active).quantize(Decimal("0.01"), ROUND_HALF_UP) if active else None
        )
        out.append(
            Balance(
                occupation_id=i,
                headcount_demanded=wanted,
                job_seekers_active=None if hidden else active,
                gap=None if hidden else wanted - active,
                supply_demand_ratio=None if hidden else ratio,
                true_gap=wanted - active,
            )
        )
    return out


def in_demand(found: list[Balance], first: int) -> list[Balance]:
    """Largest shortfall of seekers first."""
    rows = [b for b in found if b.true_gap > 0]
    return sorted(rows, key=lambda b: (-b.true_gap, b.occupation_id))[:first]


def in_surplus(found: list[Balance], first: int) -> list[Balance]:
    """Most seekers beyond the demand first."""
    rows = [b for b in found if b.true_gap < 0]
    return sorted(rows, key=lambda b: (b.true_gap, b.occupation_id))[:first]
