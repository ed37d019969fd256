"""One error-code enum per rights case, settlement and moderation mutation."""

from __future__ import annotations

from enum import Enum

import strawberry

_ = strawberry.enum_value
NOT_FOUND = "No such case, or you may not see it (the two look the same)."
INVALID_STATE = "The case is not in a status that allows this step, or someone just moved it."
NOT_HANDLER = "The case is with a department you do not act for."
REQUIRED = "A required value is empty."
TOO_LONG = "A text is longer than allowed."
SHIFT_NOT_FOUND = "No such application, or it is not yours (the two look the same)."


@strawberry.enum(description="Why `rightsCaseFile` rejected the input.")
class RightsCaseFileErrorCode(Enum):
    REQUIRED = _("REQUIRED", description=REQUIRED)
    TOO_LONG = _("TOO_LONG", description=TOO_LONG)
    NOT_FOUND = _(
        "NOT_FOUND",
        description="A worker, employer, posting, application or market is unknown or not yours.",
    )
    MISMATCH = _("MISMATCH", description="The employer, posting and application do not agree.")
    INVALID_AMOUNT = _(
        "INVALID_AMOUNT", description="Amounts are positive, exact to the fen, at most 1000000."
    )
    INVALID_LOCATION = _("INVALID_LOCATION", description="The location lies outside Zhejiang.")
    LOCATION_REQUIRED = _("LOCATION_REQUIRED", description="A gathering case needs a place.")
    SUBJECT_REQUIRED = _(
        "SUBJECT_REQUIRED",
        description="Name an employer, a posting, an application or a place.",
    )
    MARKET_REQUIRED = _(
        "MARKET_REQUIRED", description="No market follows from the input: choose one."
    )
    ALREADY_FILED = _(
        "ALREADY_FILED", description="An open case of this kind exists for the application."
    )


@strawberry.enum(description="Why `rightsCaseAccept` refused.")
class RightsCaseAcceptErrorCode(Enum):
    NOT_FOUND = _("NOT_FOUND", description=NOT_FOUND)
    INVALID_STATE = _("INVALID_STATE", description=INVALID_STATE + " Only FILED cases.")
    NOT_HANDLER = _("NOT_HANDLER", description=NOT_HANDLER)
    TOO_LONG = _("TOO_LONG", description=TOO_LONG)


@strawberry.enum(description="Why `rightsCaseStartMediation` refused.")
class RightsCaseStartMediationErrorCode(Enum):
    NOT_FOUND = _("NOT_FOUND", description=NOT_FOUND)
    INVALID_STATE = _("INVALID_STATE", description=INVALID_STATE + " Only ACCEPTED cases.")
    NOT_HANDLER = _("NOT_HANDLER", description=NOT_HANDLER)
    TOO_LONG = _("TOO_LONG", description=TOO_LONG)


@strawberry.enum(description="Why `rightsCaseResolve` refused.")
class RightsCaseResolveErrorCode(Enum):
    NOT_FOUND = _("NOT_FOUND", description=NOT_FOUND)
    INVALID_STATE = _(
        "INVALID_STATE",
        description=INVALID_STATE + " MEDIATED needs MEDIATING; findings need ACCEPTED or later.",
    )
    NOT_HANDLER = _("NOT_HANDLER", description=NOT_HANDLER)
    FINDING_NOT_ALLOWED = _(
        "FINDING_NOT_ALLOWED", description="Operators record mediation results only."
    )
    REQUIRED = _("REQUIRED", description=REQUIRED)
    TOO_LONG = _("TOO_LONG", description=TOO_LONG)
    INVALID_AMOUNT = _(
        "INVALID_AMOUNT", description="Not negative, exact to the fen, at most 1000000 yuan."
    )
    AMOUNT_NOT_ALLOWED = _(
        "AMOUNT_NOT_ALLOWED", description="A case found not true has no recovered amount."
    )


@strawberry.enum(description="Why `rightsCaseRoute` refused.")
class RightsCaseRouteErrorCode(Enum):
    NOT_FOUND = _("NOT_FOUND", description=NOT_FOUND)
    INVALID_STATE = _("INVALID_STATE", description=INVALID_STATE + " Only open cases.")
    NOT_HANDLER = _("NOT_HANDLER", description=NOT_HANDLER)
    REQUIRED = _("REQUIRED", description=REQUIRED)
    TOO_LONG = _("TOO_LONG", description=TOO_LONG)
    SAME_DEPARTMENT = _("SAME_DEPARTMENT", description="The case is already with it.")


@strawberry.enum(description="Why `rightsCaseRefer` refused.")
class RightsCaseReferErrorCode(Enum):
    NOT_FOUND = _("NOT_FOUND", description=NOT_FOUND)
    INVALID_STATE = _("INVALID_STATE", description=INVALID_STATE + " Only open cases.")
    REQUIRED = _("REQUIRED", description=REQUIRED)
    TOO_LONG = _("TOO_LONG", description=TOO_LONG)


