"""Hand-written baselines: plain SQL, dicts and json.dumps giving a document's exact response.

Each baseline answers one frontend document (frontend_queries/) for the variables the benchmark
sends, with the statements a careful programmer would write by hand (batched child lists, no
ORM objects), and returns the same bytes as POST /graphql. `BASELINES` maps the document name
to the function; the benchmark server serves each at GET /baseline/<name>?first=N. Documents
without an entry say why in tools/bench/documents.py.
"""

from __future__ import annotations

import base64
import json
from collections import defaultdict
from collections.abc import Awaitable, Callable
from datetime import datetime
from datetime import time as clock_time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
CENT = Decimal("0.01")


def dumps(data: Any) -> str:
    """As app.py's GraphQLView.encode_json: Chinese unescaped, no spaces."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def global_id(type_name: str, number: int) -> str:
    return base64.b64encode(f"{type_name}:{number}".encode()).decode()


def cursor(*values: Any) -> str:
    plain = [v.isoformat() if isinstance(v, datetime) else v for v in values]
    return base64.urlsafe_b64encode(json.dumps(plain, ensure_ascii=False).encode()).decode()


def _raw(sql: str, *args: Any) -> Any:
    from tables.market import Market  # late: the settings must be fixed first

    return Market.raw(sql, *args)


def _in(sql: str, ids: list[int]) -> Any:
    return _raw(sql.replace("@ids", ",".join("{}" for _ in ids)), *ids)


# --------------------------------------------------------------------------------------------
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
    import asyncio

    here = datetime.now(SHANGHAI)
    page, counted = await asyncio.gather(_raw(DIRECTORY_PAGE, first + 1), _raw(DIRECTORY_COUNT))
    rows = page[:first]
    ids = [r["id"] for r in rows]
    hours: dict[int, list] = defaultdict(list)
    jobs: dict[int, list] = defaultdict(list)
    certified: dict[int, int] = {}
    if ids:
        p_rows, o_rows, c_rows = await asyncio.gather(
            _in(PERIODS, ids), _in(OCCUPATIONS, ids), _in(CERTIFICATES, ids)
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


# --------------------------------------------------------------------------------------------
# PostingSearch (first: N): open, ordinary (not public-welfare) postings, soonest start first

POSTING_PAGE = """
SELECT j.id, j.title, j.headcount, j.confirmed_count, j.same_day, j.prefer_assisted,
       j.starts_at, j.ends_at, j.wage_fen, j.wage_unit, j.daily_wage_fen, j.address,
       j.latitude, j.longitude, r.code AS region_code, r.name AS region_name,
       oc.id AS occupation_id, oc.code AS occupation_code, oc.name AS occupation_name,
       m.id AS market_id, m.name AS market_name,
       e.id AS employer_id, e.name AS employer_name, e.kind AS employer_kind,
       e.verification_status
FROM job_posting j
JOIN region r ON r.id = j.region
JOIN occupation oc ON oc.id = j.occupation
LEFT JOIN market m ON m.id = j.market
JOIN employer e ON e.id = j.employer
WHERE j.status = 'OPEN' AND j.ends_at > {} AND j.public_welfare = {}
ORDER BY j.starts_at, j.id
LIMIT {}
"""
POSTING_COUNT = """
SELECT COUNT(*) AS n FROM job_posting
WHERE status = 'OPEN' AND ends_at > {} AND public_welfare = {}
"""


def _yuan(fen: int) -> str:
    return str((Decimal(fen) / 100).quantize(CENT))


def _public_name(kind: str, name: str) -> str:
    # A private person's name is masked for the public (王*), as the API does.
    return name[:1] + "*" * max(len(name) - 1, 1) if kind == "INDIVIDUAL" else name


def _utc(value: Any) -> datetime:
    # asyncpg and Piccolo's SQLite converter both give aware UTC datetimes; text is accepted.
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


async def posting_search(first: int) -> dict:
    """The `data` of PostingSearch(first: N) for an anonymous client, default order."""
    import asyncio

    from services.timeutil import now

    moment = now()
    page, counted = await asyncio.gather(
        _raw(POSTING_PAGE, moment, False, first + 1), _raw(POSTING_COUNT, moment, False)
    )
    rows = page[:first]
    nodes = []
    for r in rows:
        starts, ends = _utc(r["starts_at"]), _utc(r["ends_at"])
        located = r["latitude"] is not None and r["longitude"] is not None
        daily = r["daily_wage_fen"]
        nodes.append(
            {
                "id": global_id("JobPosting", r["id"]),
                "title": r["title"],
                "status": "OPEN",
                "headcount": r["headcount"],
                "remaining": max(r["headcount"] - r["confirmed_count"], 0),
                "sameDay": bool(r["same_day"]),
                "preferAssisted": bool(r["prefer_assisted"]),
                "startsAt": starts.isoformat(),
                "endsAt": ends.isoformat(),
                "workDate": starts.astimezone(SHANGHAI).date().isoformat(),
                "distanceKm": None,
                "wage": {
                    "amount": _yuan(r["wage_fen"]),
                    "unit": r["wage_unit"],
                    "dailyEquivalent": None if daily is None else _yuan(daily),
                },
                "place": {
                    "address": r["address"],
                    "region": {"code": r["region_code"], "name": r["region_name"]},
                    "location": {"latitude": r["latitude"], "longitude": r["longitude"]}
                    if located
                    else None,
                },
                "occupation": {
                    "id": global_id("Occupation", r["occupation_id"]),
                    "code": r["occupation_code"],
                    "name": r["occupation_name"],
                },
                "market": None
                if r["market_id"] is None
                else {"id": global_id("Market", r["market_id"]), "name": r["market_name"]},
                "employer": {
                    "id": global_id("Employer", r["employer_id"]),
                    "name": _public_name(r["employer_kind"], r["employer_name"]),
                    "verificationStatus": r["verification_status"],
                },
            }
        )
    last = rows[-1] if rows else None
    return {
        "jobPostings": {
            "totalCount": counted[0]["n"],
            "pageInfo": {
                "hasNextPage": len(page) > first,
                "endCursor": cursor(_utc(last["starts_at"]), last["id"]) if last else None,
            },
            "nodes": nodes,
        }
    }


# --------------------------------------------------------------------------------------------
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
    import asyncio

    here = datetime.now(SHANGHAI)
    rows = await _raw(MAP_MARKETS, MAP_CITY)
    ids = [r["id"] for r in rows]
    hours: dict[int, list] = defaultdict(list)
    certified: set[int] = set()
    if ids:
        p_rows, c_rows = await asyncio.gather(_in(PERIODS, ids), _in(CERTIFICATES, ids))
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


BASELINES: dict[str, Callable[[int], Awaitable[dict]]] = {
    "MarketDirectory": market_directory,
    "PostingSearch": posting_search,
    "MarketMap": market_map,
}


async def body(name: str, first: int) -> str:
    """The response text of baseline `name`, on one SQLite connection like the GraphQL side."""
    from services.db import current_engine

    engine = current_engine()
    if engine.engine_type == "sqlite":
        # Same treatment as resolvers/performance.OneSQLiteConnectionPerQuery: one connection
        # per request instead of one per statement, so the ratio compares like with like.
        async with engine.transaction():
            return dumps({"data": await BASELINES[name](first)})
    return dumps({"data": await BASELINES[name](first)})
