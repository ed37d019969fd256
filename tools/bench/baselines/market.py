"""Baselines of the market documents: MarketDirectory (first: N) and MarketMap (a city)."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from datetime import datetime
from datetime import time as clock_time
from typing import Any

from tools.bench.baselines.common import SHANGHAI, cursor, global_id, raw, raw_in

# MarketDirectory (first: N): five statements, as the generic executor issues
DIRECTORY_PAGE = """
SELECT m.id, m.name, m.kind, m.ownership, m.station_type, m.status, m.address,
       m.contact_phone, m.labour_brand, m.latitude, m.longitude,
       r.code AS region_code, r.name AS region_name, rp.code AS region_parent_code,
       p.id AS parent_id, p.name AS parent_name
FROM market m
JOIN region r ON r.id = m.region
LEFT JOIN region rp ON rp.id = r.parent
LEFT JOIN market p ON p.id = m.parent_market
WHERE m.status IN ('ACTIVE', 'SUSPENDED')
ORDER BY m.id
LIMIT {}
"""
DIRECTORY_COUNT = "SELECT COUNT(*) AS n FROM market WHERE status IN ('ACTIVE', 'SUSPENDED')"
PERIODS = """
SELECT market, weekday, opens_at, closes_at FROM market_opening_period
WHERE market IN (@ids) ORDER BY market, weekday, opens_at
"""
OCCUPATIONS = """
SELECT mo.market, oc.id, oc.code, oc.name FROM market_occupation mo
JOIN occupation oc ON oc.id = mo.occupation
WHERE mo.market IN (@ids) ORDER BY mo.market, oc.id
"""
CERTIFICATES = """
SELECT market, year FROM demonstration_certificate
WHERE market IN (@ids) AND revoked_on IS NULL ORDER BY year
"""


def _as_time(value: Any) -> clock_time:
    return value if isinstance(value, clock_time) else clock_time.fromisoformat(str(value))


def open_at(periods: list[dict], here: datetime) -> bool:
    """Same rule as the API: closes <= opens runs past midnight into the next day."""
    day, now_clock = here.isoweekday(), here.time()
    yesterday = 7 if day == 1 else day - 1
    for p in periods:
        opens, closes = _as_time(p["opens_at"]), _as_time(p["closes_at"])
        overnight = closes <= opens
        if p["weekday"] == day:
            if (overnight and now_clock >= opens) or (
                not overnight and opens <= now_clock < closes
            ):
                return True
        elif p["weekday"] == yesterday and overnight and now_clock < closes:
            return True
    return False


async def market_directory(first: int) -> dict:
    """The `data` of MarketDirectory(first: N), default order and filters."""
    here = datetime.now(SHANGHAI)
    page, counted = await asyncio.gather(raw(DIRECTORY_PAGE, first + 1), raw(DIRECTORY_COUNT))
    rows = page[:first]
    ids = [r["id"] for r in rows]
    hours: dict[int, list] = defaultdict(list)
    jobs: dict[int, list] = defaultdict(list)
    certified: dict[int, int] = {}
    if ids:
        p_rows, o_rows, c_rows = await asyncio.gather(
            raw_in(PERIODS, ids), raw_in(OCCUPATIONS, ids), raw_in(CERTIFICATES, ids)
        )
        for r in p_rows:
            hours[r["market"]].append(r)
        for r in o_rows:
            jobs[r["market"]].append(
                {"id": global_id("Occupation", r["id"]), "code": r["code"], "name": r["name"]}
            )
        for r in c_rows:
            certified[r["market"]] = r["year"]  # ordered by year: the latest wins
    nodes = []
    for r in rows:
        mid, year = r["id"], certified.get(r["id"])
        nodes.append(
            {
                "id": global_id("Market", mid),
                "name": r["name"],
                "kind": r["kind"],
                "ownership": r["ownership"],
                "stationType": r["station_type"],
                "status": r["status"],
                "address": r["address"],
                "contactPhone": r["contact_phone"],
                "labourBrand": r["labour_brand"] or None,
                "isOpenNow": open_at(hours.get(mid, []), here),
                "region": {
                    "code": r["region_code"],
                    "name": r["region_name"],
                    "parentCode": r["region_parent_code"],
                },
                "location": {"latitude": r["latitude"], "longitude": r["longitude"]},
                "occupations": jobs.get(mid, []),
                "demonstration": None if year is None else {"year": year},
                "parentMarket": None
                if r["parent_id"] is None
                else {"id": global_id("Market", r["parent_id"]), "name": r["parent_name"]},
            }
        )
    return {
        "markets": {
            "totalCount": counted[0]["n"],
            "pageInfo": {
                "hasNextPage": len(page) > first,
                "endCursor": cursor(ids[-1]) if ids else None,
            },
            "nodes": nodes,
        }
    }


# MarketMap (where: {regionCode: "330100"}): every listed market of the city as GeoJSON

MAP_MARKETS = """
SELECT m.id, m.name, m.kind, m.ownership, m.station_type, m.address, m.contact_phone,
       m.latitude, m.longitude, r.code AS region_code
FROM market m
JOIN region r ON r.id = m.region
LEFT JOIN region r1 ON r1.id = r.parent
LEFT JOIN region r2 ON r2.id = r1.parent
WHERE m.status IN ('ACTIVE', 'SUSPENDED') AND {} IN (r.code, r1.code, r2.code)
ORDER BY m.id
"""
MAP_CITY = "330100"


async def market_map(first: int) -> dict:
    """The `data` of MarketMap for one city (`first` is not used: the map is not paged)."""
    here = datetime.now(SHANGHAI)
    rows = await raw(MAP_MARKETS, MAP_CITY)
    ids = [r["id"] for r in rows]
    hours: dict[int, list] = defaultdict(list)
    certified: set[int] = set()
    if ids:
        p_rows, c_rows = await asyncio.gather(raw_in(PERIODS, ids), raw_in(CERTIFICATES, ids))
        for r in p_rows:
            hours[r["market"]].append(r)
        certified = {r["market"] for r in c_rows}
    features = [
        {
            "type": "Feature",
            "id": global_id("Market", r["id"]),
            "geometry": {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]},
            "attributes": {
                "name": r["name"],
                "kind": r["kind"],
                "ownership": r["ownership"],
                "stationType": r["station_type"],
                "regionCode": r["region_code"],
                "address": r["address"],
                "contactPhone": r["contact_phone"],
                "isDemonstration": r["id"] in certified,
                "isOpenNow": open_at(hours.get(r["id"], []), here),
            },
        }
        for r in rows
    ]
    return {"marketMap": {"type": "FeatureCollection", "features": features}}
