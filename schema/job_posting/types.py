"""Job postings, applications and match results as GraphQL shows them."""

from __future__ import annotations

import decimal
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from schema.common import GeoPoint
from schema.employer.types import Employer
from schema.job_posting.enums import (
    JobApplicationActor,
    JobApplicationChannel,
    JobApplicationStatus,
    JobPostingStatus,
    MatchReasonCode,
    WageUnit,
)
from schema.reference.types import Occupation, Region
from schema.worker.types import Worker
from services.auth.rules import Role, Viewer

if TYPE_CHECKING:
    from schema.market.types import Market
    from schema.rights_case.types import PostingRemoval, WageSettlement

MarketRef = Annotated["Market", strawberry.lazy("schema.market.types")]
WageSettlementRef = Annotated["WageSettlement", strawberry.lazy("schema.rights_case.types")]
PostingRemovalRef = Annotated["PostingRemoval", strawberry.lazy("schema.rights_case.types")]


@strawberry.type(description="An exact wage.")
class Wage:
    amount: decimal.Decimal = strawberry.field(description="Amount in yuan, e.g. 180.50.")
    unit: WageUnit = strawberry.field(description="What the amount is paid per.")
    daily_equivalent: decimal.Decimal | None = strawberry.field(
        description="Per-day equivalent in yuan (hour × 8, month ÷ 21.75); null for piece rates."
    )


@strawberry.type(description="Where the work happens.")
class JobPlace:
    address: str = strawberry.field(description="Street address.")
    region: Region = strawberry.field(description="The county.")
    location: GeoPoint | None = strawberry.field(description="Map position, if given.")


@strawberry.type(description="How many applications a posting has, by status.")
class JobApplicationCounts:
    applied: int = strawberry.field(description="Waiting for confirmation.")
    confirmed: int = strawberry.field(description="Confirmed, not yet checked in.")
    checked_in: int = strawberry.field(description="At work.")
    completed: int = strawberry.field(description="Work completed.")
    cancelled: int = strawberry.field(description="Cancelled.")
    no_show: int = strawberry.field(description="Confirmed but did not come.")


@dataclass(frozen=True)
class PostingRecord:
    employer_id: int
    market_id: int | None
    occupation_id: int


def _may_manage(info: strawberry.Info, record: PostingRecord, market: object | None) -> bool:
    operator = getattr(market, "operator", None)
    return may_manage(info.context.viewer, record.employer_id, operator and operator.id)


def may_manage(viewer: Viewer | None, employer_id: int, operator_id: int | None) -> bool:
    """The posting's employer (`employer_id`), staff, or the operator of the posting's market
    (`operator_id`; None without a market)."""
    if viewer is None:
        return False
    if viewer.role == Role.STAFF:
        return True
    if viewer.role == Role.EMPLOYER:
        return viewer.subject_id == employer_id
    return (
        viewer.role == Role.OPERATOR
        and operator_id is not None
        and operator_id == viewer.subject_id
    )


