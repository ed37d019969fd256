"""Trusted list documents answered with text the database writes (issue 15, item 2).

For an anonymous HTTP request of a registered document whose every field has an SQL writer,
the page's one statement returns each card as its finished JSON text, and the response is
those texts joined: no typed objects, no loaders, no walk over fields in Python. Serves
frontend teams (the public app's lists: the market directory first).

- At start-up each trusted document is planned once per engine: its selection (fragments
  inlined, in document order, aliases kept) becomes one SQL expression per node, built from
  the writers the domains register for their GraphQL types (`OBJECTS`, e.g.
  resolvers/market/texts.py) and the `ROOTS` that choose a page. A document with any field,
  argument or directive nobody writes keeps the generic executor (`refused` says why).
- Per request, only the page changes: the root's own resolver code reads the arguments
  (converted as strawberry converts them) and resolvers/pagination.sql_page chooses the
  page, so filters, cursors, errors and counts are the generic path's.
- Anything else takes the generic executor, which then answers as it always did: a token,
  variables that do not coerce, a cost over the limit, an error of the request (a bad cursor,
  first over 100), a value the database cannot write as Python would (resolvers/compiled/
  sql_json.py), a timeout.

tests/test_compiled_texts.py holds every answer byte-identical to the generic executor's on
generated data with varied variables, on both engines.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    get_named_type,
    parse,
)
from graphql.execution.values import get_argument_values, get_variable_values
from piccolo.querystring import QueryString
from strawberry.types.arguments import convert_arguments

from piccolo_conf import CARDS, OWN_LISTS, REPLICA, read_node
from resolvers.compiled import sql_json
from resolvers.compiled.sql_json import (
    Expr,
    boolean_column,
    finish,
    floating,
    global_id,
    int_column,
    integer,
    literal,
    obj,
    scalar,
    string,
)
from resolvers.errors import RequestError
from resolvers.execution_limits import request_cost
from resolvers.geo import near_page
from resolvers.pagination import best_first
from resolvers.throttle import lookup_fields, lookup_key
from services.crypto import decrypt
from services.db import current_engine
from services.page_statements import CHECK
from services.timeutil import now
from settings import get_settings

log = logging.getLogger("lingong")


class NoText(Exception):
    """Why a document (or this request) is not answered as text."""


@dataclass(frozen=True, slots=True)
class Sel:
    """One field of a selection: response key, field name, its node, its own selection."""

    key: str
    name: str
    node: FieldNode
    children: tuple[Sel, ...]


def selection(
    selection_set: SelectionSetNode | None,
    fragments: Mapping[str, FragmentDefinitionNode],
    schema: GraphQLSchema,
    type_name: str,
) -> tuple[Sel, ...]:
    """The fields of `selection_set` on the object type `type_name`, fragments inlined in
    document order; directives, abstract types, fragments on other types and a key selected
    twice are refused."""
    parent = schema.type_map[type_name]
    if not isinstance(parent, GraphQLObjectType):
        raise NoText(f"{type_name} is not an object type")
    out: list[Sel] = []
    for node in selection_set.selections if selection_set else ():
        if node.directives:
            raise NoText("directives")
        if isinstance(node, FieldNode):
            key, name = (node.alias or node.name).value, node.name.value
            if any(s.key == key for s in out):
                raise NoText(f"{key} selected twice")
            children: tuple[Sel, ...] = ()
            if node.selection_set is not None:
                inner = get_named_type(parent.fields[name].type)
                children = selection(node.selection_set, fragments, schema, inner.name)
            out.append(Sel(key, name, node, children))
            continue
        if isinstance(node, FragmentSpreadNode):
            fragment = fragments[node.name.value]
            condition, inner_set = fragment.type_condition.name.value, fragment.selection_set
        else:
            assert isinstance(node, InlineFragmentNode)
            condition = node.type_condition.name.value if node.type_condition else type_name
            inner_set = node.selection_set
        if condition != type_name:
            raise NoText(f"a fragment on {condition} inside {type_name}")
        for sel in selection(inner_set, fragments, schema, type_name):
            if any(s.key == sel.key for s in out):
                raise NoText(f"{sel.key} selected twice")
            out.append(sel)
    return tuple(out)


@dataclass
class Ctx:
    """What a writer needs while a plan is built: the engine, fresh table aliases, and the
    LEFT JOINs of the plan's own FROM (`joinable`: the aliases whose row that FROM has)."""

    engine: str
    aliases: int = 0
    joins: list[str] = field(default_factory=list)
    joinable: set[str] = field(default_factory=set)
    # Writers only this plan's root may use (TextRoot.writers): what its signed-in readers see.
    local: Mapping[str, dict[str, Writer]] = field(default_factory=dict)

    def alias(self) -> str:
        self.aliases += 1
        return f"x{self.aliases}"


# A writer: the JSON text of one field of a row whose table has SQL alias `alias`.
Writer = Callable[[Ctx, str, Sel], Expr]
OBJECTS: dict[str, dict[str, Writer]] = {}


def register(type_name: str, writers: dict[str, Writer]) -> None:
    OBJECTS.setdefault(type_name, {}).update(writers)


