"""Rights cases as GraphQL shows them: seen by their worker, the operator of their market and
staff only (every query checks that before it returns one)."""

from __future__ import annotations

import decimal
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from schema.common import GeoPoint
from schema.employer.types import Employer
from schema.reference.types import Region
from schema.rights_case.enums import (
    Department,
    GatheringStatus,
    PaymentMethod,
    PostingReportReason,
    PostingReviewSource,
    PostingReviewStatus,
    RightsCaseAction,
    RightsCaseActor,
    RightsCaseChannel,
    RightsCaseKind,
    RightsCaseOutcome,
    RightsCaseStatus,
    WageSettlementStatus,
)
from schema.worker.types import Worker, WorkerAccess
from services.auth.rules import Role, Viewer

if TYPE_CHECKING:
    from schema.job_posting.types import JobApplication, JobPosting
    from schema.market.types import Market

MarketRef = Annotated["Market", strawberry.lazy("schema.market.types")]
JobPostingRef = Annotated["JobPosting", strawberry.lazy("schema.job_posting.types")]
JobApplicationRef = Annotated["JobApplication", strawberry.lazy("schema.job_posting.types")]


@dataclass(frozen=True)
class CaseRecord:
    market_id: int
    market_operator_id: int | None
    employer_id: int | None
    worker_id: int | None
    posting_id: int | None
    application_id: int | None
    gathering_place_id: int | None = None


@strawberry.type(description="Where a case happened.")
class RightsCasePlace:
    address: str = strawberry.field(description="Where, in words.")
    location: GeoPoint | None = strawberry.field(description="Map position, if given.")


@strawberry.type(description="One step of a case: what was done, by whom, when.")
class RightsCaseStep:
    action: RightsCaseAction = strawberry.field(description="What the step did.")
    status: RightsCaseStatus = strawberry.field(description="The status it led to.")
    department: Department = strawberry.field(description="Who had the case after it.")
    actor: RightsCaseActor = strawberry.field(description="Who took the step.")
    occurred_at: datetime = strawberry.field(description="When.")
    note: str = strawberry.field(description="What was said with it (may be empty).")


@strawberry.type(
    description="A rights case (维权, （十六））: wage arrears, discrimination, safety, a dispute or "
    "an irregular gathering, routed to the responsible department with a deadline per step."
)
class RightsCase(relay.Node):
    id: relay.NodeID[int]
    record: strawberry.Private[CaseRecord]
    kind: RightsCaseKind = strawberry.field(description="What the case is about.")
    status: RightsCaseStatus = strawberry.field(description="Where the case stands.")
    outcome: RightsCaseOutcome | None = strawberry.field(
        description="What came of it; null while open, referred, or closed by staff."
    )
    department: Department = strawberry.field(description="Who handles it now.")
    channel: RightsCaseChannel = strawberry.field(description="How it came in.")
    summary: str = strawberry.field(description="What happened, as filed.")
    place: RightsCasePlace | None = strawberry.field(description="Where, if given.")
    amount_claimed: decimal.Decimal | None = strawberry.field(
        description="Amount owed in yuan, as filed."
    )
    amount_recovered: decimal.Decimal | None = strawberry.field(
        description="Amount recovered for the worker in yuan, once resolved."
    )
    outcome_note: str | None = strawberry.field(description="The result or reason in words.")
    referred_to: str | None = strawberry.field(description="The body it was referred to.")
    filed_at: datetime = strawberry.field(description="When it was filed.")
    step_due_at: datetime | None = strawberry.field(
        description="Deadline of the current step; null once final."
    )
    overdue: bool = strawberry.field(description="Open and past the step deadline.")
    finished_at: datetime | None = strawberry.field(
        description="When it was resolved, referred or closed."
    )

    @strawberry.field(description="The market the case belongs to.")
    async def market(self, info: strawberry.Info) -> MarketRef:
        return await info.context.loaders.market_by_id.load(self.record.market_id)

    @strawberry.field(description="The employer it is against, if any.")
    async def employer(self, info: strawberry.Info) -> Employer | None:
        if self.record.employer_id is None:
            return None
        return await info.context.loaders.employer_by_id.load(self.record.employer_id)

    @strawberry.field(description="The posting it concerns, if any.")
    async def job_posting(self, info: strawberry.Info) -> JobPostingRef | None:
        if self.record.posting_id is None:
            return None
        return await info.context.loaders.job_posting_by_id.load(self.record.posting_id)

    @strawberry.field(description="The shift (application) it concerns, if any.")
    async def job_application(self, info: strawberry.Info) -> JobApplicationRef | None:
        if self.record.application_id is None:
            return None
        return await info.context.loaders.job_application_by_id.load(self.record.application_id)

    @strawberry.field(
        description="The worker: name and masked phone for everyone who sees the case."
    )
    async def worker(self, info: strawberry.Info) -> Worker | None:
        if self.record.worker_id is None:
            return None
        worker = await info.context.loaders.worker_by_id.load(self.record.worker_id)
        if worker is None:
            return None
        return Worker(id=worker.id, record=worker.record, grant=WorkerAccess.APPLICANT)

    @strawberry.field(description="The registered gathering place it happened at, if any.")
    async def gathering_place(self, info: strawberry.Info) -> GatheringPlace | None:
        if self.record.gathering_place_id is None:
            return None
        return await info.context.loaders.gathering_place_by_id.load(self.record.gathering_place_id)

    @strawberry.field(description="Every step, oldest first.")
    async def steps(self, info: strawberry.Info) -> list[RightsCaseStep]:
        return await info.context.loaders.steps_by_rights_case.load(self.id)


