"""The scope of the monitoring charts (province, city, county or market), checked against the
staff member's own scope, and the names they choose it from.

Serves staff: the admin's monitoring charts. Staff pick by name; the address carries
`scope=province`, `scope=region:330100` or `scope=market:12`, which the picker fills in."""

from __future__ import annotations

import re
from dataclasses import dataclass

from services.auth.staff import PROVINCE
from services.auth.staff import Scope as StaffScope
from services.statistics.series import Scope, region_ids
from tables.market import Market
from tables.region import Region

PROVINCE_KEY = "province"
_REGION = re.compile(r"region:(\d{6})")
_MARKET = re.compile(r"market:(\d{1,18})")
KINDS = {"province": "全省", "prefecture": "设区市"}  # other levels are counties (县、市、区)


class Refused(Exception):
    """A page request that cannot be answered: a malformed or unknown parameter (400), or a
    scope outside the staff member's region (403)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Chosen:
    key: str  # the address's value: province, region:330100, market:12
    name: str  # 浙江省, 杭州市, 上城区, 上城区望江综合零工市场
    kind: str  # 全省, 设区市, 县（市、区）, 零工市场
    code: str  # the region code that staff scope must cover (a market's county)
    scope: Scope
    area_code: str | None  # whose markets the picker lists: a city or county; None: province


def default_key(staff: StaffScope) -> str:
    return f"region:{staff.region_code}" if staff.prefix else PROVINCE_KEY


async def chosen_scope(raw: str, staff: StaffScope) -> Chosen:
    """The scope asked for, or Refused with a Chinese reason."""
    raw = raw.strip() or default_key(staff)
    chosen = await _parse(raw)
    if not staff.covers(chosen.code):
        raise Refused(
            f"您的管辖范围是{staff.region_name}，不能查看{chosen.name}的统计。", status=403
        )
    return chosen


async def _parse(raw: str) -> Chosen:
    if raw == PROVINCE_KEY or raw == f"region:{PROVINCE}":
        return Chosen(PROVINCE_KEY, "浙江省", "全省", PROVINCE, Scope(), None)
    if match := _REGION.fullmatch(raw):
        code = match.group(1)
        row = await Region.select(Region.name, Region.level).where(Region.code == code).first()
        ids = await region_ids(code)
        if row is None or ids is None:
            raise Refused(f"统计范围：{code} 不是浙江省的行政区划代码。")
        kind = KINDS.get(row["level"], "县（市、区）")
        return Chosen(raw, row["name"], kind, code, Scope(region_ids=ids), code)
    if match := _MARKET.fullmatch(raw):
        row = (
            await Market.select(Market.name, Market.region._.code)
            .where(Market.id == int(match.group(1)))
            .first()
        )
        if row is None:
            raise Refused("统计范围：所选零工市场不存在。")
        county = row["region.code"] or ""  # a market without a county: province staff only
        scope = Scope(market_id=int(match.group(1)))
        return Chosen(raw, row["name"], "零工市场", county, scope, county or None)
    raise Refused("统计范围须从列表中选择：全省、设区市、县（市、区）或零工市场。")


@dataclass(frozen=True)
class Option:
    value: str
    label: str


async def picker(staff: StaffScope, chosen: Chosen) -> list[tuple[str, list[Option]]]:
    """The picker's groups, only what the staff member may see: the province, the cities,
    each city's counties, and the markets of the chosen city or county (the province has too
    many to list; staff narrow to a city or county first)."""
    regions = await Region.select(
        Region.code, Region.name, Region.level, Region.parent._.code
    ).order_by(Region.code)
    groups: list[tuple[str, list[Option]]] = []
    if not staff.prefix:
        groups.append(("全省", [Option(PROVINCE_KEY, "浙江省")]))
    cities = [r for r in regions if r["level"] == "prefecture"]
    shown = [Option(f"region:{c['code']}", c["name"]) for c in cities if staff.covers(c["code"])]
    if shown:
        groups.append(("设区市", shown))
    for city in cities:
        counties = [
            Option(f"region:{r['code']}", r["name"])
            for r in regions
            if r["parent.code"] == city["code"] and staff.covers(r["code"])
        ]
        if counties:
            groups.append((f"{city['name']}的县（市、区）", counties))
    if chosen.area_code is not None:
        area = next((r for r in regions if r["code"] == chosen.area_code), None)
        prefix = chosen.area_code[:4] if chosen.area_code.endswith("00") else chosen.area_code
        markets = await (
            Market.select(Market.id, Market.name)
            .where(Market.region._.code.like(f"{prefix}%"))
            .order_by(Market.name)
        )
        if markets and area is not None:
            groups.append(
                (
                    f"{area['name']}的零工市场",
                    [Option(f"market:{m['id']}", m["name"]) for m in markets],
                )
            )
    return groups
