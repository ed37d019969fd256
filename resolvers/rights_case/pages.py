"""Rights-case pages of operators and staff in one statement each (resolvers/prefetch.py): the
case queue, each case with its employer, market, worker and the operator's access to the worker;
the gathering places, each with the market it guides people to and its incidents as JSON."""

from __future__ import annotations

from functools import cache
from typing import Any

from piccolo.querystring import QueryString

from resolvers.market.loaders import to_market
from resolvers.prefetch import (
    json_instant,
    json_real,
    json_rows,
    parse_rows,
    prime_joined,
    rerooted,
)
from resolvers.rights_case.loaders import (
    MAX_INCIDENTS_SHOWN,
    case_page_select,
    place_select,
    primed_case,
    to_case,
    to_place,
)
from resolvers.worker.loaders import WORKER_COLUMNS, operator_access_sql, to_worker
from schema.rights_case.types import GatheringPlace, RightsCase
from schema.worker.types import WorkerAccess
from services.auth.rules import Role
from services.market.rules import MARKET_COLUMNS
from tables import rights_case as t

# What load_access decides for (OPERATOR, the operator of the case's market, the case's worker),
# without a parameter: OPERATOR if the worker is registered at a market of that operator, else
# CONFIRMED or APPLICANT for the best of the worker's shifts at its markets, else NONE.
_OPERATOR = '(SELECT m0.operator FROM market m0 WHERE m0.id = "rights_case"."market")'
_ACCESS = operator_access_sql('"rights_case"."worker"', _OPERATOR)


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


# The row keys to_case reads, in the order the JSON arrays hold them.
_CASE_KEYS = (
    "id", "market", "market.operator", "employer", "worker", "posting", "application",
    "gathering_place", "kind", "status", "outcome", "department", "channel", "summary",
    "place_address", "place_latitude", "place_longitude", "amount_claimed_fen",
    "amount_recovered_fen", "outcome_note", "referred_to", "opened_at", "step_due_at",
    "resolved_at", "seq",
)  # fmt: skip
_FLOATS = ("place_latitude", "place_longitude")
_INSTANTS = ("opened_at", "step_due_at", "resolved_at")


def _incidents() -> tuple[str, str, str]:
    """load_cases_by_place's rows for the page's place, ranked as it orders them (newest first,
    then by id) and cut where it cuts them; coordinates exact (prefetch.json_real)."""
    values = [f"c.{k}" if k != "market.operator" else "m.operator" for k in _CASE_KEYS]
    for f in _FLOATS:
        values[_CASE_KEYS.index(f)] = json_real(f"c.{f}")
    ranked = (
        "(SELECT r.*, ROW_NUMBER() OVER (ORDER BY r.opened_at DESC, r.id DESC) AS seq "
        'FROM rights_case r WHERE r.gathering_place = "gathering_place"."id") c'
    )
    source = f"{ranked} JOIN market m ON m.id = c.market WHERE c.seq <= {MAX_INCIDENTS_SHOWN}"
    return ("prefetch_incidents", ", ".join(values), source)


@cache  # Piccolo builds a joined column anew on each attribute access: once per process
def _market_columns() -> tuple:
    return tuple(rerooted(t.GatheringPlace.market, MARKET_COLUMNS))


def place_page_select():
    """place_select() plus the place's market row and its incidents as JSON: the register of
    gathering places of operators and staff (gatheringPlaces) in one statement."""
    return place_select().columns(*_market_columns(), json_rows(*_incidents()))


def primed_place(loaders, row: dict) -> GatheringPlace:
    """The place of a place_page_select() row; the request's place, market and incident loaders
    primed with what load_places, load_markets and load_cases_by_place would load."""
    place = to_place(row)
    loaders.gathering_place_by_id.prime(place.id, place)
    prime_joined(row, (("market.", loaders.market_by_id, to_market),))
    incidents = [
        dict(zip(_CASE_KEYS, values, strict=True))
        for values in parse_rows(row["prefetch_incidents"])
    ]
    incidents.sort(key=lambda r: r["seq"])
    loaders.cases_by_gathering_place.prime(place.id, [to_case(_typed(r)) for r in incidents])
    return place


def _typed(row: dict[str, Any]) -> dict[str, Any]:
    """A case's JSON values as the driver returns the columns: coordinates as floats,
    timestamps aware, in UTC."""
    for key in _FLOATS:
        if row[key] is not None:
            row[key] = float(row[key])
    for key in _INSTANTS:
        if row[key] is not None:
            row[key] = json_instant(row[key])
    return row
