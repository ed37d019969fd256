"""One error-code enum per job posting and application mutation."""

from __future__ import annotations

from enum import Enum

import strawberry

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
