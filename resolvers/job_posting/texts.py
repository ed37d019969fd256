"""Posting cards written by the database (resolvers/compiled/texts.py): the SQL of each
JobPosting, Wage and JobPlace field a trusted document selects, and the posting search's page
(`jobPostings` without `near`), as an anonymous reader sees them. Serves frontend teams: the
public app's posting search (招工信息). Also an employer's own list (`myJobPostings`, signed
in), with the writers only its employer sees; and a worker's own applications
(`myJobApplications`, signed in), each with its posting's card; and the postings recommended
to a worker (`recommendedJobPostings`, signed in: scored in Python, the cards by the database).

Each writer says in SQL what the field's resolver returns (resolvers/job_posting/loaders.py
to_posting, JobPosting's own fields); tests/test_compiled_texts.py holds them equal."""

from __future__ import annotations

from typing import Any

from strawberry.utils.str_converters import to_camel_case

import resolvers.employer.texts  # noqa: F401  (the Employer writers, extended below)
from resolvers.compiled import sql_json as j
from resolvers.compiled.texts import (
    OBJECTS,
    ROOTS,
    SCORE,
    Cards,
    Ctx,
    Sel,
    Writer,
    at_least_zero,
    column,
    connection_root,
    distance_page,
    ended_status,
    enum_text,
    instant,
    joined,
    match_page,
    match_root,
    no_distance,
    node_id,
    own_row,
    point,
    python_value,
    reasons_value,
    register,
    revealed,
    text_page,
    values_text,
    without_distance,
)
from resolvers.geo import pages_by_distance
from resolvers.global_ids import decode_id
from resolvers.job_posting import filters
from resolvers.job_posting.loaders import COUNTED_STATUSES
from resolvers.job_posting.queries.matches import candidate_ranking, posting_ranking
from resolvers.job_posting.queries.postings import (
    NEWEST_APPLICATIONS,
    NEWEST_FIRST,
    OLDEST_APPLICATIONS,
    applicant_conditions,
    employer_postings,
    search_order,
    worker_applications,
)
from resolvers.pagination import ExactCount
from resolvers.worker.texts import AS_A_CANDIDATE, AS_AN_APPLICANT
from schema.job_posting.enums import (
    JobApplicationChannel,
    JobApplicationStatus,
    JobPostingStatus,
    WageUnit,
)
from schema.job_posting.types import may_manage
from services.auth.rules import Role
from services.job_posting.rules import EXPIRING
from services.page_statements import run_kept
from tables import job_posting as t
from tables.worker import Worker as WorkerRow


