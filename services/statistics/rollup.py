"""Rebuilding the monitoring rollup for the days that changed or were never built."""

# How the rollup stays correct: triggers on worker, worker_occupation, job_posting and
# job_application append every Asia/Shanghai day a write may change to statistics_change, in
# the writer's own transaction. Readers (coverage.py) trust a day only while it is built and no
# change names it; other days are computed from the records, so a stale rollup is slower,
# never wrong. `refresh()` rebuilds the changed and the unbuilt days from the records and then
# deletes exactly the change rows it read: a change committed meanwhile keeps its row, so its
# day stays raw until the next refresh.

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from services.db import is_postgres, write_transaction
from services.statistics.coverage import as_date, day_param, during, runs
from services.statistics.periods import Granularity, bucket, midnight, seconds_between
from services.timeutil import SHANGHAI
from tables.statistics import StatisticsChange

DAILY_COLUMNS = (
    "day, week, month, market, region, occupation, daily_wage_fen, job_seekers_registered, "
    "registered_seeking, postings_published, headcount_demanded, applications, "
    "matches_confirmed, workers_onboarded, completed, confirm_seconds"
)
# Timestamps whose days bound the records (the earliest and latest day anything happened).
SPAN = (
    ("worker", "created_at"),
    ("job_posting", "published_at"),
    ("job_application", "applied_at"),
    ("job_application", "confirmed_at"),
    ("job_application", "checked_in_at"),
    ("job_application", "completed_at"),
)


@dataclass(frozen=True)
class Refreshed:
    days: int  # days rebuilt
    changes: int  # change rows consumed


def _keys(column: str) -> str:
    """The day, week (Monday) and month of a timestamptz column in Asia/Shanghai."""
    day, week = bucket(column, Granularity.DAY), bucket(column, Granularity.WEEK)
    if is_postgres():
        day, week = f"CAST({day} AS date)", f"CAST({week} AS date)"
    return f"{day}, {week}, {bucket(column, Granularity.MONTH)}"


def _statements(window: tuple[datetime, datetime]) -> list[tuple[str, list]]:
    """INSERT … SELECT statements filling the rollup for the days of one window."""
    out = []

    def add(sql: str, column: str) -> None:
        cond, args = during(column, [window])
        out.append((sql.replace("{where}", cond), args))

    add(
        f"INSERT INTO statistics_daily ({DAILY_COLUMNS}) SELECT {_keys('w.created_at')}, "
        "w.registered_market, w.home_region, NULL, NULL, COUNT(*), 0, 0, 0, 0, 0, 0, 0, 0 "
        "FROM worker w WHERE {where} GROUP BY 1, 2, 3, 4, 5",
        "w.created_at",
    )
    add(
        f"INSERT INTO statistics_daily ({DAILY_COLUMNS}) SELECT {_keys('w.created_at')}, "
        "w.registered_market, w.home_region, o.occupation, NULL, 0, COUNT(*), 0, 0, 0, 0, 0, 0, "
        "0 FROM worker w JOIN worker_occupation o ON o.worker = w.id WHERE {where} "
        "GROUP BY 1, 2, 3, 4, 5, 6",
        "w.created_at",
    )
    add(
        f"INSERT INTO statistics_daily ({DAILY_COLUMNS}) SELECT {_keys('p.published_at')}, "
        "p.market, p.region, p.occupation, p.daily_wage_fen, 0, 0, COUNT(*), SUM(p.headcount), "
        "0, 0, 0, 0, 0 FROM job_posting p WHERE p.status <> 'REMOVED' AND {where} "
        "GROUP BY 1, 2, 3, 4, 5, 6, 7",
        "p.published_at",
    )
    events = (
        ("a.applied_at", "", "COUNT(*), 0, 0, 0, 0"),
        (
            "a.confirmed_at",
            " AND a.status <> 'CANCELLED'",
            f"0, COUNT(*), 0, 0, SUM({seconds_between('a.confirmed_at', 'a.applied_at')})",
        ),
        ("a.checked_in_at", "", "0, 0, COUNT(*), 0, 0"),
        ("a.completed_at", "", "0, 0, 0, COUNT(*), 0"),
    )
    for column, condition, counts in events:
        add(
            f"INSERT INTO statistics_daily ({DAILY_COLUMNS}) SELECT {_keys(column)}, p.market, "
            f"p.region, p.occupation, NULL, 0, 0, 0, 0, {counts} FROM job_application a "
            f"JOIN job_posting p ON p.id = a.posting WHERE {{where}}{condition} "
            "GROUP BY 1, 2, 3, 4, 5, 6",
            column,
        )
    registered, r_args = during("w.created_at", [window])
    applied, a_args = during("a.applied_at", [window])
    out.append(
        (
            "INSERT INTO statistics_activity (day, week, month, worker, market, region, "
            f"occupation) SELECT {_keys('w.created_at')}, w.id, w.registered_market, "
            "w.home_region, o.occupation FROM worker w "
            f"LEFT JOIN worker_occupation o ON o.worker = w.id WHERE {registered} UNION "
            f"SELECT {_keys('a.applied_at')}, a.worker, p.market, p.region, p.occupation "
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


async def refresh(today: date | None = None) -> Refreshed:
    """Rebuild every changed day and every unbuilt day from the first record to today (or the
    last record, if later), in one write transaction."""
    today = today or datetime.now(SHANGHAI).date()
    async with write_transaction():
        marks = await StatisticsChange.raw("SELECT id, day FROM statistics_change")
        wanted = {as_date(r["day"]) for r in marks}
        span = await _span()
        if span is not None:
            first, last = span[0], max(span[1], today)
            built = {
                as_date(r["day"])
                for r in await StatisticsChange.raw(
                    "SELECT day FROM statistics_built_day WHERE day >= {} AND day <= {}",
                    day_param(first),
                    day_param(last),
                )
            }
            every = (first + timedelta(days=i) for i in range((last - first).days + 1))
            wanted |= {d for d in every if d not in built}
        for a, b in runs(sorted(wanted)):
            lo, hi = day_param(a), day_param(b)
            for table in ("statistics_daily", "statistics_activity", "statistics_built_day"):
                await StatisticsChange.raw(
                    f"DELETE FROM {table} WHERE day >= {{}} AND day <= {{}}", lo, hi
                )
            for sql, args in _statements((midnight(a), midnight(b + timedelta(days=1)))):
                await StatisticsChange.raw(sql, *args)
            days = [day_param(a + timedelta(days=i)) for i in range((b - a).days + 1)]
            for chunk in range(0, len(days), 500):
                part = days[chunk : chunk + 500]
                values = ", ".join("({})" for _ in part)
                await StatisticsChange.raw(
                    f"INSERT INTO statistics_built_day (day) VALUES {values}", *part
                )
        ids = [r["id"] for r in marks]
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            await StatisticsChange.raw(
                f"DELETE FROM statistics_change WHERE id IN ({', '.join('{}' for _ in part)})",
                *part,
            )
    return Refreshed(days=len(wanted), changes=len(ids))
