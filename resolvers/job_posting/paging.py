"""Keyset pages sorted by a timestamp or integer column (ties by id), and scored pages."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from piccolo.columns import Column
from piccolo.query import Select

from resolvers.errors import RequestError
from resolvers.pagination import build_connection, decode_cursor, encode_cursor, page_size
from schema.common import Connection


def _decode(after: str, kind: type) -> tuple[Any, int]:
    if kind is datetime:
        text, last_id = decode_cursor(after, [str, int])
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            value = None
        if value is None or value.tzinfo is None:
            raise RequestError("invalid cursor: pass a cursor returned by this list", field="after")
        return value, last_id
    value, last_id = decode_cursor(after, [kind, int])
    return value, last_id


async def keyset_page(
    query: Select,
    id_column: Column,
    column: Column,
    key: str,
    kind: type,
    descending: bool,
    first: int | None,
    after: str | None,
    to_node: Callable[[dict], Any],
    count: Callable[[], Awaitable[int]],
) -> Connection:
    """Like `resolvers.pagination.sql_page`, for sort columns whose cursor values are not
    JSON-native (timestamps travel as ISO text and are parsed back, timezone required)."""
    size = page_size(first)
    if after is not None:
        value, last_id = _decode(after, kind)
        beyond = column < value if descending else column > value
        id_after = id_column < last_id if descending else id_column > last_id
        query = query.where(beyond | ((column == value) & id_after))
    query = (
        query.order_by(column, ascending=not descending)
        .order_by(id_column, ascending=not descending)
        .limit(size + 1)
    )
    rows = await query
    has_next = len(rows) > size
    items = [(encode_cursor([row[key], row["id"]]), to_node(row)) for row in rows[:size]]
    return build_connection(items, has_next, after is not None, count)


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
