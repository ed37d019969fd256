"""Admin hooks: the same service rules as GraphQL, answered as 422 with a Chinese message."""

from __future__ import annotations

from typing import Any

from piccolo.columns import Array, Column
from piccolo.table import Table
from starlette.exceptions import HTTPException

from services.identifiers import is_valid_uscc
from services.market import rules as market_services
from services.market.hours import validate_periods
from services.problems import Problems
from tables import market as t

CHOICE_LABELS = {
    "kind": "类型",
    "ownership": "性质",
    "station_type": "站点类型",
    "status": "状态",
    "function_areas": "功能区域",
    "facilities": "配套设施",
}


def _reject(problems) -> None:
    # Piccolo admin shows `detail` to the user; a ValueError would become a 500.
    raise HTTPException(status_code=422, detail="；".join(p.message for p in problems))


def _name_of(key: Any) -> str:
    return key._meta.name if isinstance(key, Column) else key


def _plain(values: dict) -> dict[str, Any]:
    return {_name_of(k): v for k, v in values.items()}


def _replace(values: dict, column: str, value: Any) -> None:
    for key in values:
        if _name_of(key) == column:
            values[key] = value


def _check_choices(table: type[Table], data: dict[str, Any]) -> None:
    """Choices are enforced by nothing but the admin dropdown (SQLite has no CHECK), and an
    unknown value would break the public list and the CSV export: reject it here."""
    for column in table._meta.columns:
        name = column._meta.name
        if name not in data:
            continue
        if isinstance(column, Array):
            choices, values = column.base_column._meta.choices, data[name] or []
        else:
            choices, values = column._meta.choices, [data[name]]
        if choices is None:
            continue
        allowed = {c.value.value for c in choices}
        if any(v not in allowed for v in values):
            raise HTTPException(
                status_code=422, detail=f"“{CHOICE_LABELS.get(name, name)}”的取值无效"
            )


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
    _check_choices(t.Market, data)
    problems = await market_services.validate(_draft(data, None))
    if problems:
        _reject(problems.items)
    return row


async def market_pre_patch(row_id: int, values: dict) -> dict:
    current = await t.Market.select().where(t.Market.id == int(row_id)).first()
    if current is None:
        raise HTTPException(status_code=404, detail="零工市场不存在")
    plain = _plain(values)
    if isinstance(plain.get("name"), str):
        plain["name"] = plain["name"].strip()
        _replace(values, "name", plain["name"])
    _check_choices(t.Market, plain)
    problems = await market_services.validate(_draft({**current, **plain}, int(row_id)))
    if problems:
        _reject(problems.items)
    return values


def _check_uscc(uscc: str | None) -> None:
    if not uscc or not is_valid_uscc(uscc):
        raise HTTPException(
            status_code=422, detail="统一社会信用代码无效（长度、字符或校验位不符）"
        )


async def operator_pre_save(row):
    row.uscc = (row.uscc or "").strip().upper()
    _check_uscc(row.uscc)
    return row


async def operator_pre_patch(row_id: int, values: dict) -> dict:
    plain = _plain(values)
    if "uscc" in plain:
        # Stored in the same normal form as on create, so lookups and uniqueness agree.
        uscc = (plain["uscc"] or "").strip().upper()
        _check_uscc(uscc)
        _replace(values, "uscc", uscc)
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
        _reject(problems.items)


async def opening_period_pre_save(row):
    await _check_periods(row.market, (row.weekday, row.opens_at, row.closes_at), None)
    return row


async def opening_period_pre_patch(row_id: int, values: dict) -> dict:
    current = (
        await t.MarketOpeningPeriod.select().where(t.MarketOpeningPeriod.id == int(row_id)).first()
    )
    if current is None:
        raise HTTPException(status_code=404, detail="开放时段不存在")
    merged = {**current, **_plain(values)}
    period = (merged["weekday"], merged["opens_at"], merged["closes_at"])
    await _check_periods(merged["market"], period, int(row_id))
    return values


def reject_put(piccolo_crud: Any, request: Any) -> None:
    """PUT replaces a row without running any hook, so it would bypass every guard above.

    The admin UI edits with PATCH only; PUT is refused for every table.
    """
    raise HTTPException(status_code=405, detail="不支持 PUT，请使用 PATCH 修改记录")
