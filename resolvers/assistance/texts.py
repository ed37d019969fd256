"""The assistance queue written by the database (resolvers/compiled/texts.py):
`assistanceCases`, signed in as an operator (the cases of workers registered at their markets)
or as staff (their region). Serves operators and staff (the assistance queue, 就业援助).

Every writer is this root's alone (TextRoot.writers): the cases hold personal data of older,
disabled and low-income workers, and no anonymous root may reach them. The worker is written
only as both readers see every worker of the page: the operator of the worker's market (the
page holds no other: resolvers/assistance/pages.primed_case grants OPERATOR) and staff (FULL)
both see the name and the stored masked phone (schema/worker/types.Worker.name, phoneMasked);
a document asking for any other Worker field keeps the generic executor. Each writer says in
SQL what the field's resolver returns (resolvers/assistance/loaders.py to_case, to_step,
to_offer, load_staff_names; the page's order of steps and offers in pages.primed_case);
tests/test_compiled_texts_assistance.py holds them equal for both readers, on both engines."""

from __future__ import annotations

from typing import Any

from resolvers.assistance.queries import NEWEST_OPENED, assistance_case_list
from resolvers.compiled import sql_json as j
from resolvers.compiled.texts import (
    ROOTS,
    SLOT_VALUES,
    Cards,
    Ctx,
    Sel,
    Writer,
    column,
    connection_root,
    day,
    enum_text,
    instant,
    joined,
    node_id,
    object_text,
    text_page,
)
from schema.assistance.enums import (
    AssistanceCaseStatus,
    AssistanceOfferKind,
    AssistanceOfferStatus,
    AssistanceOutcome,
)
from services.auth.rules import Role
from services.timeutil import local, now
from tables import assistance as t

# The characters str.strip() removes (str.isspace), as code points.
WHITESPACE = (
    *(0x9, 0xA, 0xB, 0xC, 0xD, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680),
    *range(0x2000, 0x200B),
    *(0x2028, 0x2029, 0x202F, 0x205F, 0x3000),
)
ISO_DAY = j.ISO_DAY
DELETED_USER = "（已删除的用户）"  # load_staff_names, pages._staff_name


def whitespace(engine: str) -> str:
    """The text of WHITESPACE's characters, as an SQL expression."""
    if engine == "sqlite":
        return f"char({', '.join(str(c) for c in WHITESPACE)})"
    return " || ".join(f"chr({c})" for c in WHITESPACE)


def utc_key(engine: str, column: str) -> tuple[str, str | None]:
    """(the sort key of a timestamptz column, the condition under which a row is refused): on
    SQLite its text in a UTC shape (sql_json.utc_text), microseconds written out, ordered as
    the moments."""
    if engine != "sqlite":
        return column, f"{column} IS NULL"
    key = (
        f"substr({column}, 1, 10) || substr({column}, 12, 8) || "
        f"CASE WHEN length({column}) = 32 THEN substr({column}, 20, 7) ELSE '.000000' END"
    )
    return key, f"{column} IS NULL OR NOT {j.utc_text(column)}"


def refused_when(condition: str | None, value: j.Expr) -> j.Expr:
    """`value`, or NULL (the generic executor answers) where `condition` holds."""
    if condition is None:
        return value
    return j.Expr(f"CASE WHEN {condition} THEN NULL ELSE {value.sql} END", value.slots)