def object_text(ctx: Ctx, type_name: str, alias: str, children: tuple[Sel, ...]) -> Expr:
    """{"key":…} of a row of `type_name` for the selected `children`."""
    writers = ctx.local.get(type_name) or OBJECTS.get(type_name)
    if writers is None:
        raise NoText(f"{type_name} has no writers")
    pairs: list[tuple[str, Expr]] = []
    for sel in children:
        if sel.name == "__typename":
            pairs.append((sel.key, literal(json.dumps(type_name))))
            continue
        writer = writers.get(sel.name)
        if writer is None or sel.node.arguments:
            raise NoText(f"{type_name}.{sel.name}")
        pairs.append((sel.key, writer(ctx, alias, sel)))
    return obj(pairs)


def enum_text(column: str, enum: type[Enum]) -> Expr:
    """The GraphQL name of a stored enum value; NULL (the generic executor) for any other."""
    cases = " ".join(f"WHEN '{m.value}' THEN '\"{m.name}\"'" for m in enum)
    return Expr(f"CASE {column} {cases} END")


def column(name: str, kind: str = "string", enum: type[Enum] | None = None) -> Writer:
    """The writer of a field that is one column of its row: text, an integer, a boolean, a
    double or a stored enum value."""

    def write(ctx: Ctx, alias: str, sel: Sel) -> Expr:
        sql = f"{alias}.{name}"
        if enum is not None:
            return enum_text(sql, enum)
        if kind == "integer":
            return int_column(sql)
        if kind == "boolean":
            return boolean_column(ctx.engine, sql)
        if kind == "float":
            return floating(ctx.engine, sql)
        return string(ctx.engine, sql)

    return write


def node_id(type_name: str) -> Writer:
    """The writer of a relay Node's `id` (the row's integer id)."""

    def write(ctx: Ctx, alias: str, sel: Sel) -> Expr:
        return global_id(ctx.engine, type_name, f"{alias}.id")

    return write


def joined(type_name: str, table: str, key: str) -> Writer:
    """The writer of a to-one field: the row of `table` whose id is this row's `key` column,
    written as `type_name` (null when there is none). From a row of the plan's own FROM it is
    a LEFT JOIN there (a posting's employer, region, occupation and market: about a third of
    PostgreSQL's time for a page of 100, against a subquery per card); from a row of a list's
    subquery, a correlated subquery."""

    def write(ctx: Ctx, alias: str, sel: Sel) -> Expr:
        other = ctx.alias()
        if alias not in ctx.joinable:
            card = object_text(ctx, type_name, other, sel.children)
            return scalar(card, f"FROM {table} {other} WHERE {other}.id = {alias}.{key}")
        ctx.joins.append(f"LEFT JOIN {table} {other} ON {other}.id = {alias}.{key}")
        ctx.joinable.add(other)  # its own to-one fields join the same FROM, after it
        card = object_text(ctx, type_name, other, sel.children)
        return Expr(f"CASE WHEN {other}.id IS NULL THEN 'null' ELSE {card.sql} END", card.slots)

    return write


def point(latitude: str, longitude: str) -> Writer:
    """The writer of a GeoPoint made of two double columns; null when either is."""

    def write(ctx: Ctx, alias: str, sel: Sel) -> Expr:
        lat, lon = f"{alias}.{latitude}", f"{alias}.{longitude}"
        values = {"latitude": floating(ctx.engine, lat), "longitude": floating(ctx.engine, lon)}
        text = values_text("GeoPoint", sel.children, values)
        return Expr(
            f"CASE WHEN {lat} IS NULL OR {lon} IS NULL THEN 'null' ELSE {text.sql} END",
            text.slots,
        )

    return write


def instant(name: str) -> Writer:
    """The writer of a timestamptz column (sql_json.instant)."""

    def write(ctx: Ctx, alias: str, sel: Sel) -> Expr:
        return sql_json.instant(ctx.engine, f"{alias}.{name}")

    return write


def day(name: str) -> Writer:
    """The writer of a DATE column (sql_json.day)."""

    def write(ctx: Ctx, alias: str, sel: Sel) -> Expr:
        return sql_json.day(ctx.engine, f"{alias}.{name}")

    return write


def at_least_zero(minuend: str, subtrahend: str) -> Writer:
    """The writer of max(minuend - subtrahend, 0) of two integer columns (places left)."""

    def write(ctx: Ctx, alias: str, sel: Sel) -> Expr:
        larger = "max" if ctx.engine == "sqlite" else "greatest"
        return integer(f"{larger}({alias}.{minuend} - {alias}.{subtrahend}, 0)")

    return write


def ended_status(enum: type[Enum], live: tuple[str, ...], ended: str) -> Writer:
    """The writer of a status read as `ended` once `ends_at` has passed while it is one of
    `live` (effective_status of postings and courses), at the request's moment (slot "now")."""

    def write(ctx: Ctx, alias: str, sel: Sel) -> Expr:
        listed = ", ".join(f"'{s}'" for s in live)
        stored = enum_text(f"{alias}.status", enum)
        return Expr(
            f"CASE WHEN {alias}.status IN ({listed}) AND {alias}.ends_at <= {{}} "
            f"THEN '\"{ended}\"' ELSE {stored.sql} END",
            ("now",),
        )

    return write


