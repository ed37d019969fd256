"""Baselines of the rights documents: MyRightsCases (first: 20) for the worker of the token, their
cases newest first; RightsCaseQueue (first: 20, orderBy DUE_AT) for the operator of the token,
the open cases of their markets by deadline, with the worker; GatheringPlaces (first: 20) for
staff, the register newest first with every place's incidents (the first 100, newest first)."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from datetime import datetime
from decimal import Decimal
from typing import Any

from tools.bench.baselines.common import CENT, cursor, global_id, raw, raw_in

OPEN = ("FILED", "ACCEPTED", "MEDIATING")  # services/rights_case/routing.OPEN
CARD = """
SELECT rc.id, rc.kind, rc.status, rc.outcome, rc.department, rc.opened_at, rc.step_due_at,
       rc.amount_claimed_fen, rc.amount_recovered_fen,
       e.id AS employer_id, e.kind AS employer_kind, e.name AS employer_name,
       m.id AS market_id, m.name AS market_name
"""
MINE = f"""{CARD}
FROM rights_case rc
JOIN market m ON m.id = rc.market
LEFT JOIN employer e ON e.id = rc.employer
WHERE rc.worker = {{}}
ORDER BY rc.opened_at DESC, rc.id DESC
LIMIT {{}}
"""
MINE_COUNT = "SELECT COUNT(*) AS n FROM rights_case WHERE worker = {}"
# The operator's open cases with a deadline, the earliest deadline first.
OPERATORS_OPEN = """
WHERE m.operator = {} AND rc.status IN ('FILED', 'ACCEPTED', 'MEDIATING')
  AND rc.step_due_at IS NOT NULL
"""
QUEUE = f"""{CARD}, rc.channel, rc.summary, w.id AS worker_id, w.name AS worker_name, w.phone_masked
FROM rights_case rc
JOIN market m ON m.id = rc.market
LEFT JOIN employer e ON e.id = rc.employer
LEFT JOIN worker w ON w.id = rc.worker
{OPERATORS_OPEN}
ORDER BY rc.step_due_at, rc.id
LIMIT {{}}
"""
QUEUE_COUNT = f"""
SELECT COUNT(*) AS n FROM rights_case rc JOIN market m ON m.id = rc.market
{OPERATORS_OPEN}"""


def _utc(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _instant(value: Any) -> str | None:
    return None if value is None else _utc(value).isoformat()


def _yuan(fen: int | None) -> str | None:
    return None if fen is None else str((Decimal(fen) / 100).quantize(CENT))


def _employer_name(r: dict) -> str:
    # Employer.name as anyone but the employer and staff reads it: a private person masked.
    name = r["employer_name"]
    if r["employer_kind"] == "INDIVIDUAL":
        return name[:1] + "*" * max(len(name) - 1, 1)
    return name


def _card(r: dict, moment: datetime) -> dict:
    """The RightsCaseCard fragment of a row of CARD's columns."""
    due = None if r["step_due_at"] is None else _utc(r["step_due_at"])
    return {
        "id": global_id("RightsCase", r["id"]),
        "kind": r["kind"],
        "status": r["status"],
        "outcome": r["outcome"] or None,
        "department": r["department"],
        "filedAt": _instant(r["opened_at"]),
        "stepDueAt": None if due is None else due.isoformat(),
        "overdue": r["status"] in OPEN and due is not None and due <= moment,
        "amountClaimed": _yuan(r["amount_claimed_fen"]),
        "amountRecovered": _yuan(r["amount_recovered_fen"]),
        "employer": None
        if r["employer_id"] is None
        else {"id": global_id("Employer", r["employer_id"]), "name": _employer_name(r)},
        "market": {"id": global_id("Market", r["market_id"]), "name": r["market_name"]},
    }


def _connection(page: list[dict], first: int, total: int, nodes: list, key: str) -> dict:
    last = page[:first][-1] if page[:first] else None
    return {
        "totalCount": total,
        "pageInfo": {
            "hasNextPage": len(page) > first,
            "endCursor": cursor(_utc(last[key]), last["id"]) if last else None,
        },
        "nodes": nodes,
    }


