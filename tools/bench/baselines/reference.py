"""Baseline of Occupations (first: N) for an anonymous client: the catalogue by id."""

from __future__ import annotations

import asyncio

from tools.bench.baselines.common import cursor, global_id, raw

PAGE = "SELECT id, code, name, aliases, major_group FROM occupation ORDER BY id LIMIT {}"
COUNT = "SELECT COUNT(*) AS n FROM occupation"


async def occupations(first: int) -> dict:
    """The `data` of Occupations(first: N)."""
    page, counted = await asyncio.gather(raw(PAGE, first + 1), raw(COUNT))
    rows = page[:first]
    return {
        "occupations": {
            "totalCount": counted[0]["n"],
            "pageInfo": {
                "hasNextPage": len(page) > first,
                "endCursor": cursor(rows[-1]["id"]) if rows else None,
            },
            "nodes": [
                {
                    "id": global_id("Occupation", r["id"]),
                    "code": r["code"],
                    "name": r["name"],
                    "aliases": [a for a in (r["aliases"] or "").split(";") if a],
                    "majorGroup": r["major_group"],
                }
                for r in rows
            ],
        }
    }
