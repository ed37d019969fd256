"""Occupations in demand and in surplus (供求缺口) over a range: headcount demanded against the
active job seekers who seek each occupation."""

from __future__ import annotations

from dataclasses import dataclass, field
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
    # The occupation's row (OCCUPATION_KEYS), for a reader that shows the occupation with it.
    occupation: dict | None = field(default=None, compare=False, repr=False)


OCCUPATION_KEYS = ("id", "code", "name", "major_group", "aliases")


async def balances(scope: Scope, periods: list[Period], suppress: bool) -> list[Balance]:
    """Every occupation with demand or active seekers in the range, with its occupation row:
    what the rollup covers, then one statement for demand, seekers and occupations.

    A worker seeking several occupations counts as a seeker of each. An occupation scope is
    ignored here: the point is to compare occupations."""
    wide = Scope(scope.market_id, scope.region_ids, None)
    start, end = periods[0].start, periods[-1].end
    p_sql, p_args = posting_scope(wide)
    cover = await coverage(periods[0].starts_on, periods[-1].ends_on)
    active_sql, active_args = active_workers_sql(wide, cover)
    rows = await Worker.raw(
        "SELECT u.side AS side, u.occupation AS occupation, u.n AS n, oc.id AS id, "
        "oc.code AS code, oc.name AS name, oc.major_group AS major_group, "
        "oc.aliases AS aliases FROM ("
        f"SELECT 'demand' AS side, p.occupation AS occupation, SUM(p.headcount) AS n "
        f"FROM job_posting p WHERE {p_sql} AND p.status <> 'REMOVED' "
        "AND p.published_at >= {} AND p.published_at < {} GROUP BY p.occupation "
        "UNION ALL "
        "SELECT 'seekers' AS side, o.occupation AS occupation, COUNT(DISTINCT x.worker) AS n "
        f"FROM ({active_sql}) x JOIN worker_occupation o ON o.worker = x.worker "
        "GROUP BY o.occupation"
        ") u LEFT JOIN occupation oc ON oc.id = u.occupation",
        *p_args,
        start,
        end,
        *active_args,
    )
    demand = {r["occupation"]: int(r["n"]) for r in rows if r["side"] == "demand"}
    seekers = {r["occupation"]: int(r["n"]) for r in rows if r["side"] == "seekers"}
    occupations = {r["occupation"]: {k: r[k] for k in OCCUPATION_KEYS} for r in rows}
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
                occupation=occupations[i] if occupations[i]["id"] is not None else None,
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
