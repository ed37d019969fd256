"""recommendedTrainings: courses for the signed-in worker, with reasons."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

import strawberry
from piccolo.columns.combination import WhereRaw
from piccolo.querystring import QueryString

from resolvers.pagination import After, First, scored_page
from resolvers.permissions import allow, current_viewer
from resolvers.prefetch import json_instant, json_rows, parse_rows
from resolvers.training.loaders import course_page_columns, primed_course
from resolvers.worker.loaders import worker_select
from schema.common import Connection
from schema.training.enums import TrainingMatchReasonCode
from schema.training.types import TrainingMatch, TrainingMatchReason
from services.auth.rules import Role
from services.job_posting import matching as job_matching
from services.job_posting.applications import BOOKED
from services.job_posting.matching import Match
from services.page_statements import run_kept
from services.timeutil import now
from services.training import matching
from tables import training as t
from tables.worker import Worker as WorkerRow

# Scoring runs in Python: this cap keeps each request bounded.
MAX_COURSE_CANDIDATES = 500
# What the scoring reads of a candidate course (services/training/matching.score_course, the
# clash check): a text plan's candidates, whose cards the database writes.
SCORED_COURSE_COLUMNS = (
    t.TrainingCourse.id,
    t.TrainingCourse.occupation,
    t.TrainingCourse.occupation._.name,
    t.TrainingCourse.region._.code,
    t.TrainingCourse.region._.name,
    t.TrainingCourse.region._.parent._.code,
    t.TrainingCourse.latitude,
    t.TrainingCourse.longitude,
    t.TrainingCourse.mode,
    t.TrainingCourse.category,
    t.TrainingCourse.subsidised,
    t.TrainingCourse.fee_fen,
    t.TrainingCourse.starts_at,
    t.TrainingCourse.ends_at,
)


# The worker's statement brings their occupations and booked shifts (resolvers/prefetch.py);
# a shift still to end is filtered here, so the statement needs no argument but the worker's id.
def _worker_extras() -> tuple:
    booked = ", ".join(f"'{status}'" for status in BOOKED)
    return (
        json_rows(
            "prefetch_occupations",
            "wo.occupation",
            'worker_occupation wo WHERE wo.worker = "worker"."id"',
        ),
        json_rows(
            "prefetch_shifts",
            "ja.starts_at, ja.ends_at",
            f'job_application ja WHERE ja.worker = "worker"."id" AND ja.status IN ({booked})',
        ),
    )


# Open postings per occupation near the worker, written once for each kind of "near": Piccolo
# built this grouped SELECT anew for every request (a grouped SELECT is not kept by
# services/page_statements.py), a fifth of RecommendedTrainings' Python time on SQLite.
_DEMAND = (
    "(SELECT j.occupation, COUNT(*) AS n FROM job_posting j{join} "
    "WHERE j.status = 'OPEN' AND j.ends_at > {{}} AND {near} GROUP BY j.occupation) AS d"
)
DEMAND_IN_CITY = _DEMAND.format(
    join=" JOIN region r ON r.id = j.region JOIN region rp ON rp.id = r.parent", near="rp.code = {}"
)
DEMAND_IN_COUNTY = _DEMAND.format(join="", near="j.region = {}")


# The courses the worker has not enrolled on: written once (Piccolo's not_in of a SELECT built
# that SELECT's text for every request).
NOT_ENROLLED = (
    '"training_course"."id" NOT IN (SELECT e.course FROM training_enrolment e WHERE e.worker = {})'
)


def _demand(worker: dict, moment: datetime) -> QueryString | None:
    """Open postings per occupation in the worker's prefecture city (or county), as JSON: a
    column of the candidates' statement, computed once (it does not depend on the course)."""
    city = worker["home_region.parent.code"]
    if city:
        return json_rows("prefetch_demand", "d.occupation, d.n", DEMAND_IN_CITY, moment, city)
    if worker["home_region"] is not None:
        county = worker["home_region"]
        return json_rows("prefetch_demand", "d.occupation, d.n", DEMAND_IN_COUNTY, moment, county)
    return None


