"""SQL expressions that write JSON text exactly as the server's encoder writes the same values
(app.GraphQLView.encode_json: json.dumps, ensure_ascii=False, no spaces), on both engines.

The text plans (resolvers/compiled/texts.py) build a list page's response in its statement
from these. Each expression is never NULL, except where the database cannot write the value
as Python would (a double beyond ±1e15, NaN, infinity): then the whole card is NULL and the
request takes the generic executor, which answers (or fails) as it always did.

- Strings: PostgreSQL's to_json and SQLite's json_quote escape exactly what json.dumps does
  with ensure_ascii=False (", \\, \\b, \\f, \\n, \\r, \\t, other controls as lower-case \\u00xx).
- Doubles: PostgreSQL writes the shortest exact digits since version 12 (as repr does), but
  "30" for 30.0, so whole numbers get ".0"; SQLite has no shortest form, so there a function
  registered on each connection writes repr() (piccolo_conf.FunctionsConnection).
- Global ids: base64 of "Type:id", as relay.to_base64; SQLite has no base64 (a registered
  function again).
tests/test_compiled_texts.py compares each with json.dumps on both engines.

An `Expr` is a template with `{}` for its arguments (Piccolo's QueryString rules; literal
braces are markers until `finish`) and the names of the request values those `{}` take, in
order.
"""

from __future__ import annotations

from dataclasses import dataclass

# Functions the SQLite engine registers on every connection.
from piccolo_conf import SQLITE_FLOAT, SQLITE_GLOBAL_ID, SQLITE_SPLIT


@dataclass(frozen=True, slots=True)
class Expr:
    sql: str
    slots: tuple[str, ...] = ()
    text: str | None = None  # a literal's own text (concat merges neighbouring literals)

    def __add__(self, other: Expr) -> Expr:
        return Expr(f"({self.sql}) || ({other.sql})", self.slots + other.slots)


# Piccolo's QueryString takes `{}` for arguments and miscounts them after an escaped `{{`, so
# a brace in a literal is written as a marker, which `finish` turns into chr(123) / char(123).
_BRACES = {"{": "\x01", "}": "\x02"}


def literal(text: str) -> Expr:
    """A constant piece of JSON text (keys, punctuation) as an SQL string literal."""
    quoted = text.replace("'", "''").replace("{", _BRACES["{"]).replace("}", _BRACES["}"])
    return Expr(f"'{quoted}'", text=text)


def character(engine: str, char: str) -> str:
    """One character as an SQL expression, the engine's character function (a brace Piccolo
    would miscount; a control character a root replaces with what Python writes)."""
    return f"{'char' if engine == 'sqlite' else 'chr'}({ord(char)})"


def finish(engine: str, sql: str) -> str:
    """`sql` with the literals' brace markers as the engine's character function."""
    for brace, marker in _BRACES.items():
        sql = sql.replace(marker, f"' || {character(engine, brace)} || '")
    return sql


def concat(parts: list[Expr]) -> Expr:
    """The parts' text joined; adjacent literals are merged first."""
    merged: list[Expr] = []
    pending = ""
    for part in parts:
        if part.text is not None:
            pending += part.text
            continue
        if pending:
            merged.append(literal(pending))
            pending = ""
        merged.append(part)
    if pending:
        merged.append(literal(pending))
    if len(merged) == 1:
        return merged[0]
    return Expr(
        " || ".join(f"({p.sql})" for p in merged), tuple(s for p in merged for s in p.slots)
    )


def obj(pairs: list[tuple[str, Expr]]) -> Expr:
    """{"key":value,…} in the given order (a selection's order)."""
    parts: list[Expr] = []
    for index, (key, value) in enumerate(pairs):
        parts.append(literal(("{" if index == 0 else ",") + f'"{key}":'))
        parts.append(value)
    parts.append(literal("}" if pairs else "{}"))
    return concat(parts)


def string(engine: str, column: str) -> Expr:
    if engine == "sqlite":
        return Expr(f"json_quote(CAST({column} AS TEXT))")  # json_quote(NULL) is 'null'
    return Expr(f"COALESCE(to_json(({column})::text)::text, 'null')")


