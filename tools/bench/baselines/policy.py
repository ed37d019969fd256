"""Baseline of Policies (first: N) for an anonymous client: published items in effect today
(Asia/Shanghai), the newest in effect first."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

from tools.bench.baselines.common import cursor, global_id, raw

IN_EFFECT = (
    "status = 'PUBLISHED' AND effective_from <= {} AND (effective_to IS NULL OR effective_to >= {})"
)
PAGE = f"""
SELECT id, title, summary, issuing_document, clause, effective_from, effective_to
FROM policy_item WHERE {IN_EFFECT}
ORDER BY effective_from DESC, id DESC
LIMIT {{}}
"""
COUNT = f"SELECT COUNT(*) AS n FROM policy_item WHERE {IN_EFFECT}"


def _day(value: Any) -> str | None:
    if value is None:
        return None
    return (value if isinstance(value, date) else date.fromisoformat(str(value))).isoformat()


async def policies(first: int) -> dict:
    """The `data` of Policies(first: N)."""
    from services.policy.rules import today

    day = today()
    page, counted = await asyncio.gather(raw(PAGE, day, day, first + 1), raw(COUNT, day, day))
    rows = page[:first]
    last = rows[-1] if rows else None
    return {
        "policies": {
            "totalCount": counted[0]["n"],
            "pageInfo": {
                "hasNextPage": len(page) > first,
                "endCursor": cursor(_day(last["effective_from"]), last["id"]) if last else None,
            },
            "nodes": [
                {
                    "id": global_id("Policy", r["id"]),
                    "title": r["title"],
                    "summary": r["summary"],
                    "issuingDocument": r["issuing_document"],
                    "clause": r["clause"] or None,
                    "effectiveFrom": _day(r["effective_from"]),
                    "effectiveTo": _day(r["effective_to"]),
                }
                for r in rows
            ],
        }
    }
