"""Demo operators, markets and stations (one market per county first, then stations)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from tqdm import tqdm

from services.identifiers import USCC_ALPHABET, uscc_check_char
from services.market import rules as market_rules
from tables import market as t
from tables.certification import DemonstrationCertificate
from tables.occupation import Occupation
from tables.operator import Operator
from tables.region import COUNTY_LEVELS, Region

# Approximate centres of the 11 prefecture cities (demo positions are scattered around them).
CITY_CENTRES = {
    "330100": (30.27, 120.15),
    "330200": (29.87, 121.55),
    "330300": (28.00, 120.67),
    "330400": (30.75, 120.76),
    "330500": (30.89, 120.09),
    "330600": (30.00, 120.58),
    "330700": (29.08, 119.65),
    "330800": (28.94, 118.87),
    "330900": (30.00, 122.20),
    "331000": (28.66, 121.42),
    "331100": (28.45, 119.92),
}
PLACES = ["人民路", "城东", "城西", "火车站", "汽车站", "工业园区", "新城", "开发区"]
OPERATORS = [
    "浙江众联人力资源服务有限公司",
    "杭州快聘人力资源有限公司",
    "宁波甬才人力资源服务有限公司",
    "温州瓯江劳务服务有限公司",
    "金华八婺人力资源有限公司",
    "台州和合人力资源服务有限公司",
]
EARLY_HOURS = [(d, "05:30", "11:30") for d in range(1, 8)] + [
    (d, "14:00", "18:00") for d in range(1, 6)
]
ROUND_THE_CLOCK = [(d, "00:00", "00:00") for d in range(1, 8)]


def demo_uscc(rng: random.Random) -> str:
    body = "913301" + "".join(rng.choice(USCC_ALPHABET[:10]) for _ in range(11))
    return body + uscc_check_char(body)


async def _operators(rng: random.Random) -> list[int]:
    ids = []
    for name in OPERATORS:
        uscc = demo_uscc(rng)  # drawn every run: later random values do not depend on the DB
        row = await Operator.select(Operator.id).where(Operator.name == name).first()
        if row is None:
            op = Operator(
                name=name, uscc=uscc, contact_name="联系人", contact_phone="0571-88886666"
            )
            await op.save()
            ids.append(op.id)
        else:
            ids.append(row["id"])
    return ids


async def _markets(
    rng: random.Random, operator_ids: list[int], markets: int, progress: bool
) -> tuple[int, dict[str, int]]:
    """Up to `markets` markets, one per county first, then stations: (new ones, county code →
    its comprehensive market)."""
    counties = (
        await Region.select(
            Region.id, Region.code, Region.name, Region.parent.code, Region.parent.name
        )
        .where(Region.level.is_in(list(COUNTY_LEVELS)))
        .order_by(Region.code)
    )
    occupation_ids = [
        r["id"] for r in await Occupation.select(Occupation.id).order_by(Occupation.id)
    ]
    existing = {r["name"]: r["id"] for r in await t.Market.select(t.Market.id, t.Market.name)}
    created, parents, by_county = 0, [], {}
    bar = tqdm(total=markets, desc="零工市场", disable=not progress, unit="个")
    for index in range(markets):
        county = counties[index % len(counties)]
        station = index >= len(counties)
        lat0, lon0 = CITY_CENTRES[county["parent.code"]]
        lat, lon = lat0 + rng.uniform(-0.25, 0.25), lon0 + rng.uniform(-0.25, 0.25)
        # Drawn before the existence check, in the original order: the same markets result
        # whether they are created in one run or over several.
        occupations = rng.sample(occupation_ids, k=min(5, len(occupation_ids)))
        established_on = date(2023, 1, 1) + timedelta(days=rng.randint(0, 900))
        number = rng.randint(1, 300)
        place = PLACES[index % len(PLACES)]
        station_type = ("RURAL_STATION", "GIG_SUPERMARKET")[index % 2] if station else "MARKET"
        suffix = market_rules.SUFFIX_BY_STATION_TYPE[station_type]
        # Naming rule （四）: county + location + (kind) + 零工市场 / 零工驿站 / 零工超市.
        name = (
            f"{county['name']}{place}{index}号{suffix}"
            if station
            else f"{county['name']}{place}综合{suffix}"
        )
        if name in existing:
            if not station:
                parents.append(existing[name])
                by_county[county["code"]] = existing[name]
            bar.update(1)
            continue
        draft = market_rules.MarketDraft(
            name=name,
            station_type=station_type,
            region_id=county["id"],
            latitude=round(lat, 5),
            longitude=round(lon, 5),
            parent_market_id=parents[index % len(parents)] if station else None,
            contact_phone=f"0571-8{index:07d}",
            operator_id=operator_ids[index % len(operator_ids)],
            opening_hours=ROUND_THE_CLOCK if index % 15 == 0 else EARLY_HOURS,
            occupation_ids=occupations,
            established_on=established_on,
        )
        market_id = await market_rules.create(
            draft,
            address=f"{county['parent.name']}{county['name']}{place}{number}号",
            ownership="PUBLIC_WELFARE" if index % 4 else "MARKET_OPERATED",
            kind="COMPREHENSIVE" if index % 5 else "INDUSTRY",
            function_areas=["GENERAL_SERVICE", "JOB_MATCHING"]
            + (["LIVING_SERVICE"] if index % 3 == 0 else []),
            facilities=["NEGOTIATION", "SHELTER", "HEATING_COOLING", "ORDER_MAINTENANCE"],
            construction_unit=f"{county['name']}人力资源和社会保障局",
            maintenance_unit=f"{county['name']}就业服务中心",
            service_unit=f"{county['name']}就业服务中心",
            labour_brand="" if index % 7 else f"{county['name']}巧匠",
        )
        existing[name] = market_id
        if not station:
            parents.append(market_id)
            by_county[county["code"]] = market_id
            if index % 9 == 0:
                await DemonstrationCertificate(
                    market=market_id,
                    year=2023 + index % 3,
                    certificate_no=f"ZJSF-{2023 + index % 3}-{index:03d}",
                ).save()
        created += 1
        bar.update(1)
    bar.close()
    return created, by_county
