"""Market and opening-hours guards: the same service rules as GraphQL, answered as 422 with a
Chinese message."""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException

from admin.common import check_choices, column_values, reject, replace_value
from services.market import rules as market_services
from services.market.hours import validate_periods
from services.problems import Problems
from tables import market as t


def _draft(data: dict[str, Any], market_id: int | None) -> market_services.MarketDraft:
    return market_services.MarketDraft(
        name=data.get("name") or "",
        station_type=data.get("station_type") or "MARKET",
        region_id=data.get("region"),
        latitude=data.get("latitude"),
        longitude=data.get("longitude"),
        parent_market_id=data.get("parent_market"),
        contact_phone=data.get("contact_phone") or "",
        operator_id=data.get("operator"),
        market_id=market_id,
    )


async def market_pre_save(row: t.Market) -> t.Market:
    # Stored as validated: a padded name would slip past the duplicate-name check.
    row.name = (row.name or "").strip()
    data = {c._meta.name: getattr(row, c._meta.name) for c in t.Market._meta.columns}
    check_choices(t.Market, data)
    problems = await market_services.validate(_draft(data, None))
    if problems:
        reject(problems.items)
    return row


async def market_pre_patch(row_id: int, values: dict) -> dict:
    current = await t.Market.select().where(t.Market.id == int(row_id)).first()
    if current is None:
        raise HTTPException(status_code=404, detail="零工市场不存在")
    plain = column_values(values)
    if isinstance(plain.get("name"), str):
        plain["name"] = plain["name"].strip()
        replace_value(values, "name", plain["name"])
    check_choices(t.Market, plain)
    problems = await market_services.validate(_draft({**current, **plain}, int(row_id)))
    if problems:
        reject(problems.items)
    return values


def _hhmm(value: Any) -> Any:
    return value.strftime("%H:%M") if hasattr(value, "strftime") else value


async def _check_periods(market_id: Any, period: tuple, exclude_id: int | None) -> None:
    """The new or changed period together with the market's others: the service's rules
    (weekday 1-7, no overlap on a day or across midnight)."""
    query = t.MarketOpeningPeriod.select(
        t.MarketOpeningPeriod.weekday,
        t.MarketOpeningPeriod.opens_at,
        t.MarketOpeningPeriod.closes_at,
    ).where(t.MarketOpeningPeriod.market == market_id)
    if exclude_id is not None:
        query = query.where(t.MarketOpeningPeriod.id != exclude_id)
    others = [(r["weekday"], _hhmm(r["opens_at"]), _hhmm(r["closes_at"])) for r in await query]
    problems = Problems()
    validate_periods([(period[0], _hhmm(period[1]), _hhmm(period[2])), *others], problems)
    if problems:
        reject(problems.items)


async def opening_period_pre_save(row):
    await _check_periods(row.market, (row.weekday, row.opens_at, row.closes_at), None)
    return row


async def opening_period_pre_patch(row_id: int, values: dict) -> dict:
    current = (
        await t.MarketOpeningPeriod.select().where(t.MarketOpeningPeriod.id == int(row_id)).first()
    )
    if current is None:
        raise HTTPException(status_code=404, detail="开放时段不存在")
    merged = {**current, **column_values(values)}
    period = (merged["weekday"], merged["opens_at"], merged["closes_at"])
    await _check_periods(merged["market"], period, int(row_id))
    return values
