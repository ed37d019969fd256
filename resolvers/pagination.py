"""Keyset cursor pagination shared by every connection (ties broken by id)."""

from __future__ import annotations

import base64
import json
import math
from bisect import bisect_right
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from operator import itemgetter
from typing import Annotated, Any

import strawberry
from piccolo.columns import Column
from piccolo.query import Count, Select
from piccolo.querystring import QueryString
from piccolo.table import Table
from strawberry import relay

from resolvers.errors import RequestError
from resolvers.global_ids import MAX_ID
from schema.common import COUNT_CAP, Connection, Edge
from services.db import current_engine
from services.page_statements import column_shape, run_page

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

# The connection arguments every list takes, described once.
First = Annotated[int | None, strawberry.argument(description="Page size (default 20, max 100).")]
After = Annotated[str | None, strawberry.argument(description="Cursor to continue after.")]
# Cursor values go straight into SQL parameters: anything the database would choke on (numbers
# beyond PostgreSQL's INTEGER, NUL characters, NaN) must be refused here as a client error.
MAX_CURSOR_TEXT = 1000


def page_size(first: int | None) -> int:
    if first is None:
        return DEFAULT_PAGE_SIZE
    if not 0 <= first <= MAX_PAGE_SIZE:
        raise RequestError(f"first：每页条数须在 0 到 {MAX_PAGE_SIZE} 之间", field="first")
    return first


def encode_cursor(values: Sequence[Any]) -> str:
    plain = [v.isoformat() if isinstance(v, date) else v for v in values]
    return base64.urlsafe_b64encode(json.dumps(plain, ensure_ascii=False).encode()).decode()


def decode_cursor(cursor: str, kinds: Sequence[type]) -> list[Any]:
    """Decode and type-check a cursor; any tampering is a BAD_USER_INPUT error, never a crash."""
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if not isinstance(values, list) or len(values) != len(kinds):
            raise ValueError
        out: list[Any] = []
        for value, kind in zip(values, kinds, strict=True):
            out.append(_cursor_value(value, kind))
        return out
    except (ValueError, TypeError, OverflowError, json.JSONDecodeError):
        raise RequestError("after：游标无效，请使用本列表返回的游标", field="after") from None


def _cursor_value(value: Any, kind: type) -> Any:
    if isinstance(value, bool):
        raise ValueError
    if kind is datetime:
        # Timestamps travel as ISO text; a cursor without a timezone was not made by us.
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError
        return moment
    if kind is date:
        return date.fromisoformat(value)
    if kind is float:
        if not isinstance(value, int | float) or not math.isfinite(value):
            raise ValueError
        return float(value)
    if kind is int:
        if not isinstance(value, int) or not -MAX_ID - 1 <= value <= MAX_ID:
            raise ValueError
        return value
    if kind is str:
        if not isinstance(value, str) or len(value) > MAX_CURSOR_TEXT or "\x00" in value:
            raise ValueError
        return value
    if not isinstance(value, kind):
        raise ValueError
    return value


class ExactCount:
    """totalCount of a list, exactly: `query` is the list's `Table.count().where(…)`. It runs
    when totalCount is asked for, or inside the page's own statement (sql_page `fold_count`),
    in which case `known` holds the answer."""

    def __init__(self, query: Count | Select) -> None:
        self.query: Any = query
        self.known: int | None = None

    async def __call__(self) -> int:
        return self.known if self.known is not None else await self._count()

    async def _count(self) -> int:
        return int(await self.query)

    def scalar(self) -> QueryString:
        """The count as an SQL expression, for the page's statement to return beside its rows."""
        return QueryString("({})", self.query.querystrings[0])


class CappedCount(ExactCount):
    """totalCount for lists that can be very long (open postings, a market's workers): counts
    at most COUNT_CAP + 1 matching rows, so a broad filter at province scale reads ten thousand
    index entries, not every match; the connection then reports a lower bound."""

    async def _count(self) -> int:
        rows = await self.query.table.raw("SELECT COUNT(*) AS n FROM {}", self._capped())
        return int(rows[0]["n"])

    def scalar(self) -> QueryString:
        return QueryString("(SELECT COUNT(*) FROM {})", self._capped())

    def _capped(self) -> QueryString:
        inner = self.query.limit(COUNT_CAP + 1).querystrings[0]
        return QueryString("({}) AS capped", inner)


@dataclass
class SortSpec:
    column: Column | None  # None: sort by id only
    key: str  # row key holding the sort value
    kind: type
    descending: bool = False


