"""Admin hooks: the same service rules as GraphQL, answered as 422 with a Chinese message."""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException

from resolvers.identifiers import is_valid_uscc
from resolvers.market import services as market_services
from tables import market as t


def _reject(problems) -> None:
    # Piccolo admin shows `detail` to the user; a ValueError would become a 500.
    raise HTTPException(status_code=422, detail="；".join(p.message for p in problems))


def _plain(values: dict) -> dict[str, Any]:
    return {
        getattr(k, "_meta", None).name if hasattr(k, "_meta") else k: v for k, v in values.items()
    }


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
    data = {c._meta.name: getattr(row, c._meta.name) for c in t.Market._meta.columns}
    problems = await market_services.validate(_draft(data, None))
    if problems:
        _reject(problems.items)
    return row


async def market_pre_patch(row_id: int, values: dict) -> dict:
    current = await t.Market.select().where(t.Market.id == int(row_id)).first()
    if current is None:
        raise HTTPException(status_code=404, detail="零工市场不存在")
    problems = await market_services.validate(_draft({**current, **_plain(values)}, int(row_id)))
    if problems:
        _reject(problems.items)
    return values


def _check_uscc(uscc: str | None) -> None:
    if not uscc or not is_valid_uscc(uscc.strip().upper()):
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
        _check_uscc(plain["uscc"])
    return values


async def opening_period_pre_save(row):
    if not 1 <= int(row.weekday or 0) <= 7:
        raise HTTPException(status_code=422, detail="星期必须在 1（周一）到 7（周日）之间")
    return row


async def opening_period_pre_patch(row_id: int, values: dict) -> dict:
    plain = _plain(values)
    if "weekday" in plain and not 1 <= int(plain["weekday"] or 0) <= 7:
        raise HTTPException(status_code=422, detail="星期必须在 1（周一）到 7（周日）之间")
    return values