def masked_name(engine: str, name: str) -> str:
    """SQL of mask_name (resolvers/worker/loaders.py) of the text `name`: its first character,
    then one * per other (at least one)."""
    if engine == "sqlite":  # no repeat(): the hex of n zero bytes is n "00"s
        stars = f"replace(hex(zeroblob(max(length({name}) - 1, 1))), '00', '*')"
    else:
        stars = f"repeat('*', greatest(length({name}) - 1, 1))"
    return f"substr({name}, 1, 1) || {stars}"


def integer(column: str) -> Expr:
    return Expr(f"COALESCE(CAST({column} AS TEXT), 'null')")


def int_column(column: str) -> Expr:
    """A stored integer as a GraphQL Int; NULL (the generic executor, which reports the field's
    error) for one past 32 bits, which a SQLite integer or a PostgreSQL bigint can hold."""
    return Expr(
        f"CASE WHEN {column} IS NULL THEN 'null' "
        f"WHEN {column} BETWEEN -2147483648 AND 2147483647 THEN CAST({column} AS TEXT) END"
    )


def boolean(condition: str, slots: tuple[str, ...] = ()) -> Expr:
    """A condition that is true or false (never NULL) as true/false."""
    return Expr(f"CASE WHEN {condition} THEN 'true' ELSE 'false' END", slots)


def boolean_column(engine: str, column: str) -> Expr:
    truth = f"{column} <> 0" if engine == "sqlite" else column
    return Expr(f"CASE WHEN {column} IS NULL THEN 'null' WHEN {truth} THEN 'true' ELSE 'false' END")


def floating(engine: str, column: str) -> Expr:
    """A double as repr() writes it; NULL (the generic executor answers) where that is not
    certain: beyond ±1e15 PostgreSQL switches to exponents earlier than Python."""
    if engine == "sqlite":
        return Expr(f"{SQLITE_FLOAT}({column})")
    x = f"({column})::float8"
    return Expr(
        f"CASE WHEN {x} IS NULL THEN 'null' "
        f"WHEN {x} = 0 THEN CASE WHEN {x}::text = '-0' THEN '-0.0' ELSE '0.0' END "
        f"WHEN NOT abs({x}) < 1e15 THEN NULL "  # also NaN and infinities
        f"WHEN {x} = trunc({x}) THEN trunc({x})::numeric::text || '.0' "
        f"ELSE {x}::text END"
    )


def yuan(engine: str, fen: str) -> Expr:
    """Integer fen as the Decimal scalar writes yuan (to_yuan, format "f"): "180.50", "-0.05";
    null for NULL."""
    whole = f"(abs({fen}) / 100)"
    if engine == "sqlite":
        cents = f"substr('0' || (abs({fen}) % 100), -2, 2)"
    else:
        cents = f"lpad((abs({fen}) % 100)::text, 2, '0')"
    sign = f"CASE WHEN {fen} < 0 THEN '-' ELSE '' END"
    return Expr(
        f"CASE WHEN {fen} IS NULL THEN 'null' "
        f"ELSE '\"' || {sign} || CAST({whole} AS TEXT) || '.' || {cents} || '\"' END"
    )


def instant(engine: str, column: str) -> Expr:
    """A timestamptz as the DateTime scalar writes what the driver returns (isoformat of an
    aware datetime in UTC): 2026-12-05T01:30:00+00:00, microseconds only when not zero.
    SQLite keeps the text Piccolo wrote, and its reader takes the wall clock as UTC whatever
    offset follows; a text in any other shape is left to the generic executor (NULL)."""
    if engine == "sqlite":
        odd, utc = sqlite_moment(column, "T")
        return Expr(
            f"CASE WHEN {column} IS NULL THEN 'null' WHEN {odd} THEN NULL "
            f"ELSE '\"' || {utc} || '\"' END"
        )
    utc = f"({column} AT TIME ZONE 'UTC')"
    return Expr(
        f"CASE WHEN {column} IS NULL THEN 'null' "
        f"ELSE '\"' || to_char({utc}, 'YYYY-MM-DD\"T\"HH24:MI:SS') || "
        f"CASE WHEN extract(microseconds FROM {utc})::bigint % 1000000 <> 0 "
        f"THEN '.' || to_char({utc}, 'US') ELSE '' END || '+00:00\"' END"
    )


