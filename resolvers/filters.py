"""Filters every list shares: literal text search, region codes (a division and everything
under it), occupation codes and statuses as readers see them; bad input gets a field-specific
error.

Foreign-key steps: a condition or column through a foreign key (`T.market._.operator`) is
built once, as a module constant, never in a request's code. Each step makes Piccolo copy every
column of the table it points to (about 70 µs a step, measured): the operator's check alone
was a fifth of RightsCaseQueue's CPU on PostgreSQL. tests/test_foreign_key_steps.py runs the
list documents and fails on a step taken while a request is answered."""

from __future__ import annotations

import re
import unicodedata

from piccolo.columns import Column, ForeignKey
from piccolo.columns.combination import WhereRaw
from piccolo.custom_types import Combinable

from resolvers.errors import RequestError
from services.db import is_postgres
from services.timeutil import now

MAX_SEARCH_CHARS = 50
LIKE_ESCAPE = "!"
REGION_CODE = re.compile(r"[0-9]{6}")
OCCUPATION_CODE = re.compile(r"[0-9]-[0-9]{2}-[0-9]{2}-[0-9]{2}")
# pg_trgm takes trigrams from runs of letters and digits: a text with a run of three gives at
# least one, whatever surrounds it (Chinese characters count as letters).
TRIGRAM_RUN = re.compile(r"[^\W_]{3}")


def search_text(text: str) -> str | None:
    """The text searched for, as typed: trimmed, control characters dropped (PostgreSQL
    rejects NUL in text parameters), at most MAX_SEARCH_CHARS; None when nothing is left."""
    cleaned = "".join(ch for ch in text.strip() if unicodedata.category(ch) != "Cc")
    return cleaned[:MAX_SEARCH_CHARS] or None


def search_pattern(text: str) -> str | None:
    """A LIKE pattern matching `text` literally anywhere; None when nothing is left to search.

    `%` and `_` typed by users are escaped, so they match themselves rather than anything.
    """
    cleaned = search_text(text)
    return None if cleaned is None else _like_anywhere(cleaned)


def _like_anywhere(cleaned: str) -> str:
    for special in (LIKE_ESCAPE, "%", "_"):
        cleaned = cleaned.replace(special, LIKE_ESCAPE + special)
    return f"%{cleaned}%"


class TextMatch(WhereRaw):
    """A text search that an index of grams serves on SQLite. It reads differently in a page
    and in a count: the page walks its order and tests each row against the grams' rows
    (`+id IN`, the list read once), so a frequent word's page stops at its limit; `counting`,
    the count's form, reads the grams' rows themselves (`id IN`), so a count reads the
    matches, not every open posting. Both give the same rows."""

    counting: WhereRaw


def counting(conds: list) -> list:
    """`conds` as a count should read them (TextMatch's `counting`; others as they are)."""
    return [c.counting if isinstance(c, TextMatch) else c for c in conds]


# The characters SQLite's unicode61 tokenizer keeps as letters in every version: a gram of two
# of them is one token of the grams table, the same in the rows and in the query.
def _whole(ch: str) -> bool:
    return (
        (ch.isascii() and ch.isalnum()) or "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"
    )


def grams_query(cleaned: str, overlong: str = "overlong") -> str | None:
    """An FTS5 query for the rows whose grams (migration 2026-12-06T04:30) hold `cleaned`'s:
    its two-character grams of whole characters (one character: itself; none of those: its
    whole characters), and the rows marked `overlong` (too long to hold all their grams).
    None when the text has no whole character: the LIKE alone then searches."""
    pairs = {cleaned[i : i + 2] for i in range(len(cleaned) - 1)} if len(cleaned) > 1 else set()
    wanted = {g for g in pairs if all(map(_whole, g))} or {ch for ch in cleaned if _whole(ch)}
    if not wanted:
        return None
    return "(" + " AND ".join(f'"{g}"' for g in sorted(wanted)) + f") OR {overlong}"


