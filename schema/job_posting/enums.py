"""Job posting and application enums (values equal the stored column values), and one
error-code enum per mutation."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="What a wage amount is paid per.")
class WageUnit(Enum):
    HOUR = strawberry.enum_value("HOUR", description="Per hour (按小时).")
    DAY = strawberry.enum_value("DAY", description="Per day (按天).")
    PIECE = strawberry.enum_value("PIECE", description="Per piece of work (计件).")
    MONTH = strawberry.enum_value("MONTH", description="Per month (按月).")


@strawberry.enum(
    description="Life cycle of a posting: DRAFT → OPEN → FILLED / CLOSED / EXPIRED; DRAFT → "
    "HELD (discriminatory terms, for staff review) → OPEN or REMOVED; staff take any live "
    "posting down (REMOVED). A draft, held or open posting whose work window has ended is "
    "EXPIRED."
)
class JobPostingStatus(Enum):
    DRAFT = strawberry.enum_value("DRAFT", description="Not yet published (草稿).")
    OPEN = strawberry.enum_value("OPEN", description="Published and hiring (招聘中).")
    FILLED = strawberry.enum_value(
        "FILLED", description="Every place is confirmed (已招满); reopens if one cancels."
    )
    CLOSED = strawberry.enum_value("CLOSED", description="Closed by the employer (已关闭).")
    EXPIRED = strawberry.enum_value(
        "EXPIRED", description="The work window ended before it filled (已过期)."
    )
    HELD = strawberry.enum_value(
        "HELD",
        description="Held at publishing for staff review: its text asks for discriminatory "
        "requirements (待审核, （十六）).",
    )
    REMOVED = strawberry.enum_value(
        "REMOVED", description="Taken down by staff, with a reason (已下架)."
    )


@strawberry.enum(
    description="Life cycle of an application: APPLIED → CONFIRMED → CHECKED_IN → COMPLETED; "
    "APPLIED or CONFIRMED → CANCELLED; CONFIRMED → NO_SHOW."
)
class JobApplicationStatus(Enum):
    APPLIED = strawberry.enum_value("APPLIED", description="Applied online (线上点单, 已报名).")
    CONFIRMED = strawberry.enum_value(
        "CONFIRMED", description="Confirmed by the employer (线下确认, 已确认)."
    )
    CHECKED_IN = strawberry.enum_value("CHECKED_IN", description="Arrived at work (到岗).")
    COMPLETED = strawberry.enum_value("COMPLETED", description="Work completed (已完工).")
    CANCELLED = strawberry.enum_value("CANCELLED", description="Cancelled, with a reason.")
    NO_SHOW = strawberry.enum_value("NO_SHOW", description="Confirmed but did not come (未到岗).")


@strawberry.enum(description="How the application was made.")
class JobApplicationChannel(Enum):
    ONLINE = strawberry.enum_value("ONLINE", description="By the worker in the app (线上点单).")
    ON_SITE = strawberry.enum_value(
        "ON_SITE", description="By a market operator for a worker on site (现场对接)."
    )


@strawberry.enum(description="What to sort job postings by.")
class JobPostingOrderField(Enum):
    STARTS_AT = strawberry.enum_value("STARTS_AT", description="Start of the work window.")
    PUBLISHED_AT = strawberry.enum_value("PUBLISHED_AT", description="When it was published.")
    DAILY_WAGE = strawberry.enum_value(
        "DAILY_WAGE", description="Daily-equivalent wage (piece-rate postings are left out)."
    )
    DISTANCE = strawberry.enum_value(
        "DISTANCE", description="Distance from `near` (requires `near`)."
    )


@strawberry.enum(description="Why a posting or a worker was suggested.")
class MatchReasonCode(Enum):
    OCCUPATION = strawberry.enum_value("OCCUPATION", description="The occupation matches.")
    NEARBY = strawberry.enum_value("NEARBY", description="Within 20 km.")
    SAME_COUNTY = strawberry.enum_value("SAME_COUNTY", description="In the same county.")
    SAME_CITY = strawberry.enum_value("SAME_CITY", description="In the same prefecture city.")
    STARTS_SOON = strawberry.enum_value("STARTS_SOON", description="Work starts within 3 days.")
    SAME_DAY = strawberry.enum_value("SAME_DAY", description="Same-day start (当日到岗).")
    GOOD_WAGE = strawberry.enum_value(
        "GOOD_WAGE", description="Daily-equivalent wage of at least 200 yuan."
    )
    AVAILABLE = strawberry.enum_value(
        "AVAILABLE", description="No other confirmed shift overlaps the work window."
    )
    PRIORITISED = strawberry.enum_value(
        "PRIORITISED", description="A prioritised worker, and the posting prefers them (（十）)."
    )


@strawberry.enum(description="Who took a step on an application.")
class JobApplicationActor(Enum):
    WORKER = strawberry.enum_value("WORKER", description="The worker.")
    EMPLOYER = strawberry.enum_value("EMPLOYER", description="The employer.")
    OPERATOR = strawberry.enum_value(
        "OPERATOR", description="The operator of the posting's market."
    )
    SYSTEM = strawberry.enum_value(
        "SYSTEM", description="The platform (e.g. the posting was closed)."
    )


# --- error codes, one enum per mutation ---------------------------------------------------

_ = strawberry.enum_value
NOT_FOUND = "No such posting or application, or it is not yours (the two look the same)."
INVALID_STATE = "The posting or application is not in a state that allows this step."


@strawberry.enum(description="Why `jobPostingCreate` rejected the input.")
class JobPostingCreateErrorCode(Enum):
    REQUIRED = _("REQUIRED", description="A required value is empty.")
    TOO_LONG = _("TOO_LONG", description="A text is longer than allowed.")
    INVALID_HEADCOUNT = _("INVALID_HEADCOUNT", description="Headcount must be 1 to 200.")
    INVALID_WAGE = _(
        "INVALID_WAGE",
        description="Wage must be positive, have at most 2 decimal places and be plausible "
        "for its unit.",
    )
    INVALID_TIME = _("INVALID_TIME", description="A time without a timezone offset.")
    INVALID_WINDOW = _(
        "INVALID_WINDOW",
        description="The window must end after it starts and last at most 92 days.",
    )
    WINDOW_IN_PAST = _("WINDOW_IN_PAST", description="The work window has already ended.")
    INVALID_REGION = _(
        "INVALID_REGION", description="The region code is not a Zhejiang county-level division."
    )
    INVALID_LOCATION = _("INVALID_LOCATION", description="The location lies outside Zhejiang.")
    NOT_FOUND = _("NOT_FOUND", description="The occupation or market is unknown.")
    MARKET_NOT_ACTIVE = _("MARKET_NOT_ACTIVE", description="The market is not operating.")


@strawberry.enum(description="Why `jobPostingUpdate` refused.")
class JobPostingUpdateErrorCode(Enum):
    NOT_FOUND = _("NOT_FOUND", description="The posting, occupation or market is unknown.")
    INVALID_STATE = _(
        "INVALID_STATE", description="Only DRAFT, OPEN or FILLED postings can be edited."
    )
    STARTED = _("STARTED", description="The work has started: the posting no longer changes.")
    FIELD_LOCKED = _(
        "FIELD_LOCKED",
        description="A published posting changes only its wage, window, headcount and description.",
    )
    HEADCOUNT_BELOW_CONFIRMED = _(
        "HEADCOUNT_BELOW_CONFIRMED",
        description="The headcount would fall below the workers already confirmed.",
    )
    WAGE_CUT = _(
        "WAGE_CUT",
        description="Workers are confirmed: the wage may rise, never fall or change its unit.",
    )
    DISCRIMINATORY = _(
        "DISCRIMINATORY",
        description="The description of a published posting has discriminatory requirements "
        "(（十六））.",
    )
    REQUIRED = _("REQUIRED", description="A required value is empty (or null).")
    TOO_LONG = _("TOO_LONG", description="A text is longer than allowed.")
    INVALID_HEADCOUNT = _("INVALID_HEADCOUNT", description="Headcount must be 1 to 200.")
    INVALID_WAGE = _(
        "INVALID_WAGE",
        description="Wage must be positive, have at most 2 decimal places and be plausible "
        "for its unit.",
    )
    INVALID_TIME = _("INVALID_TIME", description="A time without a timezone offset.")
    INVALID_WINDOW = _(
        "INVALID_WINDOW",
        description="The window must end after it starts and last at most 92 days.",
    )
    WINDOW_IN_PAST = _("WINDOW_IN_PAST", description="The work window has already ended.")
    INVALID_REGION = _(
        "INVALID_REGION", description="The region code is not a Zhejiang county-level division."
    )
    INVALID_LOCATION = _("INVALID_LOCATION", description="The location lies outside Zhejiang.")
    MARKET_NOT_ACTIVE = _("MARKET_NOT_ACTIVE", description="The market is not operating.")


@strawberry.enum(description="Why `jobPostingPublish` refused.")
class JobPostingPublishErrorCode(Enum):
    NOT_FOUND = _("NOT_FOUND", description=NOT_FOUND)
    INVALID_STATE = _("INVALID_STATE", description="Only a DRAFT posting can be published.")
    EMPLOYER_NOT_VERIFIED = _(
        "EMPLOYER_NOT_VERIFIED", description="Staff have not verified the employer yet."
    )
    EMPLOYER_WAGE_ARREARS = _(
        "EMPLOYER_WAGE_ARREARS",
        description="The employer is flagged for substantiated wage arrears (（十六）).",
    )
    WINDOW_IN_PAST = _("WINDOW_IN_PAST", description="The work window has already started.")
    SAME_DAY_MISMATCH = _(
        "SAME_DAY_MISMATCH",
        description="A same-day posting must start today (Asia/Shanghai).",
    )


@strawberry.enum(description="Why `jobPostingClose` refused.")
class JobPostingCloseErrorCode(Enum):
    NOT_FOUND = _("NOT_FOUND", description=NOT_FOUND)
    INVALID_STATE = _(
        "INVALID_STATE", description="Only DRAFT, OPEN or FILLED postings can be closed."
    )


@strawberry.enum(description="Why `jobApplicationCreate` refused.")
class JobApplicationCreateErrorCode(Enum):
    NOT_FOUND = _("NOT_FOUND", description="No such open posting, or no such worker of yours.")
    REQUIRED = _("REQUIRED", description="An operator must say which worker applies.")
    INVALID_STATE = _("INVALID_STATE", description="The posting is closed or expired.")
    HEADCOUNT_FULL = _("HEADCOUNT_FULL", description="Every place is already confirmed.")
    ALREADY_APPLIED = _(
        "ALREADY_APPLIED", description="The worker already has a live application to it."
    )
    SHIFT_OVERLAP = _(
        "SHIFT_OVERLAP", description="The worker has a confirmed shift in an overlapping window."
    )
    NOT_ELIGIBLE = _(
        "NOT_ELIGIBLE",
        description="An operator applied for a worker who may not take the public-welfare job "
        "(a worker applying for themselves is told NOT_FOUND: for them it does not exist).",
    )


@strawberry.enum(description="Why `jobApplicationConfirm` refused.")
class JobApplicationConfirmErrorCode(Enum):
    NOT_FOUND = _("NOT_FOUND", description=NOT_FOUND)
    INVALID_STATE = _(
        "INVALID_STATE", description="Only an APPLIED application on an open posting is confirmed."
    )
    HEADCOUNT_FULL = _("HEADCOUNT_FULL", description="Every place is already confirmed.")
    SHIFT_OVERLAP = _(
        "SHIFT_OVERLAP",
        description="The worker has another confirmed shift in an overlapping window.",
    )


@strawberry.enum(description="Why `jobApplicationCheckIn` refused.")
class JobApplicationCheckInErrorCode(Enum):
    NOT_FOUND = _("NOT_FOUND", description=NOT_FOUND)
    INVALID_STATE = _("INVALID_STATE", description="Only a CONFIRMED application checks in.")
    OUTSIDE_CHECK_IN_WINDOW = _(
        "OUTSIDE_CHECK_IN_WINDOW",
        description="Check-in opens 3 hours before the start and closes when the window ends.",
    )


@strawberry.enum(description="Why `jobApplicationComplete` refused.")
class JobApplicationCompleteErrorCode(Enum):
    NOT_FOUND = _("NOT_FOUND", description=NOT_FOUND)
    INVALID_STATE = _("INVALID_STATE", description="Only a CHECKED_IN application completes.")


@strawberry.enum(description="Why `jobApplicationCancel` refused.")
class JobApplicationCancelErrorCode(Enum):
    NOT_FOUND = _("NOT_FOUND", description=NOT_FOUND)
    INVALID_STATE = _(
        "INVALID_STATE", description="Only an APPLIED or CONFIRMED application can be cancelled."
    )
    ALREADY_STARTED = _(
        "ALREADY_STARTED",
        description="A confirmed shift that has started cannot be cancelled (mark a no-show).",
    )
    REASON_REQUIRED = _("REASON_REQUIRED", description="Say why (at most 200 characters).")
    TOO_LONG = _("TOO_LONG", description="The reason is longer than 200 characters.")


@strawberry.enum(description="Why `jobApplicationMarkNoShow` refused.")
class JobApplicationMarkNoShowErrorCode(Enum):
    NOT_FOUND = _("NOT_FOUND", description=NOT_FOUND)
    INVALID_STATE = _("INVALID_STATE", description="Only a CONFIRMED application can be a no-show.")
    NOT_STARTED = _("NOT_STARTED", description="The work window has not started yet.")