def sqlite_moment(column: str, separator: str) -> tuple[str, str]:
    """SQLite, a timestamptz text (not NULL): the condition under which it is in no shape the
    column's reader takes (its row goes to the generic executor), and the text of the moment
    that reader returns — the wall clock as UTC, `date{separator}time`, microseconds only
    when not zero, then +00:00."""
    shape = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][ T][0-9][0-9]:[0-9][0-9]:[0-9][0-9]*"
    fraction = f"substr({column}, 20, 7)"
    odd = (
        f"({column} NOT GLOB '{shape}' OR (substr({column}, 20, 1) = '.' AND ({fraction} "
        f"NOT GLOB '.[0-9][0-9][0-9][0-9][0-9][0-9]' OR substr({column}, 27, 1) GLOB '[0-9]')))"
    )
    utc = (
        f"substr({column}, 1, 10) || '{separator}' || substr({column}, 12, 8) || "
        f"CASE WHEN substr({column}, 20, 1) = '.' AND {fraction} <> '.000000' THEN {fraction} "
        "ELSE '' END || '+00:00'"
    )
    return odd, utc


def shanghai_date(engine: str, column: str) -> Expr:
    """The day a timestamptz falls on in Asia/Shanghai (local(moment).date()), as a Date.
    SQLite has no time zones: UTC+8 holds from 1992 on (no summer time since 1991); earlier
    moments are left to the generic executor."""
    if engine == "sqlite":
        day_text = f"date(substr({column}, 1, 19), '+8 hours')"
        return _quoted(column, day_text, refuse=f"{column} < '1992'")
    return _quoted(column, f"to_char({column} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')")


def _quoted(column: str, text: str, refuse: str | None = None) -> Expr:
    """ "text" (an expression of `column` that needs no escaping: digits, dashes), null for a
    NULL `column`, NULL (the generic executor) where `refuse` holds."""
    refused = f"WHEN {refuse} THEN NULL " if refuse else ""
    return Expr(f"CASE WHEN {column} IS NULL THEN 'null' {refused}ELSE '\"' || {text} || '\"' END")


def global_id(engine: str, type_name: str, column: str) -> Expr:
    """relay.to_base64(type_name, id) of a non-null integer id."""
    if engine == "sqlite":
        return Expr(f"'\"' || {SQLITE_GLOBAL_ID}('{type_name}', {column}) || '\"'")
    return Expr(
        f"'\"' || encode(convert_to('{type_name}:' || ({column})::text, 'UTF8'), 'base64') || '\"'"
    )


def nullable(condition: str, value: Expr) -> Expr:
    """`value`, or null where `condition` (e.g. a null foreign key) holds."""
    return Expr(f"CASE WHEN {condition} THEN 'null' ELSE {value.sql} END", value.slots)


def scalar(value: Expr, from_where: str) -> Expr:
    """`value` of the first row of a correlated `FROM … WHERE … [ORDER BY … LIMIT 1]`, null
    when there is none; a NULL `value` stays NULL ('#' is never a JSON value on its own)."""
    return Expr(
        f"NULLIF(COALESCE((SELECT COALESCE({value.sql}, '#') {from_where}), 'null'), '#')",
        value.slots,
    )


def array(engine: str, item: Expr, from_where: str, order_by: str | tuple[str, ...]) -> Expr:
    """[item,…] over a correlated `FROM … WHERE …`, in the order of the `order_by`
    expressions; NULL if any item is (the aggregates would skip it)."""
    keys = (order_by,) if isinstance(order_by, str) else order_by
    named = ", ".join(f"{k} AS o{i}" for i, k in enumerate(keys))
    order = ", ".join(f"o{i}" for i in range(len(keys)))
    rows = f"(SELECT {item.sql} AS item, {named} {from_where} ORDER BY {order}) s"
    if engine == "sqlite":
        # group_concat keeps the order of its input: SQLite does not flatten a subquery with
        # ORDER BY into an aggregate query.
        joined = "group_concat(item, ',')"
    else:
        joined = f"string_agg(item, ',' ORDER BY {order})"
    return Expr(
        f"(SELECT CASE WHEN count(*) > count(item) THEN NULL "
        f"ELSE '[' || COALESCE({joined}, '') || ']' END FROM {rows})",
        item.slots,
    )