@strawberry.type(
    description="The employer's payment record for one completed shift (线下确认、即时结算) and "
    "the worker's answer; seen by whoever sees the application."
)
class WageSettlement:
    application_id: strawberry.Private[int]
    case_id: strawberry.Private[int | None]
    amount: decimal.Decimal = strawberry.field(description="Amount paid in yuan.")
    method: PaymentMethod = strawberry.field(description="How it was paid.")
    paid_at: datetime = strawberry.field(description="When it was paid.")
    recorded_at: datetime = strawberry.field(description="When the employer recorded it.")
    status: WageSettlementStatus = strawberry.field(description="The worker's answer so far.")
    answered_at: datetime | None = strawberry.field(description="When the worker answered.")
    dispute_reason: str | None = strawberry.field(description="Why the worker disputes it.")

    @strawberry.field(description="The shift paid for.")
    async def job_application(self, info: strawberry.Info) -> JobApplicationRef:
        return await info.context.loaders.job_application_by_id.load(self.application_id)

    @strawberry.field(
        description="The wage-arrears case filed from it, for whoever may see that case."
    )
    async def rights_case(self, info: strawberry.Info) -> RightsCase | None:
        if self.case_id is None:
            return None
        case = await info.context.loaders.rights_case_by_id.load(self.case_id)
        return case if case is not None and may_see(info.context.viewer, case) else None


def may_see(viewer: Viewer | None, case: RightsCase) -> bool:
    """Who sees a case: its worker, the operator of its market, staff."""
    if viewer is None:
        return False
    if viewer.role == Role.STAFF:
        return True
    if viewer.role == Role.OPERATOR:
        return case.record.market_operator_id == viewer.subject_id
    return viewer.role == Role.WORKER and case.record.worker_id == viewer.subject_id


@strawberry.type(
    description="How an employer has paid completed shifts over the last 180 days (即时结算): "
    "shown to everyone, so workers can see it before applying."
)
class SettlementRecord:
    completed_shifts: int = strawberry.field(description="Completed shifts.")
    settled_on_time: int = strawberry.field(
        description="Payment recorded within 24 hours of completion."
    )
    settled_late: int = strawberry.field(description="Payment recorded later than that.")
    unsettled: int = strawberry.field(
        description="No payment recorded although 24 hours have passed."
    )
    disputed: int = strawberry.field(description="Payments the worker disputes.")

    @strawberry.field(
        description="Share settled on time among shifts settled or due (0–1, two decimals); "
        "null when there are none."
    )
    def on_time_rate(self) -> float | None:
        due = self.settled_on_time + self.settled_late + self.unsettled
        return round(self.settled_on_time / due, 2) if due else None


@dataclass(frozen=True)
class PostingModeration:
    """What moderation says about one posting (loaded per posting, shown by JobPosting)."""

    held_for: list[str] | None
    removal: PostingRemoval | None


@strawberry.type(description="Why and when staff took a posting down; shown to everyone.")
class PostingRemoval:
    reason: str = strawberry.field(description="The reason staff gave.")
    removed_at: datetime = strawberry.field(description="When it was taken down.")


@strawberry.type(
    description="A moderation item on a posting (（十六））: held at publishing, reported by a "
    "worker or taken down by staff. Staff see all; a worker sees their own reports."
)
class PostingReview(relay.Node):
    id: relay.NodeID[int]
    posting_id: strawberry.Private[int]
    source: PostingReviewSource = strawberry.field(description="Where it came from.")
    reason: PostingReportReason | None = strawberry.field(description="The report's reason.")
    matched_terms: list[str] = strawberry.field(
        description="Discriminatory terms found in the posting's text (screening)."
    )
    note: str = strawberry.field(description="The reporter's or staff's words.")
    status: PostingReviewStatus = strawberry.field(description="Where it stands.")
    created_at: datetime = strawberry.field(description="When it was opened.")
    decided_at: datetime | None = strawberry.field(description="When staff decided.")
    decision_note: str | None = strawberry.field(description="What staff said.")

    @strawberry.field(description="The posting under review.")
    async def job_posting(self, info: strawberry.Info) -> JobPostingRef:
        return await info.context.loaders.job_posting_by_id.load(self.posting_id)


@strawberry.type(
    description="An irregular gathering place (零散聚集点, （十七））: where gig workers gather by "
    "the road, kept by staff with the measures taken. Seen by staff and operators."
)
class GatheringPlace(relay.Node):
    id: relay.NodeID[int]
    market_id: strawberry.Private[int | None]
    name: str = strawberry.field(description="What people call it.")
    address: str = strawberry.field(description="Where.")
    region: Region = strawberry.field(description="The county.")
    location: GeoPoint | None = strawberry.field(description="Map position, if known.")
    typical_hours: str = strawberry.field(description="When people gather.")
    typical_size: int = strawberry.field(description="How many usually.")
    measures: str = strawberry.field(description="What has been done.")
    status: GatheringStatus = strawberry.field(description="Whether people still gather there.")
    recorded_at: datetime = strawberry.field(description="When it was registered.")
    updated_at: datetime = strawberry.field(description="When it was last updated.")

    @strawberry.field(description="The market workers are guided to, if set.")
    async def market(self, info: strawberry.Info) -> MarketRef | None:
        if self.market_id is None:
            return None
        return await info.context.loaders.market_by_id.load(self.market_id)

    @strawberry.field(
        description="Cases reported at the place (incidents), newest first, that the viewer "
        "may see (at most 100)."
    )
    async def incidents(self, info: strawberry.Info) -> list[RightsCase]:
        cases = await info.context.loaders.cases_by_gathering_place.load(self.id)
        return [c for c in cases if may_see(info.context.viewer, c)]