@strawberry.type(description="A job posting (招工信息) for instant hiring (即时快招, （八）).")
class JobPosting(relay.Node):
    id: relay.NodeID[int]
    record: strawberry.Private[PostingRecord]
    title: str = strawberry.field(description="Short title.")
    description: str = strawberry.field(description="Details of the work.")
    status: JobPostingStatus = strawberry.field(
        description="Current status (an ended window reads as EXPIRED at once)."
    )
    headcount: int = strawberry.field(description="How many workers are needed.")
    confirmed_count: int = strawberry.field(description="How many places are confirmed.")
    wage: Wage = strawberry.field(description="What the work pays.")
    starts_at: datetime = strawberry.field(description="Start of the work window.")
    ends_at: datetime = strawberry.field(description="End of the work window.")
    work_date: date = strawberry.field(description="Day the work starts (Asia/Shanghai).")
    place: JobPlace = strawberry.field(description="Where the work happens.")
    same_day: bool = strawberry.field(description="Same-day onboarding (当日到岗).")
    prefer_assisted: bool = strawberry.field(
        description="Prioritised workers (（十）) come first among candidates."
    )
    public_welfare: bool = strawberry.field(
        description="A public-welfare job (公益性岗位, （十）): listed and shown only to workers "
        "with employment difficulties (service tier KEY or ASSISTED), its employer, the "
        "operator of its market and staff; for anyone else it does not exist.",
    )
    published_at: datetime | None = strawberry.field(description="When it was published.")
    closed_at: datetime | None = strawberry.field(
        description="When it was closed or expired, if it was."
    )
    created_at: datetime = strawberry.field(description="When the draft was created.")
    distance_km: float | None = strawberry.field(
        description="Distance in km from the `near` point of the query; null without `near`."
    )

    @strawberry.field(description="Places still open: headcount minus confirmed.")
    def remaining(self) -> int:
        return max(self.headcount - self.confirmed_count, 0)

    @strawberry.field(description="The occupation sought.")
    async def occupation(self, info: strawberry.Info) -> Occupation:
        return await info.context.loaders.occupation_by_id.load(self.record.occupation_id)

    @strawberry.field(description="Who is hiring.")
    async def employer(self, info: strawberry.Info) -> Employer:
        return await info.context.loaders.employer_by_id.load(self.record.employer_id)

    @strawberry.field(description="The market whose board shows the posting, if any.")
    async def market(self, info: strawberry.Info) -> MarketRef | None:
        if self.record.market_id is None:
            return None
        return await info.context.loaders.market_by_id.load(self.record.market_id)

    async def visible_to_viewer(self, info: strawberry.Info) -> bool:
        """A public-welfare job only for eligible workers and those who manage it."""
        if not self.public_welfare or await self.managed_by_viewer(info):
            return True
        viewer = info.context.viewer
        if viewer is None or viewer.role != Role.WORKER:
            return False
        return await info.context.loaders.public_welfare_eligible.load(viewer.subject_id)

    async def managed_by_viewer(self, info: strawberry.Info) -> bool:
        market = None
        if self.record.market_id is not None:
            market = await info.context.loaders.market_by_id.load(self.record.market_id)
        return _may_manage(info, self.record, market)

    @strawberry.field(
        description="Applications, oldest first (at most 500): for the posting's employer, the "
        "operator of its market and staff; null for everyone else.",
        deprecation_reason="Capped at 500: use jobApplications(jobPostingId:), which pages.",
    )
    async def applications(
        self,
        info: strawberry.Info,
        status: Annotated[
            list[JobApplicationStatus] | None,
            strawberry.argument(description="Only these statuses (default: all)."),
        ] = None,
    ) -> list[JobApplication] | None:
        if not await self.managed_by_viewer(info):
            return None
        items = await info.context.loaders.applications_by_posting.load(self.id)
        wanted = {s.value for s in status} if status else None
        return [a for a in items if wanted is None or a.status.value in wanted]

    @strawberry.field(
        description="Application counts by status: for the posting's employer, the operator of "
        "its market and staff; null for everyone else."
    )
    async def application_counts(self, info: strawberry.Info) -> JobApplicationCounts | None:
        if not await self.managed_by_viewer(info):
            return None
        return await info.context.loaders.application_counts_by_posting.load(self.id)

    @strawberry.field(
        description="Why staff took the posting down (REMOVED), for everyone, applicants "
        "included; null otherwise."
    )
    async def removal(self, info: strawberry.Info) -> PostingRemovalRef | None:
        if self.status != JobPostingStatus.REMOVED:
            return None
        return (await info.context.loaders.moderation_by_posting.load(self.id)).removal

    @strawberry.field(
        description="The discriminatory terms a HELD posting waits on review for (（十六））: for "
        "its employer, the operator of its market and staff; null otherwise."
    )
    async def held_for(self, info: strawberry.Info) -> list[str] | None:
        if self.status != JobPostingStatus.HELD or not await self.managed_by_viewer(info):
            return None
        return (await info.context.loaders.moderation_by_posting.load(self.id)).held_for

    @strawberry.field(
        description="The signed-in worker's own application to this posting; null otherwise."
    )
    async def my_application(self, info: strawberry.Info) -> JobApplication | None:
        viewer = info.context.viewer
        if viewer is None or viewer.role != Role.WORKER:
            return None
        return await info.context.loaders.application_by_worker_posting.load(
            (viewer.subject_id, self.id)
        )

    @classmethod
    async def resolve_nodes(cls, *, info, node_ids, required=False):
        return await info.context.loaders.public_job_posting_by_id.load_many(
            [int(i) for i in node_ids]
        )


