"""Subsidy programmes, eligibility and applications as GraphQL shows them."""

from __future__ import annotations

import decimal
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from schema.market.enums import MarketOwnership
from schema.reference.types import Region
from schema.subsidy.enums import (
    SubsidyAmountRule,
    SubsidyApplicationStatus,
    SubsidyKind,
    SubsidyRule,
)
from schema.training.enums import TrainingCategory
from schema.training.types import TrainingEnrolment
from schema.worker.enums import AssistanceCategory

if TYPE_CHECKING:
    from schema.market.types import Market

MarketRef = Annotated["Market", strawberry.lazy("schema.market.types")]


@strawberry.type(
    description="A subsidy programme (补贴项目) kept by staff: who qualifies, how much, when, and "
    "within what budget. Public."
)
class SubsidyProgramme(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="Name, e.g. 2026年杭州市职业培训补贴.")
    kind: SubsidyKind = strawberry.field(description="What it pays for.")
    policy_clause: str = strawberry.field(
        description="The clause of 浙人社发〔2023〕5号 it implements, e.g. （九）."
    )
    description: str = strawberry.field(description="What staff wrote about it.")
    amount_rule: SubsidyAmountRule = strawberry.field(description="How the amount is computed.")
    amount: decimal.Decimal = strawberry.field(
        description="Yuan, exact: per person, per training hour or per placement."
    )
    assistance_categories: list[AssistanceCategory] = strawberry.field(
        description="The worker must be in one of these (empty: no such rule)."
    )
    training_category: TrainingCategory | None = strawberry.field(
        description="The completed course must be of this category (null: any)."
    )
    training_within_months: int | None = strawberry.field(
        description="The course must have been completed within this many months (null: any time)."
    )
    region: Region | None = strawberry.field(
        description="The worker's residence or the market must lie here (null: all Zhejiang)."
    )
    market_ownership: MarketOwnership | None = strawberry.field(
        description="The market must be run this way (null: any)."
    )
    starts_at: datetime = strawberry.field(description="Applications accepted from.")
    ends_at: datetime = strawberry.field(description="Applications accepted until (exclusive).")
    budget: decimal.Decimal = strawberry.field(description="Total budget in yuan.")
    budget_remaining: decimal.Decimal = strawberry.field(
        description="Budget in yuan not yet committed by approvals."
    )
    approval_threshold: decimal.Decimal = strawberry.field(
        description="Applications above this many yuan need two different approvers."
    )
    active: bool = strawberry.field(description="Staff have not stopped it.")

    @classmethod
    async def resolve_nodes(cls, *, info, node_ids, required=False):
        return await info.context.loaders.subsidy_programme_by_id.load_many(
            [int(i) for i in node_ids]
        )


@strawberry.type(description="One eligibility rule and whether it holds, explained in Chinese.")
class SubsidyRuleCheck:
    rule: SubsidyRule = strawberry.field(description="Which rule.")
    met: bool = strawberry.field(description="Whether it holds.")
    text: str = strawberry.field(description="Why, in Chinese (what is missing when unmet).")


@strawberry.type(
    description="Whether the caller may apply for a programme now, rule by rule; nothing is stored."
)
class SubsidyEligibility:
    programme: SubsidyProgramme = strawberry.field(description="The programme.")
    eligible: bool = strawberry.field(
        description="Every rule holds: an application would be accepted."
    )
    checks: list[SubsidyRuleCheck] = strawberry.field(
        description="Every rule the programme sets, in order; unmet ones say what is missing."
    )
    amount: decimal.Decimal | None = strawberry.field(
        description="Yuan the application would ask for (null if it cannot be computed)."
    )
    enrolment_id: strawberry.Private[int | None]
    market_id: strawberry.Private[int | None]

    @strawberry.field(
        description="The completed enrolment the application would be for (training kinds)."
    )
    async def training_enrolment(self, info: strawberry.Info) -> TrainingEnrolment | None:
        if self.enrolment_id is None:
            return None
        return await info.context.loaders.training_enrolment_by_id.load(self.enrolment_id)

    @strawberry.field(description="The market the application would be for (operators).")
    async def market(self, info: strawberry.Info) -> MarketRef | None:
        if self.market_id is None:
            return None
        return await info.context.loaders.market_by_id.load(self.market_id)


@strawberry.type(
    description="An application for a subsidy: seen by the worker who made it, or the operator "
    "of the market it is for."
)
class SubsidyApplication(relay.Node):
    id: relay.NodeID[int]
    programme_id: strawberry.Private[int]
    enrolment_id: strawberry.Private[int | None]
    market_id: strawberry.Private[int | None]
    status: SubsidyApplicationStatus = strawberry.field(description="Current status.")
    quantity: int = strawberry.field(
        description="What the amount counts: 1 person, course minutes, or placements."
    )
    amount: decimal.Decimal = strawberry.field(description="Yuan asked for, exact.")
    submitted_at: datetime = strawberry.field(description="When it was submitted.")
    decided_at: datetime | None = strawberry.field(
        description="When it was finally approved or rejected."
    )
    reject_reason: str | None = strawberry.field(description="Why it was rejected, if it was.")
    payment_reference: str | None = strawberry.field(description="Payment reference once paid.")
    paid_at: datetime | None = strawberry.field(description="When it was paid.")

    @strawberry.field(description="The programme applied to.")
    async def programme(self, info: strawberry.Info) -> SubsidyProgramme:
        return await info.context.loaders.subsidy_programme_by_id.load(self.programme_id)

    @strawberry.field(description="The completed enrolment it is for (training kinds).")
    async def training_enrolment(self, info: strawberry.Info) -> TrainingEnrolment | None:
        if self.enrolment_id is None:
            return None
        return await info.context.loaders.training_enrolment_by_id.load(self.enrolment_id)

    @strawberry.field(description="The market it is for (the employment service subsidy).")
    async def market(self, info: strawberry.Info) -> MarketRef | None:
        if self.market_id is None:
            return None
        return await info.context.loaders.market_by_id.load(self.market_id)

    @classmethod
    async def resolve_nodes(cls, *, info, node_ids, required=False):
        return [None for _ in node_ids]  # private: reached through the owner's queries
