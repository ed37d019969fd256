"""Employment assistance (（十）) in GraphQL: the tiered service (分级服务) operators and staff see,
and assistance cases (就业援助) with their plan, offers and follow-ups."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

import strawberry
from strawberry import relay

from schema.assistance.enums import (
    AssistanceCaseStatus,
    AssistanceFollowUpChannel,
    AssistanceOfferKind,
    AssistanceOfferStatus,
    AssistanceOutcome,
)
from schema.job_posting.types import JobApplication, JobPosting
from schema.training.types import Training, TrainingEnrolment
from schema.worker.types import Worker

_ = strawberry.enum_value


@strawberry.enum(description="Tier of the tiered service for workers (分级服务, （十）).")
class ServiceTier(Enum):
    GENERAL = _("GENERAL", description="General service (普通服务).")
    KEY = _("KEY", description="Priority service (重点服务): one need.")
    ASSISTED = _(
        "ASSISTED",
        description="One-to-one assistance (援助服务): a disability, or two needs or more.",
    )


@strawberry.enum(description="Why the rules give a worker their tier.")
class ServiceTierReasonCode(Enum):
    CATEGORY = _("CATEGORY", description="An assistance category the worker declared.")
    AGE = _("AGE", description="50 or older this year (大龄).")
    LONG_WAIT = _(
        "LONG_WAIT",
        description="Registered 180 days or more ago without a shift completed in 180 days.",
    )


@strawberry.type(description="One reason for the derived tier.")
class ServiceTierReason:
    code: ServiceTierReasonCode = strawberry.field(description="Machine-readable reason.")
    text: str = strawberry.field(description="Human-readable explanation, in Chinese.")


@strawberry.type(description="A staff decision overriding the derived tier.")
class ServiceTierOverride:
    tier: ServiceTier = strawberry.field(description="The tier staff set.")
    reason: str = strawberry.field(description="Why, in the words of staff.")
    decided_at: datetime = strawberry.field(description="When it was decided.")


@strawberry.type(description="A worker's tier: what the rules derive and any staff override.")
class WorkerServiceTier:
    tier: ServiceTier = strawberry.field(description="The tier in force (the override, if any).")
    derived_tier: ServiceTier = strawberry.field(description="The tier the rules give.")
    reasons: list[ServiceTierReason] = strawberry.field(
        description="Why the rules give it; empty for GENERAL."
    )
    override: ServiceTierOverride | None = strawberry.field(
        description="The staff override, if any."
    )


@strawberry.type(description="One step of an assistance plan, with its due date.")
class AssistanceStep(relay.Node):
    id: relay.NodeID[int]
    title: str = strawberry.field(description="What is to be done.")
    due_on: date = strawberry.field(description="By when (a day, Asia/Shanghai).")
    done: bool = strawberry.field(description="Whether it is done.")
    done_at: datetime | None = strawberry.field(description="When it was marked done.")
    overdue: bool = strawberry.field(description="Not done and its due date has passed.")

    @classmethod
    async def resolve_nodes(cls, *, info, node_ids, required=False):
        return [None for _ in node_ids]  # private: reached through the case


@strawberry.type(
    description="A posting or a training offered to the worker one to one, and their answer."
)
class AssistanceOffer(relay.Node):
    id: relay.NodeID[int]
    posting_id: strawberry.Private[int | None]
    course_id: strawberry.Private[int | None]
    application_id: strawberry.Private[int | None]
    enrolment_id: strawberry.Private[int | None]
    kind: AssistanceOfferKind = strawberry.field(description="A posting or a training.")
    status: AssistanceOfferStatus = strawberry.field(description="The worker's answer so far.")
    note: str = strawberry.field(description="What staff said about it (may be empty).")
    offered_at: datetime = strawberry.field(description="When it was offered.")
    answered_at: datetime | None = strawberry.field(description="When the worker answered.")
    answer_reason: str | None = strawberry.field(
        description="Why the worker declined, if they said."
    )

    @strawberry.field(description="The posting offered (kind POSTING).")
    async def job_posting(self, info: strawberry.Info) -> JobPosting | None:
        if self.posting_id is None:
            return None
        return await info.context.loaders.job_posting_by_id.load(self.posting_id)

    @strawberry.field(description="The training offered (kind TRAINING).")
    async def training(self, info: strawberry.Info) -> Training | None:
        if self.course_id is None:
            return None
        return await info.context.loaders.training_by_id.load(self.course_id)

    @strawberry.field(description="The application accepting made (kind POSTING, accepted).")
    async def job_application(self, info: strawberry.Info) -> JobApplication | None:
        if self.application_id is None:
            return None
        return await info.context.loaders.job_application_by_id.load(self.application_id)

    @strawberry.field(description="The enrolment accepting made (kind TRAINING, accepted).")
    async def training_enrolment(self, info: strawberry.Info) -> TrainingEnrolment | None:
        if self.enrolment_id is None:
            return None
        return await info.context.loaders.training_enrolment_by_id.load(self.enrolment_id)

    @classmethod
    async def resolve_nodes(cls, *, info, node_ids, required=False):
        return [None for _ in node_ids]  # private: reached through the case


@strawberry.type(description="A contact of staff with the worker (回访).")
class AssistanceFollowUp(relay.Node):
    id: relay.NodeID[int]
    happened_on: date = strawberry.field(description="The day of the contact (Asia/Shanghai).")
    channel: AssistanceFollowUpChannel = strawberry.field(description="How it happened.")
    note: str = strawberry.field(description="What was said or agreed.")
    recorded_at: datetime = strawberry.field(description="When staff recorded it.")

    @classmethod
    async def resolve_nodes(cls, *, info, node_ids, required=False):
        return [None for _ in node_ids]  # private: reached through the case


@strawberry.type(
    description="A worker's assistance case (就业援助, （十）): a staff case worker follows them one "
    "to one with a plan, offers and follow-ups until the case closes with an outcome. Seen by "
    "the worker (their own), operators (workers registered at their markets) and staff."
)
class AssistanceCase(relay.Node):
    id: relay.NodeID[int]
    worker_id: strawberry.Private[int]
    case_worker_id: strawberry.Private[int]
    status: AssistanceCaseStatus = strawberry.field(description="Open or closed.")
    outcome: AssistanceOutcome | None = strawberry.field(description="How it ended, once closed.")
    outcome_note: str | None = strawberry.field(description="The closing note, if any.")
    opened_at: datetime = strawberry.field(description="When it was opened.")
    closed_at: datetime | None = strawberry.field(description="When it was closed.")
    next_due_on: date | None = strawberry.field(
        description="The earliest due date of a step not yet done; null if none."
    )
    overdue: bool = strawberry.field(
        description="Open, with a step not done past its due date (Asia/Shanghai)."
    )

    @strawberry.field(description="The staff member in charge (经办人), by name.")
    async def case_worker(self, info: strawberry.Info) -> str:
        return await info.context.loaders.staff_name_by_id.load(self.case_worker_id)

    @strawberry.field(description="The worker, with the fields the viewer may see.")
    async def worker(self, info: strawberry.Info) -> Worker:
        return await info.context.loaders.worker_by_id.load(self.worker_id)

    @strawberry.field(description="The plan: steps by due date.")
    async def steps(self, info: strawberry.Info) -> list[AssistanceStep]:
        return await info.context.loaders.steps_by_assistance_case.load(self.id)

    @strawberry.field(description="Offers, newest first.")
    async def offers(self, info: strawberry.Info) -> list[AssistanceOffer]:
        return await info.context.loaders.offers_by_assistance_case.load(self.id)

    @strawberry.field(description="Follow-ups, newest first.")
    async def follow_ups(self, info: strawberry.Info) -> list[AssistanceFollowUp]:
        return await info.context.loaders.follow_ups_by_assistance_case.load(self.id)

    @classmethod
    async def resolve_nodes(cls, *, info, node_ids, required=False):
        return [None for _ in node_ids]  # private: reached through the owner's queries
