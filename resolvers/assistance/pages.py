"""A page of assistance cases in one statement: each case with its worker, case worker's name,
plan steps and offers (resolvers/prefetch.py), the loaders primed with exactly what they load."""

from __future__ import annotations

from datetime import date
from functools import cache

from resolvers.assistance.loaders import to_case, to_offer, to_step
from resolvers.prefetch import json_instant, json_rows, parse_rows, prime_joined, rerooted
from resolvers.worker.loaders import WORKER_COLUMNS, to_worker
from schema.assistance.types import AssistanceCase
from schema.worker.types import WorkerAccess
from services.auth.rules import Role
from tables import assistance as t
from tables.worker import Worker as WorkerRow

C = t.AssistanceCase

_ROW = '"assistance_case"'
_STEP_FIELDS = ("id", "title", "due_on", "done", "done_at")
_OFFER_FIELDS = (
    *("id", "posting", "course", "application", "enrolment", "kind", "status", "note"),
    *("offered_at", "answered_at", "answer_reason"),
)
_STEPS = (
    "prefetch_steps",
    ", ".join(f"s.{f}" for f in _STEP_FIELDS),
    f'assistance_step s WHERE s."case" = {_ROW}.id',
)
_OFFERS = (
    "prefetch_offers",
    ", ".join(f"o.{f}" for f in _OFFER_FIELDS),
    f'assistance_offer o WHERE o."case" = {_ROW}.id',
)
# case_worker is a plain integer (a piccolo_user id), not a foreign key: no join to reroot.
_CASE_WORKER = (
    "prefetch_case_worker",
    "u.username, u.first_name, u.last_name",
    f"piccolo_user u WHERE u.id = {_ROW}.case_worker",
)
PAGE_EXTRAS = (_STEPS, _OFFERS, _CASE_WORKER)


@cache  # Piccolo builds a joined column anew on each attribute access: once per process
def _case_page_columns() -> tuple:
    return (
        *C.all_columns(),
        *rerooted(C.worker, WORKER_COLUMNS),
        # operators' access to the worker (resolvers/worker/loaders.load_access)
        *rerooted(C.worker, [WorkerRow.registered_market.operator]),
        *(json_rows(alias, values, source) for alias, values, source in PAGE_EXTRAS),
    )


def case_page_select():
    """Cases with what the queue's cards load (worker, case worker, steps, offers): serves
    operators and staff (the assistance queue) in one statement per page."""
    return C.select(*_case_page_columns())


def primed_case(loaders, viewer, row: dict) -> AssistanceCase:
    """The case of a case_page_select() row; the request's worker, access, staff name, step
    and offer loaders primed with what they would load (tests/assistance/test_prefetch.py)."""
    case = to_case(row)
    prime_joined(row, (("worker.", loaders.worker_by_id, to_worker),))
    if viewer.role == Role.OPERATOR and row["worker.registered_market.operator"] == (
        viewer.subject_id
    ):
        # load_access gives the operator of the worker's market OPERATOR, whatever else
        loaders.worker_access.prime(
            (viewer.role, viewer.subject_id, case.worker_id), WorkerAccess.OPERATOR
        )
    steps = [
        to_step(dict(zip(_STEP_FIELDS, _step_values(values), strict=True)))
        for values in parse_rows(row["prefetch_steps"])
    ]
    steps.sort(key=lambda s: (s.due_on, s.id))
    loaders.steps_by_assistance_case.prime(case.id, steps)
    offers = [
        to_offer(dict(zip(_OFFER_FIELDS, _offer_values(values), strict=True)))
        for values in parse_rows(row["prefetch_offers"])
    ]
    offers.sort(key=lambda o: (o.offered_at, o.id), reverse=True)
    loaders.offers_by_assistance_case.prime(case.id, offers)
    users = parse_rows(row["prefetch_case_worker"])
    loaders.staff_name_by_id.prime(case.case_worker_id, _staff_name(users))
    return case


def _step_values(values: list) -> list:
    id_, title, due_on, done, done_at = values
    return [id_, title, date.fromisoformat(due_on), done, json_instant(done_at)]


def _offer_values(values: list) -> list:
    *head, offered_at, answered_at, answer_reason = values
    return [*head, json_instant(offered_at), json_instant(answered_at), answer_reason]


def _staff_name(users: list[list]) -> str:
    """As load_staff_names names a case worker (a deleted user included)."""
    if not users:
        return "（已删除的用户）"
    username, first_name, last_name = users[0]
    return f"{last_name or ''}{first_name or ''}".strip() or username
