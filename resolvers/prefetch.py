"""A list page in one statement: to-one rows joined into the page's SELECT, child lists
aggregated into it as JSON, and the request's loaders primed with them (issue 15: at most three
statements per list document, whatever the page size).

Without this, a page of markets costs the page, then one batched statement per nested field
(opening hours, occupations, certificates, parent markets): five statements and the loader
machinery for every row. With it the page brings everything its rows' nested fields would load,
and each loader is primed with exactly the value its batch function would have returned, so
the response cannot change (tests/test_prefetch.py loads every primed key again through a fresh
loader and compares). Fields that nothing primed still load as before.

Each domain keeps its own `*_page_select()` and `primed_*()` beside its loaders (loaders.py, or
pages.py where loaders.py would grow past a module's size): markets and the map, postings,
applications, applicants, candidates and an employer's postings, courses, managed courses and
enrolments, rights cases, the case queue and gathering places, market workers, workload
reports, assessments and contracts, certification applications, assistance cases, subsidy
applications; recommendations and monitoring lists bring the same in their candidate
statements. resolvers/pagination.sql_page(rows=...) reads the page selects. Serves frontend
teams (the public app's lists), operators and staff (their own lists and queues).

Values that JSON would not carry exactly go through json_real (doubles, on SQLite) and
json_instant (timestamps); each domain's tests/<domain>/test_prefetch.py holds every primed
loader equal to its batch function (tests/fixtures/prefetch.same_through_both).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, overload

from piccolo.columns import Column
from piccolo.columns.column_types import ForeignKey
from piccolo.querystring import QueryString

from services.db import current_engine


def rerooted(fk: ForeignKey, columns: Iterable[Column]) -> list[Column]:
    """`columns` of the table `fk` points to (joins included, e.g. Market.region.code), read
    through `fk` instead: JobPosting.market + Market.region.code → JobPosting.market.region.code,
    whose key in the row is "market.region.code"."""
    out = []
    for column in columns:
        node: Any = fk
        for step in column._meta.call_chain:
            node = getattr(node, step._meta.name)
        out.append(getattr(node, column._meta.name))
    return out


def sub_row(row: dict, prefix: str) -> dict | None:
    """The joined row under `prefix` ("market.") with its keys as the table's own select gives
    them; None when the LEFT JOIN found nothing (a null foreign key)."""
    if row.get(f"{prefix}id") is None:
        return None
    return {short: row[key] for key, short in _keys_under(prefix, tuple(row))}


@lru_cache(maxsize=512)
def _keys_under(prefix: str, keys: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    # A page's rows share their keys (one select): testing each of a wide row's ninety keys
    # against each prefix, for each row, was a tenth of a recommendation page's CPU.
    return tuple((key, key[len(prefix) :]) for key in keys if key.startswith(prefix))


def prime_joined(row: dict, joined: Iterable[tuple[str, Any, Callable[[dict], Any]]]) -> None:
    """For each (prefix, loader, convert): prime `loader` with the row joined under `prefix`,
    converted as the loader's batch function converts its own rows."""
    for prefix, loader, convert in joined:
        if (sub := sub_row(row, prefix)) is not None:
            loader.prime(sub["id"], convert(sub))


def json_rows(alias: str, values: str, source: str, *args: Any) -> QueryString:
    """A column `alias` holding, as JSON text, the list of `[values…]` arrays of `source` (a
    correlated `FROM … WHERE …`, whose `{}` take `args`: values or a query's QueryString); in no
    particular order, so the reader sorts as the loader does. Both engines write the same JSON
    for integers and text."""
    if current_engine().engine_type == "sqlite":
        sql = f"(SELECT json_group_array(json_array({values})) FROM {source})"
    else:
        sql = f"(SELECT json_agg(json_build_array({values})) FROM {source})"
    return QueryString(sql, *args).as_alias(alias)


def parse_rows(text: str | None) -> list[list[Any]]:
    """What json_rows wrote: PostgreSQL's json_agg gives NULL for no rows, SQLite '[]'."""
    return json.loads(text) if text else []


def json_real(expression: str) -> str:
    """`expression` (a REAL or double precision value) as a json_rows value that reads back
    exactly: SQLite's JSON writes a REAL with 15 significant digits (30.123456789012345 →
    30.1234567890123), so there it travels as text with 21 (printf needs "!" past 16; checked
    over the whole double range, where 17 digits failed on subnormal and huge values), and the
    reader takes float() of it. PostgreSQL's JSON writes the shortest exact form already."""
    if current_engine().engine_type == "sqlite":
        return f"CASE WHEN {expression} IS NULL THEN NULL ELSE printf('%!.20e', {expression}) END"
    return expression


@overload
def json_instant(text: str) -> datetime: ...
@overload
def json_instant(text: None) -> None: ...
def json_instant(text: str | None) -> datetime | None:
    """A timestamptz as json_rows writes it (PostgreSQL: ISO with the session's offset; SQLite:
    as stored) as the drivers return it: aware, in UTC; a null stays None."""
    return None if text is None else datetime.fromisoformat(text).astimezone(UTC)
