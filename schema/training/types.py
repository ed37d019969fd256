"""Courses, sessions, enrolments, attendance and recommendations as GraphQL shows them."""

from __future__ import annotations

import decimal
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from schema.common import GeoPoint
from schema.operator.types import Operator
from schema.reference.types import Occupation, Region
from schema.training.enums import (
    TrainingCategory,
    TrainingEnrolmentStatus,
    TrainingMatchReasonCode,
    TrainingMode,
    TrainingProviderKind,
    TrainingStatus,
)
from schema.worker.types import Worker, WorkerAccess
from services.auth.rules import Role

if TYPE_CHECKING:
    from schema.market.types import Market

MarketRef = Annotated["Market", strawberry.lazy("schema.market.types")]


@strawberry.type(description="Who provides a course: the market's operator or an institution.")
class TrainingProvider:
    kind: TrainingProviderKind = strawberry.field(description="Operator or institution.")
    name: str = strawberry.field(description="Registered name of the provider.")
    operator: Operator | None = strawberry.field(description="The operator, if it is one.")


@strawberry.type(description="Where a course is held.")
class TrainingPlace:
    address: str | None = strawberry.field(description="Street address; null for online courses.")
    region: Region = strawberry.field(
        description="The county (for online courses: the market's county)."
    )
    location: GeoPoint | None = strawberry.field(description="Map position; null online.")
    venue_id: strawberry.Private[int | None]

    @strawberry.field(description="The market or rural station it is held at, if any.")
    async def venue(self, info: strawberry.Info) -> MarketRef | None:
        if self.venue_id is None:
            return None
        return await info.context.loaders.market_by_id.load(self.venue_id)


@strawberry.type(description="One class meeting of a course (Asia/Shanghai times).")
class TrainingSession(relay.Node):
    id: relay.NodeID[int]
    seq: int = strawberry.field(description="Which session, from 1.")
    starts_at: datetime = strawberry.field(description="Start.")
    ends_at: datetime = strawberry.field(description="End.")

    @classmethod
    async def resolve_nodes(cls, *, info, node_ids, required=False):
        return [None for _ in node_ids]  # reached through its course


@dataclass(frozen=True)
class CourseRecord:
    market_id: int
    manager_id: int | None  # the operator of the market, who manages the course
    occupation_id: int | None


def may_manage(info: strawberry.Info, manager_id: int | None) -> bool:
    """Staff, or the operator of the course's market."""
    viewer = info.context.viewer
    if viewer is None:
        return False
    if viewer.role == Role.STAFF:
        return True
    return viewer.role == Role.OPERATOR and manager_id == viewer.subject_id


@strawberry.type(
    description="A skills training course (技能培训, （九）) offered at a market: public once "
    "published; drafts only for the operator of its market and staff."
)
class Training(relay.Node):
    id: relay.NodeID[int]
    record: strawberry.Private[CourseRecord]
    title: str = strawberry.field(description="Short title.")
    description: str = strawberry.field(description="What the course teaches.")
    category: TrainingCategory = strawberry.field(description="Kind of skills.")
    mode: TrainingMode = strawberry.field(description="Online, in person or both.")
    status: TrainingStatus = strawberry.field(
        description="Current status (a published course whose last session ended reads FINISHED)."
    )
    provider: TrainingProvider = strawberry.field(description="Who teaches it.")
    place: TrainingPlace = strawberry.field(description="Where it is held.")
    capacity: int = strawberry.field(description="Places.")
    enrolled_count: int = strawberry.field(description="Places taken.")
    fee: decimal.Decimal = strawberry.field(description="Fee in yuan, exact; 0.00 is free.")
    subsidised: bool = strawberry.field(
        description="Eligible trainees get the training subsidy and living allowance (（九）)."
    )
    starts_at: datetime = strawberry.field(description="Start of the first session.")
    ends_at: datetime = strawberry.field(description="End of the last session.")
    published_at: datetime | None = strawberry.field(description="When it was published.")
    closed_at: datetime | None = strawberry.field(description="When it was called off, if it was.")
    distance_km: float | None = strawberry.field(
        description="Distance in km from the `near` point of the query; null without `near`."
    )

    @strawberry.field(description="Places still free: capacity minus places taken.")
    def seats_left(self) -> int:
        return max(self.capacity - self.enrolled_count, 0)

    @strawberry.field(description="The occupation it trains for, if any.")
    async def occupation(self, info: strawberry.Info) -> Occupation | None:
        if self.record.occupation_id is None:
            return None
        return await info.context.loaders.occupation_by_id.load(self.record.occupation_id)

    @strawberry.field(description="The market offering it.")
    async def market(self, info: strawberry.Info) -> MarketRef:
        return await info.context.loaders.market_by_id.load(self.record.market_id)

    @strawberry.field(description="Sessions in order.")
    async def sessions(self, info: strawberry.Info) -> list[TrainingSession]:
        return await info.context.loaders.sessions_by_training.load(self.id)

    @strawberry.field(
        description="How many are waiting for a place: for the operator of its market and "
        "staff; null for everyone else."
    )
    async def waitlist_count(self, info: strawberry.Info) -> int | None:
        if not may_manage(info, self.record.manager_id):
            return None
        return len(await info.context.loaders.waitlist_by_training.load(self.id))

    @strawberry.field(
        description="Enrolments in queue order (at most 500), with attendance: for the operator "
        "of its market and staff; null for everyone else."
    )
    async def enrolments(self, info: strawberry.Info) -> list[TrainingEnrolment] | None:
        if not may_manage(info, self.record.manager_id):
            return None
        return await info.context.loaders.enrolments_by_training.load(self.id)

    @strawberry.field(description="The signed-in worker's own enrolment; null otherwise.")
    async def my_enrolment(self, info: strawberry.Info) -> TrainingEnrolment | None:
        viewer = info.context.viewer
        if viewer is None or viewer.role != Role.WORKER:
            return None
        return await info.context.loaders.enrolment_by_worker_training.load(
            (viewer.subject_id, self.id)
        )

    @classmethod
    async def resolve_nodes(cls, *, info, node_ids, required=False):
        return await info.context.loaders.public_training_by_id.load_many(
            [int(i) for i in node_ids]
        )


