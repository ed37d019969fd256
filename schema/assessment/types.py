"""Workload reports, reconciliation, assessments and payouts as operators see them."""

from __future__ import annotations

import decimal
from datetime import datetime

import strawberry
from strawberry import relay

from schema.assessment.enums import AssessmentStatus, Indicator
from schema.market.types import Market

# These are an operator's private data: `node(id:)`, which anyone may call, never resolves
# them (resolve_nodes answers null); they are read through workloadReports and myAssessments.


@strawberry.type(description="Reported against observed for one indicator.")
class ReconciliationLine:
    indicator: Indicator = strawberry.field(description="The indicator.")
    reported: int | None = strawberry.field(
        description="What the operator reported; null when there is no report."
    )
    observed: int | None = strawberry.field(
        description="What the platform's own records show; null when not observable "
        "(no training records exist yet)."
    )
    difference: int | None = strawberry.field(
        description="reported − observed; null when either is null."
    )
    flagged: bool = strawberry.field(
        description="|reported − observed| exceeds the tolerance (percent of observed)."
    )


@strawberry.type(description="Reported figures checked against the platform's own records.")
class Reconciliation:
    tolerance_percent: int = strawberry.field(
        description="Allowed deviation, in percent of the observed figure (the year's scheme)."
    )
    flagged: bool = strawberry.field(
        description="Any line flagged: a reward then needs a staff justification."
    )
    lines: list[ReconciliationLine] = strawberry.field(description="One line per indicator.")


@strawberry.type(description="One version of an operator's monthly workload report (工作量报告).")
class WorkloadReport(relay.Node):
    id: relay.NodeID[int]
    period: str = strawberry.field(description="The month, YYYY-MM (Asia/Shanghai).")
    version: int = strawberry.field(
        description="1 for the first submission; each correction adds a version."
    )
    is_current: bool = strawberry.field(description="Whether this is the latest version.")
    idempotency_key: str = strawberry.field(description="The key it was submitted with.")
    registrations: int = strawberry.field(description="求职登记人数 reported.")
    postings_published: int = strawberry.field(description="发布岗位数 reported.")
    matches_confirmed: int = strawberry.field(description="确认对接数 reported.")
    workers_onboarded: int = strawberry.field(description="到岗人数 reported.")
    assisted_workers_placed: int = strawberry.field(description="困难人员就业数 reported.")
    trainings_delivered: int = strawberry.field(description="培训人次 reported.")
    disputes_mediated: int = strawberry.field(description="调处纠纷数 reported.")
    notes: str = strawberry.field(description="The operator's notes.")
    submitted_at: datetime = strawberry.field(description="When this version was submitted.")
    locked_at: datetime | None = strawberry.field(
        description="When a decision on the month's assessment locked it; null while open."
    )
    market_id: strawberry.Private[int]
    reconciliation_key: strawberry.Private[tuple]

    @strawberry.field(description="The market reported on.")
    async def market(self, info: strawberry.Info) -> Market:
        return await info.context.loaders.market_by_id.load(self.market_id)

    @strawberry.field(
        description="These figures against the platform's records for the month, computed now."
    )
    async def reconciliation(self, info: strawberry.Info) -> Reconciliation:
        return await info.context.loaders.reconciliation_by_figures.load(self.reconciliation_key)

    @classmethod
    async def resolve_nodes(cls, *, info, node_ids, required=False):
        return [None for _ in node_ids]


@strawberry.type(description="The reward paid for an approved assessment.")
class Payout(relay.Node):
    id: relay.NodeID[int]
    amount: decimal.Decimal = strawberry.field(description="Amount in yuan (exact).")
    created_at: datetime = strawberry.field(description="When the approval created it.")

    @classmethod
    async def resolve_nodes(cls, *, info, node_ids, required=False):
        return [None for _ in node_ids]


@strawberry.type(description="A month's assessment (考核) of a market under contract.")
class Assessment(relay.Node):
    id: relay.NodeID[int]
    period: str = strawberry.field(description="The month, YYYY-MM (Asia/Shanghai).")
    status: AssessmentStatus = strawberry.field(description="Draft, approved or rejected.")
    score: decimal.Decimal = strawberry.field(
        description="Score out of 100 with two decimals (scoreBasisPoints / 100)."
    )
    score_basis_points: int = strawberry.field(
        description="Score in basis points, 0–10000: Σ weight × min(reported, target) / target."
    )
    proposed_reward: decimal.Decimal = strawberry.field(
        description="Reward in yuan: 0 below the pass score, else monthly cap × score / 100 "
        "(rounded half up to the fen)."
    )
    flagged: bool = strawberry.field(
        description="The report differed from the platform's records beyond the tolerance."
    )
    reconciliation: Reconciliation = strawberry.field(
        description="Reported against observed as used for this assessment."
    )
    computed_at: datetime = strawberry.field(description="When the assessment was last run.")
    decided_at: datetime | None = strawberry.field(description="When staff decided; null if not.")
    reject_reason: str | None = strawberry.field(description="Why it was rejected, if it was.")
    market_id: strawberry.Private[int]
    report_id: strawberry.Private[int | None]

    @strawberry.field(description="The market assessed.")
    async def market(self, info: strawberry.Info) -> Market:
        return await info.context.loaders.market_by_id.load(self.market_id)

    @strawberry.field(description="The report version assessed; null when none was submitted.")
    async def report(self, info: strawberry.Info) -> WorkloadReport | None:
        if self.report_id is None:
            return None
        return await info.context.loaders.workload_report_by_id.load(self.report_id)

    @strawberry.field(description="The payout, once approved.")
    async def payout(self, info: strawberry.Info) -> Payout | None:
        return await info.context.loaders.payout_by_assessment.load(self.id)

    @classmethod
    async def resolve_nodes(cls, *, info, node_ids, required=False):
        return [None for _ in node_ids]
