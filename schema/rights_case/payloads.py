"""Payloads and error types of rights case mutations: one pair per mutation."""

from __future__ import annotations

import strawberry

from schema.common import UserError
from schema.rights_case import enums as e
from schema.rights_case.types import (
    GatheringPlace,
    JobPostingRef,
    PostingReview,
    RightsCase,
    WageSettlement,
)

RESULT = "The case after the step; null when there are userErrors."
ERRORS = "Every problem found; empty on success."


@strawberry.type(description="A problem with `rightsCaseFile`.")
class RightsCaseFileError(UserError):
    code: e.RightsCaseFileErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `rightsCaseFile`.")
class RightsCaseFilePayload:
    rights_case: RightsCase | None = strawberry.field(
        description="The new case; null when there are userErrors."
    )
    user_errors: list[RightsCaseFileError] = strawberry.field(description=ERRORS)


@strawberry.type(description="A problem with `rightsCaseAccept`.")
class RightsCaseAcceptError(UserError):
    code: e.RightsCaseAcceptErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `rightsCaseAccept`.")
class RightsCaseAcceptPayload:
    rights_case: RightsCase | None = strawberry.field(description=RESULT)
    user_errors: list[RightsCaseAcceptError] = strawberry.field(description=ERRORS)


@strawberry.type(description="A problem with `rightsCaseStartMediation`.")
class RightsCaseStartMediationError(UserError):
    code: e.RightsCaseStartMediationErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `rightsCaseStartMediation`.")
class RightsCaseStartMediationPayload:
    rights_case: RightsCase | None = strawberry.field(description=RESULT)
    user_errors: list[RightsCaseStartMediationError] = strawberry.field(description=ERRORS)


@strawberry.type(description="A problem with `rightsCaseResolve`.")
class RightsCaseResolveError(UserError):
    code: e.RightsCaseResolveErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `rightsCaseResolve`.")
class RightsCaseResolvePayload:
    rights_case: RightsCase | None = strawberry.field(description=RESULT)
    user_errors: list[RightsCaseResolveError] = strawberry.field(description=ERRORS)


@strawberry.type(description="A problem with `rightsCaseRoute`.")
class RightsCaseRouteError(UserError):
    code: e.RightsCaseRouteErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `rightsCaseRoute`.")
class RightsCaseRoutePayload:
    rights_case: RightsCase | None = strawberry.field(description=RESULT)
    user_errors: list[RightsCaseRouteError] = strawberry.field(description=ERRORS)


@strawberry.type(description="A problem with `rightsCaseRefer`.")
class RightsCaseReferError(UserError):
    code: e.RightsCaseReferErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `rightsCaseRefer`.")
class RightsCaseReferPayload:
    rights_case: RightsCase | None = strawberry.field(description=RESULT)
    user_errors: list[RightsCaseReferError] = strawberry.field(description=ERRORS)


@strawberry.type(description="A problem with `rightsCaseClose`.")
class RightsCaseCloseError(UserError):
    code: e.RightsCaseCloseErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `rightsCaseClose`.")
class RightsCaseClosePayload:
    rights_case: RightsCase | None = strawberry.field(description=RESULT)
    user_errors: list[RightsCaseCloseError] = strawberry.field(description=ERRORS)


@strawberry.type(description="A problem with `wageSettlementRecord`.")
class WageSettlementRecordError(UserError):
    code: e.WageSettlementRecordErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `wageSettlementRecord`.")
class WageSettlementRecordPayload:
    wage_settlement: WageSettlement | None = strawberry.field(
        description="The payment record; null when there are userErrors."
    )
    user_errors: list[WageSettlementRecordError] = strawberry.field(description=ERRORS)


@strawberry.type(description="A problem with `wageSettlementConfirm`.")
class WageSettlementConfirmError(UserError):
    code: e.WageSettlementConfirmErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `wageSettlementConfirm`.")
class WageSettlementConfirmPayload:
    wage_settlement: WageSettlement | None = strawberry.field(
        description="The payment record with the answer; null when there are userErrors."
    )
    user_errors: list[WageSettlementConfirmError] = strawberry.field(description=ERRORS)


@strawberry.type(description="A problem with `wageSettlementDispute`.")
class WageSettlementDisputeError(UserError):
    code: e.WageSettlementDisputeErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `wageSettlementDispute`.")
class WageSettlementDisputePayload:
    wage_settlement: WageSettlement | None = strawberry.field(
        description="The payment record with the answer; null when there are userErrors."
    )
    user_errors: list[WageSettlementDisputeError] = strawberry.field(description=ERRORS)


@strawberry.type(description="A problem with `rightsCaseFileFromShift`.")
class RightsCaseFileFromShiftError(UserError):
    code: e.RightsCaseFileFromShiftErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `rightsCaseFileFromShift`.")
class RightsCaseFileFromShiftPayload:
    rights_case: RightsCase | None = strawberry.field(
        description="The new wage-arrears case; null when there are userErrors."
    )
    user_errors: list[RightsCaseFileFromShiftError] = strawberry.field(description=ERRORS)


@strawberry.type(description="A problem with `jobPostingTakeDown`.")
class JobPostingTakeDownError(UserError):
    code: e.JobPostingTakeDownErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `jobPostingTakeDown`.")
class JobPostingTakeDownPayload:
    job_posting: JobPostingRef | None = strawberry.field(
        description="The posting, now REMOVED; null when there are userErrors."
    )
    user_errors: list[JobPostingTakeDownError] = strawberry.field(description=ERRORS)


@strawberry.type(description="A problem with `jobPostingReport`.")
class JobPostingReportError(UserError):
    code: e.JobPostingReportErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `jobPostingReport`.")
class JobPostingReportPayload:
    posting_review: PostingReview | None = strawberry.field(
        description="Your report, open for staff; null when there are userErrors."
    )
    user_errors: list[JobPostingReportError] = strawberry.field(description=ERRORS)


@strawberry.type(description="A problem with `postingReviewDecide`.")
class PostingReviewDecideError(UserError):
    code: e.PostingReviewDecideErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `postingReviewDecide`.")
class PostingReviewDecidePayload:
    posting_review: PostingReview | None = strawberry.field(
        description="The decided item; null when there are userErrors."
    )
    user_errors: list[PostingReviewDecideError] = strawberry.field(description=ERRORS)


@strawberry.type(description="A problem with `gatheringPlaceRegister` or `gatheringPlaceUpdate`.")
class GatheringPlaceError(UserError):
    code: e.GatheringPlaceErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `gatheringPlaceRegister`.")
class GatheringPlaceRegisterPayload:
    gathering_place: GatheringPlace | None = strawberry.field(
        description="The new entry; null when there are userErrors."
    )
    user_errors: list[GatheringPlaceError] = strawberry.field(description=ERRORS)


@strawberry.type(description="Result of `gatheringPlaceUpdate`.")
class GatheringPlaceUpdatePayload:
    gathering_place: GatheringPlace | None = strawberry.field(
        description="The updated entry; null when there are userErrors."
    )
    user_errors: list[GatheringPlaceError] = strawberry.field(description=ERRORS)
