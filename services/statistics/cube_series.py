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


async def _rows(key: CubeKey, grain: str, lo: str, hi: str) -> list[dict]:
    """The built periods of a grain between two keys, each with its sums, median and job
    seekers (NULL where the period had nothing in this scope), in one statement."""
    c_where, c_args = key.where("c")
    a_where, a_args = key.where("a")
    columns = ", ".join(f"c.{c} AS {c}" for c in ("registered", *SUMS))
    return await StatisticsCube.raw(
        f"SELECT p.period AS period, {columns}, c.median_daily_wage_fen AS median, "
        "a.active AS active FROM statistics_cube_period p "
        f"LEFT JOIN statistics_cube c ON c.grain = p.grain AND c.period = p.period AND {c_where} "
        f"LEFT JOIN statistics_cube_active a ON a.grain = p.grain AND a.period = p.period "
        f"AND {a_where} WHERE p.grain = {{}} AND p.period >= {{}} AND p.period <= {{}}",
        *c_args,
        *a_args,
        grain,
        lo,
        hi,
    )


def _figures(row: dict) -> Figures:
    """A cube row as a period's figures. Its median comes ready-made (no histogram), so such
    figures are shown as they are and never combined into a longer range (report.py)."""
    from services.statistics.series import Figures

    f = Figures()
    if row["registered"] is not None:
        add_sums(f, {**row, "wage": None})
    f.job_seekers_active = int(row["active"] or 0)
    f.finish()
    f.median_daily_wage_fen = None if row["median"] is None else int(row["median"])
    return f


async def cube_figures(
    key: CubeKey, granularity: Granularity, periods: list[Period], cover: Coverage
) -> dict[str, Figures]:
    """Figures of the periods the cube holds cleanly (built, no pending change on any of their
    days), in one statement; the other periods are left out for the caller to compute."""
    grain = GRAIN[granularity]
    if not key.has(grain) or not periods:
        return {}
    clean = {p.key for p in periods if not _dirty(p, cover)}
    rows = await _rows(key, grain, periods[0].key, periods[-1].key) if clean else []
    return {r["period"]: _figures(r) for r in rows if r["period"] in clean}


def _single_period(first: date, last: date) -> tuple[str, Period] | None:
    """The cube period that is exactly [first, last], if any: a day, an ISO week, a month or a
    calendar year (the ranges a report's totals usually span)."""
    for grain in ("D", "W", "M", "Y"):
        period = period_of_grain(first, grain)
        if period.starts_on == first and period.ends_on == last:
            return grain, period
    return None


async def cube_total(key: CubeKey, first: date, last: date, cover: Coverage) -> Figures | None:
    """The figures of [first, last] as one period from the cube when the range is one of its
    clean periods (one statement), else None: the caller combines the range's periods."""
    single = _single_period(first, last)
    if single is None:
        return None
    grain, period = single
    if not key.has(grain) or _dirty(period, cover):
        return None
    rows = await _rows(key, grain, period.key, period.key)
    return _figures(rows[0]) if rows else None


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
