"""Mutation payloads of the assessment domain."""

from __future__ import annotations

import strawberry

from schema.assessment.enums import WorkloadReportSubmitErrorCode
from schema.assessment.types import WorkloadReport
from schema.common import UserError


@strawberry.type(description="A problem with a workload report submission.")
class WorkloadReportSubmitError(UserError):
    code: WorkloadReportSubmitErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of workloadReportSubmit.")
class WorkloadReportSubmitPayload:
    workload_report: WorkloadReport | None = strawberry.field(
        description="The stored report version (the earlier one for a retry); null on errors."
    )
    user_errors: list[WorkloadReportSubmitError] = strawberry.field(
        description="Every problem found; empty when the report was stored."
    )
