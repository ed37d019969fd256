"""Monitoring rollups (动态监测): per-day aggregates and activity, the cube over periods, and what they cover."""

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


# The cube: the same figures summed again per period (D day, W ISO week, M month, Y calendar
# year) for the scopes a caller names (services/statistics/cube.py), so that a county's,
# a city's or the province's year reads a few dozen rows whatever the number of records.
# 0 stands for "any" in market, region and occupation; region is a division together with
# everything under it (statistics_region_node). Days are kept for the province and divisions
# only: a market's or an occupation's days are few and are read from statistics_daily.


class StatisticsRegionNode(Table, tablename="statistics_region_node"):
    """A division (node) and each division its scope includes: itself and two levels down."""

    id: Serial

    region = Integer()
    node = Integer()


class StatisticsCube(Table, tablename="statistics_cube"):
    """Sums per grain, period and scope, and the period's median daily wage (computed at build
    from the daily rows' wage histogram: wages are too varied to keep a histogram per period)."""

    id: Serial

    grain = Varchar(length=1)  # D, W, M or Y
    period = Varchar(length=10)  # as periods.Period.key; YYYY for a year
    market = Integer(default=0)
    region = Integer(default=0)
    occupation = Integer(default=0)
    median_daily_wage_fen = BigInt(null=True, default=None)
    # Registrations: each worker once when occupation is 0, once per occupation sought otherwise.
    registered = BigInt(default=0)
    postings_published = BigInt(default=0)
    headcount_demanded = BigInt(default=0)
    applications = BigInt(default=0)
    matches_confirmed = BigInt(default=0)
    workers_onboarded = BigInt(default=0)
    completed = BigInt(default=0)
    confirm_seconds = DoublePrecision(default=0.0)


class StatisticsCubeActive(Table, tablename="statistics_cube_active"):
    """Distinct active job seekers per grain, period and scope (distinct counts do not add up)."""

    id: Serial

    grain = Varchar(length=1)
    period = Varchar(length=10)
    market = Integer(default=0)
    region = Integer(default=0)
    occupation = Integer(default=0)
    active = BigInt(default=0)


class StatisticsCubePeriod(Table, tablename="statistics_cube_period"):
    """A period the cube holds; trusted while no statistics_change row names one of its days."""

    id: Serial

    grain = Varchar(length=1)
    period = Varchar(length=10)
    built_at = Timestamptz(default=TimestamptzNow())
