"""Posting and application queries: jobPostings, jobPosting, myJobPostings, myJobApplications,
jobApplication, jobApplications."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from piccolo.custom_types import Combinable

from resolvers.filters import counting
from resolvers.geo import near_page, pages_by_distance
from resolvers.global_ids import decode_id
from resolvers.job_posting import filters
from resolvers.job_posting.loaders import (
    application_page_select,
    employer_posting_page_select,
    posting_page_select,
    primed_application,
    primed_employer_posting,
    primed_posting,
)
from resolvers.job_posting.pages import (
    applicant_page_select,
    posting_with_count,
    primed_applicant,
)
from resolvers.pagination import (
    After,
    CappedCount,
    ExactCount,
    First,
    Ranked,
    SortSpec,
    rows_by_id,
    sql_page,
)
from resolvers.permissions import allow, current_viewer
from schema.common import Connection, GeoPointInput, OrderDirection
from schema.job_posting.enums import JobApplicationStatus, JobPostingOrderField, JobPostingStatus
from schema.job_posting.inputs import JobPostingOrder, JobPostingWhereInput
from schema.job_posting.types import JobApplication, JobPosting
from services.auth.rules import Role
from tables import job_posting as t

SORTS = {
    JobPostingOrderField.STARTS_AT: (t.JobPosting.starts_at, "starts_at", datetime),
    JobPostingOrderField.PUBLISHED_AT: (t.JobPosting.published_at, "published_at", datetime),
    JobPostingOrderField.DAILY_WAGE: (t.JobPosting.daily_wage_fen, "daily_wage_fen", int),
}


def search_order(conds: list, order_by: JobPostingOrder | None) -> tuple[SortSpec, CappedCount]:
    """The posting search's sort and count for `conds` (a daily-wage order leaves piece rates
    out of `conds`): jobPostings, and its text plan (resolvers/job_posting/texts.py)."""
    field = order_by.field if order_by else JobPostingOrderField.STARTS_AT
    column, key, kind = SORTS[field]
    if field == JobPostingOrderField.DAILY_WAGE:
        conds.append(t.JobPosting.daily_wage_fen.is_not_null())
    # The province's open postings run to six figures: the count stops past the cap.
    count = CappedCount(t.JobPosting.select(t.JobPosting.id).where(*counting(conds)))
    descending = bool(order_by and order_by.direction == OrderDirection.DESC)
    return SortSpec(column, key, kind, descending=descending), count


NEWEST_FIRST = SortSpec(t.JobPosting.created_at, "created_at", datetime, descending=True)


def employer_postings(viewer, status: list | None) -> tuple[list, ExactCount]:
    """myJobPostings' conditions and count: the viewer's own postings, in the statuses as
    readers see them. For the resolver and its text plan (resolvers/job_posting/texts.py)."""
    conds: list[Combinable] = [t.JobPosting.employer == viewer.subject_id]
    if status:
        statuses: list[str] = [s.value for s in status]
        conds.append(filters.status_condition(statuses))
    return conds, ExactCount(t.JobPosting.count().where(*conds))


NEWEST_APPLICATIONS = SortSpec(t.JobApplication.applied_at, "applied_at", datetime, descending=True)
# A posting's applicant list (jobApplications): oldest application first.
OLDEST_APPLICATIONS = SortSpec(t.JobApplication.applied_at, "applied_at", datetime)


def applicant_conditions(posting_id: int, statuses: list[str]) -> list[Combinable]:
    """The applications of a posting's applicant list, of these statuses (all when empty)."""
    conds: list[Combinable] = [t.JobApplication.posting == posting_id]
    if statuses:
        conds.append(t.JobApplication.status.is_in(statuses))
    return conds


def worker_applications(viewer, status: list | None) -> tuple[list, ExactCount]:
    """myJobApplications' conditions and count: the viewer's own applications, in the stored
    statuses asked for. For the resolver and its text plan (resolvers/job_posting/texts.py)."""
    conds: list[Combinable] = [t.JobApplication.worker == viewer.subject_id]
    if status:
        conds.append(t.JobApplication.status.is_in([s.value for s in status]))
    return conds, ExactCount(t.JobApplication.count().where(*conds))


async def _near_page(info, conds: list, near: GeoPointInput, first, after) -> Connection:
    """Distance search over OPEN postings with a location, nearest first."""
    loaders = info.context.loaders

    async def load(page: list[Ranked]) -> dict[int, JobPosting]:
        ids = [i for _, i in page]
        found = await rows_by_id(posting_page_select, t.JobPosting.id, ids)
        rows = {r["id"]: r for r in found}
        return {i: primed_posting(loaders, rows[i], distance_km=d) for d, i in page if i in rows}

    return await near_page(t.JobPosting, conds, near, first, after, load)


def _primed(info: strawberry.Info):
    def node(row: dict) -> JobPosting:
        return primed_posting(info.context.loaders, row)

    return node