def day(engine: str, column: str) -> Expr:
    """A DATE as the Date scalar writes it (isoformat); NULL for a text SQLite holds in any
    other shape."""
    if engine == "sqlite":
        iso = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
        return _quoted(column, column, refuse=f"{column} NOT GLOB '{iso}'")
    return _quoted(column, f"to_char({column}, 'YYYY-MM-DD')")


def split(engine: str, column: str, separator: str) -> Expr:
    """The non-empty parts of a `separator`-joined text as a list of strings ([] for NULL)."""
    if engine == "sqlite":
        return Expr(f"{SQLITE_SPLIT}({column}, '{separator}')")
    return Expr(
        f"COALESCE(to_json(array_remove(string_to_array({column}, '{separator}'), ''))::text, '[]')"
    )


def names(engine: str, column: str, allowed: tuple[str, ...]) -> Expr:
    """An array column of enum values, where each value is its GraphQL name, as a list ([]
    for NULL); NULL if it holds any other value (the generic executor fails on it). SQLite
    keeps Piccolo's JSON text (with spaces): json() writes it without."""
    listed = ", ".join(f"'{a}'" for a in allowed)
    if engine == "sqlite":
        return Expr(
            f"CASE WHEN {column} IS NULL THEN '[]' WHEN EXISTS (SELECT 1 FROM json_each({column}) "
            f"WHERE value NOT IN ({listed})) THEN NULL ELSE json({column}) END"
        )
    return Expr(
        f"CASE WHEN {column} IS NULL THEN '[]' WHEN {column}::text[] <@ ARRAY[{listed}] "
        f"THEN to_json({column})::text END"
    )


def ordered_array(
    engine: str,
    item: Expr,
    from_where: str,
    keys: tuple[tuple[str, bool], ...],
    shown: Expr | None = None,
) -> Expr:
    """`array` in the order of `keys`, each (expression, descending): a list its loader sorts
    newest first (an assistance case's offers, a place's incidents). With `shown`, only the
    rows it holds for are listed; every row is still written (a NULL item, a refusal, counts
    whether shown or not: the loader converts them all before its field filters them)."""
    named = ", ".join(f"{k} AS o{i}" for i, (k, _) in enumerate(keys))
    order = ", ".join(f"o{i}{' DESC' if down else ''}" for i, (_, down) in enumerate(keys))
    show = "" if shown is None else f", {shown.sql} AS shown"
    listed = "item" if shown is None else "CASE WHEN shown THEN item END"
    rows = f"(SELECT {item.sql} AS item{show}, {named} {from_where} ORDER BY {order}) s"
    # SQLite's group_concat keeps its input's order, as in `array`; both skip NULLs.
    joined = (
        f"group_concat({listed}, ',')"
        if engine == "sqlite"
        else f"string_agg({listed}, ',' ORDER BY {order})"
    )
    return Expr(
        f"(SELECT CASE WHEN count(*) > count(item) THEN NULL "
        f"ELSE '[' || COALESCE({joined}, '') || ']' END FROM {rows})",
        item.slots + (() if shown is None else shown.slots),
    )


ISO_DAY = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
_SECOND = f"{ISO_DAY}[ T][0-9][0-9]:[0-9][0-9]:[0-9][0-9]"


def utc_text(column: str) -> str:
    """SQLite: whether a timestamptz text's wall clock is its UTC moment, with or without
    microseconds — the shapes the column's reader and prefetch.json_instant read alike (a
    text with another offset they read differently: its row is left to the generic path)."""
    micro = ".[0-9][0-9][0-9][0-9][0-9][0-9]"
    return f"({column} GLOB '{_SECOND}+00:00' OR {column} GLOB '{_SECOND}{micro}+00:00')"
