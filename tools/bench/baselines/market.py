"""Baselines of the market documents: MarketDirectory (first: N) and MarketMap (a city)."""

from __future__ import annotations

import asyncio
import json
import math
from collections import defaultdict
from datetime import date, datetime
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


async def _market_cards(rows: list[dict], here: datetime) -> list[dict]:
    """MarketCard of each directory row (DIRECTORY_PAGE's columns), in the rows' order."""
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
    return nodes


async def market_directory(first: int) -> dict:
    """The `data` of MarketDirectory(first: N), default order and filters."""
    here = datetime.now(SHANGHAI)
    page, counted = await asyncio.gather(raw(DIRECTORY_PAGE, first + 1), raw(DIRECTORY_COUNT))
    rows = page[:first]
    ids = [r["id"] for r in rows]
    return {
        "markets": {
            "totalCount": counted[0]["n"],
            "pageInfo": {
                "hasNextPage": len(page) > first,
                "endCursor": cursor(ids[-1]) if ids else None,
            },
            "nodes": await _market_cards(rows, here),
        }
    }


# NearbyMarkets (a point in 杭州, 50 km, first: N): the listed markets in the bounding box,
# ranked by great-circle distance in Python (the API's formula, services/geo.haversine_km, so
# the rounded distances are the same floats), then the page's cards.
NEAR = (30.27, 120.15, 50.0)
NEARBY_CANDIDATES = """
SELECT id, latitude, longitude FROM market
WHERE status IN ('ACTIVE', 'SUSPENDED')
  AND latitude >= {} AND latitude <= {} AND longitude >= {} AND longitude <= {}
"""
NEARBY_PAGE = DIRECTORY_PAGE.replace("ORDER BY m.id\nLIMIT {}", "AND m.id IN (@ids)")


