"""Baseline of DemonstrationMarkets (first: N): the markets holding a valid certificate, by id."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from datetime import datetime
from typing import Any

from tools.bench.baselines.common import SHANGHAI, cursor, global_id, raw, raw_in
from tools.bench.baselines.market import PERIODS, open_at

HOLDERS = "m.id IN (SELECT market FROM demonstration_certificate WHERE revoked_on IS NULL)"
PAGE = f"""
SELECT m.id, m.name, m.ownership, m.address, m.contact_phone, m.latitude, m.longitude,
       r.code AS region_code, r.name AS region_name, rp.code AS region_parent_code
FROM market m
JOIN region r ON r.id = m.region
LEFT JOIN region rp ON rp.id = r.parent
WHERE {HOLDERS} AND m.status <> 'CLOSED'
ORDER BY m.id
LIMIT {{}}
"""
COUNT = f"SELECT COUNT(*) AS n FROM market m WHERE {HOLDERS} AND m.status <> 'CLOSED'"
CERTIFICATES = """
SELECT market, year, certified_at, certificate_no FROM demonstration_certificate
WHERE market IN (@ids) AND revoked_on IS NULL ORDER BY year
"""


def _utc(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


async def demonstration_markets(first: int) -> dict:
    """The `data` of DemonstrationMarkets(first: N), every year."""
    here = datetime.now(SHANGHAI)
    page, counted = await asyncio.gather(raw(PAGE, first + 1), raw(COUNT))
    rows = page[:first]
    ids = [r["id"] for r in rows]
    hours: dict[int, list] = defaultdict(list)
    latest: dict[int, dict] = {}
    if ids:
        p_rows, c_rows = await asyncio.gather(raw_in(PERIODS, ids), raw_in(CERTIFICATES, ids))
        for r in p_rows:
            hours[r["market"]].append(r)
        for r in c_rows:
            latest[r["market"]] = r  # ordered by year: the latest wins
    nodes = []
    for r in rows:
        mid = r["id"]
        certificate = latest.get(mid)
        nodes.append(
            {
                "id": global_id("Market", mid),
                "name": r["name"],
                "ownership": r["ownership"],
                "address": r["address"],
                "contactPhone": r["contact_phone"],
                "isOpenNow": open_at(hours.get(mid, []), here),
                "region": {
                    "code": r["region_code"],
                    "name": r["region_name"],
                    "parentCode": r["region_parent_code"],
                },
                "location": {"latitude": r["latitude"], "longitude": r["longitude"]},
                "demonstration": None
                if certificate is None
                else {
                    "year": certificate["year"],
                    "certifiedAt": _utc(certificate["certified_at"]).isoformat(),
                    "certificateNo": certificate["certificate_no"],
                },
            }
        )
    return {
        "demonstrationMarkets": {
            "totalCount": counted[0]["n"],
            "pageInfo": {
                "hasNextPage": len(page) > first,
                "endCursor": cursor(ids[-1]) if ids else None,
            },
            "nodes": nodes,
        }
    }
