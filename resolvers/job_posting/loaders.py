"""Posting and application rows to GraphQL objects, and their batch loaders."""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from piccolo.query.functions import Count

from resolvers.employer.loaders import EMPLOYER_COLUMNS, to_employer
from resolvers.market.loaders import to_market
from resolvers.prefetch import json_rows, parse_rows, prime_joined, rerooted, sub_row
from resolvers.reference.loaders import to_occupation
from resolvers.worker.loaders import required_region
from schema.common import GeoPoint
from schema.job_posting import enums as e
from schema.job_posting.types import (
    JobApplication,
    JobApplicationCounts,
    JobPlace,
    JobPosting,
    PostingChange,
    PostingRecord,
    Wage,
)
from services.job_posting.rules import effective_status
from services.job_posting.wage import to_yuan
from services.market.rules import MARKET_COLUMNS
from services.timeutil import local
from tables import job_posting as t
from tables.occupation import Occupation as OccupationRow

MAX_APPLICATIONS_SHOWN = 500

POSTING_COLUMNS = (
    *t.JobPosting.all_columns(),
    t.JobPosting.region.code,
    t.JobPosting.region.name,
    t.JobPosting.region.level,
    t.JobPosting.region.is_mountain_or_island,
    t.JobPosting.region._.parent._.code,
)


def posting_select():
    return t.JobPosting.select(*POSTING_COLUMNS)


@cache  # Piccolo builds a joined column anew on each attribute access: once per process
def posting_page_columns() -> tuple:
    """POSTING_COLUMNS plus the rows a posting card's occupation, employer and market load,
    joined (resolvers/prefetch.py): a page of postings in one statement."""
    return (
        *POSTING_COLUMNS,
        *rerooted(t.JobPosting.occupation, OccupationRow.all_columns()),
        *rerooted(t.JobPosting.employer, EMPLOYER_COLUMNS),
        *rerooted(t.JobPosting.market, MARKET_COLUMNS),
    )


def posting_page_select():
    return t.JobPosting.select(*posting_page_columns())


@cache
def _application_page_columns() -> tuple:
    return (
        *t.JobApplication.all_columns(),
        *rerooted(t.JobApplication.posting, posting_page_columns()),
    )


def application_page_select():
    """Applications with their postings' page columns (a worker's list of shifts)."""
    return t.JobApplication.select(*_application_page_columns())


def primed_posting(loaders, row: dict, distance_km: float | None = None) -> JobPosting:
    """The posting of a posting_page_select() row; the request's posting, occupation, employer
    and market loaders primed with what they would load (tests/test_prefetch.py)."""
    posting = to_posting(row, distance_km)
    if distance_km is None:  # the loader's posting carries no distance
        loaders.job_posting_by_id.prime(posting.id, posting)
    prime_joined(
        row,
        (
            ("occupation.", loaders.occupation_by_id, to_occupation),
            ("employer.", loaders.employer_by_id, to_employer),
            ("market.", loaders.market_by_id, to_market),
        ),
    )
    return posting


def to_posting(row: dict, distance_km: float | None = None) -> JobPosting:
    located = row["latitude"] is not None and row["longitude"] is not None
    daily = row["daily_wage_fen"]
    return JobPosting(
        id=row["id"],
        record=PostingRecord(
            employer_id=row["employer"],
            market_id=row["market"],
            occupation_id=row["occupation"],
        ),
        title=row["title"],
        description=row["description"] or "",
        status=e.JobPostingStatus(effective_status(row["status"], row["ends_at"])),
        headcount=row["headcount"],
        confirmed_count=row["confirmed_count"],
        wage=Wage(
            amount=to_yuan(row["wage_fen"]),
            unit=e.WageUnit(row["wage_unit"]),
            daily_equivalent=to_yuan(daily) if daily is not None else None,
        ),
        starts_at=row["starts_at"],
        ends_at=row["ends_at"],
        work_date=local(row["starts_at"]).date(),
        place=JobPlace(
            address=row["address"],
            region=required_region(row, "region"),
            location=GeoPoint(latitude=row["latitude"], longitude=row["longitude"])
            if located
            else None,
        ),
        same_day=bool(row["same_day"]),
        prefer_assisted=bool(row["prefer_assisted"]),
        public_welfare=bool(row["public_welfare"]),
        published_at=row["published_at"],
        closed_at=row["closed_at"],
        created_at=row["created_at"],
        distance_km=distance_km,
    )


def primed_application(loaders, row: dict) -> JobApplication:
    """The application of an application_page_select() row; its posting primed as a posting
    page primes it."""
    posting = sub_row(row, "posting.")
    if posting is not None:
        primed_posting(loaders, posting)
    return to_application(row)