@strawberry.type(description="Whether the trainee attended one session.")
class TrainingAttendance:
    session_id: strawberry.Private[int]
    seq: int = strawberry.field(description="Which session, from 1.")
    present: bool = strawberry.field(description="Attended.")
    recorded_at: datetime = strawberry.field(description="When it was recorded.")


@strawberry.type(
    description="A worker's enrolment in a course. Seen by the worker, the operator of the "
    "course's market and staff."
)
class TrainingEnrolment(relay.Node):
    id: relay.NodeID[int]
    course_id: strawberry.Private[int]
    worker_id: strawberry.Private[int]
    queue_no: strawberry.Private[int]
    status: TrainingEnrolmentStatus = strawberry.field(description="Current status.")
    requested_at: datetime = strawberry.field(description="When the worker (last) enrolled.")
    enrolled_at: datetime | None = strawberry.field(
        description="When the worker got a place (at once, or when moved up from the waitlist)."
    )
    withdrawn_at: datetime | None = strawberry.field(description="When it was withdrawn.")
    completed_at: datetime | None = strawberry.field(description="When the worker completed it.")
    certificate_no: str | None = strawberry.field(
        description="Certificate number (结业证书编号), once completed."
    )

    @strawberry.field(description="Place in the waitlist (1 = next to move up); null otherwise.")
    async def waitlist_position(self, info: strawberry.Info) -> int | None:
        if self.status != TrainingEnrolmentStatus.WAITLISTED:
            return None
        queue = await info.context.loaders.waitlist_by_training.load(self.course_id)
        return queue.index(self.queue_no) + 1 if self.queue_no in queue else None

    @strawberry.field(description="Attendance per session recorded so far, in session order.")
    async def attendance(self, info: strawberry.Info) -> list[TrainingAttendance]:
        return await info.context.loaders.attendance_by_enrolment.load(self.id)

    @strawberry.field(description="The course.")
    async def training(self, info: strawberry.Info) -> Training:
        return await info.context.loaders.training_by_id.load(self.course_id)

    @strawberry.field(
        description="The trainee: name and masked phone for the course's operator and staff."
    )
    async def worker(self, info: strawberry.Info) -> Worker:
        worker = await info.context.loaders.worker_by_id.load(self.worker_id)
        # Only the worker, the course's operator and staff ever reach an enrolment.
        return Worker(id=worker.id, record=worker.record, grant=WorkerAccess.APPLICANT)

    @classmethod
    async def resolve_nodes(cls, *, info, node_ids, required=False):
        return [None for _ in node_ids]  # private: reached through the owner's queries


@strawberry.type(description="Why a course was suggested.")
class TrainingMatchReason:
    code: TrainingMatchReasonCode = strawberry.field(description="Machine-readable reason.")
    message: str = strawberry.field(
        description="Human-readable explanation, in Chinese (named as in UserError)."
    )

    @strawberry.field(
        description="Human-readable explanation, in Chinese.",
        deprecation_reason="Named `message`, as in UserError.",
    )
    def text(self) -> str:
        return self.message


@strawberry.type(description="A course suggested to the signed-in worker.")
class TrainingMatch:
    training: Training = strawberry.field(description="The suggested course.")
    score: float = strawberry.field(description="Higher is better; results are sorted by it.")
    match_reasons: list[TrainingMatchReason] = strawberry.field(description="Why it was suggested.")