def linked(type_name: str, table: str, link: str, owner: str, key: str) -> Writer:
    """The writer of a to-many field through a link table: the rows of `table` whose id is the
    `key` column of the `link` rows whose `owner` column is this row's id, written as
    `type_name`, by id (a market's or a worker's occupations, as their loaders order them)."""

    def write(ctx: Ctx, alias: str, sel: Sel) -> Expr:
        through, other = ctx.alias(), ctx.alias()
        item = object_text(ctx, type_name, other, sel.children)
        source = (
            f"FROM {link} {through} JOIN {table} {other} ON {other}.id = {through}.{key} "
            f"WHERE {through}.{owner} = {alias}.id"
        )
        return sql_json.array(ctx.engine, item, source, f"{other}.id")

    return write


def own_row(type_name: str) -> Writer:
    """The writer of an object made of the row's own columns (a posting's or course's place)."""

    def write(ctx: Ctx, alias: str, sel: Sel) -> Expr:
        return object_text(ctx, type_name, alias, sel.children)

    return write


def no_distance(ctx: Ctx, alias: str, sel: Sel) -> Expr:
    """distanceKm: null, as everywhere but on a distance page's own rows (python_value)."""
    return literal("null")


# A field whose value Python gives each card of a page it ranked (a distance: resolvers/geo.py;
# a match's score and reasons): the database writes a control character of the field's own in
# the value's place, and the root puts the value's JSON there (`splice`). Nowhere else is such
# a character in a card's text: every string writer escapes control characters, as json.dumps
# does.
PUT_HERE = "\x1e"  # distanceKm


def python_value(table: str, mark: str = PUT_HERE) -> Writer:
    """The writer of such a field: `mark` on the rows of the root's own page (`table`), null on
    any other row of its type (a market's parent market has no distance)."""

    def write(ctx: Ctx, alias: str, sel: Sel) -> Expr:
        if alias != f'"{table}"':
            return literal("null")
        return Expr(sql_json.character(ctx.engine, mark))

    return write


def splice(card: str | None, values: Mapping[str, str]) -> str | None:
    """`card` with each value (JSON text) in the one place of its mark; a mark the card does not
    hold is a field the document did not select. None (the generic executor answers) for a
    card the database did not write, or with a mark twice."""
    if card is None:
        return None
    for mark, value in values.items():
        if mark in card:
            if card.count(mark) != 1:
                return None
            card = card.replace(mark, value)
    return card


async def distance_page(
    id_column: Any, conds: list, near: Any, kwargs: dict[str, Any], rows: Cards, **ranking: Any
) -> Any:
    """A `near` page as its resolver makes it (resolvers/geo.near_page: the candidates in the
    box ranked by distance in Python, `ranking` its options), its cards by id as the database
    writes them, each with its distanceKm (a python_value) put in: json.dumps of the float the
    generic executor writes."""

    async def load(page: list[tuple[float, int]]) -> dict[int, str | None]:
        cards = await cards_by_id(id_column, rows.select, [i for _, i in page])
        return {i: splice(cards[i], {PUT_HERE: json.dumps(d)}) for d, i in page if i in cards}

    first, after = kwargs.get("first"), kwargs.get("after")
    node = small_table_node(rows)  # a small table's candidates: one kept plan
    token = read_node.set(node) if node is not None else None
    try:
        return await near_page(id_column._meta.table, conds, near, first, after, load, **ranking)
    finally:
        if token is not None:
            read_node.reset(token)


def without_distance(page: Any) -> Any:
    """A page of a root whose cards may hold a python_value's place off a distance page: null
    there, as the generic executor writes it."""
    for edge in page.edges:
        edge.node = splice(edge.node, {PUT_HERE: "null"})
    page.nodes = [edge.node for edge in page.edges]
    return page


# Personal data the reader may see in full (a confirmed worker's phone, for their employer):
# the database decides who may see it, as the field's resolver decides, and writes the cipher
# text between two of these marks; Python puts the JSON of the plain text there (`revealed`).
# Only what a card shows is decrypted, and nothing encrypted ever reaches a response.
SECRET = "\x1f"


def secret_text(engine: str, condition: str, cipher: str, slots: tuple[str, ...]) -> Expr:
    """The plain text of `cipher` (an SQL column of cipher text) where `condition` (SQL, its
    placeholders the `slots`) holds, null elsewhere: `revealed` puts the plain text in."""
    mark = sql_json.character(engine, SECRET)
    return Expr(f"CASE WHEN {condition} THEN {mark} || {cipher} || {mark} ELSE 'null' END", slots)


def revealed(page: Any) -> Any:
    """A page whose cards may hold SECRET values, each decrypted (json.dumps of the plain text,
    as the generic executor writes it); a card whose cipher text cannot be decrypted goes to the
    generic executor (None), which answers as it would."""
    for edge in page.edges:
        card = edge.node
        if card is None or SECRET not in card:
            continue
        parts = card.split(SECRET)
        if len(parts) % 2 == 0:
            edge.node = None
            continue
        try:
            for i in range(1, len(parts), 2):
                parts[i] = json.dumps(decrypt(parts[i]), ensure_ascii=False)
        except ValueError:
            edge.node = None
            continue
        edge.node = "".join(parts)
    page.nodes = [edge.node for edge in page.edges]
    return page


