"""A list page's statement written by Piccolo once per shape, then reused with each request's
values (resolvers/pagination.sql_page), and a statement every request sends with other values
(run_kept: the rankings' candidates, the qualifying subsidy programmes). Serves frontend teams,
operators and staff: every list. In services/ so that services can keep their statements too.

Piccolo builds a page's SELECT anew for every request: its conditions, the count folded into
it, the joins of its cards, and then the text with its placeholders. That was about a third of
the Python time of a list answered by a text plan (Policies, MarketWorkers: 0.3–0.5 ms a
request, measured with py-spy), and it is the same text every time the request has the same
shape: the same tables and columns, the same conditions (columns, operators, raw SQL, the
number of values in each IN list), the same sort and page size, a cursor or none, the count
folded in or not, the same cards. Only the values differ.

So the first request of a shape is built with a `Slot` in the place of each of its values;
the compiled text then says which value goes to which placeholder, and is kept. The next
requests of that shape take their values out of their conditions and send the kept text.

A shape holds only what the walk below understands: plain values (text, numbers, dates,
times, None) in Piccolo's Where, WhereRaw, And, Or and raw QueryStrings, in a SELECT or COUNT
that nothing else was done to, and the subqueries of IN. Anything else (a column compared
with a column, an ordered or limited SELECT) makes the statement unkept: Piccolo builds it every
time, as before. With LINGONG_CHECK_KEPT_STATEMENTS=1 (the tests set it) every reuse is also
built by Piccolo and compared with the kept text, so a shape that missed something fails the
test that sent it.
"""

from __future__ import annotations

import copy
import logging
import os
from collections.abc import Callable, Hashable, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from uuid import UUID

from piccolo.columns import Column
from piccolo.columns.combination import UNDEFINED, And, Or, Where, WhereRaw
from piccolo.query import Count, Select
from piccolo.query.methods.raw import Raw
from piccolo.query.mixins import LimitDelegate, OrderByDelegate
from piccolo.querystring import QueryString

from services.db import current_engine

log = logging.getLogger("lingong")
CHECK = os.environ.get("LINGONG_CHECK_KEPT_STATEMENTS") == "1"
# Shapes kept per process. Each is one statement's text (a few kB); the shapes of a list are
# few (its filters present or not, IN-list lengths, page sizes), so this bound is only a guard
# against a client that walks every length: past it, the kept texts start again.
MAX_KEPT = 2000

_PLAIN = (str, int, float, date, datetime, time, Decimal, UUID, type(None))
# The parts of a SELECT that sql_page adds or that must be as Piccolo starts them.
_SELECT_PARTS = (
    "as_of_delegate",
    "distinct_delegate",
    "group_by_delegate",
    "limit_delegate",
    "offset_delegate",
    "order_by_delegate",
    "output_delegate",
    "callback_delegate",
    "having_delegate",
    "lock_rows_delegate",
)


class Slot:
    """Where a request's value goes in a statement built once for its shape."""

    __slots__ = ("index",)

    def __init__(self, index: int) -> None:
        self.index = index

    def __repr__(self) -> str:
        return f"Slot({self.index})"


class Unkept(Exception):
    """The statement holds something its shape would not describe: Piccolo builds it."""


class Taken:
    """A request's values, taken out of its conditions (a Slot in each place) and put back."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self._undo: list[tuple[Any, str, Any]] = []

    def slot(self, value: Any) -> Slot:
        if not isinstance(value, _PLAIN):
            raise Unkept(type(value).__name__)
        self.values.append(value)
        return Slot(len(self.values) - 1)

    def replace(self, owner: Any, attribute: str, new: Any) -> None:
        self._undo.append((owner, attribute, getattr(owner, attribute)))
        setattr(owner, attribute, new)

    def put_back(self) -> None:
        for owner, attribute, old in reversed(self._undo):
            setattr(owner, attribute, old)
        self._undo.clear()


def column_shape(column: Column) -> Hashable:
    meta = column._meta
    chain = tuple((fk._meta.table, fk._meta.name) for fk in meta.call_chain)
    return (type(column), meta.table, meta.db_column_name, chain, column._alias)


def _text_shape(text: QueryString, taken: Taken) -> Hashable:
    args = []
    shapes: list[Hashable] = []
    for arg in text.args:
        if isinstance(arg, QueryString):
            shapes.append(_text_shape(arg, taken))
        elif isinstance(arg, Slot):  # an object two statements share, already taken
            shapes.append(("slot", arg.index))
        else:
            arg = taken.slot(arg)
            shapes.append("value")
        args.append(arg)
    if any(isinstance(a, Slot) for a in args):
        taken.replace(text, "args", args)
    return ("text", text.template, text._alias, tuple(shapes))


def condition_shape(cond: Any, taken: Taken) -> Hashable:
    """The condition's structure, its values taken out (a Slot in each place)."""
    if isinstance(cond, Where):
        parts: list[Any] = ["where", column_shape(cond.column), cond.operator]
        value = cond.value
        if value is not UNDEFINED:
            if isinstance(value, Slot):
                parts.append(("slot", value.index))
            else:
                taken.replace(cond, "value", taken.slot(value))
                parts.append("value")
        values: Any = cond.values
        if values is not UNDEFINED:
            if isinstance(values, QueryString):  # a subquery (is_in of a SELECT)
                parts.append(("subquery", _text_shape(values, taken)))
                return tuple(parts)
            if values and all(isinstance(v, Slot) for v in values):
                parts.append(("slots", tuple(v.index for v in values)))
            else:
                taken.replace(cond, "values", [taken.slot(v) for v in values])
                parts.append(("values", len(values)))
        return tuple(parts)
    if isinstance(cond, WhereRaw):
        return ("raw", _text_shape(cond.querystring, taken))
    if isinstance(cond, QueryString):
        return _text_shape(cond, taken)
    if isinstance(cond, And | Or):
        first = condition_shape(cond.first, taken)
        return (type(cond).__name__, first, condition_shape(cond.second, taken))
    raise Unkept(type(cond).__name__)


