"""Inputs for workload reports and assessments."""

from __future__ import annotations

import strawberry

from schema.assessment.enums import AssessmentStatus


@strawberry.input(description="An operator's monthly workload figures for one market.")
class WorkloadReportSubmitInput:
    market_id: strawberry.ID = strawberry.field(
        description="Global id of a market your organisation runs under contract."
    )
    period: str = strawberry.field(
        description="The month reported, YYYY-MM (Asia/Shanghai); not a future month."
    )
    idempotency_key: str | None = strawberry.field(
        default=None,
        description="Required. A fresh key (e.g. a UUID) per submission: retrying with the same "
        "key and payload returns the same report; a correction uses a new key.",
    )
    registrations: int = strawberry.field(
        description="求职登记人数: workers registered (0–100000)."
    )
    postings_published: int = strawberry.field(
        description="发布岗位数: job postings published (0–100000)."
    )
    matches_confirmed: int = strawberry.field(
        description="确认对接数: matches confirmed (0–100000)."
    )
    workers_onboarded: int = strawberry.field(
        description="到岗人数: workers checked in on the job, person-times (0–100000)."
    )
    assisted_workers_placed: int = strawberry.field(
        description="困难人员就业数: of those, workers entitled to priority help (≤ workersOnboarded)."
    )
    trainings_delivered: int = strawberry.field(
        description="培训人次: training delivered, person-times (0–100000)."
    )
    disputes_mediated: int = strawberry.field(
        description="调处纠纷数: disputes mediated (0–100000)."
    )
    notes: str = strawberry.field(default="", description="Notes for staff (up to 2000 chars).")


@strawberry.input(description="Filters for workload reports; all given filters must hold.")
class WorkloadReportWhereInput:
    market_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only reports on this market."
    )
    period: str | None = strawberry.field(default=None, description="Only this month, YYYY-MM.")
    include_superseded: bool = strawberry.field(
        default=False,
        description="Also list versions replaced by a correction (default: current versions only).",
    )


@strawberry.input(description="Filters for assessments; all given filters must hold.")
class AssessmentWhereInput:
    market_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only assessments of this market."
    )
    period: str | None = strawberry.field(default=None, description="Only this month, YYYY-MM.")
    status: AssessmentStatus | None = strawberry.field(
        default=None, description="Only assessments with this status."
    )
