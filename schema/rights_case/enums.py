"""Rights case, settlement and moderation enums; values equal the stored column values."""

from __future__ import annotations

from enum import Enum

import strawberry

_ = strawberry.enum_value


@strawberry.enum(description="What a case is about (（十六）（十七））.")
class RightsCaseKind(Enum):
    WAGE_ARREARS = _("WAGE_ARREARS", description="Wages not paid (欠薪).")
    DISCRIMINATION = _("DISCRIMINATION", description="Employment discrimination (就业歧视).")
    SAFETY = _("SAFETY", description="Threats, violence, extortion, forced deals (治安与人身安全).")
    CONTRACT_DISPUTE = _(
        "CONTRACT_DISPUTE", description="A dispute over what was agreed (用工约定纠纷)."
    )
    GATHERING = _(
        "GATHERING", description="Irregular roadside gathering of workers (占道零散聚集, （十七）)."
    )
    OTHER = _("OTHER", description="Any other dispute (其他纠纷).")


@strawberry.enum(
    description="Life cycle: FILED → ACCEPTED → MEDIATING → RESOLVED; any open status → "
    "REFERRED or CLOSED; routing to another department returns the case to FILED."
)
class RightsCaseStatus(Enum):
    FILED = _("FILED", description="Filed, waiting to be accepted (已登记).")
    ACCEPTED = _("ACCEPTED", description="Accepted by the department it is with (已受理).")
    MEDIATING = _("MEDIATING", description="In mediation (调解中).")
    RESOLVED = _("RESOLVED", description="Finished with a finding (已办结).")
    REFERRED = _(
        "REFERRED", description="Handed to a body outside the platform (已移送), e.g. arbitration."
    )
    CLOSED = _("CLOSED", description="Withdrawn by the worker or closed without a finding.")


@strawberry.enum(description="What came of a finished case.")
class RightsCaseOutcome(Enum):
    MEDIATED = _("MEDIATED", description="Settled in mediation (调解成功).")
    SUBSTANTIATED = _("SUBSTANTIATED", description="Found true by the department (查实).")
    NOT_SUBSTANTIATED = _("NOT_SUBSTANTIATED", description="Found not true (不成立).")
    WITHDRAWN = _("WITHDRAWN", description="Withdrawn by the worker (撤回).")


@strawberry.enum(description="A finding that resolves a case.")
class RightsCaseFinding(Enum):
    MEDIATED = _("MEDIATED", description="Settled in mediation (operators and staff).")
    SUBSTANTIATED = _(
        "SUBSTANTIATED",
        description="Found true (staff only); wage arrears flag the employer (（十六））.",
    )
    NOT_SUBSTANTIATED = _("NOT_SUBSTANTIATED", description="Found not true (staff only).")


@strawberry.enum(description="Who handles a case.")
class Department(Enum):
    LABOUR_INSPECTION = _("LABOUR_INSPECTION", description="Labour inspection (劳动保障监察).")
    PUBLIC_SECURITY = _("PUBLIC_SECURITY", description="Public security (公安).")
    MARKET_REGULATION = _("MARKET_REGULATION", description="Market regulation (市场监管).")
    MARKET_OPERATOR = _(
        "MARKET_OPERATOR", description="The market's operator, for mediation (用工矛盾调处)."
    )


@strawberry.enum(description="How a case came in.")
class RightsCaseChannel(Enum):
    ONLINE = _("ONLINE", description="Filed by the worker in the app.")
    ON_SITE = _("ON_SITE", description="Filed by the market's operator for a worker on site.")
    PHONE = _("PHONE", description="Filed by staff from a phone call.")


@strawberry.enum(description="Who took a step on a case.")
class RightsCaseActor(Enum):
    WORKER = _("WORKER", description="The worker.")
    OPERATOR = _("OPERATOR", description="The operator of the case's market.")
    STAFF = _("STAFF", description="Department staff.")


@strawberry.enum(description="What a step did.")
class RightsCaseAction(Enum):
    FILE = _("FILE", description="Filed.")
    ACCEPT = _("ACCEPT", description="Accepted.")
    MEDIATE = _("MEDIATE", description="Mediation started.")
    RESOLVE = _("RESOLVE", description="Resolved with a finding.")
    ROUTE = _("ROUTE", description="Handed to another department.")
    REFER = _("REFER", description="Referred outside the platform.")
    CLOSE = _("CLOSE", description="Withdrawn or closed.")


@strawberry.enum(description="What to sort case lists by.")
class RightsCaseOrderField(Enum):
    FILED_AT = _("FILED_AT", description="When it was filed, newest first.")
    DUE_AT = _(
        "DUE_AT",
        description="Deadline of the current step, most overdue first (open cases only).",
    )


@strawberry.enum(description="How wages were paid.")
class PaymentMethod(Enum):
    CASH = _("CASH", description="Cash (现金).")
    WECHAT = _("WECHAT", description="WeChat Pay (微信).")
    ALIPAY = _("ALIPAY", description="Alipay (支付宝).")
    BANK_TRANSFER = _("BANK_TRANSFER", description="Bank transfer (银行转账).")


@strawberry.enum(description="Where a payment record stands: RECORDED → CONFIRMED or DISPUTED.")
class WageSettlementStatus(Enum):
    RECORDED = _("RECORDED", description="Recorded by the employer, awaiting the worker.")
    CONFIRMED = _("CONFIRMED", description="The worker confirmed receiving it.")
    DISPUTED = _("DISPUTED", description="The worker disputes it.")


@strawberry.enum(description="Where a posting review item came from.")
class PostingReviewSource(Enum):
    SCREENING = _("SCREENING", description="Held at publishing: discriminatory terms found.")
    REPORT = _("REPORT", description="Reported by a worker.")
    STAFF = _("STAFF", description="Taken down by staff directly.")


@strawberry.enum(description="Where a posting review item stands.")
class PostingReviewStatus(Enum):
    OPEN = _("OPEN", description="Waiting for staff.")
    UPHELD = _("UPHELD", description="Upheld: the posting was taken down.")
    DISMISSED = _("DISMISSED", description="Dismissed: the posting stands (or was published).")


@strawberry.enum(description="Why a worker reports a posting.")
class PostingReportReason(Enum):
    FALSE_INFO = _("FALSE_INFO", description="False or misleading (虚假信息).")
    UNPAID = _("UNPAID", description="The employer does not pay (不付工资).")
    DISCRIMINATORY = _("DISCRIMINATORY", description="Discriminatory requirements (就业歧视).")
    OTHER = _("OTHER", description="Something else (a note is required).")


@strawberry.enum(description="A staff decision on a review item.")
class PostingReviewDecision(Enum):
    APPROVE = _(
        "APPROVE",
        description="The posting stands: a report is dismissed, a held posting is published.",
    )
    REMOVE = _("REMOVE", description="Take the posting down (a note is required).")


@strawberry.enum(description="Whether workers still gather at a registered place.")
class GatheringStatus(Enum):
    ACTIVE = _("ACTIVE", description="Workers still gather there (仍有聚集).")
    CLEARED = _("CLEARED", description="Guided into markets; no longer a gathering (已疏导).")


# --- error codes, one enum per mutation ---------------------------------------------------

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
