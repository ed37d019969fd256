"""Monitoring rollups (动态监测): per-day aggregates, per-day activity, and which days they cover."""

# The rollup is derived data, rebuilt a day at a time by services/statistics/rollup.py from
# worker, worker_occupation, job_posting and job_application. Triggers on those four tables
# (migration 2026-12-04T16:50) append the Asia/Shanghai days a write touches to
# statistics_change, so a day is trusted only while it is built and has no pending change.
# Markets, regions, occupations and workers are plain integers, not foreign keys: a rollup row
# must never stop a delete, and a deleted record leaves the rollup when its day is rebuilt.

from piccolo.columns import BigInt, Date, DoublePrecision, Integer, Serial, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table


class StatisticsChange(Table, tablename="statistics_change"):
    """A day whose figures changed since it was built (appended by triggers, never updated)."""

    id: Serial

    day = Date(index=True)


class StatisticsBuiltDay(Table, tablename="statistics_built_day"):
    """A day the rollup holds; trusted unless a statistics_change row names it."""

    id: Serial

    day = Date(unique=True)
    built_at = Timestamptz(default=TimestamptzNow())


class StatisticsDaily(Table, tablename="statistics_daily"):
    """Countable figures per day, market, region and occupation (and daily wage for postings)."""

    id: Serial

    day = Date()
    week = Date()  # Monday of the ISO week holding `day`
    month = Varchar(length=7)  # YYYY-MM
    market = Integer(null=True, default=None)
    region = Integer(null=True, default=None)
    # NULL on registration rows counting each worker once, whatever they seek.
    occupation = Integer(null=True, default=None)
    daily_wage_fen = BigInt(null=True, default=None)  # postings' rows only: the wage histogram
    job_seekers_registered = Integer(default=0)  # each worker once (occupation NULL)
    registered_seeking = Integer(default=0)  # each worker once per occupation sought
    postings_published = Integer(default=0)
    headcount_demanded = Integer(default=0)
    applications = Integer(default=0)
    matches_confirmed = Integer(default=0)
    workers_onboarded = Integer(default=0)
    completed = Integer(default=0)
    confirm_seconds = DoublePrecision(default=0.0)


class StatisticsActivity(Table, tablename="statistics_activity"):
    """A worker active on a day within a scope (registration: the worker's market, home and each
    occupation sought; application: the posting's); distinct workers are counted from here."""

    id: Serial

    day = Date()
    week = Date()
    month = Varchar(length=7)
    worker = Integer()
    market = Integer(null=True, default=None)
    region = Integer(null=True, default=None)
    occupation = Integer(null=True, default=None)
