"""Reading whole periods and whole-range job seekers from the monitoring cube (see cube.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from services.statistics.coverage import Coverage
from services.statistics.cube import period_of_grain
from services.statistics.periods import Granularity, Period
from services.statistics.rollup_series import SUMS, add_sums
from tables.statistics import StatisticsCube

if TYPE_CHECKING:  # series.py imports what this module's callers import
    from services.statistics.series import Figures, Scope

GRAIN = {Granularity.DAY: "D", Granularity.WEEK: "W", Granularity.MONTH: "M"}


@dataclass(frozen=True)
class CubeKey:
    """A scope as the cube names it: 0 is "any"; region is the division heading the scope."""

    market: int
    region: int
    occupation: int

    def has(self, grain: str) -> bool:
        return grain != "D" or (self.market == 0 and self.occupation == 0)

    def where(self, alias: str) -> tuple[str, list]:
        return (
            f"{alias}.market = {{}} AND {alias}.region = {{}} AND {alias}.occupation = {{}}",
            [self.market, self.region, self.occupation],
        )


async def cube_key(scope: Scope) -> CubeKey | None:
    """The cube's name for a scope, or None when the cube does not hold it (a market within a
    division, or divisions that are not one division with everything under it)."""
    region = 0
    if scope.region_ids is not None:
        if scope.market_id is not None:
            return None
        ids = scope.region_ids
        rows = await StatisticsCube.raw(
            "SELECT node FROM statistics_region_node GROUP BY node HAVING COUNT(*) = {} AND "
            f"SUM(CASE WHEN region IN ({', '.join('{}' for _ in ids)}) THEN 1 ELSE 0 END) = {{}}",
            len(ids),
            *ids,
            len(ids),
        )
        if len(rows) != 1:
            return None
        region = int(rows[0]["node"])
    return CubeKey(scope.market_id or 0, region, scope.occupation_id or 0)


def _dirty(period: Period, cover: Coverage) -> bool:
    return any(a <= period.ends_on and b >= period.starts_on for a, b in cover.raw)


async def _built(grain: str, lo: str, hi: str) -> set[str]:
    rows = await StatisticsCube.raw(
        "SELECT period FROM statistics_cube_period WHERE grain = {} AND period >= {} "
        "AND period <= {}",
        grain,
        lo,
        hi,
    )
    return {r["period"] for r in rows}


async def cube_figures(
    key: CubeKey, granularity: Granularity, periods: list[Period], cover: Coverage
) -> dict[str, Figures]:
    """Figures of the periods the cube holds cleanly (built, no pending change on any of their
    days), in three statements; the other periods are left out for the caller to compute."""
    from services.statistics.series import Figures

    grain = GRAIN[granularity]
    if not key.has(grain) or not periods:
        return {}
    lo, hi = periods[0].key, periods[-1].key
    built = await _built(grain, lo, hi)
    clean = {p.key for p in periods if p.key in built and not _dirty(p, cover)}
    if not clean:
        return {}
    found = {k: Figures() for k in clean}
    where, args = key.where("c")
    # One row per period, scope and wage (cube.py groups by them): nothing to add up here.
    columns = ", ".join(f"c.{c}" for c in ("registered", *SUMS))
    for row in await StatisticsCube.raw(
        f"SELECT c.period AS period, c.daily_wage_fen AS wage, {columns} FROM statistics_cube c "
        f"WHERE c.grain = {{}} AND {where} AND c.period >= {{}} AND c.period <= {{}}",
        grain,
        *args,
        lo,
        hi,
    ):
        if row["period"] in found:
            add_sums(found[row["period"]], row)
    for row in await StatisticsCube.raw(
        f"SELECT c.period AS period, c.active AS active FROM statistics_cube_active c "
        f"WHERE c.grain = {{}} AND {where} AND c.period >= {{}} AND c.period <= {{}}",
        grain,
        *args,
        lo,
        hi,
    ):
        if row["period"] in found:
            found[row["period"]].job_seekers_active = int(row["active"])
    for f in found.values():
        f.finish()
    return found


def _single_period(first: date, last: date) -> tuple[str, Period] | None:
    """The cube period that is exactly [first, last], if any: a day, an ISO week, a month or a
    calendar year (the ranges a report's totals usually span)."""
    for grain in ("D", "W", "M", "Y"):
        period = period_of_grain(first, grain)
        if period.starts_on == first and period.ends_on == last:
            return grain, period
    return None


async def cube_active(key: CubeKey, first: date, last: date, cover: Coverage) -> int | None:
    """Distinct active job seekers of [first, last] from the cube when the range is one of its
    clean periods (one statement), else None: the caller counts them from the activity."""
    single = _single_period(first, last)
    if single is None:
        return None
    grain, period = single
    if not key.has(grain) or _dirty(period, cover):
        return None
    where, args = key.where("a")
    rows = await StatisticsCube.raw(
        "SELECT p.period AS period, a.active AS active FROM statistics_cube_period p "
        f"LEFT JOIN statistics_cube_active a ON a.grain = p.grain AND a.period = p.period "
        f"AND {where} WHERE p.grain = {{}} AND p.period = {{}}",
        *args,
        grain,
        period.key,
    )
    if not rows:
        return None
    return int(rows[0]["active"] or 0)


def only(cover: Coverage, periods: list[Period]) -> Coverage:
    """The coverage restricted to the days of `periods` (whole periods, in order)."""
    spans: list[tuple[date, date]] = []
    for p in periods:
        if spans and spans[-1][1] + timedelta(days=1) == p.starts_on:
            spans[-1] = (spans[-1][0], p.ends_on)
        else:
            spans.append((p.starts_on, p.ends_on))

    def cut(runs: tuple[tuple[date, date], ...]) -> tuple[tuple[date, date], ...]:
        return tuple((max(a, s), min(b, e)) for s, e in spans for a, b in runs if a <= e and b >= s)

    return Coverage(rolled=cut(cover.rolled), raw=cut(cover.raw))
