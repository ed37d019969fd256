"""Market business rules (naming rule （四）, locations, stations); no strawberry here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from services.db import is_unique_violation, write_transaction
from services.identifiers import is_valid_public_phone
from services.market.hours import insert_periods, validate_periods
from services.problems import Problem, Problems, ServiceError
from tables import market as t
from tables.occupation import Occupation
from tables.operator import Operator
from tables.region import COUNTY_LEVELS, Region

SUFFIX_BY_STATION_TYPE = {
    "MARKET": "零工市场",
    "RURAL_STATION": "零工驿站",
    "GIG_SUPERMARKET": "零工超市",
}
# Zhejiang's extent (mainland and islands) with a small margin: catches swapped or foreign points.
LATITUDE_RANGE = (26.5, 31.8)
LONGITUDE_RANGE = (117.8, 123.6)
_SHORTENABLE = ("畲族自治县", "自治县", "区", "县", "市")
# One SELECT with JOINs fills every to-one field of a market (region, its city, operator).
MARKET_COLUMNS = (
    *t.Market.all_columns(),
    t.Market.region.code,
    t.Market.region.name,
    t.Market.region.level,
    t.Market.region.is_mountain_or_island,
    t.Market.region._.parent._.code,
    t.Market.operator.name,
)


def market_select():
    return t.Market.select(*MARKET_COLUMNS)


# The optional kind word of the naming rule; it does not count as the location.
KIND_WORDS = ("综合", "行业性")


def short_names(full: str) -> set[str]:
    """ "杭州市" → {"杭州市", "杭州"}; "景宁畲族自治县" → {…, "景宁"}; never shorter than 2 chars."""
    names = {full}
    for suffix in _SHORTENABLE:
        if full.endswith(suffix) and len(full) - len(suffix) >= 2:
            names.add(full[: -len(suffix)])
            break
    return names


def check_name(
    name: str, station_type: str, county: str, city: str, problems: Problems, *path: str
):
    """Policy （四）: city or county + location + (kind) + 零工市场 (stations: 零工驿站/零工超市)."""
    name = name.strip()
    prefixes = sorted(short_names(county) | short_names(city), key=len, reverse=True)
    suffix = SUFFIX_BY_STATION_TYPE.get(station_type, "零工市场")
    prefix = next((p for p in prefixes if name.startswith(p)), None)
    if prefix is None:
        problems.add(
            "NAME_RULE_PREFIX",
            f"名称须以所在市或县（市、区）名称开头，例如“{city}”或“{county}”",
            *path,
        )
    if not name.endswith(suffix):
        problems.add("NAME_RULE_SUFFIX", f"名称须以“{suffix}”结尾", *path)
    elif prefix is not None:
        middle = name[len(prefix) : len(name) - len(suffix)]
        for word in KIND_WORDS:
            middle = middle.removesuffix(word)
        if not middle.strip():
            problems.add("NAME_RULE_LOCATION", "名称须在区划名称与后缀之间写明具体位置", *path)


@dataclass
class MarketDraft:
    """What a market record must satisfy; built from admin rows, GraphQL input or seed data."""

    name: str
    station_type: str
    region_id: int | None
    latitude: float | None
    longitude: float | None
    parent_market_id: int | None = None
    contact_phone: str = ""
    operator_id: int | None = None
    market_id: int | None = None  # set when updating
    opening_hours: list[tuple[int, str, str]] | None = None
    occupation_ids: list[int] = field(default_factory=list)
    established_on: date | None = None


async def validate(draft: MarketDraft) -> Problems:
    """Every problem with the draft at once (names, region, location, parent, phone, hours)."""
    problems = Problems()
    if not draft.name or not draft.name.strip():
        problems.add("REQUIRED", "请填写名称", "name")
    if draft.station_type not in SUFFIX_BY_STATION_TYPE:
        problems.add("INVALID_CHOICE", "站点类型无效", "stationType")
    region = None
    if draft.region_id is None:
        problems.add("REQUIRED", "请选择所在县（市、区）", "regionId")
    else:
        region = (
            await Region.select(Region.name, Region.level, Region.parent.name)
            .where(Region.id == draft.region_id)
            .first()
        )
        if region is None:
            problems.add("NOT_FOUND", "区划不存在", "regionId")
        elif region["level"] not in COUNTY_LEVELS:
            problems.add("REGION_NOT_COUNTY", "零工市场须归属到县（市、区）一级", "regionId")
    if region and draft.name and draft.station_type in SUFFIX_BY_STATION_TYPE:
        check_name(
            draft.name,
            draft.station_type,
            region["name"],
            region["parent.name"] or "",
            problems,
            "name",
        )
    if draft.name:
        clash = t.Market.select(t.Market.id).where(t.Market.name == draft.name.strip())
        if draft.market_id is not None:
            clash = clash.where(t.Market.id != draft.market_id)
        if await clash.first():
            problems.add("NAME_TAKEN", "已有同名零工市场", "name")
    _check_location(draft, problems)
    await _check_parent(draft, problems)
    if draft.contact_phone and not is_valid_public_phone(draft.contact_phone):
        problems.add("INVALID_PHONE", "联系电话应为手机号或带区号的固定电话", "contactPhone")
    if draft.operator_id is not None and not await Operator.exists().where(
        Operator.id == draft.operator_id
    ):
        problems.add("NOT_FOUND", "运营机构不存在", "operatorId")
    if draft.opening_hours is not None:
        validate_periods(draft.opening_hours, problems, "openingHours")
    if draft.occupation_ids:
        found = await Occupation.count().where(Occupation.id.is_in(draft.occupation_ids))
        if found != len(set(draft.occupation_ids)):
            problems.add("NOT_FOUND", "工种不存在", "occupationIds")
    return problems


def _check_location(draft: MarketDraft, problems: Problems) -> None:
    if draft.latitude is None or draft.longitude is None:
        problems.add("REQUIRED", "请填写经纬度", "location")
        return
    if not LATITUDE_RANGE[0] <= draft.latitude <= LATITUDE_RANGE[1]:
        problems.add("LOCATION_OUTSIDE_ZHEJIANG", "纬度不在浙江省范围内", "location", "latitude")
    if not LONGITUDE_RANGE[0] <= draft.longitude <= LONGITUDE_RANGE[1]:
        problems.add("LOCATION_OUTSIDE_ZHEJIANG", "经度不在浙江省范围内", "location", "longitude")


async def _check_parent(draft: MarketDraft, problems: Problems) -> None:
    if draft.station_type not in SUFFIX_BY_STATION_TYPE:
        return  # already reported as INVALID_CHOICE; a parent rule would only add noise
    if draft.station_type == "MARKET":
        if draft.parent_market_id is not None:
            problems.add("PARENT_NOT_ALLOWED", "零工市场本身不能隶属于其他市场", "parentMarketId")
        return
    if draft.market_id is not None and await t.Market.exists().where(
        t.Market.parent_market == draft.market_id
    ):
        # Its stations would then hang under a station, which （十三） does not allow.
        problems.add(
            "HAS_STATIONS", "该零工市场下仍有零工驿站或零工超市，不能改为驿站或超市", "stationType"
        )
    if draft.parent_market_id is None:
        problems.add("PARENT_REQUIRED", "零工驿站、零工超市须隶属于一个零工市场", "parentMarketId")
        return
    if draft.market_id is not None and draft.parent_market_id == draft.market_id:
        problems.add("PARENT_INVALID", "不能隶属于自身", "parentMarketId")
        return
    parent = (
        await t.Market.select(t.Market.station_type)
        .where(t.Market.id == draft.parent_market_id)
        .first()
    )
    if parent is None:
        problems.add("NOT_FOUND", "所属零工市场不存在", "parentMarketId")
    elif parent["station_type"] != "MARKET":
        problems.add("PARENT_INVALID", "只能隶属于零工市场，不能隶属于驿站或超市", "parentMarketId")


async def create(draft: MarketDraft, **columns) -> int:
    """Validate and insert a market with its hours and occupations in one transaction."""
    try:
        async with write_transaction():
            # Validated inside the write transaction, so a concurrent twin is seen (SQLite
            # serialises writers); on PostgreSQL the unique name index is the backstop.
            (await validate(draft)).raise_if_any()
            row = t.Market(
                name=draft.name.strip(),
                station_type=draft.station_type,
                region=draft.region_id,
                latitude=draft.latitude,
                longitude=draft.longitude,
                parent_market=draft.parent_market_id,
                contact_phone=draft.contact_phone,
                operator=draft.operator_id,
                **columns,
            )
            if draft.established_on is not None:
                # Otherwise the column default (today) applies; None would violate NOT NULL.
                row.established_on = draft.established_on
            await row.save()
            await _replace_children(row.id, draft)
    except Exception as exc:
        if not is_unique_violation(exc):
            raise
        raise ServiceError([Problem("NAME_TAKEN", "已有同名零工市场", ("name",))]) from None
    return row.id


async def _replace_children(market_id: int, draft: MarketDraft) -> None:
    if draft.opening_hours is not None:
        await t.MarketOpeningPeriod.delete().where(t.MarketOpeningPeriod.market == market_id)
        await insert_periods(market_id, validate_periods(draft.opening_hours, Problems()))
    await t.MarketOccupation.delete().where(t.MarketOccupation.market == market_id)
    if draft.occupation_ids:
        await t.MarketOccupation.insert(
            *[
                t.MarketOccupation(market=market_id, occupation=o)
                for o in sorted(set(draft.occupation_ids))
            ]
        )
