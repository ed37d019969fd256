"""Rights cases written by the database (resolvers/compiled/texts.py): a worker's own cases
(`myRightsCases`, signed in as a worker), serving workers (the app's 维权 page); and the case
queue (`rightsCases`) as an operator or staff sees it, serving operators (the portal's queue)
and staff; and the register of gathering places (`gatheringPlaces`) with the incidents each
operator or staff reader may see, serving both.

Each writer says in SQL what the field's resolver returns (resolvers/rights_case/loaders.py
to_case, schema/rights_case/types.py); tests/test_compiled_texts_rights_case.py holds them
equal. The writers are these roots' alone (TextRoot.writers): no anonymous root reaches a case.
The queue answers operators and staff: staff see a private employer's name unmasked
(Employer.name) where the operator sees it masked, written from the reader's role (slot
viewer_role)."""

from __future__ import annotations

from typing import Any

import resolvers.employer.texts as employer_texts  # the Employer writers: names masked
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
    object_text,
    point,
    text_page,
)
from resolvers.rights_case.loaders import MAX_INCIDENTS_SHOWN
from resolvers.rights_case.queries import (
    NEWEST,
    NEWEST_RECORDED,
    case_queue,
    gathering_place_list,
    worker_cases,
)
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
    odd, utc = j.sqlite_moment(due, " ")
    return j.Expr(
        f"CASE WHEN NOT ({late}) THEN 'false' WHEN {odd} THEN NULL "
        f"WHEN ({utc}) <= {{}} THEN 'true' ELSE 'false' END",
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
    roles=frozenset({Role.OPERATOR, Role.STAFF}),
    writers={
        "RightsCase": AS_ITS_OPERATOR_SEES,
        "Worker": WORKER_AS_APPLICANT,
        "Employer": {**employer_texts.ANONYMOUS, "name": employer_texts.name_as_its_reader_sees},
    },
)


# The register of gathering places (`gatheringPlaces`) as operators and staff see it: of the
# first MAX_INCIDENTS_SHOWN incidents, those the reader may see (schema/rights_case/types.
# may_see: staff every one, an operator those of the markets it operates), from the reader's
# role and subject (slots viewer_role, viewer_subject).
def _incidents(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # load_cases_by_place / pages.primed_place: newest filed first, then the larger id, the
    # first MAX_INCIDENTS_SHOWN. Every one of them is converted (to_case) even where the
    # document selects little of it: a value that conversion fails on, and on SQLite a time
    # in another shape than its UTC text (prefetch.json_instant reads the offset, the
    # instant writer the wall clock), is left to the generic executor.
    c = ctx.alias()
    item = object_text(ctx, "RightsCase", c, sel.children)
    odd = [
        *(
            f"{c}.{name} IS NULL OR {c}.{name} NOT IN ({', '.join(repr(m.value) for m in enum)})"
            for name, enum in (
                ("kind", e.RightsCaseKind),
                ("status", e.RightsCaseStatus),
                ("department", e.Department),
                ("channel", e.RightsCaseChannel),
            )
        ),
        f"{c}.outcome <> '' AND {c}.outcome NOT IN "
        f"({', '.join(repr(m.value) for m in e.RightsCaseOutcome)})",
    ]
    if ctx.engine == "sqlite":
        odd.append(f"{c}.opened_at IS NULL OR NOT {j.utc_text(f'{c}.opened_at')}")
        for name in ("step_due_at", "resolved_at"):
            col = f"{c}.{name}"
            odd.append(f"{col} IS NOT NULL AND NOT {j.utc_text(col)}")
    refused = " OR ".join(f"({o})" for o in odd)
    item = j.Expr(f"CASE WHEN {refused} THEN NULL ELSE {item.sql} END", item.slots)
    source = (
        f"FROM (SELECT r.* FROM rights_case r WHERE r.gathering_place = {alias}.id "
        f"ORDER BY r.opened_at DESC, r.id DESC LIMIT {MAX_INCIDENTS_SHOWN}) {c}"
    )
    seen = j.Expr(
        f"({{}} = 'STAFF' OR {c}.market IN (SELECT m.id FROM market m WHERE m.operator = {{}}))",
        ("viewer_role", "viewer_subject"),
    )
    keys = ((f"{c}.opened_at", True), (f"{c}.id", True))
    return j.ordered_array(ctx.engine, item, source, keys, shown=seen)


PLACE_AS_ITS_READER_SEES: dict[str, Writer] = {
    "id": node_id("GatheringPlace"),
    "name": column("name"),
    "address": column("address"),
    "region": joined("Region", "region", "region"),
    "location": point("latitude", "longitude"),
    "typicalHours": column("typical_hours"),
    "typicalSize": column("typical_size", "integer"),
    "measures": column("measures"),
    "status": column("status", enum=e.GatheringStatus),
    "recordedAt": instant("created_at"),
    "updatedAt": instant("updated_at"),
    "market": joined("Market", "market", "market"),
    "incidents": _incidents,
}
INCIDENT: dict[str, Writer] = {
    "id": node_id("RightsCase"),
    "kind": column("kind", enum=e.RightsCaseKind),
    "status": column("status", enum=e.RightsCaseStatus),
    "filedAt": instant("opened_at"),
}


async def _gathering_places(kwargs: dict[str, Any], rows: Cards) -> Any:
    """The `gatheringPlaces` resolver's page, its cards as text."""
    conds, count = gathering_place_list(kwargs.get("region_code"), kwargs.get("status"))
    return await text_page(t.GatheringPlace.id, conds, NEWEST_RECORDED, kwargs, count, rows)


ROOTS["gatheringPlaces"] = connection_root(
    "GatheringPlace",
    "GatheringPlaceConnection",
    "gathering_place",
    ("id", "created_at"),
    _gathering_places,
    roles=frozenset({Role.OPERATOR, Role.STAFF}),
    writers={"GatheringPlace": PLACE_AS_ITS_READER_SEES, "RightsCase": INCIDENT},
)