@strawberry.type(
    description="An application (报名) of a worker to a posting, with a timestamp for every step. "
    "Seen by the worker, the posting's employer, the operator of its market and staff."
)
class JobApplication(relay.Node):
    id: relay.NodeID[int]
    posting_id: strawberry.Private[int]
    worker_id: strawberry.Private[int]
    status: JobApplicationStatus = strawberry.field(description="Current status.")
    channel: JobApplicationChannel = strawberry.field(description="Online or on site.")
    starts_at: datetime = strawberry.field(description="Start of the shift (the posting's window).")
    ends_at: datetime = strawberry.field(description="End of the shift.")
    applied_at: datetime = strawberry.field(description="When the worker applied.")
    confirmed_at: datetime | None = strawberry.field(description="When the employer confirmed.")
    checked_in_at: datetime | None = strawberry.field(description="When the worker arrived.")
    checked_in_by: JobApplicationActor | None = strawberry.field(
        description="Who recorded the arrival."
    )
    completed_at: datetime | None = strawberry.field(description="When the work was completed.")
    cancelled_at: datetime | None = strawberry.field(description="When it was cancelled.")
    cancelled_by: JobApplicationActor | None = strawberry.field(description="Who cancelled it.")
    cancel_reason: str | None = strawberry.field(description="Why it was cancelled.")
    no_show_at: datetime | None = strawberry.field(description="When it was marked a no-show.")
    posting_change: PostingChange | None = strawberry.field(
        default=None,
        description="The employer's last change to the wage or times of this confirmed shift, "
        "as the worker is told it (jobPostingUpdate); null if there was none.",
    )

    @strawberry.field(
        description="Seconds from applying to confirmation (即时确认), once confirmed."
    )
    def seconds_to_confirm(self) -> int | None:
        if self.confirmed_at is None:
            return None
        return int((self.confirmed_at - self.applied_at).total_seconds())

    @strawberry.field(description="The posting applied to.")
    async def job_posting(self, info: strawberry.Info) -> JobPosting:
        return await info.context.loaders.job_posting_by_id.load(self.posting_id)

    @strawberry.field(description="The applicant, with the fields the viewer may see.")
    async def worker(self, info: strawberry.Info) -> Worker:
        return await info.context.loaders.worker_by_id.load(self.worker_id)

    @strawberry.field(
        description="The employer's payment record for the shift and the worker's answer "
        "(线下确认、即时结算); null until the employer records one."
    )
    async def settlement(self, info: strawberry.Info) -> WageSettlementRef | None:
        return await info.context.loaders.settlement_by_application.load(self.id)


@strawberry.type(description="A change the employer made to a confirmed shift.")
class PostingChange:
    summary: str = strawberry.field(
        description="What changed, from what to what, in Chinese (e.g. 工资由 200.00 元/天 调整为 "
        "220.00 元/天)."
    )
    changed_at: datetime = strawberry.field(description="When the employer made the change.")


@strawberry.type(description="Why something was suggested.")
class MatchReason:
    code: MatchReasonCode = strawberry.field(description="Machine-readable reason.")
    message: str = strawberry.field(
        description="Human-readable explanation, in Chinese (named as in UserError)."
    )

    @strawberry.field(
        description="Human-readable explanation, in Chinese.",
        deprecation_reason="Named `message`, as in UserError.",
    )
    def text(self) -> str:
        return self.message


@strawberry.type(description="A posting suggested to the signed-in worker.")
class JobPostingMatch:
    job_posting: JobPosting = strawberry.field(description="The suggested posting.")
    score: float = strawberry.field(description="Higher is better; results are sorted by it.")
    match_reasons: list[MatchReason] = strawberry.field(description="Why it was suggested.")


@strawberry.type(description="A worker suggested for a posting.")
class WorkerMatch:
    worker: Worker = strawberry.field(
        description="The worker: masked name, occupations, region, availability, prioritised."
    )
    score: float = strawberry.field(description="Higher is better; results are sorted by it.")
    match_reasons: list[MatchReason] = strawberry.field(description="Why they were suggested.")
