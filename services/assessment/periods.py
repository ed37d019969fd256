"""Reporting periods: calendar months ("YYYY-MM") attributed in Asia/Shanghai."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from services.timeutil import SHANGHAI, local, now

PERIOD = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])", re.ASCII)
# The policy (浙人社发〔2023〕5号) dates from 2023: nothing can be reported before it.
FIRST_YEAR = 2023


def parse(period: str | None) -> tuple[int, int] | None:
    """(year, month) for a well-formed period from FIRST_YEAR on, else None."""
    match = PERIOD.fullmatch(period or "")
    if match is None or int(match[1]) < FIRST_YEAR:
        return None
    return int(match[1]), int(match[2])


def _next(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def bounds(period: str) -> tuple[datetime, datetime]:
    """[start, end) of the month in UTC: midnight Asia/Shanghai on the 1st to the next 1st."""
    year, month = _parsed(period)
    start = datetime(year, month, 1, tzinfo=SHANGHAI)
    end = datetime(*_next(year, month), 1, tzinfo=SHANGHAI)
    return start.astimezone(UTC), end.astimezone(UTC)


def days(period: str) -> tuple[date, date]:
    """First and last calendar day of the month."""
    year, month = _parsed(period)
    return date(year, month, 1), date(*_next(year, month), 1) - timedelta(days=1)


def current(moment: datetime | None = None) -> str:
    here = local(moment or now())
    return f"{here.year:04d}-{here.month:02d}"


def is_future(period: str) -> bool:
    # Zero-padded "YYYY-MM" strings sort like the months they name.
    return period > current()


def has_ended(period: str) -> bool:
    return period < current()


def year(period: str) -> int:
    return _parsed(period)[0]


def _parsed(period: str) -> tuple[int, int]:
    parsed = parse(period)
    if parsed is None:
        raise ValueError(f"not a period: {period!r}")
    return parsed
