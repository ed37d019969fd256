"""Reading the countable figures of rolled days from statistics_daily (see rollup.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from services.db import is_postgres
from services.statistics.coverage import Runs, within
from services.statistics.periods import Granularity
from tables.statistics import StatisticsDaily

if TYPE_CHECKING:  # series.py imports this module
    from services.statistics.series import Figures, Scope

# Summed per period and daily wage; the registration figure depends on the scope (below).
SUMS = (
    "postings_published",
    "headcount_demanded",
    "applications",
    "matches_confirmed",
    "workers_onboarded",
    "completed",
    "confirm_seconds",
)


def rolled_key(granularity: Granularity, alias: str) -> str:
    """SQL for the period key (as periods.bucket yields it) of a rollup row."""
    column = {Granularity.DAY: "day", Granularity.WEEK: "week", Granularity.MONTH: "month"}[
        granularity
    ]
    if granularity == Granularity.MONTH:
        return f"{alias}.month"
    if is_postgres():
        return f"to_char({alias}.{column}, 'YYYY-MM-DD')"
    return f"CAST({alias}.{column} AS TEXT)"  # a plain column would come back as a date


def rolled_scope(scope: Scope, alias: str) -> tuple[str, list]:
    """The scope on a rollup row: its market, region and occupation are the worker's for
    registrations and the posting's for the rest, as in series.worker_scope/posting_scope."""
    sql, args = ["1 = 1"], []
    if scope.market_id is not None:
        sql.append(f"{alias}.market = {{}}")
        args.append(scope.market_id)
    if scope.region_ids is not None:
        sql.append(f"{alias}.region IN ({', '.join('{}' for _ in scope.region_ids)})")
        args.extend(scope.region_ids)
    if scope.occupation_id is not None:
        sql.append(f"{alias}.occupation = {{}}")
        args.append(scope.occupation_id)
    return " AND ".join(sql), args


def add_postings(f: Figures, row: dict[str, Any]) -> None:
    f.postings_published += int(row["n"])
    f.headcount_demanded += int(row["headcount"])
    if row["wage"] is not None and int(row["n"]):
        f._wages.append((int(row["wage"]), int(row["n"])))


def add_sums(f: Figures, row: dict[str, Any]) -> None:
    """Add one rollup row (registered, the sums of SUMS, its daily wage) to a period."""
    f.job_seekers_registered = (f.job_seekers_registered or 0) + int(row["registered"])
    add_postings(
        f,
        {
            "n": row["postings_published"],
            "headcount": row["headcount_demanded"],
            "wage": row["wage"],
        },
    )
    f.applications = (f.applications or 0) + int(row["applications"])
    f.matches_confirmed = (f.matches_confirmed or 0) + int(row["matches_confirmed"])
    f.workers_onboarded = (f.workers_onboarded or 0) + int(row["workers_onboarded"])
    f.completed = (f.completed or 0) + int(row["completed"])
    f._confirm_seconds += float(row["confirm_seconds"] or 0)


async def rolled_counts(
    scope: Scope, rolled: Runs, granularity: Granularity, found: dict[str, Figures]
) -> None:
    """One statement: the sums per period and daily wage (the wage histogram for the median).

    A worker seeking two occupations is one registration province-wide but one for each
    occupation: rows with no occupation count each worker once, the others once per occupation."""
    registered = (
        "registered_seeking" if scope.occupation_id is not None else "job_seekers_registered"
    )
    where, args = rolled_scope(scope, "d")
    days, d_args = within("d.day", rolled)
    sums = ", ".join(f"SUM(d.{c}) AS {c}" for c in SUMS)
    for row in await StatisticsDaily.raw(
        f"SELECT {rolled_key(granularity, 'd')} AS period, d.daily_wage_fen AS wage, "
        f"SUM(d.{registered}) AS registered, {sums} FROM statistics_daily d "
        f"WHERE {where} AND {days} GROUP BY 1, 2",
        *args,
        *d_args,
    ):
        add_sums(found[row["period"]], row)
