"""Signed-in hiring lists in few statements (resolvers/prefetch.py; issue 15): a posting's
applicants (employers, operators, staff), the candidate workers of a posting and the worker
asking for recommendations, each read with what their cards load.

Each value primed here is what the worker domain's batch function would return for the same key
(resolvers/worker/loaders.py: load_occupations_by_worker, load_access, load_secrets;
services/assistance/eligibility.py for public-welfare jobs); tests/job_posting/test_prefetch*.py
load every primed key again through fresh loaders and compare, repr included. Who may see what
is decided as before, by Worker's own checks; only the values those checks read come with the
page (a phone is decrypted only where the viewer may see it)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import cache
from typing import Any

from piccolo.columns.combination import WhereRaw
from piccolo.query import Select
from piccolo.querystring import QueryString

from resolvers.job_posting.loaders import posting_page_select, primed_posting, to_application
from resolvers.prefetch import json_instant, json_rows, parse_rows, rerooted, sub_row
from resolvers.reference.loaders import to_occupation
from resolvers.worker.loaders import (
    WORKER_COLUMNS,
    application_level_sql,
    employer_access_sql,
    operator_access_sql,
    to_secrets,
    to_worker,
    worker_select,
)
from schema.job_posting.types import JobApplication, JobPosting
from schema.reference.types import Occupation
from schema.worker.types import WorkerAccess
from services.assistance.eligibility import ELIGIBLE_TIERS
from services.assistance.tier import tier_from_row
from services.auth.rules import Role
from services.job_posting.applications import BOOKED
from services.timeutil import now
from tables import job_posting as t
from tables.worker import Worker as WorkerRow

WORKER = '"worker"."id"'  # a worker select's own row
OCCUPATIONS = "prefetch_occupations"
ACCESS = "prefetch_access"


def occupations_column(worker: str) -> QueryString:
    """The occupations of the worker whose id is the SQL expression `worker`, as JSON."""
    return json_rows(
        OCCUPATIONS,
        "o.id, o.code, o.name, o.major_group, o.aliases",
        f"worker_occupation wo JOIN occupation o ON o.id = wo.occupation WHERE wo.worker = {worker}",
    )


def occupations_of(row: dict) -> list[Occupation]:
    """What load_occupations_by_worker gives for the row's worker: sorted by id."""
    found = [
        to_occupation({"id": i, "code": code, "name": name, "major_group": group, "aliases": a})
        for i, code, name, group, a in parse_rows(row[OCCUPATIONS])
    ]
    found.sort(key=lambda o: o.id)
    return found


def occupation_ids(row: dict) -> set[int]:
    return {r[0] for r in parse_rows(row[OCCUPATIONS])}


# candidateWorkers walks workers in id order until its 1,000th near and free one
# (resolvers/job_posting/queries/matches.py). Each test of a worker there is a probe of an index
# for that row, written as a scalar subquery: PostgreSQL neither turns it into a join nor hashes
# it, so a request reads about as many rows as it walks whatever the province's size (the
# occupation's workers as an IN list, and every booking not yet over, were tens of thousands
# of rows at full scale), and it evaluates the probes after the cheap tests of the same row.
SUITED = "prefetch_suited"


def suited_condition(worker: str, occupation: int | None) -> WhereRaw:
    """The worker (the SQL expression `worker`) has the occupation."""
    return WhereRaw(_suited_sql(worker), occupation)


def suited_column(worker: str, occupation: int | None) -> QueryString:
    """suited_condition() as a column (1 or 0; PostgreSQL: true or false)."""
    return QueryString(_suited_sql(worker), occupation).as_alias(SUITED)


def _suited_sql(worker: str) -> str:
    return (
        "(SELECT 1 FROM worker_occupation so "
        f"WHERE so.worker = {worker} AND so.occupation = {{}} LIMIT 1) IS NOT NULL"
    )


def in_city_condition(home_region: str, city_code: str) -> WhereRaw:
    """The region `home_region` (an SQL expression) is a county of the city `city_code`: the
    city's few counties, not a join per row, so the test needs nothing but the worker's row."""
    return WhereRaw(
        f"{home_region} IN (SELECT c.id FROM region c JOIN region cp ON cp.id = c.parent "
        "WHERE cp.code = {})",
        city_code,
    )