async def sql_page(
    query: Select,
    id_column: Column,
    sort: SortSpec,
    first: int | None,
    after: str | None,
    to_node: Callable[[dict], Any],
    count: Callable[[], Awaitable[int]],
    rows: Callable[[], Select] | QueryString | None = None,
    fold_count: bool = False,
    every_cursor: bool = True,
) -> Connection:
    """One SELECT … LIMIT first+1 with a keyset condition; the count runs only if asked for.

    With `fold_count` (the caller knows totalCount is asked for), an ExactCount or CappedCount
    is computed by the page's own statement, beside its rows (with `rows` or without): one
    statement and one round trip instead of two. An empty first page counts 0 without it; an empty later
    page leaves the count to its own statement, as without `fold_count`.

    With `every_cursor` False only the first and last rows get their cursors (pageInfo's start
    and end), the others an empty one: for a caller that writes no `edges` (the text plans'
    lists that select none), which spent a tenth of its time encoding cursors it threw away.

    With `rows` (a select of the columns to return, joins and aggregates included, e.g.
    resolvers/prefetch.py's pages), `query` selects only the id: the page is chosen on its own
    table first and `rows` is read for those ids alone, still one statement. Otherwise SQLite
    joins (and aggregates) every matching row before it sorts and keeps `first`."""
    size = page_size(first)
    kinds = [sort.kind, int] if sort.column is not None else [int]
    position = decode_cursor(after, kinds) if after is not None else None
    folded = count if fold_count and isinstance(count, ExactCount) else None

    def statement(query: Select, cursor: Sequence[Any] | None, rows: Any) -> Any:
        return page_statement(query, id_column, sort, size, cursor, folded, rows)

    # What decides the statement's text besides its query, count, cursor and cards (a capped
    # count's limit is written into it).
    sorted_by = None if sort.column is None else column_shape(sort.column)
    key = (
        column_shape(id_column),
        sorted_by,
        sort.key,
        sort.kind,
        sort.descending,
        size,
        COUNT_CAP,
    )
    found = await run_page(key, query, folded, position, rows, statement)
    if folded is not None and (found or after is None):
        folded.known = found[0][FOLDED_COUNT] if found else 0
    has_next = len(found) > size
    found = found[:size]

    def cursor(row: dict) -> str:
        return encode_cursor([row[sort.key], row["id"]] if sort.column is not None else [row["id"]])

    ends = (0, len(found) - 1)
    items = [
        (cursor(r) if every_cursor or k in ends else "", to_node(r)) for k, r in enumerate(found)
    ]
    return build_connection(items, has_next, after is not None, count)


def page_statement(
    query: Select,
    id_column: Column,
    sort: SortSpec,
    size: int,
    cursor: Sequence[Any] | None,
    folded: ExactCount | None,
    rows: Callable[[], Select] | QueryString | None,
) -> Any:
    """sql_page's statement (not run): `query` after the cursor, in `sort`'s order, `size` + 1
    rows; with the cards of `rows` and the count of `folded` if given. It adds to `query`."""
    if cursor is not None:
        last_id = cursor[-1]
        id_after = id_column < last_id if sort.descending else id_column > last_id
        if sort.column is None:
            query = query.where(id_after)
        else:
            beyond = sort.column < cursor[0] if sort.descending else sort.column > cursor[0]
            query = query.where(beyond | ((sort.column == cursor[0]) & id_after))
    if sort.column is not None:
        query = query.order_by(sort.column, ascending=not sort.descending)
    # Even `first: 0` fetches one row, so hasNextPage tells whether anything matches.
    query = query.order_by(id_column, ascending=not sort.descending).limit(size + 1)
    total = folded.scalar() if folded is not None else None
    if rows is not None:
        return rows_of(rows, id_column, query, sort, total)
    if total is not None:
        return with_count(id_column._meta.table, query.querystrings[0], sort, total)
    return query


# The column of a page's rows that carries a folded count (sql_page `fold_count`).
FOLDED_COUNT = "lingong_total"


def rows_of(
    rows: Callable[[], Select] | QueryString,
    id_column: Column,
    page: Select,
    sort: SortSpec,
    total: QueryString | None = None,
) -> Any:
    """`rows` for the ids `page` selects, in `sort`'s order, as one statement; with `total` (a
    scalar SQL expression, sql_page's folded count) every row also carries its value.

    PostgreSQL gets `= ANY(ARRAY(page))`: the page runs first, once, and its ids are looked up
    by primary key; with `IN (page)` the planner keeps the written order of the joins past
    join_collapse_limit and reads whole tables (tests/test_query_plans.py). The SELECT … FROM …
    JOIN … part is Piccolo's own text for `rows()`, kept per process: Piccolo rebuilds it for
    every request otherwise, about 1 ms for the sixty joined columns of a posting page. The
    driver converts the values by their declared types, as for Piccolo's select."""
    engine_type = current_engine().engine_type
    column = id_column._meta.get_full_name(with_alias=False)
    among = f"{column} IN ({{}})" if engine_type == "sqlite" else f"{column} = ANY(ARRAY({{}}))"
    direction = "DESC" if sort.descending else "ASC"
    order = [c._meta.get_full_name(with_alias=False) for c in (sort.column, id_column) if c]
    head = "{}" if isinstance(rows, QueryString) else _select_text(rows, engine_type)
    args: list[Any] = [rows] if isinstance(rows, QueryString) else []
    args.append(page.querystrings[0])
    if total is not None:
        table = id_column._meta.table
        return with_count(table, QueryString(f"{head} WHERE {among}", *args), sort, total)
    sql = f"{head} WHERE {among} ORDER BY " + ", ".join(f"{c} {direction}" for c in order)
    return id_column._meta.table.raw(sql, *args)


