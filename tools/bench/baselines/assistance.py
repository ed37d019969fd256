"""Baseline of AssistanceCases (first: 20) for the operator of the token: the assistance cases
of workers registered at their markets, newest opened first, each with its worker, case worker,
plan steps (by due day) and offers (newest first)."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from datetime import date, datetime
from typing import Any

from tools.bench.baselines.common import cursor, global_id, raw, raw_in

MINE = """
FROM assistance_case c
JOIN worker w ON w.id = c.worker
JOIN market m ON m.id = w.registered_market
WHERE m.operator = {}
"""
PAGE = f"""
SELECT c.id, c.status, c.outcome, c.case_worker, c.opened_at, c.next_due_on,
       w.id AS worker_id, w.name AS worker_name, w.phone_masked
{MINE}
ORDER BY c.opened_at DESC, c.id DESC
LIMIT {{}}
"""
COUNT = f"SELECT COUNT(*) AS n {MINE}"
STEPS = """
SELECT id, "case", title, due_on, done FROM assistance_step
WHERE "case" IN (@ids) ORDER BY "case", due_on, id
"""
OFFERS = """
SELECT id, "case", kind, status FROM assistance_offer
WHERE "case" IN (@ids) ORDER BY "case", offered_at DESC, id DESC
"""
STAFF = "SELECT id, username, first_name, last_name FROM piccolo_user WHERE id IN (@ids)"
DELETED_USER = "（已删除的用户）"


def _utc(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


async def assistance_cases(first: int, token: str | None = None) -> dict:
    """The `data` of AssistanceCases(first: N) for the operator whose token it is."""
    from services.timeutil import local, now
    from tools.bench.baselines.worker import signed_in

    operator = await signed_in(token, "OPERATOR")
    today = local(now()).date()
    page, counted = await asyncio.gather(raw(PAGE, operator, first + 1), raw(COUNT, operator))
    rows = page[:first]
    steps: dict[int, list] = defaultdict(list)
    offers: dict[int, list] = defaultdict(list)
    names: dict[int, str] = {}
    if rows:
        ids = [r["id"] for r in rows]
        planned, offered, staff = await asyncio.gather(
            raw_in(STEPS, ids),
            raw_in(OFFERS, ids),
            raw_in(STAFF, list({r["case_worker"] for r in rows})),
        )
        for s in planned:
            due = _day(s["due_on"])
            steps[s["case"]].append(
                {
                    "id": global_id("AssistanceStep", s["id"]),
                    "title": s["title"],
                    "dueOn": None if due is None else due.isoformat(),
                    "done": bool(s["done"]),
                }
            )
        for o in offered:
            offers[o["case"]].append(
                {
                    "id": global_id("AssistanceOffer", o["id"]),
                    "kind": o["kind"],
                    "status": o["status"],
                }
            )
        # load_staff_names: family then given name, else the username.
        for u in staff:
            full = f"{u['last_name'] or ''}{u['first_name'] or ''}".strip()
            names[u["id"]] = full or u["username"]
    nodes = []
    for r in rows:
        due = _day(r["next_due_on"])
        nodes.append(
            {
                "id": global_id("AssistanceCase", r["id"]),
                "status": r["status"],
                "outcome": r["outcome"] or None,
                "caseWorker": names.get(r["case_worker"], DELETED_USER),
                "openedAt": _utc(r["opened_at"]).isoformat(),
                "nextDueOn": None if due is None else due.isoformat(),
                "overdue": r["status"] == "OPEN" and due is not None and due < today,
                "worker": {
                    "id": global_id("Worker", r["worker_id"]),
                    "name": r["worker_name"],
                    "phoneMasked": r["phone_masked"],
                },
                "steps": steps.get(r["id"], []),
                "offers": offers.get(r["id"], []),
            }
        )
    last = rows[-1] if rows else None
    return {
        "assistanceCases": {
            "totalCount": counted[0]["n"],
            "pageInfo": {
                "hasNextPage": len(page) > first,
                "endCursor": cursor(_utc(last["opened_at"]), last["id"]) if last else None,
            },
            "nodes": nodes,
        }
    }
