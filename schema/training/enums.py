"""Training enums and the error codes of every training mutation (values equal stored values)."""

from __future__ import annotations

from enum import Enum

import strawberry

_ = strawberry.enum_value
NOT_FOUND = "No such course or enrolment, or it is not yours to manage (the two look the same)."


@strawberry.enum(description="What kind of skills a course teaches (（九）).")
class TrainingCategory(Enum):
    URGENT_SKILL = _("URGENT_SKILL", description="Urgently needed skills (急需紧缺职业技能).")
    NEW_OCCUPATION = _("NEW_OCCUPATION", description="New occupations (新职业技能).")
    ENTREPRENEURSHIP = _("ENTREPRENEURSHIP", description="Starting a business (创业培训).")
    GENERAL = _("GENERAL", description="General skills (通用技能).")


@strawberry.enum(description="How a course is taught.")
class TrainingMode(Enum):
    ONLINE = _("ONLINE", description="Online only (线上).")
    OFFLINE = _("OFFLINE", description="In person (线下).")
    HYBRID = _("HYBRID", description="Online and in person (线上线下结合).")


@strawberry.enum(
    description="Life cycle of a course: DRAFT → OPEN ⇄ FULL → FINISHED once its last session "
    "has ended; DRAFT, OPEN or FULL → CLOSED when called off."
)
class TrainingStatus(Enum):
    DRAFT = _("DRAFT", description="Not yet published (草稿).")
    OPEN = _("OPEN", description="Published, places free (报名中).")
    FULL = _("FULL", description="Every place taken; new enrolments join the waitlist.")
    CLOSED = _("CLOSED", description="Called off before it started (已关闭).")
    FINISHED = _("FINISHED", description="The last session has ended (已结束).")


@strawberry.enum(
    description="Life cycle of an enrolment: ENROLLED or WAITLISTED → WITHDRAWN; WAITLISTED → "
    "ENROLLED when a place frees up (first in line first); ENROLLED → COMPLETED."
)
class TrainingEnrolmentStatus(Enum):
    ENROLLED = _("ENROLLED", description="Holds a place (已报名).")
    WAITLISTED = _("WAITLISTED", description="Waiting for a place (候补).")
    WITHDRAWN = _("WITHDRAWN", description="Left the course, or the course was called off.")
    COMPLETED = _("COMPLETED", description="Completed with a certificate number (已结业).")


@strawberry.enum(description="Who provides a course.")
class TrainingProviderKind(Enum):
    OPERATOR = _("OPERATOR", description="The operator of the market (第三方运营机构).")
    INSTITUTION = _("INSTITUTION", description="A registered training institution (培训机构).")


@strawberry.enum(description="What to sort courses by.")
class TrainingOrderField(Enum):
    STARTS_AT = _("STARTS_AT", description="First session start.")
    FEE = _("FEE", description="Fee.")
    DISTANCE = _("DISTANCE", description="Distance from `near` (requires `near`).")


@strawberry.enum(description="Why a course was suggested.")
class TrainingMatchReasonCode(Enum):
    OCCUPATION = _("OCCUPATION", description="It teaches one of the worker's occupations.")
    IN_DEMAND = _(
        "IN_DEMAND", description="Open postings near the worker ask for the occupation it teaches."
    )
    NEARBY = _("NEARBY", description="Held within 20 km.")
    SAME_COUNTY = _("SAME_COUNTY", description="Held in the worker's county.")
    SAME_CITY = _("SAME_CITY", description="Held in the worker's prefecture city.")
    ONLINE = _("ONLINE", description="Can be followed online.")
    URGENT_SKILL = _("URGENT_SKILL", description="An urgently needed skill (急需紧缺).")
    SUBSIDISED = _("SUBSIDISED", description="Eligible for the training subsidy (（九）).")
    FREE = _("FREE", description="No fee.")
    STARTS_SOON = _("STARTS_SOON", description="Starts within 14 days.")