def text_search(
    columns: list[Column],
    text: str | None,
    grams: str | None = None,
    grams_table: tuple[str, str] | None = None,
) -> WhereRaw | None:
    """Case-insensitive literal substring search over `columns` (same result on both engines).

    `grams` (PostgreSQL, for columns that also have pg_trgm indexes): an SQL expression
    `search_grams(<the columns joined>)` that a GIN index serves. A text that gives pg_trgm no
    trigram (one or two characters, the common Chinese words; no run of three letters or
    digits) is then led by "the row's grams hold the text's", answered by that index without
    reading rows; the exact ILIKE still decides, so the result is the same (migration
    2026-12-05T21:30 says why). Other texts are served by the trigram indexes as they are.

    `grams_table` (SQLite): (FTS5 table, the rows' id column) of the rows' grams (migration
    2026-12-06T04:30); the search is then a TextMatch led by "the row's grams hold the text's"
    and, again, decided by the LIKE.
    """
    cleaned = search_text(text) if text is not None else None
    if cleaned is None:
        return None
    pattern = _like_anywhere(cleaned)
    # SQLite's LIKE already ignores ASCII case; PostgreSQL needs ILIKE for the same answer.
    postgres = is_postgres()
    op = "ILIKE" if postgres else "LIKE"
    sql = " OR ".join(
        f"{c._meta.get_full_name(with_alias=False)} {op} {{}} ESCAPE '{LIKE_ESCAPE}'"
        for c in columns
    )
    if grams is not None and postgres and not TRIGRAM_RUN.search(cleaned):
        # The whole text is one gram when short: one GIN key, whose statistics the planner
        # reads as they are (search_grams of two characters would give three keys).
        held = "ARRAY[lower({})]" if len(cleaned) <= 2 else "search_grams({})"
        return WhereRaw(f"({grams} @> {held} AND ({sql}))", cleaned, *[pattern] * len(columns))
    if grams_table is not None and not postgres and (query := grams_query(cleaned)) is not None:
        table, key = grams_table
        held = f"{key} IN (SELECT rowid FROM {table} WHERE {table} MATCH {{}})"
        match = TextMatch(f"(+{held} AND ({sql}))", query, *[pattern] * len(columns))
        match.counting = WhereRaw(f"({held} AND ({sql}))", query, *[pattern] * len(columns))
        return match
    return WhereRaw(f"({sql})", *[pattern] * len(columns))


def checked_region_code(value: str, field: str) -> str:
    """The code stripped of spaces; the error names the argument (`where.regionCode` → regionCode)."""
    code = value.strip()
    if not REGION_CODE.fullmatch(code):
        name = field.rsplit(".", 1)[-1]
        raise RequestError(f"{name}：须为 6 位行政区划代码（GB/T 2260），例如 330106", field=field)
    return code


def in_region(region: ForeignKey, value: str, field: str) -> WhereRaw:
    """Rows whose region (a county-level division) is `value` or lies under it (city,
    province): the region tree has three levels.

    The region ids come from a subquery on the small region table, not from joins on region
    codes: through the joins PostgreSQL could not tell how many rows match and walked the
    province's postings by start time (about a second at 2,000,000 postings)."""
    code = checked_region_code(value, field)
    column = region._meta.get_full_name(with_alias=False)
    return WhereRaw(
        column + " IN (SELECT r.id FROM region r WHERE r.code = {} "
        "OR r.parent IN (SELECT id FROM region WHERE code = {}) "
        "OR r.parent IN (SELECT id FROM region WHERE parent IN "
        "(SELECT id FROM region WHERE code = {})))",
        code,
        code,
        code,
    )


def checked_occupation_code(value: str, field: str) -> str:
    code = value.strip()
    if not OCCUPATION_CODE.fullmatch(code):
        raise RequestError(
            "occupationCode：须为国家职业分类代码，例如 4-02-05-01",
            field=field,
        )
    return code


def status_as_read(
    status: Column, ends_at: Column, wanted: list[str], live: tuple[str, ...], ended: str
) -> Combinable:
    """Statuses as readers see them: a record in a `live` status whose window has passed
    counts as `ended` (a posting as EXPIRED, a course as FINISHED), not as itself, before the
    sweep that stores it has run."""
    moment = now()
    parts: list[Combinable] = []
    for name in wanted:
        if name in live:
            parts.append((status == name) & (ends_at > moment))
        elif name == ended:
            parts.append((status == ended) | (status.is_in(list(live)) & (ends_at <= moment)))
        else:
            parts.append(status == name)
    combined = parts[0]
    for part in parts[1:]:
        combined = combined | part
    return combined
