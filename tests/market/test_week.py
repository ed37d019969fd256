"""A market's week of opening hours as staff write it (services/market/week.py)."""

from __future__ import annotations

from datetime import time

import pytest

from services.audit.rules import SYSTEM, Actor, verify_chain
from services.market.week import parse_week, replace_week
from services.problems import ServiceError
from tables import market as t
from tables.audit import AuditLog
from tests.fixtures.market import make_market


def test_ranges_days_and_closed_days_are_read():
    assert parse_week("周一至周五 08:00-12:00 14:00-18:00\n周六 09:00-12:00\n周日 休息") == [
        *[(d, s, e) for d in range(1, 6) for s, e in (("08:00", "12:00"), ("14:00", "18:00"))],
        (6, "09:00", "12:00"),
    ]
    assert parse_week("每天 06:00-20:00") == [(d, "06:00", "20:00") for d in range(1, 8)]
    # full-width separators and punctuation as typed on a Chinese keyboard
    assert parse_week("周六 09：00～12：00；周日 22:00-06:00") == [
        (6, "09:00", "12:00"),
        (7, "22:00", "06:00"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "周一 8点到12点",
            "第 1 行无法识别：应写成“周一至周五 08:00-12:00 14:00-18:00”或“周日 休息”",
        ),
        (
            "周五至周一 08:00-12:00",
            "第 1 行无法识别：应写成“周一至周五 08:00-12:00 14:00-18:00”或“周日 休息”",
        ),
        (
            "周一 08:00-12:00 上午",
            "第 1 行无法识别：应写成“周一至周五 08:00-12:00 14:00-18:00”或“周日 休息”",
        ),
        ("周一至周三 08:00-12:00\n周三 14:00-18:00", "第 2 行重复写了同一天"),
    ],
)
def test_a_line_that_cannot_be_read_is_named(text, message):
    with pytest.raises(ServiceError) as refused:
        parse_week(text)
    assert str(refused.value) == message


async def test_the_week_is_replaced_whole_and_audited():
    # given a market open on Monday mornings
    market_id = await make_market(opening_hours=[(1, "08:00", "12:00")])
    staff = Actor("STAFF", 7)

    # when staff set a new week
    stored = await replace_week(market_id, "周二至周三 09:00-17:00", staff)

    # then only the new periods remain, and the change is in the chain
    assert stored == "周二 09:00-17:00；周三 09:00-17:00"
    rows = (
        await t.MarketOpeningPeriod.select(
            t.MarketOpeningPeriod.weekday,
            t.MarketOpeningPeriod.opens_at,
            t.MarketOpeningPeriod.closes_at,
        )
        .where(t.MarketOpeningPeriod.market == market_id)
        .order_by(t.MarketOpeningPeriod.weekday)
    )
    assert rows == [
        {"weekday": 2, "opens_at": time(9), "closes_at": time(17)},
        {"weekday": 3, "opens_at": time(9), "closes_at": time(17)},
    ]
    entry = (
        await AuditLog.select(
            AuditLog.actor_type, AuditLog.actor_id, AuditLog.action, AuditLog.before, AuditLog.after
        )
        .where(AuditLog.entity_id == market_id)
        .first()
    )
    assert entry == {
        "actor_type": "STAFF",
        "actor_id": 7,
        "action": "market.opening_hours",
        "before": '{"hours":"周一 08:00-12:00"}',
        "after": '{"hours":"周二 09:00-17:00；周三 09:00-17:00"}',
    }
    assert (await verify_chain()).ok


async def test_overlapping_periods_are_refused_and_nothing_changes():
    # given a market open on Monday mornings
    market_id = await make_market(opening_hours=[(1, "08:00", "12:00")])
    before = await t.MarketOpeningPeriod.select().where(t.MarketOpeningPeriod.market == market_id)

    # when the new week has overlapping Tuesday periods
    with pytest.raises(ServiceError) as refused:
        await replace_week(market_id, "周二 08:00-12:00 11:00-13:00", SYSTEM)

    # then the reason names the day, and the old week and the chain are untouched
    assert str(refused.value) == "周二的开放时段重叠"
    assert (
        await t.MarketOpeningPeriod.select().where(t.MarketOpeningPeriod.market == market_id)
        == before
    )
    assert await AuditLog.count() == 0


async def test_an_unknown_market_is_refused():
    with pytest.raises(ServiceError) as refused:
        await replace_week(987654, "每天 06:00-20:00", SYSTEM)
    assert str(refused.value) == "零工市场不存在"
    assert await t.MarketOpeningPeriod.count().where(t.MarketOpeningPeriod.market == 987654) == 0
