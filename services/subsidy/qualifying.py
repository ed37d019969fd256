"""The subsidy programmes a worker qualifies for now (policy push): every open programme checked
by the eligibility rules, what the checks share read once with the programmes."""

from __future__ import annotations

from piccolo.querystring import QueryString

from services.page_statements import run_kept
from services.subsidy.amounts import courses_minutes
from services.subsidy.eligibility import (
    PROGRAMME_REGION,
    Applicant,
    Eligibility,
    Known,
    KnownTraining,
    enrolments_select,
    evaluate_row,
)
from services.subsidy.programmes import OPERATOR_KINDS, TRAINING_KINDS
from services.timeutil import now
from tables import subsidy as t
from tables import training as tr

MAX_QUALIFYING_CANDIDATES = 20  # open programmes checked for one worker's recommendations
KEY = "qualifying programmes"  # the programmes' statement among the kept ones
E, A = tr.TrainingEnrolment, t.SubsidyApplication
P = t.SubsidyProgramme

# The worker's row as eligibility._worker reads it, and whether they completed a course: the
# same for every programme, so uncorrelated subqueries (each database runs them once).
_WORKER = "(SELECT {} FROM worker w WHERE w.id = {{}})"
_WORKER_FACTS = {
    "id": _WORKER.format("w.id"),
    "assistance_encrypted": _WORKER.format("w.assistance_encrypted"),
    "home_region": _WORKER.format("w.home_region"),
    "county": "(SELECT r.code FROM worker w JOIN region r ON r.id = w.home_region WHERE w.id = {})",
}
_TRAINED = (
    "EXISTS (SELECT 1 FROM training_enrolment e WHERE e.worker = {} AND e.status = 'COMPLETED')"
)
# The application under the key the rules give before any enrolment is chosen (eligibility.
# Eligibility.applicant_key: "P<programme>:W<worker>:E-"); keys are unique.
_APPLIED = (
    "(SELECT a.id FROM subsidy_application a "
    "WHERE a.applicant_key = 'P' || CAST(subsidy_programme.id AS TEXT) || {})"
)


def _key_tail(worker_id: int) -> str:
    return f":W{worker_id}:E-"


# Join columns built once, not per request (resolvers/filters.py: foreign-key steps).
_PROGRAMME_COLUMNS = (
    *P.all_columns(),
    *PROGRAMME_REGION,
    P.region._.code,
    P.region._.name,
    P.region._.level,
    P.region._.is_mountain_or_island,
    P.region._.parent._.code,
)


def programme_columns() -> tuple:
    """eligibility.programme()'s columns, and the region as resolvers/subsidy/loaders.py's
    programme cards read it (policy push shows the programmes that qualify)."""
    return _PROGRAMME_COLUMNS


async def qualifying(worker_id: int) -> list[Eligibility]:
    """The programmes a worker may apply for right now and meets every rule of (for policy
    push: the worker sees them among recommended policies). One evaluation per open programme:
    programmes are few (a handful per city and year), MAX_QUALIFYING_CANDIDATES at most; the
    open programmes come in one statement with the worker's row and earlier applications."""
    moment = now()
    facts = [
        QueryString(sql, worker_id).as_alias(f"worker_{name}")
        for name, sql in _WORKER_FACTS.items()
    ]
    query = P.select(
        *programme_columns(),
        *facts,
        QueryString(_TRAINED, worker_id).as_alias("worker_trained"),
        QueryString(_APPLIED, _key_tail(worker_id)).as_alias("worker_applied"),
    ).where(
        P.active.eq(True)
        & (P.starts_at <= moment)
        & (P.ends_at > moment)
        & P.kind.not_in(list(OPERATOR_KINDS))
    )
    # Written once per process and reused with this worker's values: Piccolo built this SELECT
    # with its joins anew for every request (~0.6 ms of a recommendation's CPU).
    rows = await run_kept(
        KEY,
        query,
        lambda q: q.order_by(P.id).limit(MAX_QUALIFYING_CANDIDATES),
    )
    # The training rule's facts for every training programme at once, when one is checked.
    training = None
    if any(r["kind"] in TRAINING_KINDS and r["worker_trained"] for r in rows):
        training = await _training_facts(worker_id)
    found = []
    for full in rows:
        # Training programmes need a completed course: without one, none of them is checked.
        if full["kind"] in TRAINING_KINDS and not full["worker_trained"]:
            continue
        row = {k: v for k, v in full.items() if not k.startswith("worker_")}
        worker = {name: full[f"worker_{name}"] for name in _WORKER_FACTS}
        known = Known(
            worker=worker if worker["id"] is not None else None,
            key=f"P{row['id']}{_key_tail(worker_id)}",
            applied=full["worker_applied"],
            training=training,
        )
        result = await evaluate_row(Applicant(role="WORKER", id=worker_id), row, known)
        if result.eligible:
            found.append(result)
    return found


async def _training_facts(worker_id: int) -> KnownTraining:
    """The worker's completed enrolments (newest first), their courses' minutes and the
    worker's applications: three statements, where the training rule read two or three for
    each training programme (eligibility._training, amounts.course_minutes, _already)."""
    enrolments = await run_kept(
        "qualifying enrolments",
        enrolments_select().where((E.worker == worker_id) & (E.status == "COMPLETED")),
        lambda q: q.order_by(E.completed_at, ascending=False),
    )
    applications = await run_kept(
        "qualifying applications",
        A.select(A.id, A.programme, A.enrolment, A.applicant_key).where(A.worker == worker_id),
        lambda q: q,
    )
    minutes = await courses_minutes({e["course"] for e in enrolments})
    return KnownTraining(enrolments=enrolments, minutes=minutes, applications=applications)