# A match's score and reasons (a recommendation scored in Python: services/*/matching.py).
SCORE, REASONS = "\x1c", "\x1d"
# Text a root reads back and replaces with a value Python writes (resolvers/assessment/texts.py:
# a reconciliation): what the database wrote between two of these.
BETWEEN_MARKS = "\x1b"


@functools.lru_cache(maxsize=4096)
def _reason_json(text: str) -> str:
    # Reasons repeat from match to match (面向零工, 全省适用, a county's name): written once.
    return json.dumps(text, ensure_ascii=False)


REASON_FIELDS: dict[str, Callable[[Any], str]] = {
    "code": lambda reason: _reason_json(reason.code),
    "message": lambda reason: _reason_json(reason.text),
    "text": lambda reason: _reason_json(reason.text),  # deprecated `message`
}


def reasons_value(table: str, type_name: str) -> Writer:
    """The writer of a match's reasons, objects of `type_name` (code, message and its
    deprecated twin text): put in by Python (match_page); any other field is NoText."""

    def write(ctx: Ctx, alias: str, sel: Sel) -> Expr:
        for reason in sel.children:
            if reason.name not in (*REASON_FIELDS, "__typename") or reason.node.arguments:
                raise NoText(f"{type_name}.{reason.name}")
        return python_value(table, REASONS)(ctx, alias, sel)

    return write


def reasons_text(selected: tuple[Sel, ...], type_name: str, reasons: list) -> str:
    """[{…},…] of the reasons as graphql-core writes the document's selection of them."""
    typename = json.dumps(type_name)
    items = (
        "{"
        + ",".join(
            f'"{s.key}":' + (typename if s.name == "__typename" else REASON_FIELDS[s.name](r))
            for s in selected
        )
        + "}"
        for r in reasons
    )
    return "[" + ",".join(items) + "]"


async def match_page(
    id_column: Any,
    matches: Mapping[int, Any],
    kwargs: dict[str, Any],
    rows: Cards,
    reasons: tuple[str, str],
) -> Any:
    """A page of matches scored in Python ({id: match} with its score, reasons and nearby_km),
    best first and ties by id as resolvers/pagination.scored_page ranks them; the page's cards
    by id as the database writes them, each match's score, reasons (`reasons`: the nodes'
    field and its objects' type) and distance put in (splice)."""
    field_name, reason_type = reasons
    selected = next((s.children for s in rows.nodes if s.name == field_name), ())

    async def load(page: list[tuple[float, int]]) -> dict[int, str | None]:
        cards = await cards_by_id(id_column, rows.select, [i for _, i in page], rows.viewer)
        written = {}
        for _, i in page:
            if i in cards:
                match = matches[i]
                nearby = match.nearby_km
                values = {
                    SCORE: json.dumps(float(match.score)),
                    REASONS: reasons_text(selected, reason_type, match.reasons),
                    PUT_HERE: "null" if nearby is None else json.dumps(float(nearby)),
                }
                written[i] = splice(cards[i], values)
        return written

    ranked = [(m.score, i) for i, m in matches.items()]
    return await scored_text_page(ranked, kwargs, rows, load)


async def scored_text_page(
    ranked: list[tuple[float, int]],
    kwargs: dict[str, Any],
    rows: Cards,
    load: Callable[[list[tuple[float, int]]], Awaitable[dict[int, str | None]]],
) -> Any:
    """A text plan's page of matches (resolvers/pagination.best_first), with only the cursors
    the document writes."""
    return await best_first(ranked, kwargs.get("first"), kwargs.get("after"), load, rows.edges)


def match_root(
    node_type: str,
    table: str,
    id_column: Any,
    card: tuple[str, str],
    reasons: tuple[str, str],
    ranking: Callable[[int], Awaitable[Any]],
) -> TextRoot:
    """A signed-in worker's recommendations: `ranking(worker id)` is the resolver's own scoring
    in Python (its `matches`: {id: match}; None for an unknown worker). Each node of
    `node_type` has its `score`, its `reasons` (field, type) and its `card` (field, type): the
    row's own card, whose distanceKm is the match's."""

    async def page(kwargs: dict[str, Any], rows: Cards) -> Any:
        ranked = await ranking(rows.viewer.subject_id)
        matches = ranked.matches if ranked is not None else {}
        return await match_page(id_column, matches, kwargs, rows, reasons)

    (card_field, card_type), (reasons_field, reason_type) = card, reasons
    return connection_root(
        node_type,
        f"{node_type}Connection",
        table,
        ("id",),
        page,
        roles=frozenset({"WORKER"}),
        writers={
            node_type: {
                "score": python_value(table, SCORE),
                reasons_field: reasons_value(table, reason_type),
                card_field: own_row(card_type),
            },
            card_type: {**OBJECTS[card_type], "distanceKm": python_value(table)},
        },
    )


@dataclass(frozen=True, slots=True)
class Cards:
    """What a connection root's page reads: the SELECT of its cards, whether the document asks
    for totalCount (then the page's statement counts too: sql_page `fold_count`), and whether
    it writes `edges` (else only pageInfo's cursors are made: sql_page `every_cursor`)."""

    select: QueryString
    counted: bool
    edges: bool
    viewer: Any = None  # the signed-in reader (a root with `roles`); None: anonymous
    small_table: bool = False  # TextRoot.small_table
    # The nodes' selection: for values Python writes into the cards (python_value).
    nodes: tuple[Sel, ...] = ()


