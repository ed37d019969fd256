"""Baseline of PostingSearch (first: N): open ordinary postings, soonest start first."""

from __future__ import annotations

import asyncio
from datetime import datetime
from decimal import Decimal
from typing import Any

from schema.common import COUNT_CAP
from tools.bench.baselines.common import CENT, SHANGHAI, cursor, global_id, raw

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
# Counts at most COUNT_CAP + 1 rows, as the API's capped totalCount does.
POSTING_COUNT = f"""
SELECT COUNT(*) AS n FROM (SELECT 1 FROM job_posting
WHERE status = 'OPEN' AND ends_at > {{}} AND public_welfare = {{}} LIMIT {COUNT_CAP + 1}) AS capped
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
    from services.timeutil import now

    moment = now()
    page, counted = await asyncio.gather(
        raw(POSTING_PAGE, moment, False, first + 1), raw(POSTING_COUNT, moment, False)
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
            "totalCount": min(counted[0]["n"], COUNT_CAP),
            "totalCountIsExact": counted[0]["n"] <= COUNT_CAP,
            "pageInfo": {
                "hasNextPage": len(page) > first,
                "endCursor": cursor(_utc(last["starts_at"]), last["id"]) if last else None,
            },
            "nodes": nodes,
        }
    }
