"""Wage settlement per shift: the employer records, the worker confirms or disputes, and an
unpaid or disputed shift becomes a wage-arrears case in one step."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.global_ids import decode_id
from resolvers.permissions import allow, current_viewer
from resolvers.user_errors import user_errors
from schema.rights_case import enums as codes
from schema.rights_case import payloads as out
from schema.rights_case.inputs import WageSettlementRecordInput
from services.auth.rules import Role
from services.problems import ServiceError
from services.rights_case import settlement

ShiftId = Annotated[
    strawberry.ID, strawberry.argument(description="Global id of the application (the shift).")
]


async def _settlement(info: strawberry.Info, step, payload: type, error: type, code_enum):
    try:
        application_id = await step()
    except ServiceError as exc:
        return payload(
            wage_settlement=None, user_errors=user_errors(exc.problems, error, code_enum)
        )
    loaded = await info.context.loaders.settlement_by_application.load(application_id)
    return payload(wage_settlement=loaded, user_errors=[])


@strawberry.type
class WageSettlementMutation:
    @strawberry.mutation(
        description="Employers: record what you paid for a completed shift (线下确认、即时结算), "
        "within 24 hours of completion; the worker then confirms or disputes it.",
        extensions=[allow(Role.EMPLOYER)],
    )
    async def wage_settlement_record(
        self,
        info: strawberry.Info,
        input: Annotated[
            WageSettlementRecordInput, strawberry.argument(description="The payment.")
        ],
    ) -> out.WageSettlementRecordPayload:
        viewer = current_viewer(info)
        number = decode_id(input.job_application_id, "JobApplication")
        method: str = input.method.value  # type: ignore[assignment]  # strawberry types enum_value() members wrongly; they are str

        async def step() -> int:
            return await settlement.record_payment(
                viewer.subject_id, number, input.amount, method, input.paid_at
            )

        return await _settlement(
            info,
            step,
            out.WageSettlementRecordPayload,
            out.WageSettlementRecordError,
            codes.WageSettlementRecordErrorCode,
        )

    @strawberry.mutation(
        description="Workers: confirm you received the payment the employer recorded.",
        extensions=[allow(Role.WORKER)],
    )
    async def wage_settlement_confirm(
        self, info: strawberry.Info, job_application_id: ShiftId
    ) -> out.WageSettlementConfirmPayload:
        viewer = current_viewer(info)
        number = decode_id(job_application_id, "JobApplication")
        return await _settlement(
            info,
            lambda: settlement.answer(viewer.subject_id, number, True, ""),
            out.WageSettlementConfirmPayload,
            out.WageSettlementConfirmError,
            codes.WageSettlementConfirmErrorCode,
        )

    @strawberry.mutation(
        description="Workers: dispute the payment the employer recorded (e.g. less than agreed); "
        "then `rightsCaseFileFromShift` turns it into a wage-arrears case.",
        extensions=[allow(Role.WORKER)],
    )
    async def wage_settlement_dispute(
        self,
        info: strawberry.Info,
        job_application_id: ShiftId,
        reason: Annotated[str, strawberry.argument(description="Why (at most 500 characters).")],
    ) -> out.WageSettlementDisputePayload:
        viewer = current_viewer(info)
        number = decode_id(job_application_id, "JobApplication")
        return await _settlement(
            info,
            lambda: settlement.answer(viewer.subject_id, number, False, reason),
            out.WageSettlementDisputePayload,
            out.WageSettlementDisputeError,
            codes.WageSettlementDisputeErrorCode,
        )

    @strawberry.mutation(
        description="Workers: turn a disputed payment, or a completed shift with no payment "
        "recorded 24 hours after completion, into a wage-arrears case in one step; the "
        "employer, posting, market, amount owed and facts are filled in from the records.",
        extensions=[allow(Role.WORKER)],
    )
    async def rights_case_file_from_shift(
        self, info: strawberry.Info, job_application_id: ShiftId
    ) -> out.RightsCaseFileFromShiftPayload:
        viewer = current_viewer(info)
        number = decode_id(job_application_id, "JobApplication")
        try:
            case_id = await settlement.file_from_shift(viewer.subject_id, number)
        except ServiceError as exc:
            return out.RightsCaseFileFromShiftPayload(
                rights_case=None,
                user_errors=user_errors(
                    exc.problems,
                    out.RightsCaseFileFromShiftError,
                    codes.RightsCaseFileFromShiftErrorCode,
                ),
            )
        case = await info.context.loaders.rights_case_by_id.load(case_id)
        return out.RightsCaseFileFromShiftPayload(rights_case=case, user_errors=[])