async def text_page(
    id_column: Any, conds: list, sort: Any, kwargs: dict[str, Any], count: Any, rows: Cards
) -> Any:
    """sql_page of a root's resolver, its nodes the cards' texts.

    On PostgreSQL, two statements: the page (ids, sort keys, the count) planned for its
    values, then the cards by id through the cards' pool, whose one plan PostgreSQL keeps
    (piccolo_conf.CARDS): planning the cards for every request was 40 % of the database's
    time for a posting page. A signed-in reader's page is one statement with its cards, on the
    primary, through the pool that keeps its plan too (piccolo_conf.OWN_LISTS). SQLite plans
    cheaply, and reads the page with its cards in one statement."""
    # PostgreSQL: the cards in a statement of their own, through the cards' pool, which reads
    # the replica when there is one. A signed-in reader's page is one statement on the
    # primary, cards included (what they just wrote is there), through the pool that keeps
    # its plan (piccolo_conf.OWN_LISTS); as two statements it was no faster (MarketWorkers).
    # A small table's page keeps one plan whatever its values (TextRoot.small_table): then it
    # is one statement too, cards and all, through the cards' pool (the replica's, if any).
    node = None
    if rows.viewer is not None:
        node = OWN_LISTS if _has_node(OWN_LISTS) else None
    else:
        node = small_table_node(rows)
    apart = node is None and rows.viewer is None and _has_cards_pool()
    token = read_node.set(node) if node is not None else None
    try:
        page = await _page(id_column, conds, sort, kwargs, count, rows, apart)
    finally:
        if token is not None:
            read_node.reset(token)
    if apart and page.edges:
        cards = await cards_by_id(id_column, rows.select, page.nodes)
        for edge in page.edges:
            edge.node = cards.get(edge.node)  # None (a row gone since): the generic executor
        page.nodes = [edge.node for edge in page.edges]
    return page


async def _page(
    id_column: Any,
    conds: list,
    sort: Any,
    kwargs: dict[str, Any],
    count: Any,
    rows: Cards,
    apart: bool,
) -> Any:
    from resolvers.pagination import sql_page

    keys = [id_column] if sort.column is None or not apart else [id_column, sort.column]
    return await sql_page(
        id_column._meta.table.select(*keys).where(*conds),
        id_column,
        sort,
        kwargs.get("first"),
        kwargs.get("after"),
        (lambda row: row["id"]) if apart else (lambda row: row["lingong_card"]),
        count,
        rows=None if apart else rows.select,
        fold_count=rows.counted,
        every_cursor=rows.edges,
    )


def small_table_node(rows: Cards) -> str | None:
    """The node a public small table's statements read (TextRoot.small_table): the cards' pool,
    which keeps one plan whatever the values (and reads the replica, if any); else None."""
    return CARDS if rows.small_table and rows.viewer is None and _has_cards_pool() else None


def _has_node(name: str) -> bool:
    return name in (getattr(current_engine(), "extra_nodes", None) or {})


def _has_cards_pool() -> bool:
    return _has_node(CARDS)


def _has_replica() -> bool:
    return _has_node(REPLICA)


async def cards_by_id(
    id_column: Any, select: QueryString, ids: list[int], viewer: Any = None
) -> dict[int, str]:
    """{id: card text} of these rows: for nobody signed in through the cards' pool (PostgreSQL;
    the replica's, if any), for a signed-in `viewer` on the primary through the pool that keeps
    its plan (OWN_LISTS: what they just wrote is there), else the primary."""
    column = id_column._meta.get_full_name(with_alias=False)
    engine = current_engine()
    if engine.engine_type == "sqlite":  # no arrays: one parameter per id
        sql = f"{select.template} WHERE {column} IN ({', '.join('{}' for _ in ids)})"
        args = [*select.args, *ids]
    else:
        sql, args = f"{select.template} WHERE {column} = ANY({{}})", [*select.args, ids]
    node = CARDS if viewer is None else OWN_LISTS
    token = read_node.set(node) if _has_node(node) else None
    try:
        found = await id_column._meta.table.raw(sql, *args)
    finally:
        if token is not None:
            read_node.reset(token)
    return {row["id"]: row["lingong_card"] for row in found}


def values_text(type_name: str, children: tuple[Sel, ...], values: dict[str, Expr]) -> Expr:
    """A value object (a point, an amount) whose fields are expressions of the parent row."""
    pairs = []
    for sel in children:
        if sel.name == "__typename":
            pairs.append((sel.key, literal(json.dumps(type_name))))
        elif sel.name in values and not sel.node.arguments:
            pairs.append((sel.key, values[sel.name]))
        else:
            raise NoText(f"{type_name}.{sel.name}")
    return obj(pairs)