@strawberry.type
class JobPostingQuery:
    @strawberry.field(
        description="Open job postings (招工信息) for everyone: filter, search, sort, page. "
        "Only OPEN postings whose work window has not ended are listed."
    )
    async def job_postings(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        where: Annotated[
            JobPostingWhereInput | None, strawberry.argument(description="Filters.")
        ] = None,
        near: Annotated[
            GeoPointInput | None,
            strawberry.argument(
                description="Only postings within `radiusKm` of this point, nearest first; "
                "results carry distanceKm."
            ),
        ] = None,
        order_by: Annotated[
            JobPostingOrder | None,
            strawberry.argument(description="Sort order (default: soonest start first)."),
        ] = None,
        search: Annotated[
            str | None, strawberry.argument(description="Text in title, description or address.")
        ] = None,
    ) -> Connection[JobPosting]:
        conds = filters.conditions(where, search)
        conds += await filters.public_welfare(
            info.context.viewer, info.context.loaders.public_welfare_eligible.load
        )
        if pages_by_distance(near, order_by.field if order_by else None):
            return await _near_page(info, conds, near, first, after)
        sort, count = search_order(conds, order_by)
        return await sql_page(
            t.JobPosting.select(t.JobPosting.id).where(*conds),
            t.JobPosting.id,
            sort,
            first,
            after,
            _primed(info),
            count,
            rows=posting_page_select,
        )

    @strawberry.field(
        description="One posting by global id: any published posting; drafts only for their "
        "employer and staff; public-welfare jobs only for those who may see them. Null if "
        "unknown."
    )
    async def job_posting(
        self,
        info: strawberry.Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="Global id of the posting.")],
    ) -> JobPosting | None:
        number = decode_id(id, "JobPosting")
        if number is None:
            return None
        posting = await info.context.loaders.job_posting_by_id.load(number)
        if posting is not None and not await posting.visible_to_viewer(info):
            return None  # a public-welfare job the viewer may not see: as for an unknown id
        if posting is None or posting.published_at is not None:
            return posting
        viewer = info.context.viewer
        owner = viewer is not None and (
            viewer.role == Role.STAFF
            or (viewer.role == Role.EMPLOYER and viewer.subject_id == posting.record.employer_id)
        )
        return posting if owner else None

    @strawberry.field(
        description="The signed-in employer's postings in every status, newest first.",
        extensions=[allow(Role.EMPLOYER)],
    )
    async def my_job_postings(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        status: Annotated[
            list[JobPostingStatus] | None,
            strawberry.argument(description="Only these statuses (default: all)."),
        ] = None,
    ) -> Connection[JobPosting]:
        conds, count = employer_postings(current_viewer(info), status)
        loaders = info.context.loaders
        return await sql_page(
            t.JobPosting.select(t.JobPosting.id).where(*conds),
            t.JobPosting.id,
            NEWEST_FIRST,
            first,
            after,
            lambda row: primed_employer_posting(loaders, row),
            count,
            rows=employer_posting_page_select,
        )

    @strawberry.field(
        description="One application (the shift detail screen): for its worker, the posting's "
        "employer, the operator of the posting's market and staff; null otherwise, exactly as "
        "for an unknown id.",
        extensions=[allow()],
    )
    async def job_application(
        self,
        info: strawberry.Info,
        id: Annotated[
            strawberry.ID, strawberry.argument(description="Global id of the application.")
        ],
    ) -> JobApplication | None:
        viewer = current_viewer(info)
        number = decode_id(id, "JobApplication")
        if number is None:
            return None
        application = await info.context.loaders.job_application_by_id.load(number)
        if application is None:
            return None
        if viewer.role == Role.WORKER:
            return application if application.worker_id == viewer.subject_id else None
        posting = await info.context.loaders.job_posting_by_id.load(application.posting_id)
        return application if await posting.managed_by_viewer(info) else None

    @strawberry.field(
        description="A posting's applicants, oldest application first, page by page (the "
        "employer's applicant list): for the posting's employer, the operator of its market and "
        "staff; null for an unknown posting or someone else's.",
        extensions=[allow(Role.EMPLOYER, Role.OPERATOR, Role.STAFF)],
    )
    async def job_applications(
        self,
        info: strawberry.Info,
        job_posting_id: Annotated[
            strawberry.ID, strawberry.argument(description="Global id of the posting.")
        ],
        first: First = None,
        after: After = None,
        status: Annotated[
            list[JobApplicationStatus] | None,
            strawberry.argument(description="Only these statuses (default: all)."),
        ] = None,
    ) -> Connection[JobApplication] | None:
        viewer = current_viewer(info)
        loaders = info.context.loaders
        number = decode_id(job_posting_id, "JobPosting")
        statuses: list[str] = [s.value for s in status] if status else []  # type: ignore[misc]
        # The posting with its market (who may manage it) and the list's count, in one
        # statement; the page brings each applicant's card (resolvers/job_posting/applicants).
        found = None if number is None else await posting_with_count(loaders, number, statuses)
        if found is None or not await found[0].managed_by_viewer(info):
            return None
        posting, total = found
        conds = applicant_conditions(posting.id, statuses)

        async def count() -> int:
            return total

        return await sql_page(
            t.JobApplication.select(t.JobApplication.id).where(*conds),
            t.JobApplication.id,
            OLDEST_APPLICATIONS,
            first,
            after,
            lambda row: primed_applicant(loaders, viewer, row),
            count,
            rows=applicant_page_select(viewer.role),
        )

    @strawberry.field(
        description="The signed-in worker's applications, newest first.",
        extensions=[allow(Role.WORKER)],
    )
    async def my_job_applications(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        status: Annotated[
            list[JobApplicationStatus] | None,
            strawberry.argument(description="Only these statuses (default: all)."),
        ] = None,
    ) -> Connection[JobApplication]:
        conds, count = worker_applications(current_viewer(info), status)
        loaders = info.context.loaders
        return await sql_page(
            t.JobApplication.select(t.JobApplication.id).where(*conds),
            t.JobApplication.id,
            NEWEST_APPLICATIONS,
            first,
            after,
            lambda row: primed_application(loaders, row),
            count,
            rows=application_page_select,
        )
