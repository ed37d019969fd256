"""Demonstration certificates, the certification standard and applications as GraphQL types."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from schema.certification.enums import CertificationApplicationStatus

if TYPE_CHECKING:
    from schema.market.types import Market


@strawberry.type(
    description="A current provincial demonstration market certificate (省级示范零工市场)."
)
class Demonstration:
    year: int = strawberry.field(description="Certification year.")
    certified_at: datetime = strawberry.field(description="When the certificate was granted.")
    certificate_no: str = strawberry.field(description="Certificate number.")


@strawberry.type(description="One scored criterion (评分条目) of the certification standard.")
class CertificationCriterion(relay.Node):
    id: relay.NodeID[int]
    text: str = strawberry.field(description="What the market must show, citing policy clauses.")
    max_score: int = strawberry.field(description="Points available.")
    position: int = strawberry.field(description="Order within its item.")

    @classmethod
    async def resolve_nodes(cls, *, info, node_ids, required=False):
        return await info.context.loaders.criterion_by_id.load_many([int(i) for i in node_ids])


@strawberry.type(description="An item (项目) of the standard: 总则, 服务场地, 服务设施, …")
class CertificationItem:
    title: str = strawberry.field(description="Item title, e.g. 服务场地.")
    position: int = strawberry.field(description="Order within the standard.")
    max_score: int = strawberry.field(description="Sum of its criteria's points.")
    pass_threshold: int = strawberry.field(description="Points needed on this item.")
    relaxed_threshold: int = strawberry.field(
        description="Points needed in a mountain or island county (山区海岛县)."
    )
    criteria: list[CertificationCriterion] = strawberry.field(description="Its criteria, in order.")


@strawberry.type(
    description="The building and service standard (建设和服务标准) for certification."
)
class CertificationStandard:
    year: int = strawberry.field(description="First year the standard applies to.")
    name: str = strawberry.field(description="Official title.")
    max_score: int = strawberry.field(description="Total points available.")
    pass_score: int = strawberry.field(description="Total points needed.")
    relaxed_pass_score: int = strawberry.field(
        description="Total points needed in a mountain or island county."
    )
    min_months_operating: int = strawberry.field(
        description="Months a market must have operated before it may apply."
    )
    publicity_days: int = strawberry.field(description="Length of the public notice period, days.")
    items: list[CertificationItem] = strawberry.field(description="Its items, in order.")


@strawberry.type(
    description="One criterion's self-assessment and, once assessed, the province's score."
)
class CertificationScore:
    criterion: CertificationCriterion = strawberry.field(description="The criterion scored.")
    self_score: int = strawberry.field(description="The market's own score.")
    self_note: str = strawberry.field(description="The market's explanation.")
    assessor_score: int | None = strawberry.field(
        description="The provincial assessor's score; null until assessed."
    )


@strawberry.type(description="A supporting document listed with an application.")
class CertificationEvidence:
    title: str = strawberry.field(description="What the document is.")
    criterion: CertificationCriterion | None = strawberry.field(
        description="The criterion it supports, if one."
    )
    has_file: bool = strawberry.field(
        description="Whether a file has been attached (in the admin)."
    )
    uploaded_at: datetime = strawberry.field(description="When it was listed.")


@strawberry.type(description="A market's application for demonstration-market certification.")
class CertificationApplication(relay.Node):
    id: relay.NodeID[int]
    year: int = strawberry.field(description="Certification year applied for.")
    status: CertificationApplicationStatus = strawberry.field(description="Where it stands.")
    submitted_at: datetime = strawberry.field(description="When it was submitted.")
    city_recommended_at: datetime | None = strawberry.field(
        description="When the city recommended it."
    )
    assessed_at: datetime | None = strawberry.field(description="When the province scored it.")
    total_score: int | None = strawberry.field(description="The province's total; null before.")
    publicity_starts_on: date | None = strawberry.field(description="First day of the notice.")
    publicity_ends_on: date | None = strawberry.field(description="Last day of the notice.")
    decided_at: datetime | None = strawberry.field(description="When it was certified or rejected.")
    decision_note: str | None = strawberry.field(
        description="Reason for a rejection or revocation; null when none."
    )
    market_id: strawberry.Private[int]
    standard_id: strawberry.Private[int]

    @strawberry.field(description="The applying market.")
    async def market(
        self, info: strawberry.Info
    ) -> Annotated[Market, strawberry.lazy("schema.market.types")]:
        return await info.context.loaders.market_by_id.load(self.market_id)

    @strawberry.field(description="The standard it is assessed against.")
    async def standard(self, info: strawberry.Info) -> CertificationStandard:
        return await info.context.loaders.standard_by_id.load(self.standard_id)

    @strawberry.field(description="Scores per criterion, in the standard's order.")
    async def scores(self, info: strawberry.Info) -> list[CertificationScore]:
        return await info.context.loaders.scores_by_application.load(self.id)

    @strawberry.field(description="Supporting documents listed.")
    async def evidence(self, info: strawberry.Info) -> list[CertificationEvidence]:
        return await info.context.loaders.evidence_by_application.load(self.id)

    @strawberry.field(description="Number of the certificate granted, even if later revoked.")
    async def certificate_no(self, info: strawberry.Info) -> str | None:
        return await info.context.loaders.certificate_no_by_application.load(self.id)