@dataclass(frozen=True)
class TextRoot:
    """A root field answered as text. `node_type` rows of `table` are written by the database
    (each with `key_columns` beside it, for cursors); `nodes` finds their selection in the
    root's (NoText if the root selects anything else); `answer` reads the rows for a request
    (`rows`: the SELECT of the cards) and writes the root's JSON, or None when this request
    needs the generic executor (e.g. a distance order)."""

    node_type: str
    table: str  # the node table's name, the alias the writers start from
    key_columns: tuple[str, ...]
    nodes: Callable[[tuple[Sel, ...]], tuple[Sel, ...]]
    answer: Callable[[tuple[Sel, ...], dict[str, Any], QueryString, Any], Awaitable[str | None]]
    # Who it answers: nobody signed in (empty), or readers of these roles, whose page the
    # root's resolver code decides as it does for the generic executor (the viewer is in
    # Cards). Anyone else: the generic executor, which words the refusal.
    roles: frozenset[str] = frozenset()
    # Writers of this root alone (Ctx.local), e.g. a Worker as its market's operator sees it:
    # never reachable from a root that answers anonymous readers.
    writers: Mapping[str, dict[str, Writer]] = field(default_factory=dict)
    # A public root whose table stays small at province scale (markets and stations, policy
    # items: thousands of rows, not millions): any plan reads it quickly, so its page need
    # not be planned for its values (PostgreSQL; see text_page).
    small_table: bool = False


def connection_root(
    node_type: str,
    connection_type: str,
    table: str,
    key_columns: tuple[str, ...],
    page: Callable[[dict[str, Any], Cards], Awaitable[Any | None]],
    roles: frozenset[str] = frozenset(),
    writers: Mapping[str, dict[str, Writer]] | None = None,
    small_table: bool = False,
) -> TextRoot:
    """A connection (totalCount, pageInfo, nodes, edges) whose page `page` chooses with
    resolvers/pagination.sql_page: a Connection whose nodes are the cards' texts."""

    async def answer(
        selected: tuple[Sel, ...], kwargs: dict, rows: QueryString, viewer: Any
    ) -> str | None:
        counted = any(s.name in ("totalCount", "totalCountIsExact") for s in selected)
        edges = any(s.name == "edges" for s in selected)
        cards = Cards(rows, counted, edges, viewer, small_table, _connection_nodes(selected))
        connection = await page(kwargs, cards)
        if connection is None or any(n is None for n in connection.nodes):
            return None
        return await _connection_text(selected, connection_type, connection)

    return TextRoot(
        node_type, table, key_columns, _connection_nodes, answer, roles, writers or {}, small_table
    )


def _connection_nodes(selected: tuple[Sel, ...]) -> tuple[Sel, ...]:
    # The connection's own fields are written in Python; only `nodes` and `edges { node }`
    # reach the database.
    nodes: tuple[Sel, ...] | None = None
    for sel in selected:
        if sel.name == "pageInfo":
            for info in sel.children:
                if info.name not in PAGE_INFO and info.name != "__typename":
                    raise NoText(f"pageInfo.{info.name}")
        elif sel.name in ("nodes", "edges"):
            inner = sel.children
            if sel.name == "edges":
                if any(e.name not in ("cursor", "node") for e in inner):
                    raise NoText("edges")
                inner = next((e.children for e in inner if e.name == "node"), ())
            if nodes is not None and inner != nodes:
                raise NoText("nodes selected twice, differently")
            nodes = inner
        elif sel.name not in ("totalCount", "totalCountIsExact", "__typename"):
            raise NoText(sel.name)
    return nodes or ()


ROOTS: dict[str, TextRoot] = {}


@dataclass
class TextPlan:
    name: str
    key: str  # the root field's response key
    document: Any
    operation: OperationDefinitionNode
    field_node: FieldNode
    root: TextRoot
    connection: tuple[Sel, ...]  # the root field's selection
    nodes: tuple[Sel, ...]  # the selection of the rows the database writes
    # Root fields that look an object up by id (resolvers/throttle.FailedLookupBudget).
    lookups: int = 0
    # Per engine: the SELECT of the cards (with `{}` for its request values) and their names.
    card_sql: dict[str, Expr | None] = field(default_factory=dict)
    arguments: Any = None  # the root field's strawberry arguments, found on first use
    # The arguments and cost of variable sets seen before (_prepared).
    prepared: dict[Any, tuple[dict[str, Any], int] | None] = field(default_factory=dict)

    def rows(self, engine: str) -> Expr:
        """The cards' SELECT on `engine`; NoText, every time, when a writer does not write
        its field on that engine (e.g. a reconciliation on PostgreSQL)."""
        if engine in self.card_sql:
            expr = self.card_sql[engine]
            if expr is None:
                raise NoText(f"{self.name} is not written on {engine}")
            return expr
        table = self.root.table
        ctx = Ctx(engine, joinable={f'"{table}"'}, local=self.root.writers)
        try:
            card = object_text(ctx, self.root.node_type, f'"{table}"', self.nodes)
        except NoText:
            self.card_sql[engine] = None
            raise
        keys = "".join(f', "{table}"."{c}" AS "{c}"' for c in self.root.key_columns)
        joins = "".join(f" {j}" for j in ctx.joins)
        sql = finish(engine, f'SELECT {card.sql} AS "lingong_card"{keys} FROM "{table}"{joins}')
        expr = self.card_sql[engine] = Expr(sql, card.slots)
        return expr


