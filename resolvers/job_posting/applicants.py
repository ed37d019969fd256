"""A posting's applicant list (jobApplications) in three statements, whatever the page size.

The token, the posting with its market and application count, and the page with each
applicant's card (resolvers/prefetch.py; issue 15): the worker, their occupations, what the
viewer may see of them (load_access) and, for a worker whose full phone the viewer may see, the
phone (load_secrets). Who may see what is decided as before, by Worker's own checks; only the
values those checks read come with the page."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from piccolo.query import Select
from piccolo.querystring import QueryString

from resolvers.job_posting import workers as prefetched
from resolvers.job_posting.loaders import posting_page_select, primed_posting, to_application
from resolvers.prefetch import rerooted, sub_row
from resolvers.worker.loaders import WORKER_COLUMNS, to_worker
from schema.job_posting.types import JobApplication, JobPosting
from schema.worker.types import WorkerAccess
from services.auth.rules import Role
from tables import job_posting as t
from tables.worker import Worker as WorkerRow

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
    secrets = [getattr(WorkerRow, name) for name in prefetched.SECRET_COLUMNS]
    return (*rerooted(t.JobApplication.worker, (*WORKER_COLUMNS, *secrets)),)


def _operator_access() -> QueryString:
    """load_access for the operator of the posting's market: OPERATOR for a worker registered
    at one of the operator's markets, else as for an employer over the operator's markets."""
    sql = (
        f"(CASE WHEN EXISTS (SELECT 1 FROM worker w0 JOIN market m1 ON m1.id = w0.registered_market "
        f"WHERE w0.id = {_WORKER} AND m1.operator = {_OPERATOR}) THEN {int(WorkerAccess.OPERATOR)} "
        f"ELSE (SELECT MAX(CASE WHEN a.status IN ({prefetched.CONFIRMED}) "
        f"THEN {int(WorkerAccess.CONFIRMED)} ELSE {int(WorkerAccess.APPLICANT)} END) "
        "FROM job_application a JOIN job_posting p ON p.id = a.posting "
        f"JOIN market m ON m.id = p.market WHERE a.worker = {_WORKER} AND m.operator = {_OPERATOR}) "
        "END)"
    )
    return QueryString(sql).as_alias(prefetched.ACCESS)


def _applicants(access: Callable[[], list[QueryString]]) -> Callable[[], Select]:
    def rows() -> Select:
        return t.JobApplication.select(
            *t.JobApplication.all_columns(),
            *_worker_columns(),
            prefetched.occupations_column(_WORKER),
            *access(),
        )

    return rows


# One page text per kind of viewer: staff see every worker in full (load_access asks nothing).
APPLICANT_ROWS = {
    Role.EMPLOYER: _applicants(lambda: [prefetched.access_column(_WORKER, _EMPLOYER)]),
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
    loaders.occupations_by_worker.prime(worker["id"], prefetched.occupations_of(row))
    if prefetched.ACCESS in row:
        level = prefetched.prime_access(loaders, viewer, worker["id"], row)
        prefetched.prime_secrets(loaders, viewer, worker["id"], level, worker)
    return to_application(row)