def _wage(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    return values_text(
        "Wage",
        sel.children,
        {
            "amount": j.yuan(ctx.engine, f"{alias}.wage_fen"),
            "unit": enum_text(f"{alias}.wage_unit", WageUnit),
            "dailyEquivalent": j.yuan(ctx.engine, f"{alias}.daily_wage_fen"),
        },
    )


def _work_date(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    return j.shanghai_date(ctx.engine, f"{alias}.starts_at")


register(
    "JobPosting",
    {
        "id": node_id("JobPosting"),
        "title": column("title"),
        "status": ended_status(JobPostingStatus, EXPIRING, "EXPIRED"),  # effective_status
        "headcount": column("headcount", "integer"),
        "confirmedCount": column("confirmed_count", "integer"),
        "remaining": at_least_zero("headcount", "confirmed_count"),
        "sameDay": column("same_day", "boolean"),
        "preferAssisted": column("prefer_assisted", "boolean"),
        "publicWelfare": column("public_welfare", "boolean"),
        "startsAt": instant("starts_at"),
        "endsAt": instant("ends_at"),
        "publishedAt": instant("published_at"),
        "workDate": _work_date,
        "distanceKm": no_distance,
        "wage": _wage,
        "place": own_row("JobPlace"),
        "occupation": joined("Occupation", "occupation", "occupation"),
        "market": joined("Market", "market", "market"),
        "employer": joined("Employer", "employer", "employer"),
    },
)
register(
    "JobPlace",
    {
        "address": column("address"),
        "region": joined("Region", "region", "region"),
        "location": point("latitude", "longitude"),
    },
)


async def _no_public_welfare_lookup(worker: int) -> bool:
    raise AssertionError("anonymous readers are not looked up")  # pragma: no cover


async def _search(kwargs: dict[str, Any], rows: Cards) -> Any:
    """The `jobPostings` resolver's page for an anonymous reader, its cards as text: by its
    order, or (with `near`) ranked by distance as the resolver ranks it (texts.distance_page)."""
    conds = filters.conditions(kwargs.get("where"), kwargs.get("search"))
    conds += await filters.public_welfare(None, _no_public_welfare_lookup)
    order_by = kwargs.get("order_by")
    near = kwargs.get("near")
    if pages_by_distance(near, order_by.field if order_by else None):
        return await distance_page(t.JobPosting.id, conds, near, kwargs, rows)
    sort, count = search_order(conds, order_by)
    return without_distance(await text_page(t.JobPosting.id, conds, sort, kwargs, count, rows))


ROOTS["jobPostings"] = connection_root(
    "JobPosting",
    "JobPostingConnection",
    "job_posting",
    ("id", "starts_at", "published_at", "daily_wage_fen"),
    _search,
    # distanceKm: the page's own postings' from the ranking (a `near` page), null elsewhere
    writers={"JobPosting": {**OBJECTS["JobPosting"], "distanceKm": python_value("job_posting")}},
)


def _application_counts(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # load_application_counts: the posting's applications counted by stored status, all six
    # in one read of them (an aggregate gives its one row, zeros, for none).
    a = ctx.alias()
    values = {
        to_camel_case(field): j.integer(
            f"coalesce(sum(CASE WHEN {a}.status = '{status}' THEN 1 ELSE 0 END), 0)"
        )
        for field, status in COUNTED_STATUSES.items()
    }
    counts = values_text("JobApplicationCounts", sel.children, values)
    return j.scalar(counts, f"FROM job_application {a} WHERE {a}.posting = {alias}.id")


async def _employer_postings(kwargs: dict[str, Any], rows: Cards) -> Any:
    """The `myJobPostings` resolver's page for the signed-in employer, its cards as text."""
    conds, count = employer_postings(rows.viewer, kwargs.get("status"))
    return await text_page(t.JobPosting.id, conds, NEWEST_FIRST, kwargs, count, rows)


# The employer's own postings, as their employer sees them: the application counts
# (managed_by_viewer holds for every one), their own name unmasked (Employer.name: the
# employer themselves). Writers of this root alone.
ROOTS["myJobPostings"] = connection_root(
    "JobPosting",
    "JobPostingConnection",
    "job_posting",
    ("id", "created_at"),
    _employer_postings,
    roles=frozenset({Role.EMPLOYER}),
    writers={
        "JobPosting": {**OBJECTS["JobPosting"], "applicationCounts": _application_counts},
        "Employer": {**OBJECTS["Employer"], "name": column("name")},
    },
)


def _cancel_reason(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # to_application: an empty reason (the column's default) is null.
    return j.string(ctx.engine, f"NULLIF({alias}.cancel_reason, '')")


def _posting_change(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # to_application: the employer's last change, null until there is one.
    values = {
        "summary": j.string(ctx.engine, f"{alias}.posting_change"),
        "changedAt": j.instant(ctx.engine, f"{alias}.posting_changed_at"),
    }
    change = values_text("PostingChange", sel.children, values)
    return j.nullable(f"{alias}.posting_changed_at IS NULL", change)


# A worker's application as they see it (to_application), with the posting's card as any
# reader but its employer sees it (the worker is never its employer): only the fields
# MyApplications asks for; any other keeps the generic executor.
AS_ITS_WORKER_SEES: dict[str, Writer] = {
    "id": node_id("JobApplication"),
    "status": column("status", enum=JobApplicationStatus),
    "channel": column("channel", enum=JobApplicationChannel),
    "appliedAt": instant("applied_at"),
    "confirmedAt": instant("confirmed_at"),
    "checkedInAt": instant("checked_in_at"),
    "completedAt": instant("completed_at"),
    "cancelledAt": instant("cancelled_at"),
    "cancelReason": _cancel_reason,
    "postingChange": _posting_change,
    "jobPosting": joined("JobPosting", "job_posting", "posting"),
}


async def _worker_applications(kwargs: dict[str, Any], rows: Cards) -> Any:
    """The `myJobApplications` resolver's page for the signed-in worker, its cards as text."""
    conds, count = worker_applications(rows.viewer, kwargs.get("status"))
    return await text_page(t.JobApplication.id, conds, NEWEST_APPLICATIONS, kwargs, count, rows)


ROOTS["myJobApplications"] = connection_root(
    "JobApplication",
    "JobApplicationConnection",
    "job_application",
    ("id", "applied_at"),
    _worker_applications,
    roles=frozenset({Role.WORKER}),
    writers={"JobApplication": AS_ITS_WORKER_SEES},
)


async def _applicants(kwargs: dict[str, Any], rows: Cards) -> Any:
    """The `jobApplications` resolver's page for a reader who may manage the posting (its
    employer, the operator of its market, staff), its cards as text, confirmed workers' phones
    decrypted for the readers who may see them; None (the generic executor's null) for an
    unknown posting or one the reader may not manage."""
    number = decode_id(kwargs["job_posting_id"], "JobPosting")
    if number is None:
        return None
    # A statement written once (not a foreign-key step and a SELECT built every request).
    found = await run_kept(
        "jobApplications posting",
        t.JobPosting.select(t.JobPosting.employer, filters.MARKET_OPERATOR).where(
            t.JobPosting.id == number
        ),
        lambda query: query.limit(1),
    )
    if not found or not may_manage(rows.viewer, found[0]["employer"], found[0]["market.operator"]):
        return None
    statuses = [s.value for s in kwargs.get("status") or []]
    conds = applicant_conditions(number, statuses)
    count = ExactCount(t.JobApplication.count().where(*conds))
    return revealed(
        await text_page(t.JobApplication.id, conds, OLDEST_APPLICATIONS, kwargs, count, rows)
    )


# A posting's applicants, as the readers who may manage it see them: the application as its
# worker sees it (the same fields, but not its posting) with its worker (AS_AN_APPLICANT).
AS_ITS_MANAGER_SEES: dict[str, Writer] = {
    **{k: w for k, w in AS_ITS_WORKER_SEES.items() if k != "jobPosting"},
    "worker": joined("Worker", "worker", "worker"),
}
ROOTS["jobApplications"] = connection_root(
    "JobApplication",
    "JobApplicationConnection",
    "job_application",
    ("id", "applied_at"),
    _applicants,
    roles=frozenset({Role.EMPLOYER, Role.OPERATOR, Role.STAFF}),
    writers={"JobApplication": AS_ITS_MANAGER_SEES, "Worker": AS_AN_APPLICANT},
)


# recommendedJobPostings, signed in as a worker: the postings scored in Python by the
# resolver's own ranking, the page's cards by the database (texts.match_page).
ROOTS["recommendedJobPostings"] = match_root(
    "JobPostingMatch",
    "job_posting",
    t.JobPosting.id,
    ("jobPosting", "JobPosting"),
    ("matchReasons", "MatchReason"),
    posting_ranking,
)


async def _candidates(kwargs: dict[str, Any], rows: Cards) -> Any:
    """candidateWorkers for the posting's employer or staff: the workers scored in Python by
    the resolver's own ranking, the page's cards by the database (texts.match_page); None (the
    generic executor's null) for an unknown posting or someone else's."""
    ranking = await candidate_ranking(rows.viewer, kwargs["job_posting_id"], cards=False)
    if ranking is None:
        return None
    matches = {i: match for i, (_, match) in ranking.matches.items()}
    return await match_page(WorkerRow.id, matches, kwargs, rows, ("matchReasons", "MatchReason"))


ROOTS["candidateWorkers"] = connection_root(
    "WorkerMatch",
    "WorkerMatchConnection",
    "worker",
    ("id",),
    _candidates,
    roles=frozenset({Role.EMPLOYER, Role.STAFF}),
    writers={
        "WorkerMatch": {
            "score": python_value("worker", SCORE),
            "matchReasons": reasons_value("worker", "MatchReason"),
            "worker": own_row("Worker"),
        },
        "Worker": AS_A_CANDIDATE,
    },
)