# Request values a writer's SQL may take ({} in its template), by slot name, from the request's
# reader (None when anonymous): a signed-in root's writer may show a field as each of its
# roles sees it (slot "viewer_role") in the one SQL text of its plan.
SLOT_VALUES: dict[str, Callable[[Any], Mapping[str, Any]]] = {}
SLOT_VALUES["now"] = lambda viewer: {"now": now()}  # ended_status
SLOT_VALUES["viewer_role"] = lambda viewer: {"viewer_role": viewer and str(viewer.role)}
SLOT_VALUES["viewer_subject"] = lambda viewer: {"viewer_subject": viewer and viewer.subject_id}


def plan_text(schema: GraphQLSchema, text: str) -> TextPlan:
    """The text plan of one trusted document, or NoText with the reason."""
    document = parse(text)
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if len(operations) != 1 or operations[0].operation != OperationType.QUERY:
        raise NoText("not one query")
    operation = operations[0]
    assert operation.name is not None
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    roots = selection(operation.selection_set, fragments, schema, "Query")
    if len(roots) != 1 or roots[0].name not in ROOTS:
        raise NoText("not one root list with a text plan")
    root = ROOTS[roots[0].name]
    nodes = root.nodes(roots[0].children)
    plan = TextPlan(
        operation.name.value,
        roots[0].key,
        document,
        operation,
        roots[0].node,
        root,
        roots[0].children,
        nodes,
    )
    # Every field has a writer on some engine, or NoText now; an engine whose writers refuse
    # a field leaves the document to the generic executor there (TextPlan.rows).
    refusals = []
    for engine in ("sqlite", "postgres"):
        try:
            plan.rows(engine)
        except NoText as reason:
            refusals.append(reason)
    if len(refusals) == 2:
        raise refusals[0]
    plan.lookups = len(lookup_fields(schema, operation))
    return plan


PAGE_INFO = {
    "hasNextPage": lambda p: json.dumps(p.has_next_page),
    "hasPreviousPage": lambda p: json.dumps(p.has_previous_page),
    "startCursor": lambda p: json.dumps(p.start_cursor),
    "endCursor": lambda p: json.dumps(p.end_cursor),
}


async def _connection_text(selected: tuple[Sel, ...], type_name: str, connection: Any) -> str:
    parts = []
    for sel in selected:
        if sel.name == "__typename":
            value = json.dumps(type_name)
        elif sel.name == "totalCount":
            value = str((await connection.reported_count())[0])
        elif sel.name == "totalCountIsExact":
            value = json.dumps((await connection.reported_count())[1])
        elif sel.name == "pageInfo":
            info = connection.page_info
            value = (
                "{"
                + ",".join(
                    f'"{i.key}":'
                    + ('"PageInfo"' if i.name == "__typename" else PAGE_INFO[i.name](info))
                    for i in sel.children
                )
                + "}"
            )
        elif sel.name == "nodes":
            value = "[" + ",".join(connection.nodes) + "]"
        else:  # edges
            value = "[" + ",".join(_edge(sel, e) for e in connection.edges) + "]"
        parts.append(f'"{sel.key}":{value}')
    return "{" + ",".join(parts) + "}"


def _edge(sel: Sel, edge: Any) -> str:
    items = [
        f'"{e.key}":' + (json.dumps(edge.cursor) if e.name == "cursor" else edge.node)
        for e in sel.children
    ]
    return "{" + ",".join(items) + "}"


@dataclass(frozen=True)
class TextPlans:
    """The text plans by document text, and why the other trusted documents have none."""

    schema: Any  # strawberry.Schema
    by_text: Mapping[str, TextPlan]
    refused: Mapping[str, str]

    async def answer(
        self,
        query: str | None,
        operation_name: str | None,
        variables: dict[str, Any] | None,
        context: Any,
    ) -> str | None:
        """The response body of this request as text, or None: the generic executor answers."""
        plan = self.by_text.get(query) if query is not None else None
        if plan is None or operation_name not in (None, plan.name):
            return None
        signed_in = getattr(context, "pending_token", None) is not None or context.viewer
        if bool(signed_in) != bool(plan.root.roles):
            return None  # a root answers anonymous readers or signed-in ones, not both
        if plan.lookups and not _lookups_left(context, plan.lookups):
            return None  # the generic executor refuses it (429); a null it answers and charges
        try:
            return await _answer(self.schema, plan, variables or {}, context)
        except (RequestError, NoText):
            return None  # the generic executor reports it, with its path and code
        except Exception:
            # A fault here must not become the client's: the generic executor answers (or
            # fails, masked, as it always did); the log says which document to look at.
            log.exception("text plan %s failed; the generic executor answers", plan.name)
            return None


def _lookups_left(context: Any, lookups: int) -> bool:
    """Whether the caller's failed-lookup budget could pay for `lookups` (FailedLookupBudget
    refuses an operation that could overspend it). A text plan answers found objects only, so
    it never spends."""
    scope = getattr(getattr(context, "request", None), "scope", None) or {}
    limits = scope.get("state", {}).get("limits")
    if limits is None:
        return True
    charged, _ = lookup_key(scope)
    return limits.lookups_left(charged) >= lookups


