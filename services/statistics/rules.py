"""Progress against the policy's targets (二 主要目标) at a date, overall and per city."""

# Definitions (also in the README):
# - a market is *built* at `as_of` when it is a MARKET (not a station), opened on or before
#   `as_of`, and is not CLOSED now (closure dates are not recorded, so a closed market drops out
#   of past figures too);
# - a county *has a public-welfare market* when one of its built markets is PUBLIC_WELFARE;
# - a *demonstration market* at `as_of` is a built market holding a certificate granted on or
#   before `as_of` (Asia/Shanghai) and not revoked on or before `as_of`.

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from services.timeutil import SHANGHAI
from tables.certification import DemonstrationCertificate as D
from tables.market import Market
from tables.region import COUNTY_LEVELS, Region

DEADLINE_2023 = date(2023, 12, 31)
DEADLINE_2025 = date(2025, 12, 31)


@dataclass(frozen=True)
class RegionRef:
    id: int
    code: str
    name: str
    level: str
    parent_code: str | None
    is_mountain_or_island: bool


@dataclass
class Coverage:
    region: RegionRef
    counties: list[RegionRef] = field(default_factory=list)
    markets_built: int = 0
    public_welfare_markets: int = 0
    demonstration_markets: int = 0
    with_market: set[int] = field(default_factory=set)
    with_public_welfare: set[int] = field(default_factory=set)
    with_demonstration: set[int] = field(default_factory=set)

    def missing(self, having: set[int]) -> list[RegionRef]:
        return [c for c in self.counties if c.id not in having]


@dataclass(frozen=True)
class Target:
    kind: str
    description: str
    goal: int
    deadline: date
    achieved: int

    @property
    def met(self) -> bool:
        return self.achieved >= self.goal


@dataclass
class Progress:
    as_of: date
    targets: list[Target]
    overall: Coverage
    cities: list[Coverage]


# Join columns built once, not per request (resolvers/filters.py: foreign-key steps).
PARENT_CODE = Region.parent._.code


def _ref(row: dict) -> RegionRef:
    return RegionRef(
        id=row["id"],
        code=row["code"],
        name=row["name"],
        level=row["level"],
        parent_code=row["parent.code"],
        is_mountain_or_island=bool(row["is_mountain_or_island"]),
    )


async def target_progress(as_of: date) -> Progress:
    """Three SELECTs (regions, built markets, valid certificates); the rest is counting."""
    regions = await Region.select(
        Region.id,
        Region.code,
        Region.name,
        Region.level,
        PARENT_CODE,
        Region.is_mountain_or_island,
    ).order_by(Region.code)
    refs = [_ref(r) for r in regions]
    province = next(r for r in refs if r.level == "province")
    overall = Coverage(region=province)
    cities = {r.code: Coverage(region=r) for r in refs if r.level == "prefecture"}
    county_city: dict[int, Coverage] = {}
    for r in refs:
        if r.level in COUNTY_LEVELS and r.parent_code in cities:
            overall.counties.append(r)
            cities[r.parent_code].counties.append(r)
            county_city[r.id] = cities[r.parent_code]

    markets = await Market.select(Market.id, Market.region, Market.ownership).where(
        (Market.station_type == "MARKET")
        & (Market.established_on <= as_of)
        & (Market.status != "CLOSED")
    )
    built: dict[int, int] = {}
    for m in markets:
        built[m["id"]] = m["region"]
        for scope in (overall, county_city.get(m["region"])):
            if scope is None:
                continue
            scope.markets_built += 1
            scope.with_market.add(m["region"])
            if m["ownership"] == "PUBLIC_WELFARE":
                scope.public_welfare_markets += 1
                scope.with_public_welfare.add(m["region"])

    end_of_day = datetime.combine(as_of + timedelta(days=1), time(0), tzinfo=SHANGHAI)
    certificates = await D.select(D.market).where(
        (D.certified_at < end_of_day) & (D.revoked_on.is_null() | (D.revoked_on > as_of))
    )
    for market_id in sorted({c["market"] for c in certificates}):
        region_id = built.get(market_id)
        if region_id is None:  # closed, a station, or not yet open at as_of
            continue
        for scope in (overall, county_city.get(region_id)):
            if scope is not None:
                scope.demonstration_markets += 1
                scope.with_demonstration.add(region_id)

    counties = len(overall.counties)
    demonstrations = overall.demonstration_markets
    targets = [
        Target(
            "MARKETS_BUILT",
            "2023年全省建成各类零工市场200家",
            200,
            DEADLINE_2023,
            overall.markets_built,
        ),
        Target(
            "PUBLIC_WELFARE_COUNTIES",
            "2023年底每个县（市、区）至少建设1家能够提供公益性服务的零工市场",
            counties,
            DEADLINE_2023,
            len(overall.with_public_welfare),
        ),
        Target(
            "DEMONSTRATION_MARKETS_2023",
            "2023年底认定省级示范零工市场30家",
            30,
            DEADLINE_2023,
            demonstrations,
        ),
        Target(
            "DEMONSTRATION_MARKETS_2025",
            "2025年底认定省级示范零工市场100家",
            100,
            DEADLINE_2025,
            demonstrations,
        ),
        Target(
            "DEMONSTRATION_COUNTIES",
            "力争每个县（市、区）有1家省级示范零工市场",
            counties,
            DEADLINE_2025,
            len(overall.with_demonstration),
        ),
    ]
    return Progress(as_of=as_of, targets=targets, overall=overall, cities=list(cities.values()))
