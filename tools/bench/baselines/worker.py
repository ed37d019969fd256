"""Baseline of MarketWorkers (first: 20) for the market's operator: a signed-in list, so the
bearer token is looked up and checked as the API does before anything is read."""

from __future__ import annotations

import asyncio
import hashlib
from collections import defaultdict
from datetime import datetime
from typing import Any

from schema.common import COUNT_CAP
from tools.bench.baselines.common import cursor, global_id, raw, raw_in

FIRST = 20
TOKEN = """
SELECT id, role, subject_id, expires_at, revoked_at FROM api_token WHERE token_hash = {}
"""
# The operator's check in the page's own condition, as the resolver does: only workers of a
# market the viewer operates are found.
MINE = "registered_market = {} AND registered_market IN (SELECT id FROM market WHERE id = {} AND operator = {})"
PAGE = f"""
SELECT id, name, phone_masked, account, prioritised, created_at FROM worker
WHERE {MINE} ORDER BY id DESC LIMIT {FIRST + 1}
"""
COUNT = (
    f"SELECT COUNT(*) AS n FROM (SELECT 1 FROM worker WHERE {MINE} LIMIT {COUNT_CAP + 1}) AS capped"
)
OCCUPATIONS = """
SELECT wo.worker, oc.id, oc.name FROM worker_occupation wo
JOIN occupation oc ON oc.id = wo.occupation
WHERE wo.worker IN (@ids) ORDER BY wo.worker, oc.id
"""


def _utc(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


async def signed_in(token: str | None, role: str) -> int:
    """The subject of `role` a live token belongs to; PermissionError for any other token: a
    baseline answers its one reader only."""
    subject = await _subject(token, role)
    if subject is None:
        raise PermissionError(f"the baseline answers a signed-in {role.lower()} only")
    return subject


async def _subject(token: str | None, role: str) -> int | None:
    from services.timeutil import now

    if not token:
        return None
    rows = await raw(TOKEN, hashlib.sha256(token.encode()).hexdigest())
    if not rows or rows[0]["revoked_at"] is not None or rows[0]["role"] != role:
        return None
    expires = rows[0]["expires_at"]
    if expires is not None and _utc(expires) <= now():
        return None
    return int(rows[0]["subject_id"])


async def market_workers(market_id: int, token: str | None = None) -> dict:
    """The `data` of MarketWorkers(marketId, first: 20) sent with the market's operator's token."""
    operator = await signed_in(token, "OPERATOR")
    args = (market_id, market_id, operator)
    page, counted = await asyncio.gather(raw(PAGE, *args), raw(COUNT, *args))
    rows = page[:FIRST]
    ids = [r["id"] for r in rows]
    jobs: dict[int, list] = defaultdict(list)
    if ids:
        for r in await raw_in(OCCUPATIONS, ids):
            jobs[r["worker"]].append({"id": global_id("Occupation", r["id"]), "name": r["name"]})
    if not rows and not await raw(
        "SELECT 1 FROM market WHERE id = {} AND operator = {}", market_id, operator
    ):
        return {"marketWorkers": None}
    n = counted[0]["n"]
    return {
        "marketWorkers": {
            "totalCount": min(n, COUNT_CAP),
            "totalCountIsExact": n <= COUNT_CAP,
            "pageInfo": {
                "hasNextPage": len(page) > FIRST,
                "endCursor": cursor(ids[-1]) if ids else None,
            },
            "nodes": [
                {
                    "id": global_id("Worker", r["id"]),
                    "name": r["name"],
                    "phoneMasked": r["phone_masked"],
                    "hasAccount": r["account"] is not None,
                    "prioritised": bool(r["prioritised"]),
                    "registeredAt": _utc(r["created_at"]).isoformat(),
                    "occupations": jobs.get(r["id"], []),
                }
                for r in rows
            ],
        }
    }
