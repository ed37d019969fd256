"""recommendedTrainings: courses for the signed-in worker, with reasons."""

from __future__ import annotations

from collections import Counter
from typing import Any

import strawberry
from piccolo.query.functions import Count

from resolvers.pagination import After, First, scored_page
from resolvers.permissions import allow, current_viewer
from resolvers.training.loaders import COURSE_COLUMNS, to_training
from resolvers.worker.loaders import worker_select
from schema.common import Connection
from schema.training.enums import TrainingMatchReasonCode
from schema.training.types import TrainingMatch, TrainingMatchReason
from services.auth.rules import Role
from services.job_posting import matching as job_matching
from services.job_posting.applications import BOOKED
from services.timeutil import now
from services.training import matching
from tables import job_posting as jp
from tables import training as t
from tables.worker import Worker as WorkerRow
from tables.worker import WorkerOccupation

# Scoring runs in Python: this cap keeps each request bounded.
MAX_COURSE_CANDIDATES = 500


async def _demand(worker: dict) -> dict[int, int]:
    """Open postings per occupation in the worker's prefecture city (or county)."""
    city = worker["home_region.parent.code"]
    if city:
        near: Any = jp.JobPosting.region._.parent._.code == city
    elif worker["home_region"] is not None:
        near = jp.JobPosting.region == worker["home_region"]
    else:
        return {}
    rows = (
        await jp.JobPosting.select(jp.JobPosting.occupation, Count(alias="n"))
        .where((jp.JobPosting.status == "OPEN") & (jp.JobPosting.ends_at > now()) & near)
        .group_by(jp.JobPosting.occupation)
    )
    return Counter({r["occupation"]: int(r["n"]) for r in rows})


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
        worker = await worker_select().where(WorkerRow.id == viewer.subject_id).first()
        if worker is None:
            return await scored_page([], first, after)
        occupations = {
            r["occupation"]
            for r in await WorkerOccupation.select(WorkerOccupation.occupation).where(
                WorkerOccupation.worker == worker["id"]
            )
        }
        demand = await _demand(worker)
        moment = now()
        shifts = await jp.JobApplication.select(
            jp.JobApplication.starts_at, jp.JobApplication.ends_at
        ).where(
            (jp.JobApplication.worker == worker["id"])
            & jp.JobApplication.status.is_in(list(BOOKED))
            & (jp.JobApplication.ends_at > moment)
        )
        booked = [(r["starts_at"], r["ends_at"]) for r in shifts]
        mine = t.TrainingEnrolment.select(t.TrainingEnrolment.course).where(
            t.TrainingEnrolment.worker == worker["id"]
        )
        rows = (
            await t.TrainingCourse.select(*COURSE_COLUMNS, t.TrainingCourse.occupation.name)
            .where(
                t.TrainingCourse.status.is_in(["OPEN", "FULL"])
                & (t.TrainingCourse.starts_at > moment)
                & t.TrainingCourse.id.not_in(mine)
            )
            .order_by(t.TrainingCourse.starts_at)
            .limit(MAX_COURSE_CANDIDATES)
        )
        place = job_matching.worker_place(worker)
        scored = []
        for row in rows:
            # The course's whole span: a conservative check without loading every session.
            if any(s < row["ends_at"] and e > row["starts_at"] for s, e in booked):
                continue
            match = matching.score_course(place, occupations, demand, row, moment)
            if match is not None:
                node = TrainingMatch(
                    training=to_training(row, distance_km=match.nearby_km),
                    score=match.score,
                    match_reasons=[
                        TrainingMatchReason(code=TrainingMatchReasonCode(r.code), message=r.text)
                        for r in match.reasons
                    ],
                )
                scored.append((match.score, row["id"], node))
        return await scored_page(scored, first, after)