def free_conditions(worker: str, starts_at: datetime, ends_at: datetime) -> list[WhereRaw]:
    """The worker has no booked shift (BOOKED) overlapping [starts_at, ends_at): a probe of
    job_application_worker_window (worker, status, starts_at) per status. One equality per
    status, not IN: SQLite 3.40 answers `worker = ? AND status IN (…) AND starts_at < ?` on that
    index with rows outside the range. `<> 1`, not IS NULL: PostgreSQL's default selectivity
    of IS NULL on an expression (0.5 %) made it expect to walk the whole table and compile the
    statement (JIT) for a walk of a few thousand rows."""
    return [
        WhereRaw(
            "COALESCE((SELECT 1 FROM job_application b WHERE b.worker = "
            f"{worker} AND b.status = {{}} AND b.starts_at < {{}} AND b.ends_at > {{}} "
            "LIMIT 1), 0) <> 1",
            status,
            ends_at,
            starts_at,
        )
        for status in BOOKED
    ]


def only_then(test: Any, probes: list[WhereRaw]) -> WhereRaw:
    """`test` (a condition), and only for rows that pass it, the `probes`. PostgreSQL orders a
    WHERE's conditions by their estimated cost: it probed the booked shifts of every worker
    candidateWorkers walked (7,589 of them for 1,000 candidates in the benchmark) before the
    test most of them fail; one CASE keeps the order written (23 → 16 ms for the statement)."""
    then = " AND ".join("{}" for _ in probes)
    return WhereRaw(
        f"CASE WHEN {{}} THEN {then} ELSE false END",
        test.querystring,
        *(probe.querystring for probe in probes),
    )


def access_column(worker: str, employer: str) -> QueryString:
    """What an employer (the SQL expression `employer`) may see of the worker `worker`, as
    load_access rates an employer: CONFIRMED once any of the employer's postings confirmed the
    worker, APPLICANT once the worker applied to one, NULL (NONE) otherwise. For a page's rows
    (at most a hundred): a subquery per row."""
    return QueryString(employer_access_sql(worker, employer)).as_alias(ACCESS)


def prime_access(loaders, viewer, worker_id: int, row: dict) -> int:
    """Prime the employer viewer's access to the worker from access_column(); the level."""
    level = WorkerAccess(row[ACCESS] or WorkerAccess.NONE)
    loaders.worker_access.prime((viewer.role, viewer.subject_id, worker_id), level)
    return level


LEVELS = "prefetch_levels"


def levels_column(employer: str) -> QueryString:
    """Every worker who ever applied to the employer (the SQL expression `employer`) with the
    level load_access gives them, as JSON [[worker, level], …]: a candidate list asks it once
    with its posting, not once per candidate (a subquery for each of a thousand candidates
    made PostgreSQL compile the statement, JIT, at province scale)."""
    return json_rows(
        LEVELS,
        "x.worker, x.level",
        f"(SELECT a.worker AS worker, MAX({application_level_sql('a.status')}) AS level "
        "FROM job_application a JOIN job_posting p ON p.id = a.posting "
        f"WHERE p.employer = {employer} GROUP BY a.worker) x",
    )


def prime_levels(loaders, viewer, worker_ids: list[int], row: dict) -> None:
    """Prime the employer viewer's access to these workers from levels_column()."""
    levels = {worker: level for worker, level in parse_rows(row[LEVELS])}
    for worker in worker_ids:
        level = WorkerAccess(levels.get(worker, WorkerAccess.NONE))
        loaders.worker_access.prime((viewer.role, viewer.subject_id, worker), level)


# The secrets an employer's applicant list may show (the phone, once confirmed): the cipher
# texts travel with the page, and are decrypted only for a worker whose phone the viewer may see.
SECRET_COLUMNS = ("phone_encrypted", "resident_id_encrypted", "assistance_encrypted")


def prime_secrets(loaders, viewer, worker_id: int, level: int, row: dict) -> None:
    """Prime load_secrets' value when Worker.phone would load it (not staff, CONFIRMED)."""
    if viewer.role == Role.STAFF or level < WorkerAccess.CONFIRMED:
        return
    loaders.worker_secrets.prime(worker_id, to_secrets(row))


def tier_columns(worker: str) -> list[QueryString]:
    """What services/assistance/tier.tiers reads besides the worker's own row: the last
    completed shift and the staff override."""
    return [
        QueryString(
            f"(SELECT MAX(a.completed_at) FROM job_application a "
            f"WHERE a.worker = {worker} AND a.status = 'COMPLETED')"
        ).as_alias("prefetch_last_completed"),
        QueryString(
            f"(SELECT s.tier FROM worker_service_tier s WHERE s.worker = {worker})"
        ).as_alias("prefetch_override"),
    ]


def prime_public_welfare(loaders, row: dict) -> bool:
    """Prime load_public_welfare_eligible for the row's worker (with its assistance_encrypted,
    birth_year, created_at and tier_columns()), deciding as tiers() and eligible() do."""
    eligible = public_welfare_eligible(row)
    loaders.public_welfare_eligible.prime(row["id"], eligible)
    return eligible