def with_count(table: type[Table], rows: QueryString, sort: SortSpec, total: QueryString) -> Any:
    """`rows` in `sort`'s order, each with the scalar `total` beside it (sql_page's folded
    count). The rows keep their names (the cursor's sort key and "id" among them); the count
    is uncorrelated, so both databases compute it once for the statement."""
    direction = "DESC" if sort.descending else "ASC"
    keys = [f'"page"."{k}" {direction}' for k in ((sort.key,) if sort.column else ()) + ("id",)]
    sql = f'SELECT "page".*, {{}} AS "{FOLDED_COUNT}" FROM ({{}}) AS "page" ORDER BY ' + ", ".join(
        keys
    )
    return table.raw(sql, total, rows)


async def rows_by_id(rows: Callable[[], Select], id_column: Column, ids: list[int]) -> list[dict]:
    """`rows` for these ids (a ranked page's, one object's), through the kept text."""
    page = id_column._meta.table.select(id_column).where(id_column.is_in(ids))
    return await rows_of(rows, id_column, page, SortSpec(None, "id", int))


@cache
def _select_text(rows: Callable[[], Select], engine_type: str) -> str:
    text, args = rows().querystrings[0].compile_string(engine_type=engine_type)
    assert not args, "a page's rows() takes no arguments"
    return text.replace("{", "{{").replace("}", "}}")  # QueryString's placeholders


# A ranked row: (rank value, id). The rank is computed in Python (a distance, a match score).
Ranked = tuple[float, int]


async def ranked_page(
    ranked: list[Ranked],
    first: int | None,
    after: str | None,
    load: Callable[[list[Ranked]], Awaitable[dict[int, Any]]],
    *,
    descending: bool = False,
    ids_descending: bool | None = None,
    every_cursor: bool = True,
) -> Connection:
    """The keyset pager for orders SQL cannot give (distance, match score): rank in memory,
    cut the page after the cursor, then `load` builds nodes for that page only ({id: node};
    an id missing from the answer is skipped). Ties go by id, in `ids_descending` order
    (default: the same direction as the rank). `every_cursor` as for sql_page."""
    size = page_size(first)
    rank_sign = -1 if descending else 1
    id_sign = -1 if (descending if ids_descending is None else ids_descending) else 1

    def key(item: Ranked) -> tuple[float, int]:
        return (rank_sign * item[0], id_sign * item[1])

    # In key()'s order without a Python call per item (a ranking holds up to a thousand):
    # by id, then by rank; the second sort is stable, reversed or not, so ties keep the ids'.
    ranked = sorted(ranked, key=itemgetter(1), reverse=id_sign < 0)
    ranked.sort(key=itemgetter(0), reverse=rank_sign < 0)
    total = len(ranked)
    if after is not None:
        last_value, last_id = decode_cursor(after, [float, int])
        ranked = ranked[bisect_right(ranked, key((last_value, last_id)), key=key) :]
    page = ranked[:size]
    nodes = await load(page) if page else {}
    found = [(v, i) for v, i in page if i in nodes]
    ends = (0, len(found) - 1)
    items = [
        (encode_cursor([v, i]) if every_cursor or k in ends else "", nodes[i])
        for k, (v, i) in enumerate(found)
    ]

    async def count() -> int:
        return total

    return build_connection(items, len(ranked) > size, after is not None, count)


async def scored_page(
    scored: list[tuple[float, int, Any]], first: int | None, after: str | None
) -> Connection:
    """Match results (score, id, node) already built: best score first, ties by id ascending."""
    nodes = {i: node for _, i, node in scored}

    async def load(page: list[Ranked]) -> dict[int, Any]:
        return {i: nodes[i] for _, i in page}

    ranked = [(score, i) for score, i, _ in scored]
    return await best_first(ranked, first, after, load)


async def best_first(
    ranked: list[Ranked],
    first: int | None,
    after: str | None,
    load: Callable[[list[Ranked]], Awaitable[dict[int, Any]]],
    every_cursor: bool = True,
) -> Connection:
    """ranked_page of match scores (every ranking's order): best score first, ties by id
    ascending; `load` builds the page's nodes."""
    return await ranked_page(
        ranked,
        first,
        after,
        load,
        descending=True,
        ids_descending=False,
        every_cursor=every_cursor,
    )


def build_connection(
    items: list[tuple[str, Any]],
    has_next: bool,
    has_previous: bool,
    count: Callable[[], Awaitable[int]],
) -> Connection:
    edges = [Edge(cursor=c, node=n) for c, n in items]
    return Connection(
        edges=edges,
        nodes=[e.node for e in edges],
        count_cap=COUNT_CAP if isinstance(count, CappedCount) else None,
        page_info=relay.PageInfo(
            has_next_page=has_next,
            has_previous_page=has_previous,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        count=count,
    )