async def nearby_markets(first: int) -> dict:
    """The `data` of NearbyMarkets(latitude, longitude, radiusKm: NEAR, first: N)."""
    from services.geo import EARTH_RADIUS_KM, haversine_km

    here = datetime.now(SHANGHAI)
    latitude, longitude, radius = NEAR
    dlat = math.degrees(radius / EARTH_RADIUS_KM)
    dlon = dlat / max(math.cos(math.radians(latitude)), 0.01)
    box = (latitude - dlat, latitude + dlat, longitude - dlon, longitude + dlon)
    ranked = []
    for c in await raw(NEARBY_CANDIDATES, *box):
        d = haversine_km(latitude, longitude, c["latitude"], c["longitude"])
        if d <= radius:
            ranked.append((round(d, 3), c["id"]))
    ranked.sort()
    page = ranked[:first]
    rows = {r["id"]: r for r in await raw_in(NEARBY_PAGE, [i for _, i in page])} if page else {}
    cards = await _market_cards([rows[i] for _, i in page], here)
    return {
        "markets": {
            "totalCount": len(ranked),
            "pageInfo": {
                "hasNextPage": len(ranked) > first,
                "endCursor": cursor(*page[-1]) if page else None,
            },
            "edges": [
                {"cursor": cursor(d, i), "node": {"distanceKm": d, **card}}
                for (d, i), card in zip(page, cards, strict=True)
            ],
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


# MarketDetail (id): one market's public page, its stations with their own hours

DETAIL_MARKET = """
SELECT m.*, r.code AS region_code, r.name AS region_name, r.level AS region_level,
       r.is_mountain_or_island AS region_mountain, rp.code AS region_parent_code,
       o.name AS operator_name, p.name AS parent_name, p.station_type AS parent_station_type
FROM market m
JOIN region r ON r.id = m.region
LEFT JOIN region rp ON rp.id = r.parent
LEFT JOIN operator o ON o.id = m.operator
LEFT JOIN market p ON p.id = m.parent_market
WHERE m.id = {}
"""
DETAIL_STATIONS = """
SELECT id, name, station_type, status, address, contact_phone, latitude, longitude
FROM market WHERE parent_market = {} AND status <> 'CLOSED' ORDER BY id
"""
DETAIL_OCCUPATIONS = """
SELECT oc.id, oc.code, oc.name, oc.aliases FROM market_occupation mo
JOIN occupation oc ON oc.id = mo.occupation WHERE mo.market = {} ORDER BY oc.id
"""
DETAIL_CERTIFICATE = """
SELECT year, certified_at, certificate_no FROM demonstration_certificate
WHERE market = {} AND revoked_on IS NULL ORDER BY year DESC LIMIT 1
"""


def _strings(value: Any) -> list[str]:
    # asyncpg gives a list; SQLite keeps Piccolo's Array as JSON text.
    return list(value) if isinstance(value, list) else json.loads(value or "[]")


def _iso(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


async def market_detail(market_id: int) -> dict:
    """The `data` of MarketDetail for one market id."""
    here = datetime.now(SHANGHAI)
    found, stations, jobs, certificate = await asyncio.gather(
        raw(DETAIL_MARKET, market_id),
        raw(DETAIL_STATIONS, market_id),
        raw(DETAIL_OCCUPATIONS, market_id),
        raw(DETAIL_CERTIFICATE, market_id),
    )
    if not found:
        return {"market": None}
    m = found[0]
    hours: dict[int, list] = defaultdict(list)
    for p in await raw_in(PERIODS, [market_id, *(s["id"] for s in stations)]):
        hours[p["market"]].append(p)
    cert = certificate[0] if certificate else None
    return {
        "market": {
            "id": global_id("Market", m["id"]),
            "name": m["name"],
            "kind": m["kind"],
            "ownership": m["ownership"],
            "stationType": m["station_type"],
            "status": m["status"],
            "address": m["address"],
            "contactPhone": m["contact_phone"],
            "labourBrand": m["labour_brand"] or None,
            "establishedOn": None if m["established_on"] is None else _iso(m["established_on"]),
            "functionAreas": _strings(m["function_areas"]),
            "facilities": _strings(m["facilities"]),
            "isOpenNow": open_at(hours.get(market_id, []), here),
            "region": {
                "code": m["region_code"],
                "name": m["region_name"],
                "level": m["region_level"].upper(),
                "parentCode": m["region_parent_code"],
                "isMountainOrIsland": bool(m["region_mountain"]),
            },
            "location": {"latitude": m["latitude"], "longitude": m["longitude"]},
            "responsibleUnits": {
                "construction": m["construction_unit"],
                "maintenance": m["maintenance_unit"],
                "service": m["service_unit"],
            },
            "operator": None
            if m["operator"] is None
            else {"id": global_id("Operator", m["operator"]), "name": m["operator_name"]},
            "openingHours": [
                {
                    "weekday": p["weekday"],
                    "opens": _hhmm(p["opens_at"]),
                    "closes": _hhmm(p["closes_at"]),
                }
                for p in hours.get(market_id, [])
            ],
            "occupations": [
                {
                    "id": global_id("Occupation", o["id"]),
                    "code": o["code"],
                    "name": o["name"],
                    "aliases": [a for a in (o["aliases"] or "").split(";") if a],
                }
                for o in jobs
            ],
            "demonstration": None
            if cert is None
            else {
                "year": cert["year"],
                "certifiedAt": _iso(cert["certified_at"]),
                "certificateNo": cert["certificate_no"],
            },
            "parentMarket": None
            if m["parent_market"] is None
            else {
                "id": global_id("Market", m["parent_market"]),
                "name": m["parent_name"],
                "stationType": m["parent_station_type"],
            },
            "stations": [
                {
                    "id": global_id("Market", s["id"]),
                    "name": s["name"],
                    "stationType": s["station_type"],
                    "status": s["status"],
                    "address": s["address"],
                    "contactPhone": s["contact_phone"],
                    "isOpenNow": open_at(hours.get(s["id"], []), here),
                    "location": {"latitude": s["latitude"], "longitude": s["longitude"]},
                }
                for s in stations
            ],
        }
    }


def _hhmm(value: Any) -> str:
    # asyncpg and Piccolo's SQLite converter both give datetime.time; text is accepted too.
    return value.strftime("%H:%M") if hasattr(value, "strftime") else str(value)[:5]


# DirectoryHistory (first: N): the page and the count
PUBLICATIONS = """
SELECT id, published_at, published_on, market_count, station_count, sha256, byte_size
FROM directory_publication ORDER BY id DESC LIMIT {}
"""
PUBLICATION_COUNT = "SELECT COUNT(*) AS n FROM directory_publication"


def _text(value: Any, kind: type[date] | type[datetime]) -> str:
    # asyncpg and Piccolo's SQLite converters give datetime and date; text is accepted too.
    return (value if isinstance(value, kind) else kind.fromisoformat(str(value))).isoformat()


async def directory_history(first: int) -> dict:
    """The `data` of DirectoryHistory(first: N): the newest publications first."""
    page, counted = await asyncio.gather(raw(PUBLICATIONS, first + 1), raw(PUBLICATION_COUNT))
    rows = page[:first]
    return {
        "directoryPublications": {
            "totalCount": counted[0]["n"],
            "pageInfo": {
                "hasNextPage": len(page) > first,
                "endCursor": cursor(rows[-1]["id"]) if rows else None,
            },
            "nodes": [
                {
                    "id": global_id("DirectoryPublication", r["id"]),
                    "publishedAt": _text(r["published_at"], datetime),
                    "publishedOn": _text(r["published_on"], date),
                    "marketCount": r["market_count"],
                    "stationCount": r["station_count"],
                    "sha256": r["sha256"],
                    "byteSize": r["byte_size"],
                    "downloadPath": f"/exports/markets/publications/{r['id']}.csv",
                }
                for r in rows
            ],
        }
    }
