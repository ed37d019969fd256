"""A monitoring report: the series, the range's totals and the previous range's, suppressed or not."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from services.statistics.coverage import coverage, everything_raw
from services.statistics.cube_series import cube_figures, cube_key, cube_total, only
from services.statistics.periods import Granularity, Period, periods_between
from services.statistics.series import Figures, Scope, active_count, combine, figures
from tables.market import Market

# Figures compared against the previous range (all the shown ones).
COMPARED = (
    "job_seekers_registered",
    "job_seekers_active",
    "postings_published",
    "headcount_demanded",
    "applications",
    "matches_confirmed",
    "workers_onboarded",
    "completed",
    "average_hours_to_confirm",
    "median_daily_wage_fen",
    "supply_demand_ratio",
)


@dataclass
class Report:
    granularity: Granularity
    periods: list[Period]
    series: list[Figures]
    total: Figures
    previous_from: date
    previous_to: date
    previous_total: Figures
    change: dict[str, int | Decimal | None]
    suppressed: bool


async def market_exists(market_id: int) -> bool:
    return await Market.exists().where(Market.id == market_id)


async def operates(operator_id: int, market_id: int) -> bool:
    return await Market.exists().where((Market.id == market_id) & (Market.operator == operator_id))


def _change(now: Figures, before: Figures) -> dict[str, int | Decimal | None]:
    out: dict[str, int | Decimal | None] = {}
    for name in COMPARED:
        a, b = getattr(now, name), getattr(before, name)
        out[name] = None if a is None or b is None else a - b
    return out


async def report(
    scope: Scope,
    start: date,
    end: date,
    granularity: Granularity,
    suppress: bool,
    rollup: bool = True,
) -> Report:
    """The series over the previous range and this one together: whole periods from the cube
    where it holds them cleanly (cube_series.py), the others day by day (the rolled days from the
    daily rollup, the rest from the records: coverage.py); then each range as one period, from
    the cube when the range is one of its periods, else combined from its periods.
    `rollup=False` reads everything from the records (the reference the rollups are tested
    against)."""
    periods = periods_between(start, end, granularity)
    before = _previous(periods[0].starts_on - timedelta(days=1), len(periods), granularity)
    first, last = before[0].starts_on, periods[-1].ends_on
    cover = await coverage(first, last) if rollup else everything_raw(first, last)
    # Before the first build nothing is rolled, and no period can come from the cube.
    key = await cube_key(scope) if cover.rolled else None
    from_cube = await cube_figures(key, granularity, [*before, *periods], cover) if key else {}
    rest = [p for p in (*before, *periods) if p.key not in from_cube]
    by_key = {**from_cube}
    if rest:
        by_key.update(await figures(scope, only(cover, rest), granularity))
    series = [by_key.get(p.key) or Figures() for p in periods]

    async def range_total(these: list[Period]) -> Figures:
        """The range as one period: from the cube when it is one of the cube's clean periods;
        else the periods combined — day by day where the cube gave a period, since its median
        comes without the histogram that combining needs."""
        a, b = these[0].starts_on, these[-1].ends_on
        found = await cube_total(key, a, b, cover) if key else None
        if found is not None:
            return found
        parts = [by_key.get(p.key) or Figures() for p in these]
        if any(p.key in from_cube for p in these):
            again = await figures(scope, only(cover, these), granularity)
            parts = [again.get(p.key) or Figures() for p in these]
        return combine(parts, await active_count(scope, cover.clip(a, b)))

    total = await range_total(periods)
    previous_total = await range_total(before)
    if suppress:
        for f in (*series, total, previous_total):
            f.suppress()
    return Report(
        granularity=granularity,
        periods=periods,
        series=series,
        total=total,
        previous_from=before[0].starts_on,
        previous_to=before[-1].ends_on,
        previous_total=previous_total,
        change=_change(total, previous_total),
        suppressed=suppress,
    )


def _previous(last_day: date, count: int, granularity: Granularity) -> list[Period]:
    out: list[Period] = []
    day = last_day
    while len(out) < count:
        period = periods_between(day, day, granularity)[0]
        out.insert(0, period)
        day = period.starts_on - timedelta(days=1)
    return out
