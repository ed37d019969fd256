"""Matching queries: recommendedJobPostings (worker) and candidateWorkers (employer)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from resolvers.global_ids import decode_id
from resolvers.job_posting import filters
from resolvers.job_posting import workers as prefetched
from resolvers.job_posting.loaders import (
    POSTING_COLUMNS,
    posting_page_select,
    primed_posting,
    to_posting,
)
from resolvers.pagination import After, First, SortSpec, rows_of, scored_page
from resolvers.permissions import allow, current_viewer
from resolvers.worker.loaders import to_worker, worker_select
from schema.common import Connection
from schema.job_posting.enums import MatchReasonCode
from schema.job_posting.types import JobPostingMatch, MatchReason, WorkerMatch
from schema.worker.types import WorkerAccess
from services.auth.rules import Role
from services.job_posting import matching
from services.job_posting.applications import BOOKED
from services.timeutil import now
from tables import job_posting as t
from tables.worker import Worker as WorkerRow
from tables.worker import WorkerOccupation

# Matching scores candidates in Python: these caps keep each request bounded.
MAX_POSTING_CANDIDATES = 500
MAX_WORKER_CANDIDATES = 1000


def _reasons(match: matching.Match) -> list[MatchReason]:
    return [MatchReason(code=MatchReasonCode(r.code), message=r.text) for r in match.reasons]


_BY_START = SortSpec(t.JobPosting.starts_at, "starts_at", datetime)


def _overlaps(windows: list[tuple], starts, ends) -> bool:
    return any(s < ends and e > starts for s, e in windows)


@strawberry.type
class JobPostingMatchQuery:
    @strawberry.field(
        description="Open postings for the signed-in worker, best match first: occupation, "
        "distance or region, how soon, wage. Postings already applied to, or clashing with a "
        "confirmed shift, are left out.",
        extensions=[allow(Role.WORKER)],
    )
    async def recommended_job_postings(
        self, info: strawberry.Info, first: First = None, after: After = None
    ) -> Connection[JobPostingMatch]:
        viewer = current_viewer(info)
        loaders = info.context.loaders
        worker = (
            await prefetched.recommending_worker_select()
            .where(WorkerRow.id == viewer.subject_id)
            .first()
        )
        if worker is None:
            return await scored_page([], first, after)
        occupations = prefetched.occupation_ids(worker)
        moment = now()
        mine = prefetched.applications_of(worker)
        applied = [posting for posting, *_ in mine]
        booked = [(starts, ends) for _, status, starts, ends in mine if status in BOOKED]
        # The candidates are chosen on the postings' own columns, then read with what their
        # cards load (occupation, employer, market: resolvers/prefetch.py), as a page is.
        query = t.JobPosting.select(t.JobPosting.id).where(*filters.public_open(moment))
        if applied:
            query = query.where(t.JobPosting.id.not_in(applied))
        query = query.order_by(t.JobPosting.starts_at).limit(MAX_POSTING_CANDIDATES)
        rows = await rows_of(posting_page_select, t.JobPosting.id, query, _BY_START)
        # Public-welfare jobs only for eligible workers; decided only when a candidate is one.
        if any(r["public_welfare"] for r in rows):
            if not prefetched.prime_public_welfare(loaders, worker):
                rows = [r for r in rows if not r["public_welfare"]]
        place = matching.worker_place(worker)
        scored = []
        for row in rows:
            if _overlaps(booked, row["starts_at"], row["ends_at"]):
                continue
            match = matching.score_posting(place, occupations, row, moment)
            if match is not None:
                node = JobPostingMatch(
                    job_posting=to_posting(row, distance_km=match.nearby_km),
                    score=match.score,
                    match_reasons=_reasons(match),
                )
                scored.append((match.score, row["id"], node))
        page = await scored_page(scored, first, after)
        by_id = {r["id"]: r for r in rows}
        for node in page.nodes:
            primed_posting(loaders, by_id[node.job_posting.id], node.job_posting.distance_km)
        return page

    @strawberry.field(
        description="Workers who could fill the posting, best match first (prioritised workers "
        "first when the posting prefers them): for the posting's employer and staff; null for "
        "an unknown posting or someone else's. Names are masked and phones hidden until a "
        "worker applies.",
        extensions=[allow(Role.EMPLOYER, Role.STAFF)],
    )
    async def candidate_workers(
        self,
        info: strawberry.Info,
        job_posting_id: Annotated[
            strawberry.ID, strawberry.argument(description="Global id of your posting.")
        ],
        first: First = None,
        after: After = None,
    ) -> Connection[WorkerMatch] | None:
        viewer = current_viewer(info)
        number = decode_id(job_posting_id, "JobPosting")
        query = t.JobPosting.select(*POSTING_COLUMNS, t.JobPosting.occupation.name).where(
            t.JobPosting.id == (number or 0)
        )
        if viewer.role == Role.EMPLOYER:
            query = query.where(t.JobPosting.employer == viewer.subject_id)
        posting = await query.first()
        if posting is None:
            return None
        suited = WorkerOccupation.select(WorkerOccupation.worker).where(
            WorkerOccupation.occupation == posting["occupation"]
        )
        near = (WorkerRow.id.is_in(suited)) | (WorkerRow.home_region == posting["region"])
        if posting["region.parent.code"]:
            near = near | (WorkerRow.home_region._.parent._.code == posting["region.parent.code"])
        applied = t.JobApplication.select(t.JobApplication.worker).where(
            t.JobApplication.posting == posting["id"]
        )
        busy = t.JobApplication.select(t.JobApplication.worker).where(
            t.JobApplication.status.is_in(list(BOOKED))
            & (t.JobApplication.starts_at < posting["ends_at"])
            & (t.JobApplication.ends_at > posting["starts_at"])
        )
        # Each candidate comes with the occupations it is scored on (and its card shows), and
        # for an employer with what the employer may see of it (resolvers/job_posting/workers).
        columns = [prefetched.occupations_column(prefetched.WORKER)]
        if viewer.role == Role.EMPLOYER:
            columns.append(prefetched.access_column(prefetched.WORKER, "{}", viewer.subject_id))
        workers = (
            await worker_select()
            .columns(*columns)
            .where(near, WorkerRow.id.not_in(applied), WorkerRow.id.not_in(busy))
            .order_by(WorkerRow.id)
            .limit(MAX_WORKER_CANDIDATES)
        )
        scored = []
        for row in workers:
            match = matching.score_worker(
                posting, row, prefetched.occupation_ids(row), bool(posting["prefer_assisted"])
            )
            if match is not None:
                node = WorkerMatch(
                    worker=to_worker(row, grant=WorkerAccess.CANDIDATE),
                    score=match.score,
                    match_reasons=_reasons(match),
                )
                scored.append((match.score, row["id"], node))
        page = await scored_page(scored, first, after)
        loaders = info.context.loaders
        by_id = {r["id"]: r for r in workers}
        for node in page.nodes:
            row = by_id[node.worker.id]
            loaders.occupations_by_worker.prime(row["id"], prefetched.occupations_of(row))
            if viewer.role == Role.EMPLOYER:
                prefetched.prime_access(loaders, viewer, row["id"], row)
        return page
