"""Matching queries: recommendedJobPostings (worker) and candidateWorkers (employer)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.global_ids import decode_id
from resolvers.job_posting import filters
from resolvers.job_posting import pages as prefetched
from resolvers.job_posting.loaders import (
    POSTING_COLUMNS,
    posting_page_select,
    primed_posting,
)
from resolvers.pagination import After, First, Ranked, ranked_page, rows_by_id, scored_page
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
        query = t.JobPosting.select(*POSTING_COLUMNS, t.JobPosting.occupation.name).where(
            *filters.public_open(moment)
        )
        if applied:
            query = query.where(t.JobPosting.id.not_in(applied))
        rows = await query.order_by(t.JobPosting.starts_at).limit(MAX_POSTING_CANDIDATES)
        # Public-welfare jobs only for eligible workers; decided only when a candidate is one.
        if any(r["public_welfare"] for r in rows):
            if not prefetched.prime_public_welfare(loaders, worker):
                rows = [r for r in rows if not r["public_welfare"]]
        place = matching.worker_place(worker)
        matches: dict[int, matching.Match] = {}
        for row in rows:
            if _overlaps(booked, row["starts_at"], row["ends_at"]):
                continue
            match = matching.score_posting(place, occupations, row, moment)
            if match is not None:
                matches[row["id"]] = match

        async def load(page: list[Ranked]) -> dict[int, JobPostingMatch]:
            # Only the page's postings are read with what their cards load (occupation,
            # employer, market: resolvers/prefetch.py), in one statement. The candidates' own
            # columns score them: reading all 500 candidates' joined rows instead saved this
            # statement but made the list half again slower on SQLite at province scale.
            found = await rows_by_id(posting_page_select, t.JobPosting.id, [i for _, i in page])
            return {
                r["id"]: JobPostingMatch(
                    job_posting=primed_posting(loaders, r, matches[r["id"]].nearby_km),
                    score=matches[r["id"]].score,
                    match_reasons=_reasons(matches[r["id"]]),
                )
                for r in found
            }

        ranked = [(m.score, i) for i, m in matches.items()]
        return await ranked_page(ranked, first, after, load, descending=True, ids_descending=False)

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
            # What the employer may see of each candidate comes with the posting: the workers
            # who applied to them (resolvers/job_posting/pages.py); staff see every worker.
            query = query.columns(prefetched.levels_column('"job_posting"."employer"')).where(
                t.JobPosting.employer == viewer.subject_id
            )
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
        # Each candidate comes with the occupations it is scored on and its card shows
        # (resolvers/job_posting/workers).
        workers = (
            await worker_select()
            .columns(prefetched.occupations_column(prefetched.WORKER))
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
            prefetched.prime_levels(loaders, viewer, [n.worker.id for n in page.nodes], posting)
        return page