def _outcome(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # to_case: an empty or NULL outcome is null.
    stored = enum_text(f"{alias}.outcome", AssistanceOutcome)
    return j.nullable(f"{alias}.outcome IS NULL OR {alias}.outcome = ''", stored)


def _overdue(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # to_case: open, with a next due day before today in Asia/Shanghai (slot "shanghai_today").
    due = f"{alias}.next_due_on"
    late = j.boolean(
        f"{alias}.status = 'OPEN' AND {due} IS NOT NULL AND {due} < {{}}", ("shanghai_today",)
    )
    if ctx.engine == "sqlite":  # a text that is no day: the reader fails on it
        return refused_when(f"{due} IS NOT NULL AND {due} NOT GLOB '{ISO_DAY}'", late)
    return late


def _case_worker(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # load_staff_names: "{last}{first}".strip() or the username; a user gone is named so. A
    # name with whitespace at either end is left to the generic executor (strip() knows more
    # whitespace than SQL's trim), as is a missing username (no name to give).
    u = ctx.alias()
    name = f"(COALESCE({u}.last_name, '') || COALESCE({u}.first_name, ''))"
    if ctx.engine == "sqlite":
        head, tail = f"substr({name}, 1, 1)", f"substr({name}, -1)"
        inside = f"instr({whitespace(ctx.engine)}, {{}}) > 0"
    else:
        head, tail = f"left({name}, 1)", f"right({name}, 1)"
        inside = f"strpos({whitespace(ctx.engine)}, {{}}) > 0"
    padded = f"{inside.format(head)} OR {inside.format(tail)}"
    username = j.string(ctx.engine, f"{u}.username")
    text = j.Expr(
        f"CASE WHEN {name} = '' THEN CASE WHEN {u}.username IS NULL THEN NULL "
        f"ELSE {username.sql} END WHEN {padded} THEN NULL "
        f"ELSE {j.string(ctx.engine, name).sql} END"
    )
    found = j.scalar(text, f"FROM piccolo_user {u} WHERE {u}.id = {alias}.case_worker")
    # scalar() writes null for no user; the loader names the deleted user instead.
    missing = f"NOT EXISTS (SELECT 1 FROM piccolo_user {u}d WHERE {u}d.id = {alias}.case_worker)"
    return j.Expr(f"CASE WHEN {missing} THEN '\"{DELETED_USER}\"' ELSE {found.sql} END")


def _steps(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # load_steps / primed_case: by due day, then id; a due day SQLite holds as another text
    # fails the generic executor's reader: refused.
    s = ctx.alias()
    item = object_text(ctx, "AssistanceStep", s, sel.children)
    if ctx.engine == "sqlite":
        item = refused_when(f"{s}.due_on IS NULL OR {s}.due_on NOT GLOB '{ISO_DAY}'", item)
    source = f'FROM assistance_step {s} WHERE {s}."case" = {alias}.id'
    return j.ordered_array(ctx.engine, item, source, ((f"{s}.due_on", False), (f"{s}.id", False)))


def _offers(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # load_offers / primed_case: newest offered first, then the larger id.
    o = ctx.alias()
    key, refuse = utc_key(ctx.engine, f"{o}.offered_at")
    item = refused_when(refuse, object_text(ctx, "AssistanceOffer", o, sel.children))
    source = f'FROM assistance_offer {o} WHERE {o}."case" = {alias}.id'
    return j.ordered_array(ctx.engine, item, source, ((key, True), (f"{o}.id", True)))


AS_ITS_READERS_SEE: dict[str, dict[str, Writer]] = {
    "AssistanceCase": {
        "id": node_id("AssistanceCase"),
        "status": column("status", enum=AssistanceCaseStatus),
        "outcome": _outcome,
        "caseWorker": _case_worker,
        "openedAt": instant("opened_at"),
        "nextDueOn": day("next_due_on"),
        "overdue": _overdue,
        "worker": joined("Worker", "worker", "worker"),
        "steps": _steps,
        "offers": _offers,
    },
    # Worker.name and phoneMasked at OPERATOR and FULL: the stored values.
    "Worker": {
        "id": node_id("Worker"),
        "name": column("name"),
        "phoneMasked": column("phone_masked"),
    },
    "AssistanceStep": {
        "id": node_id("AssistanceStep"),
        "title": column("title"),
        "dueOn": day("due_on"),
        "done": lambda ctx, alias, sel: j.boolean(  # to_step: bool(done)
            f"{alias}.done IS NOT NULL AND {alias}.done"
            + (" <> 0" if ctx.engine == "sqlite" else "")
        ),
    },
    "AssistanceOffer": {
        "id": node_id("AssistanceOffer"),
        "kind": column("kind", enum=AssistanceOfferKind),
        "status": column("status", enum=AssistanceOfferStatus),
    },
}

SLOT_VALUES["shanghai_today"] = lambda viewer: {"shanghai_today": local(now()).date()}


async def _assistance_cases(kwargs: dict[str, Any], rows: Cards) -> Any:
    """The `assistanceCases` resolver's page for its viewer, its cards as text."""
    conds, count = await assistance_case_list(rows.viewer, kwargs.get("where"))
    return await text_page(t.AssistanceCase.id, conds, NEWEST_OPENED, kwargs, count, rows)


ROOTS["assistanceCases"] = connection_root(
    "AssistanceCase",
    "AssistanceCaseConnection",
    "assistance_case",
    ("id", "opened_at"),
    _assistance_cases,
    roles=frozenset({Role.OPERATOR, Role.STAFF}),
    writers=AS_ITS_READERS_SEE,
)
