"""Operator portal mutation: workloadReportSubmit."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.assessment.loaders import to_workload_report
from resolvers.global_ids import decode_id
from resolvers.permissions import allow, current_viewer
from resolvers.user_errors import user_errors
from schema.assessment.enums import WorkloadReportSubmitErrorCode
from schema.assessment.inputs import WorkloadReportSubmitInput
from schema.assessment.payloads import WorkloadReportSubmitError, WorkloadReportSubmitPayload
from services.assessment import reports
from services.assessment.rules import INDICATORS
from services.auth.rules import Role
from services.problems import ServiceError


@strawberry.type
class AssessmentMutation:
    @strawberry.mutation(
        description="Submit a month's workload figures for a market your organisation runs "
        "(OPERATOR only). Idempotent per key; a new key for the same market and month stores a "
        "correction as a new version, until a decision on the month's assessment locks it.",
        extensions=[allow(Role.OPERATOR)],
    )
    async def workload_report_submit(
        self,
        info: strawberry.Info,
        input: Annotated[WorkloadReportSubmitInput, strawberry.argument(description="The report.")],
    ) -> WorkloadReportSubmitPayload:
        viewer = current_viewer(info)
        draft = reports.ReportDraft(
            market_id=decode_id(input.market_id, "Market"),
            period=input.period,
            idempotency_key=input.idempotency_key,
            counts={name: getattr(input, name) for name in INDICATORS},
            notes=input.notes,
        )
        try:
            row = await reports.submit(viewer.subject_id, draft, token_id=viewer.token_id)
        except ServiceError as exc:
            return WorkloadReportSubmitPayload(
                workload_report=None,
                user_errors=user_errors(
                    exc.problems, WorkloadReportSubmitError, WorkloadReportSubmitErrorCode
                ),
            )
        return WorkloadReportSubmitPayload(workload_report=to_workload_report(row), user_errors=[])