async def my_rights_cases(first: int, token: str | None = None) -> dict:
    """The `data` of MyRightsCases(first: N) for the worker whose token it is."""
    from services.timeutil import now
    from tools.bench.baselines.worker import signed_in

    worker = await signed_in(token, "WORKER")
    moment = now()
    page, counted = await asyncio.gather(raw(MINE, worker, first + 1), raw(MINE_COUNT, worker))
    nodes = [_card(r, moment) for r in page[:first]]
    return {"myRightsCases": _connection(page, first, counted[0]["n"], nodes, "opened_at")}


async def rights_case_queue(first: int, token: str | None = None) -> dict:
    """The `data` of RightsCaseQueue(first: N, orderBy: {field: DUE_AT}) for the operator whose
    token it is: the open cases of their markets, the earliest deadline first."""
    from services.timeutil import now
    from tools.bench.baselines.worker import signed_in

    operator = await signed_in(token, "OPERATOR")
    moment = now()
    page, counted = await asyncio.gather(
        raw(QUEUE, operator, first + 1), raw(QUEUE_COUNT, operator)
    )
    nodes = [
        {
            **_card(r, moment),
            "channel": r["channel"],
            "summary": r["summary"],
            # RightsCase.worker as whoever sees the case sees it: name and masked phone.
            "worker": None
            if r["worker_id"] is None
            else {"name": r["worker_name"], "phoneMasked": r["phone_masked"]},
        }
        for r in page[:first]
    ]
    return {"rightsCases": _connection(page, first, counted[0]["n"], nodes, "step_due_at")}


PLACES = """
SELECT g.id, g.name, g.address, r.code AS region_code, r.name AS region_name,
       g.latitude, g.longitude, g.typical_hours, g.typical_size, g.measures, g.status,
       g.created_at, g.updated_at, m.id AS market_id, m.name AS market_name
FROM gathering_place g
JOIN region r ON r.id = g.region
LEFT JOIN market m ON m.id = g.market
ORDER BY g.created_at DESC, g.id DESC
LIMIT {}
"""
PLACES_COUNT = "SELECT COUNT(*) AS n FROM gathering_place"
INCIDENTS_SHOWN = 100  # GatheringPlace.incidents: the newest 100
INCIDENTS = f"""
SELECT id, gathering_place, kind, status, opened_at FROM (
  SELECT id, gathering_place, kind, status, opened_at,
         ROW_NUMBER() OVER (PARTITION BY gathering_place ORDER BY opened_at DESC, id DESC) AS n
  FROM rights_case WHERE gathering_place IN (@ids)
) AS numbered
WHERE n <= {INCIDENTS_SHOWN}
ORDER BY gathering_place, opened_at DESC, id DESC
"""
ACTIVE_STAFF = "SELECT 1 AS ok FROM piccolo_user WHERE id = {} AND active"


async def gathering_places(first: int, token: str | None = None) -> dict:
    """The `data` of GatheringPlaces(first: N) for staff (whose token it is): every incident of
    a place is theirs to see."""
    from tools.bench.baselines.worker import signed_in

    staff = await signed_in(token, "STAFF")
    if not await raw(ACTIVE_STAFF, staff):  # a deactivated account's tokens stop at once
        raise PermissionError("the baseline answers an active staff account only")
    page, counted = await asyncio.gather(raw(PLACES, first + 1), raw(PLACES_COUNT))
    rows = page[:first]
    incidents: dict[int, list] = defaultdict(list)
    if rows:
        for c in await raw_in(INCIDENTS, [r["id"] for r in rows]):
            incidents[c["gathering_place"]].append(
                {
                    "id": global_id("RightsCase", c["id"]),
                    "kind": c["kind"],
                    "status": c["status"],
                    "filedAt": _instant(c["opened_at"]),
                }
            )
    nodes = [
        {
            "id": global_id("GatheringPlace", r["id"]),
            "name": r["name"],
            "address": r["address"],
            "region": {"code": r["region_code"], "name": r["region_name"]},
            "location": {"latitude": r["latitude"], "longitude": r["longitude"]}
            if r["latitude"] is not None and r["longitude"] is not None
            else None,
            "typicalHours": r["typical_hours"],
            "typicalSize": r["typical_size"],
            "measures": r["measures"],
            "status": r["status"],
            "updatedAt": _instant(r["updated_at"]),
            "market": None
            if r["market_id"] is None
            else {"id": global_id("Market", r["market_id"]), "name": r["market_name"]},
            "incidents": incidents.get(r["id"], []),
        }
        for r in rows
    ]
    return {"gatheringPlaces": _connection(page, first, counted[0]["n"], nodes, "created_at")}
