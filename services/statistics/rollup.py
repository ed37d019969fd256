"""Rebuilding the monitoring rollup for the days that changed or were never built."""

# How the rollup stays correct: triggers on worker, worker_occupation, job_posting and
# job_application append every Asia/Shanghai day a write may change to statistics_change, in
# the writer's own transaction. Readers (coverage.py) trust a day only while it is built and no
# change names it; other days are computed from the records, so a stale rollup is slower,
# never wrong. `refresh()` rebuilds the changed and the unbuilt days from the records and then
# deletes exactly the change rows it read: a change committed meanwhile keeps its row, so its
# day stays raw until the next refresh.

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from services.db import is_postgres, write_transaction
from services.statistics import cube
from services.statistics.coverage import as_date, day_param, during, runs
from services.statistics.periods import Granularity, bucket, midnight, seconds_between
from services.timeutil import SHANGHAI
from tables.statistics import StatisticsBuiltDay, StatisticsChange

DAILY_COLUMNS = (
    "day, week, month, market, region, occupation, daily_wage_fen, job_seekers_registered, "
    "registered_seeking, postings_published, headcount_demanded, applications, "
    "matches_confirmed, workers_onboarded, completed, confirm_seconds"
)
ROLLUP_TABLES = (
    "statistics_daily",
    "statistics_activity",
    "statistics_built_day",
    "statistics_cube",
    "statistics_cube_active",
    "statistics_cube_period",
)
REFRESH_LOCK = 1_202_612  # advisory lock key of the rollup refresh (PostgreSQL)
# Timestamps whose days bound the records (the earliest and latest day anything happened).
SPAN = (
    ("worker", "created_at"),
    ("job_posting", "published_at"),
    ("job_application", "applied_at"),
    ("job_application", "confirmed_at"),
    ("job_application", "checked_in_at"),
    ("job_application", "completed_at"),
)


# Typed NULLs: PostgreSQL types an untyped NULL of a UNION's first branches as text.
NO_ID, NO_WAGE = "CAST(NULL AS INTEGER)", "CAST(NULL AS BIGINT)"


@dataclass(frozen=True)
class Refreshed:
    days: int  # days rebuilt
    changes: int  # change rows consumed


def _keys(column: str) -> list[str]:
    """The day, week (Monday) and month of a timestamptz column in Asia/Shanghai."""
    day, week = bucket(column, Granularity.DAY), bucket(column, Granularity.WEEK)
    if is_postgres():
        day, week = f"CAST({day} AS date)", f"CAST({week} AS date)"
    return [day, week, bucket(column, Granularity.MONTH)]


def _statements(window: tuple[datetime, datetime]) -> list[tuple[str, list]]:
    """INSERT … SELECT statements filling the rollup for the days of one window: one row per
    day, market, region, occupation and daily wage holding every figure (fewer rows to read)."""
    names = [c.strip() for c in DAILY_COLUMNS.split(",")]
    parts: list[str] = []
    args: list = []

    def add(column: str, scope: str, values: str, source: str, where: str = "") -> None:
        cond, cond_args = during(column, [window])
        figures = [seconds if v == "SECONDS" else v for v in values.split(", ")]
        expressions = [*_keys(column), *scope.split(", "), *figures]
        select = ", ".join(f"{e} AS {n}" for e, n in zip(expressions, names, strict=True))
        parts.append(f"SELECT {select} FROM {source} WHERE {cond}{where}")
        args.extend(cond_args)

    worker = "w.registered_market, w.home_region"
    add("w.created_at", f"{worker}, {NO_ID}, {NO_WAGE}", "1, 0, 0, 0, 0, 0, 0, 0, 0", "worker w")
    add(
        "w.created_at",
        f"{worker}, o.occupation, {NO_WAGE}",
        "0, 1, 0, 0, 0, 0, 0, 0, 0",
        "worker w JOIN worker_occupation o ON o.worker = w.id",
    )
    posting = "p.market, p.region, p.occupation"
    add(
        "p.published_at",
        f"{posting}, p.daily_wage_fen",
        "0, 0, 1, p.headcount, 0, 0, 0, 0, 0",
        "job_posting p",
        " AND p.status <> 'REMOVED'",
    )
    seconds = seconds_between("a.confirmed_at", "a.applied_at")
    events = (
        ("a.applied_at", "", "1, 0, 0, 0, 0"),
        ("a.confirmed_at", " AND a.status <> 'CANCELLED'", "0, 1, 0, 0, SECONDS"),
        ("a.checked_in_at", "", "0, 0, 1, 0, 0"),
        ("a.completed_at", "", "0, 0, 0, 1, 0"),
    )
    for column, condition, counts in events:
        add(
            column,
            f"{posting}, {NO_WAGE}",
            f"0, 0, 0, 0, {counts}",
            "job_application a JOIN job_posting p ON p.id = a.posting",
            condition,
        )
    keys = ", ".join(names[:7])
    sums = ", ".join(f"SUM({c})" for c in names[7:])
    out = [
        (
            f"INSERT INTO statistics_daily ({DAILY_COLUMNS}) SELECT {keys}, {sums} "
            f"FROM ({' UNION ALL '.join(parts)}) u GROUP BY {keys}",
            args,
        )
    ]
    registered, r_args = during("w.created_at", [window])
    applied, a_args = during("a.applied_at", [window])
    out.append(
        (
            "INSERT INTO statistics_activity (day, week, month, worker, market, region, "
            f"occupation) SELECT {', '.join(_keys('w.created_at'))}, w.id, w.registered_market, "
            "w.home_region, o.occupation FROM worker w "
            f"LEFT JOIN worker_occupation o ON o.worker = w.id WHERE {registered} UNION "
            f"SELECT {', '.join(_keys('a.applied_at'))}, a.worker, p.market, p.region, p.occupation "
            f"FROM job_application a JOIN job_posting p ON p.id = a.posting WHERE {applied}",
            [*r_args, *a_args],
        )
    )
    return out


