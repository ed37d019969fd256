"""What an application counts and asks for: course minutes or placements, and the amount in
fen by the programme's rule (exact; per-hour amounts rounded half up to the fen)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from services.timeutil import SHANGHAI, local
from tables import job_posting as jp
from tables import training as tr


def day(moment: datetime) -> str:
    """A date as people read it: 2026年1月1日 (Asia/Shanghai)."""
    d = local(moment)
    return f"{d.year}年{d.month}月{d.day}日"


def months_before(moment: datetime, months: int) -> datetime:
    """The same wall-clock moment `months` calendar months earlier (Asia/Shanghai), the day
    clamped to the month's end."""
    d = local(moment)
    index = d.year * 12 + d.month - 1 - months
    year, month = divmod(index, 12)
    last = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30]
    last += [31, 31, 30, 31, 30, 31]
    return d.replace(year=year, month=month + 1, day=min(d.day, last[month]), tzinfo=SHANGHAI)


async def course_minutes(course_id: int) -> int:
    return (await courses_minutes([course_id]))[course_id]


async def courses_minutes(course_ids: Collection[int]) -> dict[int, int]:
    """Each course's minutes of sessions (0 without any), in one statement."""
    minutes = dict.fromkeys(course_ids, 0)
    if minutes:
        S = tr.TrainingSession
        for s in await S.select(S.course, S.starts_at, S.ends_at).where(
            S.course.is_in(list(minutes))
        ):
            minutes[s["course"]] += int((s["ends_at"] - s["starts_at"]).total_seconds() // 60)
    return minutes


async def placements(programme: dict, market_id: int, moment: datetime) -> int:
    """Completed shifts at the market's postings within the programme's period so far."""
    return await jp.JobApplication.count().where(
        (jp.JobApplication.posting._.market == market_id)
        & (jp.JobApplication.status == "COMPLETED")
        & (jp.JobApplication.completed_at >= programme["starts_at"])
        & (jp.JobApplication.completed_at < min(moment, programme["ends_at"]))
    )


def amount_fen(programme: dict, quantity: int) -> int:
    """`quantity` is minutes (PER_TRAINING_HOUR), placements (PER_PLACEMENT) or 1 (FIXED)."""
    rate = programme["amount_fen"]
    if programme["amount_rule"] == "PER_TRAINING_HOUR":
        return int((Decimal(rate) * quantity / 60).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if programme["amount_rule"] == "PER_PLACEMENT":
        return rate * quantity
    return rate
