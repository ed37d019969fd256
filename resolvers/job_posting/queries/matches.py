"""Matching queries: recommendedJobPostings (worker) and candidateWorkers (employer)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.global_ids import decode_id
from resolvers.job_posting import filters
from resolvers.job_posting.loaders import POSTING_COLUMNS, to_posting
from resolvers.pagination import After, First, scored_page
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


async def _occupations_of(worker_ids: list[int]) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {i: set() for i in worker_ids}
    if worker_ids:
        rows = await WorkerOccupation.select(
            WorkerOccupation.worker, WorkerOccupation.occupation
        ).where(WorkerOccupation.worker.is_in(worker_ids))
        for r in rows:
            out[r["worker"]].add(r["occupation"])
    return out


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
        worker = await worker_select().where(WorkerRow.id == viewer.subject_id).first()
        if worker is None:
            return await scored_page([], first, after)
        occupations = (await _occupations_of([worker["id"]]))[worker["id"]]
        moment = now()
        mine = await t.JobApplication.select(
            t.JobApplication.posting,
            t.JobApplication.status,
            t.JobApplication.starts_at,
            t.JobApplication.ends_at,
        ).where(t.JobApplication.worker == worker["id"])
        applied = [r["posting"] for r in mine]
        booked = [(r["starts_at"], r["ends_at"]) for r in mine if r["status"] in BOOKED]
        query = t.JobPosting.select(*POSTING_COLUMNS, t.JobPosting.occupation.name).where(
            *filters.public_open(moment)
        )
        if applied:
            query = query.where(t.JobPosting.id.not_in(applied))
        rows = await query.order_by(t.JobPosting.starts_at).limit(MAX_POSTING_CANDIDATES)
        # Public-welfare jobs only for eligible workers; asked only when a candidate is one.
        if any(r["public_welfare"] for r in rows):
            if not await info.context.loaders.public_welfare_eligible.load(worker["id"]):
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
        return await scored_page(scored, first, after)

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
        workers = (
            await worker_select()
            .where(near, WorkerRow.id.not_in(applied), WorkerRow.id.not_in(busy))
            .order_by(WorkerRow.id)
            .limit(MAX_WORKER_CANDIDATES)
        )
        occupations = await _occupations_of([w["id"] for w in workers])
        scored = []
        for row in workers:
            match = matching.score_worker(
                posting, row, occupations[row["id"]], bool(posting["prefer_assisted"])
            )
            if match is not None:
                node = WorkerMatch(
                    worker=to_worker(row, grant=WorkerAccess.CANDIDATE),
                    score=match.score,
                    match_reasons=_reasons(match),
                )
                scored.append((match.score, row["id"], node))
        return await scored_page(scored, first, after)
