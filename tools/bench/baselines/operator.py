"""Baseline of MyOperatingContracts (first: 20) for the operator of the token: their
contracts, latest start first, each with its market."""

from __future__ import annotations

import asyncio
from datetime import date
from decimal import Decimal
from typing import Any

from tools.bench.baselines.common import CENT, cursor, global_id, raw

PAGE = """
SELECT c.id, c.starts_on, c.ends_on, c.public_welfare, c.yearly_budget_fen,
       m.id AS market_id, m.name AS market_name, m.status AS market_status
FROM operating_contract c JOIN market m ON m.id = c.market
WHERE c.operator = {}
ORDER BY c.starts_on DESC, c.id DESC
LIMIT {}
"""
COUNT = "SELECT COUNT(*) AS n FROM operating_contract WHERE operator = {}"


def _day(value: Any) -> date:
    # asyncpg gives a date; SQLite the ISO text Piccolo stored.
    return value if isinstance(value, date) else date.fromisoformat(str(value))


async def operator_contracts(first: int, token: str | None = None) -> dict:
    """The `data` of MyOperatingContracts(first: N) for the operator whose token it is."""
    from tools.bench.baselines.worker import signed_in

    operator = await signed_in(token, "OPERATOR")
    page, counted = await asyncio.gather(raw(PAGE, operator, first + 1), raw(COUNT, operator))
    rows = page[:first]
    last = rows[-1] if rows else None
    return {
        "myOperatingContracts": {
            "totalCount": counted[0]["n"],
            "pageInfo": {
                "hasNextPage": len(page) > first,
                "endCursor": cursor(_day(last["starts_on"]).isoformat(), last["id"])
                if last
                else None,
            },
            "nodes": [
                {
                    "id": global_id("OperatingContract", r["id"]),
                    "startsOn": _day(r["starts_on"]).isoformat(),
                    "endsOn": _day(r["ends_on"]).isoformat(),
                    "publicWelfare": bool(r["public_welfare"]),
                    "yearlyBudget": str((Decimal(r["yearly_budget_fen"]) / 100).quantize(CENT)),
                    "market": {
                        "id": global_id("Market", r["market_id"]),
                        "name": r["market_name"],
                        "status": r["market_status"],
                    },
                }
                for r in rows
            ],
        }
    }