@dataclass(frozen=True)
class CourseRanking:
    """What recommendedTrainings ranks for a worker: the scored courses by id and the
    candidates' rows by id (the cards' columns, or only the scoring's: course_ranking)."""

    matches: dict[int, Match]
    rows: dict[int, dict]


async def course_ranking(worker_id: int, cards: bool = True) -> CourseRanking | None:
    """The worker's courses, scored (the resolver's and its text plan's:
    resolvers/training/texts.py); None for an unknown worker. With `cards`, each candidate's
    row is what the resolver makes a card of; else only SCORED_COURSE_COLUMNS (the text
    plan's database writes the page's cards)."""
    found = await run_kept(
        "recommendedTrainings worker",
        worker_select().columns(*_worker_extras()).where(WorkerRow.id == worker_id),
        lambda query: query.limit(1),
    )
    if not found:
        return None
    worker = found[0]
    occupations = {o for (o,) in parse_rows(worker["prefetch_occupations"])}
    moment = now()
    shifts = [(json_instant(s), json_instant(e)) for s, e in parse_rows(worker["prefetch_shifts"])]
    booked = [(s, e) for s, e in shifts if e > moment]
    # With each course's occupation and market joined (the cards read them from the
    # loaders primed by the resolver) and the postings' demand: one statement
    # (resolvers/prefetch.py).
    demand_column = _demand(worker, moment)
    extras = [demand_column] if demand_column is not None else []
    rows = await run_kept(
        ("recommendedTrainings candidates", cards),
        t.TrainingCourse.select(
            *(course_page_columns() if cards else SCORED_COURSE_COLUMNS), *extras
        ).where(
            t.TrainingCourse.status.is_in(["OPEN", "FULL"])
            & (t.TrainingCourse.starts_at > moment)
            & WhereRaw(NOT_ENROLLED, worker["id"])
        ),
        lambda query: query.order_by(t.TrainingCourse.starts_at).limit(MAX_COURSE_CANDIDATES),
    )
    demand: Counter = Counter()
    if rows and demand_column is not None:
        demand.update({o: int(n) for o, n in parse_rows(rows[0]["prefetch_demand"])})
    place = job_matching.worker_place(worker)
    matches: dict[int, Match] = {}
    for row in rows:
        # The course's whole span: a conservative check without loading every session.
        if any(s < row["ends_at"] and e > row["starts_at"] for s, e in booked):
            continue
        match = matching.score_course(place, occupations, demand, row, moment)
        if match is not None:
            matches[row["id"]] = match
    return CourseRanking(matches, {r["id"]: r for r in rows})


@strawberry.type
class TrainingMatchQuery:
    @strawberry.field(
        description="Workers: courses for the signed-in worker, best match first: their "
        "occupations, skills that open postings near them ask for, distance or region, then "
        "subsidy, fee and how soon it starts. Courses already enrolled in, started, or clashing "
        "with a confirmed shift are left out.",
        extensions=[allow(Role.WORKER)],
    )
    async def recommended_trainings(
        self, info: strawberry.Info, first: First = None, after: After = None
    ) -> Connection[TrainingMatch]:
        viewer = current_viewer(info)
        ranking = await course_ranking(viewer.subject_id)
        if ranking is None:
            return await scored_page([], first, after)
        loaders = info.context.loaders
        scored = []
        for course, match in ranking.matches.items():
            node = TrainingMatch(
                training=primed_course(loaders, ranking.rows[course], distance_km=match.nearby_km),
                score=match.score,
                match_reasons=[
                    TrainingMatchReason(code=TrainingMatchReasonCode(r.code), message=r.text)
                    for r in match.reasons
                ],
            )
            scored.append((match.score, course, node))
        return await scored_page(scored, first, after)
