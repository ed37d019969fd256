"""Policy items and policy recommendations as GraphQL shows them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from schema.assistance.types import ServiceTier
from schema.policy.enums import (
    PolicyAudienceRole,
    PolicyMatchReasonCode,
    PolicyRecommendationKind,
    PolicyStatus,
)
from schema.reference.types import Occupation, Region
from schema.worker.enums import AssistanceCategory

if TYPE_CHECKING:
    from schema.subsidy.types import SubsidyProgramme

SubsidyProgrammeRef = Annotated["SubsidyProgramme", strawberry.lazy("schema.subsidy.types")]


@dataclass(frozen=True)
class AudienceRecord:
    regions: tuple[str, ...]
    occupations: tuple[str, ...]


@strawberry.type(
    description="Who a policy item is for. An empty list of categories or occupations "
    "restricts nothing; regions and roles are never empty."
)
class PolicyAudience:
    record: strawberry.Private[AudienceRecord]
    assistance_categories: list[AssistanceCategory] = strawberry.field(
        description="Only workers in one of these assistance categories (（十）); empty: anyone."
    )
    roles: list[PolicyAudienceRole] = strawberry.field(description="Roles it is meant for.")
    service_tiers: list[ServiceTier] = strawberry.field(
        description="Only workers in one of these tiers of the tiered service (分级服务, （十）); "
        "empty: any tier."
    )

    @strawberry.field(
        description="Divisions it applies in; a division covers its subdivisions (浙江省: all)."
    )
    async def regions(self, info: strawberry.Info) -> list[Region]:
        found = await info.context.loaders.region_by_code.load_many(list(self.record.regions))
        return [r for r in found if r is not None]

    @strawberry.field(description="Only viewers with one of these occupations; empty: anyone.")
    async def occupations(self, info: strawberry.Info) -> list[Occupation]:
        names = list(self.record.occupations)
        found = await info.context.loaders.occupation_by_name.load_many(names)
        return [o for o in found if o is not None]


@strawberry.type(
    description="A policy item (政策智推, （十二））: one clause of a policy told in plain words, "
    "kept by staff. Public once published."
)
class Policy(relay.Node):
    id: relay.NodeID[int]
    title: str = strawberry.field(description="Short title.")
    summary: str = strawberry.field(description="One or two sentences for lists.")
    body: str = strawberry.field(description="The full text: who, what, how to apply.")
    issuing_document: str = strawberry.field(
        description="Issuing document number, e.g. 浙人社发〔2023〕5号."
    )
    clause: str | None = strawberry.field(
        description="The clause of the document, e.g. （十一）; null if the whole document."
    )
    effective_from: date = strawberry.field(description="First day in effect (Asia/Shanghai).")
    effective_to: date | None = strawberry.field(
        description="Last day in effect (Asia/Shanghai); null: until further notice."
    )
    status: PolicyStatus = strawberry.field(description="Draft, published or withdrawn.")
    published_at: datetime | None = strawberry.field(description="When it was last published.")
    audience: PolicyAudience = strawberry.field(description="Who it is for.")

    @classmethod
    async def resolve_nodes(cls, *, info, node_ids, required=False):
        return await info.context.loaders.public_policy_by_id.load_many([int(i) for i in node_ids])


@strawberry.type(description="Why a recommendation applies to the signed-in viewer.")
class PolicyMatchReason:
    code: PolicyMatchReasonCode = strawberry.field(description="Machine-readable reason.")
    message: str = strawberry.field(
        description="Human-readable explanation, in Chinese (named as in UserError)."
    )


@strawberry.type(
    description="Something the signed-in viewer should know of, with the reasons it applies. "
    "Either a policy item or a subsidy programme the viewer qualifies for now, told apart by "
    "`kind`."
)
class PolicyRecommendation:
    kind: PolicyRecommendationKind = strawberry.field(description="What is recommended.")
    policy: Policy | None = strawberry.field(
        description="The policy item; set when `kind` is POLICY_ITEM."
    )
    programme: SubsidyProgrammeRef | None = strawberry.field(
        default=None,
        description="The subsidy programme (补贴) whose every rule the worker meets today; set when "
        "`kind` is SUBSIDY_PROGRAMME (apply with `subsidyApplicationSubmit`).",
    )
    score: float = strawberry.field(description="Higher is better; results are sorted by it.")
    reasons: list[PolicyMatchReason] = strawberry.field(description="Why it applies.")
