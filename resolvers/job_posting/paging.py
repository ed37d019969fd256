"""Pages of results ranked in Python by a match score (ties by id)."""

from __future__ import annotations

from typing import Any

from resolvers.pagination import build_connection, decode_cursor, encode_cursor, page_size
from schema.common import Connection


def scored_page(
    scored: list[tuple[float, int, Any]], first: int | None, after: str | None
) -> Connection:
    """Page through (score, id, node) sorted by score descending, then id ascending."""
    size = page_size(first)
    scored = sorted(scored, key=lambda s: (-s[0], s[1]))
    total = len(scored)
    if after is not None:
        last_score, last_id = decode_cursor(after, [float, int])
        scored = [s for s in scored if (-s[0], s[1]) > (-last_score, last_id)]
    items = [(encode_cursor([s, i]), node) for s, i, node in scored[:size]]

    async def count() -> int:
        return total

    return build_connection(items, len(scored) > size, after is not None, count)
