"""Reporting periods (days, ISO weeks, months in Asia/Shanghai): bounds in Python, buckets in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from services.db import is_postgres
from services.timeutil import SHANGHAI


class Granularity(StrEnum):
    DAY = "DAY"
    WEEK = "WEEK"
    MONTH = "MONTH"


# The longest range one request may ask for, in periods: a year of days, five years of weeks,
# ten years of months. Beyond that a series is unreadable and the scan is province-wide.
MAX_PERIODS = {Granularity.DAY: 366, Granularity.WEEK: 261, Granularity.MONTH: 120}


@dataclass(frozen=True)
class Period:
    key: str  # what the SQL bucket yields: YYYY-MM-DD (day, Monday of a week) or YYYY-MM
    label: str  # 2025-03-01, 2025-W09, 2025-03
    starts_on: date
    ends_on: date  # inclusive

    @property
    def start(self) -> datetime:
        return midnight(self.starts_on)

    @property
    def end(self) -> datetime:
        return midnight(self.ends_on + timedelta(days=1))


def midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=SHANGHAI)


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def period_of(day: date, granularity: Granularity) -> Period:
    """The whole period holding `day`."""
    if granularity == Granularity.DAY:
        return Period(day.isoformat(), day.isoformat(), day, day)
    if granularity == Granularity.WEEK:
        monday = day - timedelta(days=day.weekday())
        year, week, _ = monday.isocalendar()
        return Period(monday.isoformat(), f"{year}-W{week:02d}", monday, monday + timedelta(days=6))
    first = _month_start(day)
    return Period(
        first.strftime("%Y-%m"),
        first.strftime("%Y-%m"),
        first,
        _next_month(first) - timedelta(days=1),
    )


def periods_between(start: date, end: date, granularity: Granularity) -> list[Period]:
    """Every period touching [start, end], whole periods (a range starting mid-month starts at
    the month's first day)."""
    out = []
    day = start
    while day <= end:
        period = period_of(day, granularity)
        out.append(period)
        day = period.ends_on + timedelta(days=1)
    return out


def count_periods(start: date, end: date, granularity: Granularity) -> int:
    """How many periods `periods_between` would return, without building them."""
    if granularity == Granularity.DAY:
        return (end - start).days + 1
    if granularity == Granularity.WEEK:
        return (
            period_of(end, granularity).starts_on - period_of(start, granularity).starts_on
        ).days // 7 + 1
    return (end.year - start.year) * 12 + end.month - start.month + 1


def bucket(column: str, granularity: Granularity) -> str:
    """SQL for the Asia/Shanghai period key of a timestamptz column (see Period.key)."""
    if is_postgres():
        local = f"({column} AT TIME ZONE 'Asia/Shanghai')"
        if granularity == Granularity.DAY:
            return f"to_char({local}, 'YYYY-MM-DD')"
        if granularity == Granularity.WEEK:
            return f"to_char(date_trunc('week', {local}), 'YYYY-MM-DD')"
        return f"to_char({local}, 'YYYY-MM')"
    # SQLite keeps timestamptz as UTC text "YYYY-MM-DD HH:MM:SS[.ffffff]+00:00"; Shanghai has
    # been UTC+8 all year round since 1991, so a fixed shift is exact. The one place for this:
    # assessment reconciliation buckets its months here too.
    local = f"substr({column}, 1, 19), '+8 hours'"
    if granularity == Granularity.DAY:
        return f"date({local})"
    if granularity == Granularity.WEEK:
        # 'weekday 0' moves forward to Sunday (or stays on one); six days back is its Monday.
        return f"date({local}, 'weekday 0', '-6 days')"
    return f"strftime('%Y-%m', {local})"


def seconds_between(later: str, earlier: str) -> str:
    """SQL for the seconds from `earlier` to `later` (two timestamptz columns)."""
    if is_postgres():
        return f"EXTRACT(EPOCH FROM ({later} - {earlier}))"
    # julianday is a float: 2.5 hours come back as 8999.99999…; whole seconds are exact.
    days = f"julianday(substr({later}, 1, 19)) - julianday(substr({earlier}, 1, 19))"
    return f"CAST(ROUND(({days}) * 86400) AS INTEGER)"
