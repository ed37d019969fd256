"""The operator's register of a market's workers written by the database
(resolvers/compiled/texts.py): `marketWorkers`, signed in as the market's operator or as
staff. Serves operators (their market's register) and staff.

The Worker writers are this root's alone (TextRoot.writers): every worker of its page is shown
at the operator's level (resolvers/worker/loaders.primed_market_worker grants it), which no
anonymous root may reach. Only the fields that level shows as they are stored are written;
a document asking for any other Worker field keeps the generic executor. Each writer says in
SQL what the field's resolver returns (schema/worker/types.py at WorkerAccess.OPERATOR);
tests/test_compiled_texts.py holds them equal, for the operator and for staff.

Also a worker as a candidate list shows them (AS_A_CANDIDATE: candidateWorkers' own writers,
resolvers/job_posting/texts.py; tests/test_compiled_texts_candidates.py)."""

from __future__ import annotations

from typing import Any

from resolvers.compiled import sql_json as j
from resolvers.compiled.texts import (
    ROOTS,
    Cards,
    Ctx,
    Sel,
    Writer,
    column,
    connection_root,
    instant,
    joined,
    linked,
    node_id,
    secret_text,
    text_page,
)
from resolvers.global_ids import decode_id
from resolvers.worker.loaders import employer_access_sql, operator_access_sql
from resolvers.worker.queries import NEWEST_FIRST, market_workers
from schema.worker.types import WorkerAccess
from services.auth.rules import Role
from tables.worker import Worker as WorkerRow


def _has_account(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    return j.boolean(f"{alias}.account IS NOT NULL")


AS_ITS_OPERATOR_SEES = {
    "id": node_id("Worker"),
    "name": column("name"),
    "phoneMasked": column("phone_masked"),
    "hasAccount": _has_account,
    "prioritised": column("prioritised", "boolean"),
    "registeredAt": instant("created_at"),
    # load_occupations_by_worker, sorted by id (primed_worker)
    "occupations": linked("Occupation", "occupation", "worker_occupation", "worker", "occupation"),
}


def _name_as_candidate(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # Worker.name on a candidate list, which grants CANDIDATE: whole for staff (FULL) and for
    # an employer the worker applied to (load_access: APPLICANT or more), else masked.
    name = f"{alias}.name"
    level = employer_access_sql(f"{alias}.id", "{}")
    shown = j.string(
        ctx.engine,
        f"CASE WHEN {{}} = 'STAFF' OR {level} >= {WorkerAccess.APPLICANT:d} THEN {name} "
        f"ELSE {j.masked_name(ctx.engine, name)} END",
    )
    return j.Expr(shown.sql, ("viewer_role", "viewer_subject"))


def _level_as_manager(alias: str) -> tuple[str, tuple[str, ...]]:
    # load_access for the reader of a posting's applicant list (slots viewer_role and
    # viewer_subject): an employer's or an operator's level, FULL for staff.
    employer = employer_access_sql(f"{alias}.id", "{}")
    operator = operator_access_sql(f"{alias}.id", "{}")
    sql = (
        f"(CASE {{}} WHEN 'EMPLOYER' THEN {employer} WHEN 'OPERATOR' THEN {operator} "
        f"ELSE {WorkerAccess.FULL:d} END)"
    )
    slots = ("viewer_role",) + ("viewer_subject",) * (employer.count("{}") + operator.count("{}"))
    return sql, slots


def _phone_as_manager(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # Worker.phone: for an employer or operator at CONFIRMED or more (_shows_personal), never
    # for staff (who use personalDataReveal); decrypted in Python (texts.revealed).
    level, slots = _level_as_manager(alias)
    shown = f"{{}} <> 'STAFF' AND {level} >= {WorkerAccess.CONFIRMED:d}"
    return secret_text(ctx.engine, shown, f"{alias}.phone_encrypted", ("viewer_role", *slots))


# A worker on a posting's applicant list (jobApplications, resolvers/job_posting/texts.py),
# for the readers who may manage the posting: each worker applied to it, so the posting's
# employer and the operator of its market see APPLICANT or more (load_access), staff FULL:
# the name, masked phone, priority and occupations as stored; the full phone by the reader's
# level. A field needing more keeps the generic executor.
AS_AN_APPLICANT: dict[str, Writer] = {
    "id": node_id("Worker"),
    "name": column("name"),
    "phoneMasked": column("phone_masked"),
    "phone": _phone_as_manager,
    "prioritised": column("prioritised", "boolean"),
    "occupations": AS_ITS_OPERATOR_SEES["occupations"],
}


# A worker as a candidate list shows them (candidateWorkers, resolvers/job_posting/texts.py):
# the fields WorkerAccess.CANDIDATE shows, which every reader of that list has (the list grants
# it), and the name as the reader may see it. A field needing more (phoneMasked, location…)
# keeps the generic executor.
AS_A_CANDIDATE: dict[str, Writer] = {
    "id": node_id("Worker"),
    "name": _name_as_candidate,
    "prioritised": column("prioritised", "boolean"),
    "availability": column("availability"),
    "homeRegion": joined("Region", "region", "home_region"),
    "occupations": AS_ITS_OPERATOR_SEES["occupations"],
}


async def _market_workers(kwargs: dict[str, Any], rows: Cards) -> Any:
    """The `marketWorkers` resolver's page for its viewer, its cards as text; None (the
    generic executor) for an unknown id and for an empty page, where the resolver reads the
    market to tell null from an empty list."""
    number = decode_id(kwargs["market_id"], "Market")
    if number is None:
        return None
    cond, count = market_workers(rows.viewer, number)
    page = await text_page(WorkerRow.id, [cond], NEWEST_FIRST, kwargs, count, rows)
    return page if page.edges else None


ROOTS["marketWorkers"] = connection_root(
    "Worker",
    "WorkerConnection",
    "worker",
    ("id",),
    _market_workers,
    roles=frozenset({Role.OPERATOR, Role.STAFF}),
    writers={"Worker": AS_ITS_OPERATOR_SEES},
)