async def _answer(
    schema: Any, plan: TextPlan, variables: dict[str, Any], context: Any
) -> str | None:
    if not isinstance(variables, dict):
        return None
    prepared = _prepared(schema, plan, variables)
    if prepared is None:
        return None  # variable errors: the generic executor words them
    kwargs, cost = prepared
    if cost > get_settings().max_query_cost:
        return None
    engine = current_engine()
    rows = plan.rows(engine.engine_type)

    async def run() -> str | None:
        viewer = None
        if plan.root.roles:
            # The token looked up here, once (the generic executor finds it done), on SQLite
            # in the page's own transaction: one connection per request, as for the baseline.
            from resolvers.context import resolve_viewer  # late: it imports every loader

            await resolve_viewer(context)
            viewer = context.viewer
            if viewer is None or viewer.role not in plan.root.roles:
                return None  # an unknown token or another role: the generic refusal
        # Only the request values this plan's SQL takes: slot "open_at.3" comes from "open_at".
        values: dict[str, Any] = {}
        for group in dict.fromkeys(slot.split(".")[0] for slot in rows.slots):
            values.update(SLOT_VALUES[group](viewer))
        select = QueryString(rows.sql, *[values[s] for s in rows.slots])
        text = await plan.root.answer(plan.connection, kwargs, select, viewer)
        return None if text is None else '{"data":{"' + plan.key + '":' + text + "}}"

    timeout = schema.timeout_seconds
    token = None
    if engine.engine_type != "sqlite" and _has_replica() and not plan.root.roles:
        token = read_node.set(REPLICA)  # a public read, as PublicReadsOnReplica routes it
    try:
        # asyncio.timeout, not wait_for: no task of its own to start and schedule.
        async with asyncio.timeout(timeout or None):
            if engine.engine_type == "sqlite":
                # One connection for the page and its count (OneSQLiteConnectionPerQuery).
                async with engine.transaction():
                    return await run()
            return await run()
    except TimeoutError:
        return None  # the generic executor runs it again and answers OPERATION_TIMEOUT
    finally:
        if token is not None:
            read_node.reset(token)


# Per plan, at most this many variable sets' arguments are kept (then forgotten, all at once).
MAX_PREPARED = 512


def _prepared(
    schema: Any, plan: TextPlan, variables: dict[str, Any]
) -> tuple[dict[str, Any], int] | None:
    """The root field's arguments as its resolver gets them, and the request's cost; None when
    the variables do not coerce. Kept per plan by the variables' values and types: coercing,
    converting and costing them was a fifth of a small list's Python time, and the first page
    of a list is asked for with the same variables again and again. With
    LINGONG_CHECK_KEPT_STATEMENTS=1 (the tests) every reuse is also worked out afresh and
    compared, which also catches a resolver that changed the arguments it was given."""
    key = _frozen(variables)
    if key is None:
        return _prepare(schema, plan, variables)
    if key not in plan.prepared:
        if len(plan.prepared) >= MAX_PREPARED:
            plan.prepared.clear()
        plan.prepared[key] = _prepare(schema, plan, variables)
        return plan.prepared[key]
    kept = plan.prepared[key]
    if CHECK and _prepare(schema, plan, variables) != kept:
        raise AssertionError(f"{plan.name}: kept arguments differ for {variables}")
    return kept


def _frozen(value: Any) -> Any:
    """A hashable key of JSON values that tells 1, 1.0 and true apart (equal in Python);
    None for anything that is not JSON."""
    kind = type(value)
    if kind is dict:
        items = []
        for k, v in value.items():
            frozen = _frozen(v)
            if frozen is None:
                return None
            items.append((k, frozen))
        return (dict, tuple(items))
    if kind is list:
        parts = tuple(_frozen(v) for v in value)
        return None if None in parts else (list, parts)
    if kind in (str, int, float, bool, type(None)):
        return (kind, value)
    return None


def _prepare(
    schema: Any, plan: TextPlan, variables: dict[str, Any]
) -> tuple[dict[str, Any], int] | None:
    graphql_schema: GraphQLSchema = schema._schema
    coerced = get_variable_values(
        graphql_schema, plan.operation.variable_definitions or (), variables, max_errors=1
    )
    if isinstance(coerced, list):
        return None
    cost = request_cost(graphql_schema, plan.document, plan.name, variables)
    query_type = graphql_schema.query_type
    assert query_type is not None
    field_def = query_type.fields[plan.field_node.name.value]
    raw = get_argument_values(field_def, plan.field_node, coerced)
    if plan.arguments is None:  # strawberry finds a field by comparing every name: once
        found = schema.get_field_for_type(plan.field_node.name.value, "Query")
        plan.arguments = found.arguments
    kwargs = convert_arguments(
        raw,
        plan.arguments,
        scalar_registry=schema.schema_converter.scalar_registry,
        config=schema.config,
    )
    return kwargs, cost


def plan_manifest(schema: Any, entries: Mapping[str, Mapping[str, Any]]) -> TextPlans:
    """Text plans of the manifest's documents (frontend_queries/manifest.json) that have one."""
    by_text: dict[str, TextPlan] = {}
    refused: dict[str, str] = {}
    for entry in entries.values():
        try:
            by_text[entry["document"]] = plan_text(schema._schema, entry["document"])
        except NoText as reason:
            refused[entry["operationName"]] = str(reason)
    return TextPlans(schema, by_text, refused)