_PLAIN_SELECTS: dict[type, Select] = {}


def query_shape(query: Any, taken: Taken) -> Hashable:
    """A SELECT of columns with conditions, or a COUNT with conditions; anything else Unkept."""
    where = query.where_delegate._where
    conditions = None if where is None else condition_shape(where, taken)
    if type(query) is Count:
        if query._distinct is not None:
            raise Unkept("COUNT DISTINCT")
        column = None if query.column is None else column_shape(query.column)
        return ("count", query.table, column, conditions)
    if type(query) is not Select:
        raise Unkept(type(query).__name__)
    plain = _PLAIN_SELECTS.get(query.table)
    if plain is None:
        plain = _PLAIN_SELECTS[query.table] = Select(query.table)
    if any(getattr(query, part) != getattr(plain, part) for part in _SELECT_PARTS):
        raise Unkept("a SELECT already ordered, limited or grouped")
    columns = []
    for selected in query.columns_delegate.selected_columns:
        if isinstance(selected, Column):
            columns.append(column_shape(selected))
        elif isinstance(selected, QueryString):
            columns.append(_text_shape(selected, taken))
        else:
            raise Unkept(type(selected).__name__)
    return ("select", query.table, query.exclude_secrets, tuple(columns), conditions)


def unordered(query: Select) -> Select:
    """A copy of a plain SELECT (query_shape) that sql_page may add to, leaving `query` as it
    was: the same columns and conditions, its own conditions' list, order and limit."""
    clone = copy.copy(query)
    clone.where_delegate = copy.copy(query.where_delegate)
    clone.order_by_delegate = OrderByDelegate()
    clone.limit_delegate = LimitDelegate()
    return clone


# Kept statements by shape: (compiled text, the index of each placeholder's value), or None
# for a shape whose build held a value the walk did not take (built by Piccolo every time).
_KEPT: dict[Hashable, tuple[str, tuple[int, ...]] | None] = {}


def _compiled(statement: Any, engine_type: str) -> tuple[str, tuple[int, ...]] | None:
    sql, args = statement.querystrings[0].compile_string(engine_type=engine_type)
    if not all(isinstance(a, Slot) for a in args):
        return None
    return sql, tuple(a.index for a in args)


async def run_page(
    key: Hashable,
    query: Select,
    count: Any,
    cursor: Sequence[Any] | None,
    rows: Any,
    build: Callable[[Select, Sequence[Any] | None, Any], Any],
) -> list[dict]:
    """The rows of `build(query, cursor, rows)` (a page's statement), through its kept text.

    `key`: what else decides the text (the pager's id column, sort, size, folding); `count`:
    the count query folded into the statement, if any; `rows`: the cards' SELECT (a
    QueryString whose values are taken too) or whatever `build` passes through."""
    engine_type = current_engine().engine_type
    taken = Taken()
    kept: Any = None
    # Between taking the values out and putting them back nothing awaits, and whatever
    # happens they go back: a condition may be a module's constant that other requests share.
    try:
        try:
            shape = (
                engine_type,
                key,
                query_shape(query, taken),
                None if count is None else (type(count), query_shape(count.query, taken)),
                None if cursor is None else len(cursor),
                _text_shape(rows, taken) if isinstance(rows, QueryString) else rows,
            )
            cursor_slots = None if cursor is None else [taken.slot(v) for v in cursor]
            kept = _KEPT.get(shape, False)
        except Exception:  # Unkept, or a part the walk did not expect: Piccolo builds it
            kept = None
        if kept is False or (CHECK and kept is not None):
            # With a Slot in the place of every value (the cards' too), what Piccolo writes.
            slotted = rows
            if isinstance(rows, QueryString):
                slotted = QueryString(rows.template, *rows.args)  # the Slots _text_shape put
            try:
                built = _compiled(build(unordered(query), cursor_slots, slotted), engine_type)
            except Exception:  # Piccolo refused a Slot somewhere: built as it comes, each time
                log.warning("a page statement could not be kept", exc_info=True)
                built = None
            if kept is not False and built != kept:
                raise AssertionError(f"kept statement differs from Piccolo's: {kept} / {built}")
            if kept is False:
                if len(_KEPT) >= MAX_KEPT:
                    _KEPT.clear()
                _KEPT[shape] = kept = built
    finally:
        taken.put_back()
    if kept is None:
        return await build(query, cursor, rows)
    assert kept is not False
    sql, order = kept
    text = QueryString(sql, query_type="select", table=query.table)
    text._frozen_compiled_strings = (sql, [taken.values[i] for i in order])
    return await Raw(query.table, text)


async def run_kept(key: Hashable, query: Select, finish: Callable[[Select], Any]) -> list[dict]:
    """The rows of `finish(query)` through a kept text: `query` is a plain SELECT (query_shape)
    and `finish` adds what its shape leaves out (an order, a limit), which `key` names. For a
    statement every request of a list sends with other values (a ranking's candidates, its
    reader's row): Piccolo built the candidates' SELECTs of RecommendedTrainings anew for
    every request, about 1.5 ms each."""
    return await run_page(("kept", key), query, None, None, None, lambda q, _, __: finish(q))