@strawberry.enum(description="Why `trainingCreate` rejected the input.")
class TrainingCreateErrorCode(Enum):
    REQUIRED = _("REQUIRED", description="A required value is empty.")
    TOO_LONG = _("TOO_LONG", description="A text is longer than allowed.")
    INVALID_CAPACITY = _("INVALID_CAPACITY", description="Capacity must be 1 to 500.")
    INVALID_FEE = _(
        "INVALID_FEE", description="The fee must be 0 to 100000 yuan with at most 2 decimals."
    )
    INVALID_TIME = _("INVALID_TIME", description="A time without a timezone offset.")
    INVALID_SESSIONS = _(
        "INVALID_SESSIONS",
        description="1 to 60 sessions, each ending after it starts and at most 12 hours long, "
        "in order without overlaps, within one year.",
    )
    SESSION_IN_PAST = _("SESSION_IN_PAST", description="The first session has already started.")
    NOT_FOUND = _(
        "NOT_FOUND",
        description="The market (or it is not yours), occupation, institution or venue is unknown.",
    )
    MARKET_NOT_ACTIVE = _("MARKET_NOT_ACTIVE", description="The market is not operating.")
    PROVIDER_REQUIRED = _(
        "PROVIDER_REQUIRED",
        description="The market has no operator: name the training institution that provides it.",
    )
    PLACE_REQUIRED = _(
        "PLACE_REQUIRED", description="An offline or hybrid course needs a venue or an address."
    )
    INVALID_REGION = _(
        "INVALID_REGION", description="The region code is not a Zhejiang county-level division."
    )
    INVALID_LOCATION = _(
        "INVALID_LOCATION", description="The location is missing or lies outside Zhejiang."
    )


@strawberry.enum(description="Why `trainingPublish` refused.")
class TrainingPublishErrorCode(Enum):
    NOT_FOUND = _("NOT_FOUND", description=NOT_FOUND)
    INVALID_STATE = _("INVALID_STATE", description="Only a DRAFT course can be published.")
    ALREADY_STARTED = _("ALREADY_STARTED", description="The first session has already started.")


@strawberry.enum(description="Why `trainingClose` refused.")
class TrainingCloseErrorCode(Enum):
    NOT_FOUND = _("NOT_FOUND", description=NOT_FOUND)
    INVALID_STATE = _("INVALID_STATE", description="The course is already closed or finished.")
    ALREADY_STARTED = _(
        "ALREADY_STARTED", description="A published course that has started cannot be called off."
    )


@strawberry.enum(description="Why `trainingEnrol` refused.")
class TrainingEnrolErrorCode(Enum):
    NOT_FOUND = _("NOT_FOUND", description="No such published course.")
    INVALID_STATE = _("INVALID_STATE", description="The course is closed or finished.")
    ENROLMENT_CLOSED = _("ENROLMENT_CLOSED", description="The first session has started.")
    ALREADY_ENROLLED = _(
        "ALREADY_ENROLLED",
        description="The worker is already enrolled, waitlisted or has completed it.",
    )
    TRAINING_OVERLAP = _(
        "TRAINING_OVERLAP",
        description="A session overlaps a session of another course the worker holds (the "
        "message names it).",
    )
    SHIFT_OVERLAP = _(
        "SHIFT_OVERLAP",
        description="A session overlaps a confirmed shift of the worker (the message names it).",
    )


@strawberry.enum(description="Why `trainingWithdraw` refused.")
class TrainingWithdrawErrorCode(Enum):
    NOT_FOUND = _("NOT_FOUND", description="No such enrolment of yours.")
    INVALID_STATE = _(
        "INVALID_STATE", description="Only an ENROLLED or WAITLISTED enrolment can be withdrawn."
    )
    ALREADY_STARTED = _("ALREADY_STARTED", description="The course has started.")


@strawberry.enum(description="Why `trainingAttendanceRecord` refused.")
class TrainingAttendanceRecordErrorCode(Enum):
    NOT_FOUND = _("NOT_FOUND", description=NOT_FOUND + " Or the session is not the course's.")
    INVALID_STATE = _("INVALID_STATE", description="Only an ENROLLED enrolment gets attendance.")
    NOT_STARTED = _("NOT_STARTED", description="The session has not started yet.")


@strawberry.enum(description="Why `trainingEnrolmentComplete` refused.")
class TrainingEnrolmentCompleteErrorCode(Enum):
    NOT_FOUND = _("NOT_FOUND", description=NOT_FOUND)
    INVALID_STATE = _("INVALID_STATE", description="Only an ENROLLED enrolment completes.")
    NOT_FINISHED = _("NOT_FINISHED", description="A session of the course has not started yet.")
    ATTENDANCE_INCOMPLETE = _(
        "ATTENDANCE_INCOMPLETE", description="The worker was not marked present at every session."
    )
    INVALID_CERTIFICATE_NO = _(
        "INVALID_CERTIFICATE_NO",
        description="1 to 40 letters, digits or hyphens, starting with a letter or digit.",
    )
    CERTIFICATE_TAKEN = _(
        "CERTIFICATE_TAKEN", description="Another completion already has this certificate number."
    )