def to_application(row: dict) -> JobApplication:
    return JobApplication(
        id=row["id"],
        posting_id=row["posting"],
        worker_id=row["worker"],
        status=e.JobApplicationStatus(row["status"]),
        channel=e.JobApplicationChannel(row["channel"]),
        starts_at=row["starts_at"],
        ends_at=row["ends_at"],
        applied_at=row["applied_at"],
        confirmed_at=row["confirmed_at"],
        checked_in_at=row["checked_in_at"],
        checked_in_by=e.JobApplicationActor(row["checked_in_by"]) if row["checked_in_by"] else None,
        completed_at=row["completed_at"],
        cancelled_at=row["cancelled_at"],
        cancelled_by=e.JobApplicationActor(row["cancelled_by"]) if row["cancelled_by"] else None,
        cancel_reason=row["cancel_reason"] or None,
        no_show_at=row["no_show_at"],
        posting_change=PostingChange(
            summary=row["posting_change"], changed_at=row["posting_changed_at"]
        )
        if row["posting_changed_at"] is not None
        else None,
    )


async def load_postings(ids: list[int]) -> list[JobPosting | None]:
    rows = await posting_select().where(t.JobPosting.id.is_in(list(set(ids))))
    by_id = {r["id"]: to_posting(r) for r in rows}
    return [by_id.get(i) for i in ids]


async def load_public_postings(ids: list[int]) -> list[JobPosting | None]:
    """Anyone may see a posting once published; drafts only through the owner's queries."""
    rows = await posting_select().where(
        t.JobPosting.id.is_in(list(set(ids))) & t.JobPosting.published_at.is_not_null()
    )
    by_id = {r["id"]: to_posting(r) for r in rows}
    return [by_id.get(i) for i in ids]


async def load_applications(ids: list[int]) -> list[JobApplication | None]:
    rows = await t.JobApplication.select().where(t.JobApplication.id.is_in(list(set(ids))))
    by_id = {r["id"]: to_application(r) for r in rows}
    return [by_id.get(i) for i in ids]


async def load_applications_by_posting(ids: list[int]) -> list[list[JobApplication]]:
    rows = (
        await t.JobApplication.select()
        .where(t.JobApplication.posting.is_in(list(set(ids))))
        .order_by(t.JobApplication.applied_at)
        .order_by(t.JobApplication.id)
    )
    grouped: dict[int, list[JobApplication]] = defaultdict(list)
    for r in rows:
        if len(grouped[r["posting"]]) < MAX_APPLICATIONS_SHOWN:
            grouped[r["posting"]].append(to_application(r))
    return [grouped.get(i, []) for i in ids]


async def load_application_counts(ids: list[int]) -> list[JobApplicationCounts]:
    rows = (
        await t.JobApplication.select(
            t.JobApplication.posting, t.JobApplication.status, Count(alias="n")
        )
        .where(t.JobApplication.posting.is_in(list(set(ids))))
        .group_by(t.JobApplication.posting, t.JobApplication.status)
    )
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for r in rows:
        counts[r["posting"]][r["status"]] = r["n"]
    return [to_application_counts(counts.get(i, {})) for i in ids]


# JobApplicationCounts' fields and the stored status each counts (also its text plan's writer,
# resolvers/job_posting/texts.py).
COUNTED_STATUSES = {
    "applied": "APPLIED",
    "confirmed": "CONFIRMED",
    "checked_in": "CHECKED_IN",
    "completed": "COMPLETED",
    "cancelled": "CANCELLED",
    "no_show": "NO_SHOW",
}


def to_application_counts(by_status: dict[str, int]) -> JobApplicationCounts:
    return JobApplicationCounts(
        **{field: by_status.get(status, 0) for field, status in COUNTED_STATUSES.items()}
    )


def employer_posting_page_select():
    """posting_page_select() plus each posting's applications counted by status, as JSON: an
    employer's own list of postings (EmployerPostings, employers) in one statement."""
    return posting_page_select().columns(
        json_rows(
            "prefetch_counts",
            "c.status, c.n",
            "(SELECT a.status AS status, COUNT(*) AS n FROM job_application a "
            'WHERE a.posting = "job_posting"."id" GROUP BY a.status) c',
        )
    )


def primed_employer_posting(loaders, row: dict) -> JobPosting:
    """The posting of an employer_posting_page_select() row, primed as primed_posting() does,
    with its application counts as load_application_counts counts them."""
    posting = primed_posting(loaders, row)
    counts = {status: n for status, n in parse_rows(row["prefetch_counts"])}
    loaders.application_counts_by_posting.prime(posting.id, to_application_counts(counts))
    return posting


async def load_application_by_worker_posting(
    keys: list[tuple[int, int]],
) -> list[JobApplication | None]:
    workers = list({w for w, _ in keys})
    postings = list({p for _, p in keys})
    rows = await t.JobApplication.select().where(
        t.JobApplication.worker.is_in(workers) & t.JobApplication.posting.is_in(postings)
    )
    by_key = {(r["worker"], r["posting"]): to_application(r) for r in rows}
    return [by_key.get(k) for k in keys]
