"""The case queue's page (operators, staff): each case with its employer, market and worker, and
the operator's access to the worker, in one statement (resolvers/prefetch.py)."""

from __future__ import annotations

from functools import cache

from piccolo.querystring import QueryString

from resolvers.prefetch import prime_joined, rerooted
from resolvers.rights_case.loaders import case_page_select, primed_case
from resolvers.worker.loaders import CONFIRMED_STATUSES, WORKER_COLUMNS, to_worker
from schema.rights_case.types import RightsCase
from schema.worker.types import WorkerAccess
from services.auth.rules import Role
from tables import rights_case as t

# What load_access decides for (OPERATOR, the operator of the case's market, the case's worker),
# without a parameter: OPERATOR if the worker is registered at a market of that operator, else
# CONFIRMED or APPLICANT for the best of the worker's shifts at its markets, else NONE.
_OPERATOR = '(SELECT m0.operator FROM market m0 WHERE m0.id = "rights_case"."market")'
_CONFIRMED = ", ".join(f"'{s}'" for s in CONFIRMED_STATUSES)
_ACCESS = f"""(CASE
 WHEN EXISTS (SELECT 1 FROM worker w JOIN market m ON m.id = w.registered_market
  WHERE w.id = "rights_case"."worker" AND m.operator = {_OPERATOR}) THEN {WorkerAccess.OPERATOR:d}
 ELSE COALESCE((SELECT MAX(CASE WHEN a.status IN ({_CONFIRMED}) THEN {WorkerAccess.CONFIRMED:d}
  ELSE {WorkerAccess.APPLICANT:d} END)
  FROM job_application a JOIN job_posting p ON p.id = a.posting JOIN market m ON m.id = p.market
  WHERE a.worker = "rights_case"."worker" AND m.operator = {_OPERATOR}), {WorkerAccess.NONE:d})
END)"""


@cache  # Piccolo builds a joined column anew on each attribute access: once per process
def _worker_columns() -> tuple:
    return tuple(rerooted(t.RightsCase.worker, WORKER_COLUMNS))


def queue_page_select():
    """case_page_select() plus the case's worker row and the access of its market's operator to
    that worker: the case queue of operators and staff (rightsCases) in one statement."""
    return case_page_select().columns(
        *_worker_columns(), QueryString(_ACCESS).as_alias("prefetch_operator_access")
    )


def primed_queue_case(loaders, viewer, row: dict) -> RightsCase:
    """The case of a queue_page_select() row, primed as primed_case() does, plus its worker;
    for an operator viewing a case of a market it operates (the only cases its queue holds),
    the viewer's access to the worker, as load_access decides it."""
    case = primed_case(loaders, row)
    prime_joined(row, (("worker.", loaders.worker_by_id, to_worker),))
    worker = row["worker"]
    if (
        worker is not None
        and viewer.role == Role.OPERATOR
        and row["market.operator"] == viewer.subject_id
    ):
        access = WorkerAccess(row["prefetch_operator_access"])
        loaders.worker_access.prime((viewer.role, viewer.subject_id, worker), access)
    return case
