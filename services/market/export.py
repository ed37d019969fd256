"""The published market list (清单, （二十）) as CSV: streamed, Excel-readable, injection-safe."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator

from services.market.hours import load_periods
from services.market.rules import market_select
from tables import market as t

HEADER = [
    "名称",
    "类型",
    "性质",
    "站点类型",
    "区划代码",
    "所在县（市、区）",
    "地址",
    "纬度",
    "经度",
    "开放时间",
    "服务工种",
    "联系电话",
    "运营机构",
    "劳务品牌",
    "状态",
]
LABELS = {
    "COMPREHENSIVE": "综合",
    "INDUSTRY": "行业性",
    "PUBLIC_WELFARE": "公益性",
    "MARKET_OPERATED": "市场化",
    "MARKET": "零工市场",
    "RURAL_STATION": "零工驿站",
    "GIG_SUPERMARKET": "零工超市",
    "ACTIVE": "运行中",
    "SUSPENDED": "暂停",
    "CLOSED": "已关闭",
}
WEEKDAYS = "一二三四五六日"
BATCH = 200
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value: object) -> str:
    """Neutralise spreadsheet formulas: a leading ' makes Excel show the text as typed."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _label(value: str) -> str:
    # An unknown stored value (choices are not enforced by SQLite) must not abort the download.
    return LABELS.get(value, value)


def _hours(periods) -> str:
    return "；".join(
        f"周{WEEKDAYS[p.weekday - 1]} {p.opens_at.strftime('%H:%M')}-{p.closes_at.strftime('%H:%M')}"
        for p in periods
    )


async def _occupation_names(ids: list[int]) -> dict[int, list[str]]:
    rows = (
        await t.MarketOccupation.select(
            t.MarketOccupation.market, t.MarketOccupation.occupation.name
        )
        .where(t.MarketOccupation.market.is_in(ids))
        .order_by(t.MarketOccupation.occupation)
    )
    names: dict[int, list[str]] = {}
    for r in rows:
        names.setdefault(r["market"], []).append(r["occupation.name"])
    return names


async def csv_chunks(include_closed: bool = False) -> AsyncIterator[bytes]:
    """Yield the CSV in batches of markets (keyset by id), so memory stays flat for any size."""
    yield "\ufeff".encode()  # BOM: Excel then reads the file as UTF-8
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    last_id = 0
    while True:
        query = market_select().where(t.Market.id > last_id)
        if not include_closed:
            query = query.where(t.Market.status != "CLOSED")
        rows = await query.order_by(t.Market.id).limit(BATCH)
        if not rows:
            break
        ids = [r["id"] for r in rows]
        periods = await load_periods(ids)
        occupations = await _occupation_names(ids)
        for row, hours in zip(rows, periods, strict=True):
            writer.writerow(
                [
                    safe_cell(v)
                    for v in (
                        row["name"],
                        _label(row["kind"]),
                        _label(row["ownership"]),
                        _label(row["station_type"]),
                        row["region.code"],
                        row["region.name"],
                        row["address"],
                        row["latitude"],
                        row["longitude"],
                        _hours(hours),
                        "、".join(occupations.get(row["id"], [])),
                        row["contact_phone"],
                        row["operator.name"] or "",
                        row["labour_brand"],
                        _label(row["status"]),
                    )
                ]
            )
        yield buffer.getvalue().encode()
        buffer.seek(0)
        buffer.truncate()
        last_id = ids[-1]
    if buffer.tell():
        yield buffer.getvalue().encode()
