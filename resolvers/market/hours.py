"""Weekly opening hours: parsing, validation and "open at" in Asia/Shanghai."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from resolvers.problems import Problems
from resolvers.timeutil import local


@dataclass(frozen=True)
class Period:
    weekday: int  # ISO: 1 = Monday … 7 = Sunday
    opens_at: time
    closes_at: time  # closes_at <= opens_at: the period runs past midnight into the next day

    @property
    def overnight(self) -> bool:
        return self.closes_at <= self.opens_at


def parse_hhmm(value: str) -> time | None:
    try:
        hours, minutes = value.split(":")
        if len(hours) != 2 or len(minutes) != 2:
            return None
        return time(int(hours), int(minutes))
    except ValueError:
        return None


def validate_periods(
    raw: list[tuple[int, str, str]], problems: Problems, *path: str
) -> list[Period]:
    periods: list[Period] = []
    for index, (weekday, opens, closes) in enumerate(raw):
        where = (*path, str(index))
        opens_at, closes_at = parse_hhmm(opens), parse_hhmm(closes)
        if not 1 <= weekday <= 7:
            problems.add(
                "INVALID_OPENING_HOURS", "星期必须在 1（周一）到 7（周日）之间", *where, "weekday"
            )
        if opens_at is None:
            problems.add("INVALID_OPENING_HOURS", "开门时间格式应为 HH:MM", *where, "opens")
        if closes_at is None:
            problems.add("INVALID_OPENING_HOURS", "关门时间格式应为 HH:MM", *where, "closes")
        if opens_at is not None and closes_at is not None and 1 <= weekday <= 7:
            periods.append(Period(weekday, opens_at, closes_at))
    by_day: dict[int, list[Period]] = {}
    for p in periods:
        by_day.setdefault(p.weekday, []).append(p)
    for day, items in by_day.items():
        items.sort(key=lambda p: p.opens_at)
        for a, b in zip(items, items[1:], strict=False):
            if a.overnight or b.opens_at < a.closes_at:
                problems.add("INVALID_OPENING_HOURS", f"星期{day}的开放时段重叠", *path)
    return periods


def is_open(periods: list[Period], moment: datetime) -> bool:
    """Whether any period covers `moment` (converted to Asia/Shanghai)."""
    here = local(moment)
    weekday, clock = here.isoweekday(), here.time().replace(tzinfo=None)
    yesterday = 7 if weekday == 1 else weekday - 1
    for p in periods:
        if p.weekday == weekday:
            if p.overnight and clock >= p.opens_at:
                return True
            if not p.overnight and p.opens_at <= clock < p.closes_at:
                return True
        elif p.weekday == yesterday and p.overnight and clock < p.closes_at:
            return True
    return False
