"""Matching queries: recommendedJobPostings (worker) and candidateWorkers (employer)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import strawberry
from piccolo.columns.combination import WhereRaw

from resolvers.global_ids import decode_id
from resolvers.job_posting import filters
from resolvers.job_posting import pages as prefetched
from resolvers.job_posting.loaders import (
    POSTING_COLUMNS,
    posting_page_select,
    primed_posting,
)
from resolvers.pagination import After, First, Ranked, best_first, rows_by_id, scored_page
from resolvers.permissions import allow, current_viewer
from resolvers.worker.loaders import to_worker, worker_select
from schema.common import Connection
from schema.job_posting.enums import MatchReasonCode
from schema.job_posting.types import JobPostingMatch, MatchReason, WorkerMatch
from schema.worker.types import WorkerAccess
from services.auth.rules import Role
from services.job_posting import matching
from services.job_posting.applications import BOOKED
from services.page_statements import run_kept
from services.timeutil import now
from tables import job_posting as t
from tables.worker import Worker as WorkerRow

# Join columns built once, not per request (resolvers/filters.py: foreign-key steps).
OCCUPATION_NAME = t.JobPosting.occupation._.name
# What the scoring reads of a candidate posting (services/job_posting/matching.score_posting,
# the clash and public-welfare checks); the page's cards are read for its postings alone.
# All of a posting's columns for 500 candidates were a third of a recommendation's time.
CANDIDATE_COLUMNS = (
    t.JobPosting.id,
    t.JobPosting.occupation,
    OCCUPATION_NAME,
    t.JobPosting.region._.code,
    t.JobPosting.region._.name,
    t.JobPosting.region._.parent._.code,
    t.JobPosting.latitude,
    t.JobPosting.longitude,
    t.JobPosting.starts_at,
    t.JobPosting.ends_at,
    t.JobPosting.same_day,
    t.JobPosting.daily_wage_fen,
    t.JobPosting.public_welfare,
)
# What the scoring reads of a candidate worker (matching.score_worker, worker_place): a text
# plan's candidates, whose cards the database writes.
SCORED_WORKER_COLUMNS = (
    WorkerRow.id,
    WorkerRow.home_region.code,
    WorkerRow.home_region.name,
    WorkerRow.home_region._.parent._.code,
    WorkerRow.latitude,
    WorkerRow.longitude,
    WorkerRow.prioritised,
)
# The workers who have not applied to the posting: written once (Piccolo's not_in of a SELECT
# built that SELECT's text for every request).
NOT_APPLIED = (
    f"{prefetched.WORKER} NOT IN (SELECT a.worker FROM job_application a WHERE a.posting = {{}})"
)
# Matching scores candidates in Python: these caps keep each request bounded.
MAX_POSTING_CANDIDATES = 500
MAX_WORKER_CANDIDATES = 1000


def _reasons(match: matching.Match) -> list[MatchReason]:
    return [MatchReason(code=MatchReasonCode(r.code), message=r.text) for r in match.reasons]


def _overlaps(windows: list[tuple], starts, ends) -> bool:
    return any(s < ends and e > starts for s, e in windows)


@dataclass(frozen=True)
class PostingRanking:
    """What recommendedJobPostings ranks for a worker: their row (recommending_worker_select),
    the scored postings by id, and whether they may take public-welfare jobs (decided only
    when a candidate is one; else None)."""

    worker: dict
    matches: dict[int, matching.Match]
    public_welfare: bool | None

    def ranked(self) -> list[Ranked]:
        return [(m.score, i) for i, m in self.matches.items()]


async def posting_ranking(worker_id: int) -> PostingRanking | None:
    """The worker's open postings, scored (the resolver's and its text plan's:
    resolvers/job_posting/texts.py); None for an unknown worker."""
    found = await run_kept(
        "recommendedJobPostings worker",
        prefetched.recommending_worker_select().where(WorkerRow.id == worker_id),
        lambda query: query.limit(1),
    )
    if not found:
        return None
    worker = found[0]
    occupations = prefetched.occupation_ids(worker)
    moment = now()
    mine = prefetched.applications_of(worker)
    applied = [posting for posting, *_ in mine]
    booked = [(starts, ends) for _, status, starts, ends in mine if status in BOOKED]
    query = t.JobPosting.select(*CANDIDATE_COLUMNS).where(*filters.public_open(moment))
    if applied:
        query = query.where(t.JobPosting.id.not_in(applied))
    rows = await run_kept(
        "recommendedJobPostings candidates",
        query,
        lambda q: q.order_by(t.JobPosting.starts_at).limit(MAX_POSTING_CANDIDATES),
    )
    # Public-welfare jobs only for eligible workers; decided only when a candidate is one.
    eligible = None
    if any(r["public_welfare"] for r in rows):
        eligible = prefetched.public_welfare_eligible(worker)
        if not eligible:
            rows = [r for r in rows if not r["public_welfare"]]
    place = matching.worker_place(worker)
    matches: dict[int, matching.Match] = {}
    for row in rows:
        if _overlaps(booked, row["starts_at"], row["ends_at"]):
            continue
        match = matching.score_posting(place, occupations, row, moment)
        if match is not None:
            matches[row["id"]] = match
    return PostingRanking(worker, matches, eligible)


@dataclass(frozen=True)
class CandidateRanking:
    """What candidateWorkers ranks for a posting: its row (with what its employer may see of
    each worker: pages.levels_column) and the scored workers by id, each with its row."""

    posting: dict
    matches: dict[int, tuple[dict, matching.Match]]

    def ranked(self) -> list[Ranked]:
        return [(match.score, i) for i, (_, match) in self.matches.items()]


async def candidate_ranking(
    viewer, job_posting_id: str, cards: bool = True
) -> CandidateRanking | None:
    """The free workers near the viewer's posting, scored (the resolver's and its text plan's:
    resolvers/job_posting/texts.py); None for an unknown posting or someone else's. With
    `cards`, each row is what the resolver makes a card of (every column, the occupations);
    else only SCORED_WORKER_COLUMNS, and no levels (the text plan's database writes the
    page's cards, names included): the occupations of a thousand candidates were half the
    database's time for the list."""
    number = decode_id(job_posting_id, "JobPosting")
    query = t.JobPosting.select(*POSTING_COLUMNS, OCCUPATION_NAME).where(
        t.JobPosting.id == (number or 0)
    )
    if viewer.role == Role.EMPLOYER:
        query = query.where(t.JobPosting.employer == viewer.subject_id)
        if cards:
            # What the employer may see of each candidate comes with the posting: the workers
            # who applied to them (resolvers/job_posting/pages.py); staff see every worker.
            # (The text plan's cards say it themselves: resolvers/worker/texts.py.)
            query = query.columns(prefetched.levels_column('"job_posting"."employer"'))
    found = await run_kept("candidateWorkers posting", query, lambda q: q.limit(1))
    if not found:
        return None
    posting = found[0]
    # Near: the posting's occupation, county or city; free: not applied to the posting,
    # no booked shift in its window. Every test reads only the worker's row or probes an
    # index for it (resolvers/job_posting/pages.py).
    near = WorkerRow.home_region == posting["region"]
    if posting["region.parent.code"]:
        near = near | prefetched.in_city_condition(
            '"worker"."home_region"', posting["region.parent.code"]
        )
    near = near | prefetched.suited_condition(prefetched.WORKER, posting["occupation"])
    applied = WhereRaw(NOT_APPLIED, posting["id"])
    free = prefetched.free_conditions(prefetched.WORKER, posting["starts_at"], posting["ends_at"])
    # Each candidate comes with whether it has the posting's occupation (scored on) and its
    # occupations as JSON (the card shows them), parsed for the page's candidates only.
    suited = prefetched.suited_column(prefetched.WORKER, posting["occupation"])
    if cards:
        select = worker_select().columns(suited, prefetched.occupations_column(prefetched.WORKER))
    else:
        select = WorkerRow.select(*SCORED_WORKER_COLUMNS, suited)
    workers = await run_kept(
        "candidateWorkers candidates",
        select.where(applied, prefetched.only_then(near, free)),
        lambda q: q.order_by(WorkerRow.id).limit(MAX_WORKER_CANDIDATES),
    )
    place = matching.posting_place(posting)
    prefer = bool(posting["prefer_assisted"])
    matches: dict[int, tuple[dict, matching.Match]] = {}
    for row in workers:
        match = matching.score_worker(place, posting, row, bool(row[prefetched.SUITED]), prefer)
        if match is not None:
            matches[row["id"]] = (row, match)
    return CandidateRanking(posting, matches)


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
        ranking = await posting_ranking(viewer.subject_id)
        if ranking is None:
            return await scored_page([], first, after)
        if ranking.public_welfare is not None:
            loaders.public_welfare_eligible.prime(ranking.worker["id"], ranking.public_welfare)
        matches = ranking.matches

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

        return await best_first(ranking.ranked(), first, after, load)

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
        ranking = await candidate_ranking(viewer, job_posting_id)
        if ranking is None:
            return None
        matches = ranking.matches
        loaders = info.context.loaders

        async def load(page: list[Ranked]) -> dict[int, WorkerMatch]:
            # Worker objects only for the page's candidates: the others are only ranked.
            nodes = {}
            for _, i in page:
                row, match = matches[i]
                loaders.occupations_by_worker.prime(i, prefetched.occupations_of(row))
                nodes[i] = WorkerMatch(
                    worker=to_worker(row, grant=WorkerAccess.CANDIDATE),
                    score=match.score,
                    match_reasons=_reasons(match),
                )
            return nodes

        page = await best_first(ranking.ranked(), first, after, load)
        if viewer.role == Role.EMPLOYER:
            ids = [n.worker.id for n in page.nodes]
            prefetched.prime_levels(loaders, viewer, ids, ranking.posting)
        return page
