"""Building the monitoring cube: the daily rollup summed again per period and scope (see tables)."""

# Why a cube: statistics_daily keeps a row per day, market, region, occupation and wage, so a
# province-year still reads about as many rows as there are records, and distinct job seekers
# must be counted from statistics_activity row by row. The cube sums each period (D, W, M, Y)
# once per scope a caller can name — everything, a division with what lies under it, a market,
# each alone or with an occupation — and counts its distinct job seekers once, so a year reads
# one row per period and wage. It is rebuilt from the daily rollup by rollup.refresh, after
# the days, for every period holding a rebuilt day; a reader trusts a period only while it is
# built and none of its days has a pending change (cube_series.py), so it is never read stale.
# Periods are rebuilt a few at a time, each batch in its own transaction, so that SQLite's
# other writers are not held for the whole run.

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import date, timedelta

from services.db import is_postgres
from services.statistics.coverage import day_param
from services.statistics.periods import Granularity, Period, period_of
from services.statistics.rollup_series import SUMS
from tables.region import Region
from tables.statistics import StatisticsCubePeriod, StatisticsRegionNode

GRAINS = ("D", "W", "M", "Y")
GRANULARITY = {"D": Granularity.DAY, "W": Granularity.WEEK, "M": Granularity.MONTH}
LEVELS_BELOW = 2  # a division's scope is itself, its children and grandchildren (region_ids)


@dataclass(frozen=True)
class Part:
    """One scope family of the cube: which columns name the scope, and what a row needs."""

    market: str
    region: str
    occupation: str
    days_too: bool  # kept per day as well (the province and divisions only)


PARTS = (
    Part("0", "0", "0", True),
    Part("0", "n.node", "0", True),
    Part("0", "0", "{a}.occupation", False),
    Part("0", "n.node", "{a}.occupation", False),
    Part("{a}.market", "0", "0", False),
    Part("{a}.market", "0", "{a}.occupation", False),
)


def period_of_grain(day: date, grain: str) -> Period:
    if grain == "Y":
        first = date(day.year, 1, 1)
        return Period(str(day.year), str(day.year), first, date(day.year, 12, 31))
    return period_of(day, GRANULARITY[grain])


def period_key(grain: str, alias: str) -> str:
    """SQL for a rollup row's period key in `grain` (statistics_daily/activity keep day, week
    and month; the year is the month's first four characters)."""
    if grain == "M":
        return f"{alias}.month"
    if grain == "Y":
        return f"substr({alias}.month, 1, 4)"
    column = "day" if grain == "D" else "week"
    if is_postgres():
        return f"to_char({alias}.{column}, 'YYYY-MM-DD')"
    return f"CAST({alias}.{column} AS TEXT)"


def _runs(periods: Iterable[Period]) -> list[list[Period]]:
    """Periods in order, as runs of adjacent periods (one day range each)."""
    out: list[list[Period]] = []
    for p in sorted(set(periods), key=lambda p: p.starts_on):
        if out and out[-1][-1].ends_on + timedelta(days=1) == p.starts_on:
            out[-1].append(p)
        else:
            out.append([p])
    return out


def _select(part: Part, grain: str, alias: str, source: str) -> tuple[str, str, str]:
    """(scope columns, FROM … with the division join, extra WHERE) of one part."""
    market, region, occupation = (
        c.format(a=alias) for c in (part.market, part.region, part.occupation)
    )
    columns = f"'{grain}', {period_key(grain, alias)}, {market}, {region}, {occupation}"
    joined = f"{source} {alias}"
    where = ""
    if part.region != "0":
        joined += f" JOIN statistics_region_node n ON n.region = {alias}.region"
    if part.occupation != "0":
        where += f" AND {alias}.occupation IS NOT NULL"
    if part.market != "0":
        where += f" AND {alias}.market IS NOT NULL"
    return columns, joined, where


def _group(grain: str, part: Part, alias: str, extra: str = "") -> str:
    keys = [period_key(grain, alias)] + [
        c.format(a=alias) for c in (part.market, part.region, part.occupation) if c != "0"
    ]
    return ", ".join(keys + ([extra] if extra else []))


# Portable integer SQL for the median of a wage histogram, halves rounded up to the fen, as
# series._median: the values at positions (total - 1) / 2 and total / 2 (from 0) are the first
# wages whose running count of postings passes them.
MEDIAN = (
    "(MIN(CASE WHEN w.cum > (w.total - 1) / 2 THEN w.wage END) "
    "+ MIN(CASE WHEN w.cum > w.total / 2 THEN w.wage END) + 1) / 2"
)
KEYS = ("period", "market", "region", "occupation")


