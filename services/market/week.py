"""A market's week of opening hours as staff write it, one line per day or range of days:

    周一至周五 08:00-12:00 14:00-18:00
    周六 09:00-12:00
    周日 休息

("每天" is every day; a day not named is closed.) Parsed into periods, checked by the same
rules as GraphQL (services/market/hours.validate_periods), and replaced in one audited
transaction."""

from __future__ import annotations

import re

from services.audit import rules as audit
from services.db import write_transaction
from services.market.hours import (
    WEEKDAY_NAMES,
    Period,
    day_name,
    insert_periods,
    validate_periods,
)
from services.problems import Problem, Problems, ServiceError
from tables import market as t

_DAY = "[一二三四五六日天]"
_LINE = re.compile(rf"(每天|周{_DAY}(?:\s*[至到~～－—-]\s*周{_DAY})?)\s*(.*)")
_SPAN = re.compile(r"([0-9]{2}:[0-9]{2})\s*[-~～－—至到]\s*([0-9]{2}:[0-9]{2})")
_CLOSED = ("休息", "不开放", "关闭")


def _weekday(name: str) -> int:
    return 7 if name in "日天" else WEEKDAY_NAMES.index(name) + 1


def _days(label: str) -> list[int]:
    if label == "每天":
        return list(range(1, 8))
    ends = re.findall(_DAY, label)
    first, last = _weekday(ends[0]), _weekday(ends[-1])
    if last < first:
        raise ValueError(label)
    return list(range(first, last + 1))


def parse_week(text: str) -> list[tuple[int, str, str]]:
    """(weekday, "HH:MM", "HH:MM") for every period written; ServiceError names each bad line."""
    raw: list[tuple[int, str, str]] = []
    problems = Problems()
    named: set[int] = set()
    for number, line in enumerate(text.replace("；", "\n").splitlines(), 1):
        line = line.strip().replace("：", ":")
        if not line:
            continue
        match = _LINE.fullmatch(line)
        spans = _SPAN.findall(match[2]) if match else []
        rest = _SPAN.sub("", match[2]).strip(" ，,、") if match else line
        try:
            days = _days(match[1]) if match else []
        except ValueError:
            days = []
        if not days or (not spans and rest not in _CLOSED) or (spans and rest):
            problems.add(
                "INVALID_OPENING_HOURS",
                f"第 {number} 行无法识别：应写成“周一至周五 08:00-12:00 14:00-18:00”或“周日 休息”",
                "hours",
            )
            continue
        if named & set(days):
            problems.add("INVALID_OPENING_HOURS", f"第 {number} 行重复写了同一天", "hours")
        named |= set(days)
        raw += [(day, opens, closes) for day in days for opens, closes in spans]
    if problems:
        raise ServiceError(problems.items)
    return raw


def format_week(periods: list[Period]) -> str:
    by_day: dict[int, list[str]] = {}
    for p in sorted(periods, key=lambda p: (p.weekday, p.opens_at)):
        span = f"{p.opens_at.strftime('%H:%M')}-{p.closes_at.strftime('%H:%M')}"
        by_day.setdefault(p.weekday, []).append(span)
    return "；".join(f"{day_name(d)} {' '.join(spans)}" for d, spans in by_day.items()) or "不开放"


async def replace_week(market_id: int, text: str, actor: audit.Actor) -> str:
    """Replace the market's whole week; returns the week as now stored (format_week)."""
    raw = parse_week(text)
    problems = Problems()
    periods = validate_periods(raw, problems, "hours")
    if problems:
        raise ServiceError(problems.items)
    async with write_transaction():
        await audit.serialise()
        market = await t.Market.select(t.Market.id).where(t.Market.id == market_id).first()
        if market is None:
            raise ServiceError([Problem("NOT_FOUND", "零工市场不存在", ("market_id",))])
        old = await t.MarketOpeningPeriod.select().where(t.MarketOpeningPeriod.market == market_id)
        before = format_week([Period(r["weekday"], r["opens_at"], r["closes_at"]) for r in old])
        await t.MarketOpeningPeriod.delete().where(t.MarketOpeningPeriod.market == market_id)
        await insert_periods(market_id, periods)
        after = format_week(periods)
        await audit.record(
            actor, "market.opening_hours", "market", market_id, {"hours": before}, {"hours": after}
        )
    return after
