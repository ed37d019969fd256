"""Weekly opening hours: parsing, validation and "open at" in Asia/Shanghai."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time

from piccolo.columns.combination import WhereRaw

from services.db import current_engine
from services.problems import Problems
from services.timeutil import local
from tables import market as t


@dataclass(frozen=True)
class Period:
    weekday: int  # ISO: 1 = Monday … 7 = Sunday
    opens_at: time
    closes_at: time  # closes_at <= opens_at: the period runs past midnight into the next day

    @property
    def overnight(self) -> bool:
        return self.closes_at <= self.opens_at


WEEKDAY_NAMES = "一二三四五六日"
# ASCII digits only: int() would also read "+6", " 6" or full-width "０６".
_HHMM = re.compile(r"(\d\d):(\d\d)", re.ASCII)


def day_name(weekday: int) -> str:
    return "周" + WEEKDAY_NAMES[weekday - 1]


def parse_hhmm(value: object) -> time | None:
    match = _HHMM.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return None
    try:
        return time(int(match[1]), int(match[2]))
    except ValueError:  # 24:00, 06:60
        return None


def validate_periods(
    raw: list[tuple[int, str, str]], problems: Problems, *path: str
) -> list[Period]:
    periods: list[Period] = []
    for index, (weekday, opens, closes) in enumerate(raw):
        where = (*path, str(index))
        opens_at, closes_at = parse_hhmm(opens), parse_hhmm(closes)
        valid_day = isinstance(weekday, int) and not isinstance(weekday, bool) and 1 <= weekday <= 7
        if not valid_day:
            problems.add(
                "INVALID_OPENING_HOURS", "星期必须在 1（周一）到 7（周日）之间", *where, "weekday"
            )
        if opens_at is None:
            problems.add("INVALID_OPENING_HOURS", "开门时间格式应为 HH:MM", *where, "opens")
        if closes_at is None:
            problems.add("INVALID_OPENING_HOURS", "关门时间格式应为 HH:MM", *where, "closes")
        if valid_day and opens_at is not None and closes_at is not None:
            periods.append(Period(weekday, opens_at, closes_at))
    by_day: dict[int, list[Period]] = {}
    for p in periods:
        by_day.setdefault(p.weekday, []).append(p)
    for day in sorted(by_day):
        items = sorted(by_day[day], key=lambda p: p.opens_at)
        if any(
            a.overnight or b.opens_at < a.closes_at for a, b in zip(items, items[1:], strict=False)
        ):
            problems.add("INVALID_OPENING_HOURS", f"{day_name(day)}的开放时段重叠", *path)
        # An overnight period runs on into the next day (Sunday into Monday) until it closes.
        spill = max((p.closes_at for p in items if p.overnight), default=None)
        following = by_day.get(day % 7 + 1, [])
        if spill is not None and any(p.opens_at < spill for p in following):
            problems.add(
                "INVALID_OPENING_HOURS",
                f"{day_name(day)}跨夜时段与{day_name(day % 7 + 1)}的开放时段重叠",
                *path,
            )
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


async def load_periods(ids: list[int]) -> list[list[Period]]:
    rows = await t.MarketOpeningPeriod.select(
        t.MarketOpeningPeriod.market,
        t.MarketOpeningPeriod.weekday,
        t.MarketOpeningPeriod.opens_at,
        t.MarketOpeningPeriod.closes_at,
    ).where(t.MarketOpeningPeriod.market.is_in(list(set(ids))))
    grouped: dict[int, list[Period]] = defaultdict(list)
    for r in rows:
        grouped[r["market"]].append(Period(r["weekday"], r["opens_at"], r["closes_at"]))
    for periods in grouped.values():
        periods.sort(key=lambda p: (p.weekday, p.opens_at))
    return [grouped.get(i, []) for i in ids]


# The periods (alias p) open at a moment, and the markets they belong to, by the same rules
# as is_open (a period with closes <= opens runs past midnight); the `{}` take
# open_at_values(moment).
OPEN_PERIOD_SQL = (
    "((p.weekday = {} AND ((p.opens_at < p.closes_at AND p.opens_at <= {} AND {} < p.closes_at) "
    "OR (p.closes_at <= p.opens_at AND p.opens_at <= {}))) "
    "OR (p.weekday = {} AND p.closes_at <= p.opens_at AND {} < p.closes_at))"
)
OPEN_MARKETS_SQL = f"SELECT p.market FROM market_opening_period p WHERE {OPEN_PERIOD_SQL}"


def open_at_values(moment: datetime) -> tuple:
    """OPEN_MARKETS_SQL's arguments for `moment` (aware)."""
    here = local(moment)
    day = here.isoweekday()
    yesterday = 7 if day == 1 else day - 1
    at = here.time().replace(tzinfo=None, microsecond=0)
    # SQLite keeps TIME as 'HH:MM:SS' text, which sorts correctly.
    clock: time | str = at.isoformat() if current_engine().engine_type == "sqlite" else at
    return (day, clock, clock, clock, yesterday, clock)


def open_at_condition(moment: datetime, open_: bool = True) -> WhereRaw:
    """Markets open (or, with open_=False, closed) at `moment` (aware), as one SQL condition on
    market.id: the same rules as `is_open`, so the admin's filter and `openAt` agree."""
    return WhereRaw(
        f"market.id {'IN' if open_ else 'NOT IN'} ({OPEN_MARKETS_SQL})", *open_at_values(moment)
    )


async def insert_periods(market_id: int, periods: list[Period]) -> None:
    """Store a market's checked periods (the caller has removed the old ones)."""
    if periods:
        await t.MarketOpeningPeriod.insert(
            *[
                t.MarketOpeningPeriod(
                    market=market_id, weekday=p.weekday, opens_at=p.opens_at, closes_at=p.closes_at
                )
                for p in periods
            ]
        )