def _sums(grain: str, part: Part, registered: str) -> str:
    """One statement: the daily rows of a part grouped by period, scope and wage (h), the
    median of each period and scope from that histogram (m), then one cube row per period and
    scope with the sums and the median."""
    market, region, occupation = (
        c.format(a="d") for c in (part.market, part.region, part.occupation)
    )
    _, joined, where = _select(part, grain, "d", "statistics_daily")
    sums = ", ".join(f"SUM(d.{c}) AS {c}" for c in SUMS)
    keys = ", ".join(KEYS)
    window = f"PARTITION BY {keys}"
    on = " AND ".join(f"m.{k} = h.{k}" for k in KEYS)
    return (
        f"WITH h AS (SELECT {period_key(grain, 'd')} AS period, {market} AS market, "
        f"{region} AS region, {occupation} AS occupation, d.daily_wage_fen AS wage, "
        f"SUM(d.{registered}) AS registered, {sums} FROM {joined} "
        f"WHERE d.day >= {{}} AND d.day <= {{}}{where} "
        f"GROUP BY {_group(grain, part, 'd', 'd.daily_wage_fen')}), "
        f"w AS (SELECT {keys}, wage, "
        f"CAST(SUM(postings_published) OVER ({window} ORDER BY wage) AS BIGINT) AS cum, "
        f"CAST(SUM(postings_published) OVER ({window}) AS BIGINT) AS total "
        "FROM h WHERE wage IS NOT NULL AND postings_published > 0), "
        f"m AS (SELECT {', '.join(f'w.{k} AS {k}' for k in KEYS)}, {MEDIAN} AS median FROM w "
        f"GROUP BY {', '.join(f'w.{k}' for k in KEYS)}) "
        "INSERT INTO statistics_cube (grain, period, market, region, occupation, "
        f"median_daily_wage_fen, registered, {', '.join(SUMS)}) "
        f"SELECT '{grain}', h.period, h.market, h.region, h.occupation, MAX(m.median), "
        f"SUM(h.registered), {', '.join(f'SUM(h.{c})' for c in SUMS)} "
        f"FROM h LEFT JOIN m ON {on} GROUP BY h.period, h.market, h.region, h.occupation"
    )


def _statements(grain: str, first: date, last: date) -> list[tuple[str, list]]:
    """INSERT … SELECT statements filling the cube for the periods of [first, last]."""
    span = [day_param(first), day_param(last)]
    out: list[tuple[str, list]] = []
    for part in PARTS:
        if grain == "D" and not part.days_too:
            continue
        # An occupation's registrations count each worker once per occupation sought.
        registered = "registered_seeking" if part.occupation != "0" else "job_seekers_registered"
        out.append((_sums(grain, part, registered), span))
        columns, joined, where = _select(part, grain, "x", "statistics_activity")
        out.append(
            (
                "INSERT INTO statistics_cube_active (grain, period, market, region, occupation, "
                f"active) SELECT {columns}, COUNT(DISTINCT x.worker) FROM {joined} "
                f"WHERE x.day >= {{}} AND x.day <= {{}}{where} GROUP BY {_group(grain, part, 'x')}",
                span,
            )
        )
    return out


async def _nodes_current() -> bool:
    """Rewrite the division closure if the divisions changed; True when it was already current."""
    parents = {r["id"]: r["parent"] for r in await Region.select(Region.id, Region.parent)}
    wanted = set()
    for region in parents:
        node: int | None = region
        for _ in range(LEVELS_BELOW + 1):
            if node is None:
                break
            wanted.add((region, node))
            node = parents.get(node)
    rows = await StatisticsRegionNode.select(StatisticsRegionNode.region, StatisticsRegionNode.node)
    if {(r["region"], r["node"]) for r in rows} == wanted:
        return True
    await StatisticsRegionNode.delete(force=True)
    pairs = sorted(wanted)
    for chunk in range(0, len(pairs), 400):
        part = pairs[chunk : chunk + 400]
        values = ", ".join("({}, {})" for _ in part)
        await StatisticsRegionNode.raw(
            f"INSERT INTO statistics_region_node (region, node) VALUES {values}",
            *[v for pair in part for v in pair],
        )
    return False


def _periods(days: Iterable[date]) -> dict[str, list[list[Period]]]:
    days = set(days)
    return {g: _runs(period_of_grain(d, g) for d in days) for g in GRAINS}


async def unmark(days: Iterable[date]) -> None:
    """Stop trusting every period holding one of `days` (in the transaction that consumes their
    change rows, so that no reader trusts a period built before those changes)."""
    for grain, found in _periods(days).items():
        for run in found:
            await StatisticsCubePeriod.raw(
                "DELETE FROM statistics_cube_period WHERE grain = {} AND period >= {} "
                "AND period <= {}",
                grain,
                run[0].key,
                run[-1].key,
            )


# Periods rebuilt per transaction: about a month of days each, a year alone.
PER_TRANSACTION = {"D": 31, "W": 5, "M": 1, "Y": 1}


async def rebuild(
    days: Iterable[date],
    transaction: Callable[[], AbstractAsyncContextManager[None]],
    everything: tuple[date, date] | None = None,
) -> int:
    """Rebuild every period of every grain holding one of `days`, a few periods per
    `transaction()`, each marked built in the transaction that fills it. If the divisions
    changed since the last build, every period from everything[0] to everything[1] is rebuilt
    (and unmarked first). Returns how many periods were rebuilt."""
    wanted = set(days)
    async with transaction():
        current = await _nodes_current()
    if not current and everything is not None:
        first, last = everything
        every = {first + timedelta(days=i) for i in range((last - first).days + 1)}
        async with transaction():
            await unmark(every)
        wanted |= every
    count = 0
    for grain, found in _periods(wanted).items():
        for run in found:
            size = PER_TRANSACTION[grain]
            for start in range(0, len(run), size):
                async with transaction():
                    await _fill(grain, run[start : start + size])
                count += len(run[start : start + size])
    return count


async def _fill(grain: str, run: list[Period]) -> None:
    lo, hi = run[0].key, run[-1].key
    for table in ("statistics_cube", "statistics_cube_active", "statistics_cube_period"):
        await StatisticsCubePeriod.raw(
            f"DELETE FROM {table} WHERE grain = {{}} AND period >= {{}} AND period <= {{}}",
            grain,
            lo,
            hi,
        )
    for sql, args in _statements(grain, run[0].starts_on, run[-1].ends_on):
        await StatisticsCubePeriod.raw(sql, *args)
    values = ", ".join("({}, {})" for _ in run)
    await StatisticsCubePeriod.raw(
        f"INSERT INTO statistics_cube_period (grain, period) VALUES {values}",
        *[v for p in run for v in (grain, p.key)],
    )