def public_welfare_eligible(row: dict) -> bool:
    """Whether the row's worker may take public-welfare jobs (prime_public_welfare's decision)."""
    derived = tier_from_row(row, row["prefetch_last_completed"], now()).tier
    override = row["prefetch_override"]
    return (derived if override is None else override) in ELIGIBLE_TIERS


def recommending_worker_select():
    """The worker asking for recommendations in one statement: their occupations, their
    applications (postings to leave out, booked windows) and what their service tier is made
    of (asked only when a candidate is a public-welfare job)."""
    return worker_select().columns(
        WorkerRow.assistance_encrypted,
        occupations_column(WORKER),
        json_rows(
            "prefetch_applications",
            "a.posting, a.status, a.starts_at, a.ends_at",
            f"job_application a WHERE a.worker = {WORKER}",
        ),
        *tier_columns(WORKER),
    )


def applications_of(row: dict) -> list[tuple[int, str, datetime, datetime]]:
    """(posting, status, starts_at, ends_at) of the worker's applications, in no order."""
    return [
        (posting, status, json_instant(starts), json_instant(ends))
        for posting, status, starts, ends in parse_rows(row["prefetch_applications"])
    ]


COUNT = "prefetch_count"
_WORKER = '"job_application"."worker"'
_POSTING = '"job_application"."posting"'
# The viewer is the posting's employer, or the operator of its market (the list checked it
# before the page is read): the page's SQL names them through the posting, so its text is the
# same for every viewer (resolvers/pagination.rows_of keeps it).
_EMPLOYER = f"(SELECT p0.employer FROM job_posting p0 WHERE p0.id = {_POSTING})"
_OPERATOR = (
    "(SELECT m0.operator FROM job_posting p0 JOIN market m0 ON m0.id = p0.market "
    f"WHERE p0.id = {_POSTING})"
)


async def posting_with_count(
    loaders, number: int, statuses: list[str]
) -> tuple[JobPosting, int] | None:
    """The posting as a posting page brings it (its market primed for managed_by_viewer) and
    how many of its applications have `statuses` (all when empty): what the list's totalCount
    would count."""
    among = f" AND a.status IN ({', '.join('{}' for _ in statuses)})" if statuses else ""
    count = QueryString(
        f'(SELECT COUNT(*) FROM job_application a WHERE a.posting = "job_posting"."id"{among})',
        *statuses,
    ).as_alias(COUNT)
    row = await posting_page_select().columns(count).where(t.JobPosting.id == number).first()
    if row is None:
        return None
    return primed_posting(loaders, row), int(row[COUNT])


@cache  # Piccolo builds a joined column anew on each attribute access: once per process
def _worker_columns() -> tuple:
    secrets = [getattr(WorkerRow, name) for name in SECRET_COLUMNS]
    return (*rerooted(t.JobApplication.worker, (*WORKER_COLUMNS, *secrets)),)


def _operator_access() -> QueryString:
    """load_access for the operator of the posting's market."""
    return QueryString(operator_access_sql(_WORKER, _OPERATOR)).as_alias(ACCESS)


def _applicants(access: Callable[[], list[QueryString]]) -> Callable[[], Select]:
    def rows() -> Select:
        return t.JobApplication.select(
            *t.JobApplication.all_columns(),
            *_worker_columns(),
            occupations_column(_WORKER),
            *access(),
        )

    return rows


# One page text per kind of viewer: staff see every worker in full (load_access asks nothing).
APPLICANT_ROWS = {
    Role.EMPLOYER: _applicants(lambda: [access_column(_WORKER, _EMPLOYER)]),
    Role.OPERATOR: _applicants(lambda: [_operator_access()]),
    Role.STAFF: _applicants(list),
}


def applicant_page_select(role: str) -> Callable[[], Select]:
    """The applications of an applicant list (for employers, operators and staff) with each
    applicant's card."""
    return APPLICANT_ROWS[Role(role)]


def primed_applicant(loaders, viewer, row: dict) -> JobApplication:
    """The application of an applicant_page_select() row; the worker, occupation, access and
    (where Worker.phone would load them) secrets loaders primed with what they would load."""
    worker = sub_row(row, "worker.")
    assert worker is not None  # job_application.worker is NOT NULL
    loaders.worker_by_id.prime(worker["id"], to_worker(worker))
    loaders.occupations_by_worker.prime(worker["id"], occupations_of(row))
    if ACCESS in row:
        level = prime_access(loaders, viewer, worker["id"], row)
        prime_secrets(loaders, viewer, worker["id"], level, worker)
    return to_application(row)
