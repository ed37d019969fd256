"""Rights cases written by the database (resolvers/compiled/texts.py): a worker's own cases
(`myRightsCases`, signed in as a worker), serving workers (the app's 维权 page); and the case
queue (`rightsCases`) as an operator sees it, serving operators (the portal's queue).

Each writer says in SQL what the field's resolver returns (resolvers/rights_case/loaders.py
to_case, schema/rights_case/types.py); tests/test_compiled_texts_rights_case.py holds them
equal. The writers are these roots' alone (TextRoot.writers): no anonymous root reaches a case.
The queue answers operators only: staff see a private employer's name unmasked (Employer.name)
where the operator sees it masked, and a plan's SQL is one per document, not per reader, so
staff keep the generic executor."""

from __future__ import annotations

from typing import Any

import resolvers.employer.texts  # noqa: F401  (the Employer writers: names masked)
import resolvers.market.texts  # noqa: F401  (the Market writers)
from resolvers.compiled import sql_json as j
from resolvers.compiled.texts import (
    ROOTS,
    Cards,
    Ctx,
    Sel,
    Writer,
    column,
    connection_root,
    enum_text,
    instant,
    joined,
    node_id,
    text_page,
)
from resolvers.rights_case.queries import NEWEST, case_queue, worker_cases
from schema.rights_case import enums as e
from services.auth.rules import Role
from services.rights_case.routing import OPEN
from tables import rights_case as t


def _outcome(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # to_case: an empty outcome (the column's default) is null.
    column = f"{alias}.outcome"
    stored = enum_text(column, e.RightsCaseOutcome)
    return j.nullable(f"{column} IS NULL OR {column} = ''", stored)


def _yuan(name: str) -> Writer:
    """Integer fen as to_case gives it (services/rights_case/money.to_yuan): null for NULL."""

    def write(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
        return j.yuan(ctx.engine, f"{alias}.{name}")

    return write


def _overdue(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # is_overdue: open, with a deadline, and the deadline not after the request's moment
    # (slot "now", as ended_status reads it).
    status, due = f"{alias}.status", f"{alias}.step_due_at"
    listed = ", ".join(f"'{s}'" for s in OPEN)
    late = f"{status} IN ({listed}) AND {due} IS NOT NULL"
    if ctx.engine != "sqlite":
        return j.Expr(f"CASE WHEN {late} AND {due} <= {{}} THEN 'true' ELSE 'false' END", ("now",))
    # SQLite compares text. The moment is bound as str() of a UTC datetime (Piccolo's adapter:
    # "YYYY-MM-DD HH:MM:SS[.ffffff]+00:00"), and the deadline is written in that same shape
    # from the wall clock its reader takes as UTC, so the texts sort as the moments do ("+"
    # sorts before "."). A text the instant writer would not write: the generic executor.
    shape = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][ T][0-9][0-9]:[0-9][0-9]:[0-9][0-9]*"
    fraction = f"substr({due}, 20, 7)"
    odd_fraction = (
        f"substr({due}, 20, 1) = '.' AND ({fraction} NOT GLOB '.[0-9][0-9][0-9][0-9][0-9][0-9]' "
        f"OR substr({due}, 27, 1) GLOB '[0-9]')"
    )
    written = (
        f"substr({due}, 1, 10) || ' ' || substr({due}, 12, 8) || CASE WHEN substr({due}, 20, 1) "
        f"= '.' AND {fraction} <> '.000000' THEN {fraction} ELSE '' END || '+00:00'"
    )
    return j.Expr(
        f"CASE WHEN NOT ({late}) THEN 'false' "
        f"WHEN {due} NOT GLOB '{shape}' OR ({odd_fraction}) THEN NULL "
        f"WHEN ({written}) <= {{}} THEN 'true' ELSE 'false' END",
        ("now",),
    )


# A case's card (RightsCaseCard) as anyone who may see the case sees it (to_case), with its
# employer and market as any reader but the employer and staff sees them.
CARD: dict[str, Writer] = {
    "id": node_id("RightsCase"),
    "kind": column("kind", enum=e.RightsCaseKind),
    "status": column("status", enum=e.RightsCaseStatus),
    "outcome": _outcome,
    "department": column("department", enum=e.Department),
    "filedAt": instant("opened_at"),
    "stepDueAt": instant("step_due_at"),
    "overdue": _overdue,
    "amountClaimed": _yuan("amount_claimed_fen"),
    "amountRecovered": _yuan("amount_recovered_fen"),
    "employer": joined("Employer", "employer", "employer"),
    "market": joined("Market", "market", "market"),
}


async def _worker_cases(kwargs: dict[str, Any], rows: Cards) -> Any:
    """The `myRightsCases` resolver's page for the signed-in worker, its cards as text."""
    conds, count = worker_cases(rows.viewer, kwargs.get("status"))
    return await text_page(t.RightsCase.id, conds, NEWEST, kwargs, count, rows)


ROOTS["myRightsCases"] = connection_root(
    "RightsCase",
    "RightsCaseConnection",
    "rights_case",
    ("id", "opened_at"),
    _worker_cases,
    roles=frozenset({Role.WORKER}),
    writers={"RightsCase": CARD},
)


# A case in its market's operator's queue: the card, how it came in, what was filed, and the
# worker as RightsCase.worker grants them to whoever sees the case (WorkerAccess.APPLICANT:
# name and masked phone; the operator's own access is never less).
AS_ITS_OPERATOR_SEES: dict[str, Writer] = {
    **CARD,
    "channel": column("channel", enum=e.RightsCaseChannel),
    "summary": column("summary"),
    "worker": joined("Worker", "worker", "worker"),
}
WORKER_AS_APPLICANT: dict[str, Writer] = {
    "id": node_id("Worker"),
    "name": column("name"),
    "phoneMasked": column("phone_masked"),
}


async def _case_queue(kwargs: dict[str, Any], rows: Cards) -> Any:
    """The `rightsCases` resolver's page for the signed-in operator, its cards as text."""
    conds, sort, count = case_queue(
        rows.viewer, kwargs.get("where"), kwargs.get("order_by"), kwargs.get("search")
    )
    return await text_page(t.RightsCase.id, conds, sort, kwargs, count, rows)


ROOTS["rightsCases"] = connection_root(
    "RightsCase",
    "RightsCaseConnection",
    "rights_case",
    ("id", "opened_at", "step_due_at"),
    _case_queue,
    roles=frozenset({Role.OPERATOR}),
    writers={"RightsCase": AS_ITS_OPERATOR_SEES, "Worker": WORKER_AS_APPLICANT},
)