@strawberry.enum(description="Why `rightsCaseClose` refused.")
class RightsCaseCloseErrorCode(Enum):
    NOT_FOUND = _("NOT_FOUND", description=NOT_FOUND)
    INVALID_STATE = _("INVALID_STATE", description=INVALID_STATE + " Only open cases.")
    REQUIRED = _("REQUIRED", description=REQUIRED)
    TOO_LONG = _("TOO_LONG", description=TOO_LONG)


@strawberry.enum(description="Why `wageSettlementRecord` refused.")
class WageSettlementRecordErrorCode(Enum):
    NOT_FOUND = _("NOT_FOUND", description=SHIFT_NOT_FOUND)
    NOT_COMPLETED = _("NOT_COMPLETED", description="The work is not marked completed.")
    ALREADY_RECORDED = _("ALREADY_RECORDED", description="The shift already has a record.")
    INVALID_AMOUNT = _(
        "INVALID_AMOUNT", description="Positive, exact to the fen, at most 1000000 yuan."
    )
    INVALID_TIME = _(
        "INVALID_TIME",
        description="paidAt needs a timezone and cannot lie in the future.",
    )


@strawberry.enum(description="Why `wageSettlementConfirm` refused.")
class WageSettlementConfirmErrorCode(Enum):
    NOT_FOUND = _("NOT_FOUND", description=SHIFT_NOT_FOUND)
    NOT_RECORDED = _("NOT_RECORDED", description="The employer has recorded no payment yet.")
    ALREADY_ANSWERED = _("ALREADY_ANSWERED", description="Already confirmed or disputed.")


@strawberry.enum(description="Why `wageSettlementDispute` refused.")
class WageSettlementDisputeErrorCode(Enum):
    NOT_FOUND = _("NOT_FOUND", description=SHIFT_NOT_FOUND)
    NOT_RECORDED = _("NOT_RECORDED", description="The employer has recorded no payment yet.")
    ALREADY_ANSWERED = _("ALREADY_ANSWERED", description="Already confirmed or disputed.")
    REQUIRED = _("REQUIRED", description="A dispute needs a reason.")
    TOO_LONG = _("TOO_LONG", description="The reason is longer than 500 characters.")


@strawberry.enum(description="Why `rightsCaseFileFromShift` refused.")
class RightsCaseFileFromShiftErrorCode(Enum):
    NOT_FOUND = _("NOT_FOUND", description=SHIFT_NOT_FOUND)
    NOT_COMPLETED = _("NOT_COMPLETED", description="The work is not marked completed.")
    NOT_DUE_YET = _(
        "NOT_DUE_YET",
        description="No payment recorded, but the 24 hours after completion have not passed.",
    )
    SETTLED = _("SETTLED", description="A payment is recorded and not disputed.")
    ALREADY_FILED = _("ALREADY_FILED", description="An open wage-arrears case exists for it.")
    MARKET_REQUIRED = _(
        "MARKET_REQUIRED",
        description="Neither the posting nor the worker has a market: use rightsCaseFile.",
    )


@strawberry.enum(description="Why `jobPostingTakeDown` refused.")
class JobPostingTakeDownErrorCode(Enum):
    NOT_FOUND = _("NOT_FOUND", description="No such posting.")
    INVALID_STATE = _("INVALID_STATE", description="Already closed, expired or removed.")
    REQUIRED = _("REQUIRED", description="A reason is required.")
    TOO_LONG = _("TOO_LONG", description="The reason is longer than 500 characters.")


@strawberry.enum(description="Why `jobPostingReport` refused.")
class JobPostingReportErrorCode(Enum):
    NOT_FOUND = _("NOT_FOUND", description="No such published posting.")
    ALREADY_REPORTED = _("ALREADY_REPORTED", description="Your earlier report is still open.")
    REQUIRED = _("REQUIRED", description="OTHER needs a note.")
    TOO_LONG = _("TOO_LONG", description="The note is longer than 500 characters.")


@strawberry.enum(description="Why `postingReviewDecide` refused.")
class PostingReviewDecideErrorCode(Enum):
    NOT_FOUND = _("NOT_FOUND", description="No such review item.")
    INVALID_STATE = _(
        "INVALID_STATE", description="Already decided, or the posting can no longer be removed."
    )
    REQUIRED = _("REQUIRED", description="REMOVE needs a note.")
    TOO_LONG = _("TOO_LONG", description="The note is longer than 500 characters.")
    WINDOW_IN_PAST = _(
        "WINDOW_IN_PAST", description="A held posting whose work has started cannot be published."
    )


@strawberry.enum(description="Why `gatheringPlaceRegister` or `gatheringPlaceUpdate` refused.")
class GatheringPlaceErrorCode(Enum):
    NOT_FOUND = _("NOT_FOUND", description="The place (on update) or the market is unknown.")
    REQUIRED = _("REQUIRED", description=REQUIRED)
    TOO_LONG = _("TOO_LONG", description=TOO_LONG)
    INVALID_REGION = _(
        "INVALID_REGION", description="The region code is not a Zhejiang county-level division."
    )
    INVALID_LOCATION = _("INVALID_LOCATION", description="The location lies outside Zhejiang.")
    INVALID_SIZE = _("INVALID_SIZE", description="The typical size is 0 to 10000 people.")