async def _span() -> tuple[date, date] | None:
    parts = " UNION ALL ".join(f"SELECT MIN({c}) AS lo, MAX({c}) AS hi FROM {t}" for t, c in SPAN)
    row = (await StatisticsChange.raw(f"SELECT MIN(lo) AS lo, MAX(hi) AS hi FROM ({parts}) s"))[0]
    if row["lo"] is None:
        return None

    def local(value) -> date:
        if isinstance(value, str):  # SQLite: UTC text
            value = datetime.fromisoformat(value)
        return value.astimezone(SHANGHAI).date()

    return local(row["lo"]), local(row["hi"])


async def _built_span() -> tuple[date, date] | None:
    row = (
        await StatisticsBuiltDay.raw(
            "SELECT MIN(day) AS lo, MAX(day) AS hi FROM statistics_built_day"
        )
    )[0]
    return (as_date(row["lo"]), as_date(row["hi"])) if row["lo"] is not None else None


# Days are rebuilt a month at a time, each batch its own transaction, so that on SQLite other
# writers wait seconds, not the whole rebuild (the first build of a busy year takes minutes).
DAYS_PER_TRANSACTION = 31


@contextlib.asynccontextmanager
async def serialised() -> AsyncIterator[None]:
    """A write transaction that two refreshes (two cron runs, two machines) never interleave:
    on PostgreSQL a transaction-scoped advisory lock; SQLite has one writer anyway."""
    async with write_transaction():
        if is_postgres():
            await StatisticsChange.raw("SELECT pg_advisory_xact_lock({})", REFRESH_LOCK)
        yield


async def refresh(today: date | None = None) -> Refreshed:
    """Rebuild every changed day, then every cube period holding one (cube.py). The first
    build (nothing built yet) takes every day from the first record to today, or to the last
    record if later.

    Correct between batches: a rebuilt day stays untrusted while its change rows remain (or,
    on the first build, while no day is marked built, so every day is read from the records);
    the change rows consumed go in the same transaction that unmarks the cube periods holding
    their days, and each cube period is then rebuilt and marked in a transaction of its own."""
    today = today or datetime.now(SHANGHAI).date()
    async with serialised():
        marks = await StatisticsChange.raw("SELECT id, day FROM statistics_change")
        first_build = not await StatisticsBuiltDay.exists()
    wanted = {as_date(r["day"]) for r in marks}
    if first_build:
        span = await _span()
        first, last = (span[0], max(span[1], today)) if span else (today, today)
        wanted |= {first + timedelta(days=i) for i in range((last - first).days + 1)}
    for a, b in runs(sorted(wanted)):
        for start in range(0, (b - a).days + 1, DAYS_PER_TRANSACTION):
            lo = a + timedelta(days=start)
            async with serialised():
                await _rebuild(lo, min(b, lo + timedelta(days=DAYS_PER_TRANSACTION - 1)))
    ids = [r["id"] for r in marks]
    async with serialised():
        await _mark_built(sorted(wanted))
        await cube.unmark(wanted)
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            await StatisticsChange.raw(
                f"DELETE FROM statistics_change WHERE id IN ({', '.join('{}' for _ in part)})",
                *part,
            )
    await cube.rebuild(wanted, serialised, await _built_span())
    if is_postgres() and wanted:
        # Fresh statistics for the planner: after a first build it would otherwise guess the
        # rollup tables empty until autovacuum next looks, and scan where an index answers.
        await StatisticsChange.raw(f"ANALYZE {', '.join(ROLLUP_TABLES)}")
    return Refreshed(days=len(wanted), changes=len(ids))


async def _mark_built(days: list[date]) -> None:
    params = [day_param(d) for d in days]
    for chunk in range(0, len(params), 500):
        part = params[chunk : chunk + 500]
        values = ", ".join("({})" for _ in part)
        await StatisticsChange.raw(
            f"DELETE FROM statistics_built_day WHERE day IN ({', '.join('{}' for _ in part)})",
            *part,
        )
        await StatisticsChange.raw(f"INSERT INTO statistics_built_day (day) VALUES {values}", *part)


async def _rebuild(a: date, b: date) -> None:
    """Rebuild the days [a, b]; a day already built stays marked (its change rows, or the
    first build's missing marks, keep readers off it until refresh() ends)."""
    lo, hi = day_param(a), day_param(b)
    for table in ("statistics_daily", "statistics_activity"):
        await StatisticsChange.raw(f"DELETE FROM {table} WHERE day >= {{}} AND day <= {{}}", lo, hi)
    for sql, args in _statements((midnight(a), midnight(b + timedelta(days=1)))):
        await StatisticsChange.raw(sql, *args)
