"""Worker enums and the error codes of worker mutations; values equal stored values."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(
    description="Employment-assistance categories (（十）): sensitive, seen only by the worker, "
    "the operator of the worker's market and staff."
)
class AssistanceCategory(Enum):
    OLDER = strawberry.enum_value("OLDER", description="Older worker (大龄).")
    DISABLED = strawberry.enum_value("DISABLED", description="Worker with a disability (残疾).")
    LOW_INCOME = strawberry.enum_value(
        "LOW_INCOME", description="Worker from a low-income household (低收入)."
    )
    LONG_WAITING = strawberry.enum_value(
        "LONG_WAITING", description="Long-term job seeker (长期失业/久未就业)."
    )


@strawberry.enum(description="Why `workerProfileUpdate` rejected the input.")
class WorkerProfileUpdateErrorCode(Enum):
    REQUIRED = strawberry.enum_value("REQUIRED", description="A required value is empty.")
    TOO_LONG = strawberry.enum_value("TOO_LONG", description="A text is longer than allowed.")
    INVALID_RESIDENT_ID = strawberry.enum_value(
        "INVALID_RESIDENT_ID",
        description="The resident ID fails its check character or birth date.",
    )
    RESIDENT_ID_TAKEN = strawberry.enum_value(
        "RESIDENT_ID_TAKEN", description="Another worker is registered with this resident ID."
    )
    INVALID_REGION = strawberry.enum_value(
        "INVALID_REGION", description="The region code is not a Zhejiang county-level division."
    )
    INVALID_LOCATION = strawberry.enum_value(
        "INVALID_LOCATION", description="The location lies outside Zhejiang."
    )
    NOT_FOUND = strawberry.enum_value("NOT_FOUND", description="An occupation id is unknown.")


@strawberry.enum(description="Why `workerRegisterWalkIn` rejected the input.")
class WorkerRegisterWalkInErrorCode(Enum):
    REQUIRED = strawberry.enum_value("REQUIRED", description="A required value is empty.")
    TOO_LONG = strawberry.enum_value("TOO_LONG", description="A text is longer than allowed.")
    INVALID_PHONE = strawberry.enum_value(
        "INVALID_PHONE", description="Not a mainland mobile number."
    )
    PHONE_TAKEN = strawberry.enum_value(
        "PHONE_TAKEN", description="A worker with this phone number is already registered."
    )
    NOT_FOUND = strawberry.enum_value(
        "NOT_FOUND", description="The market (of this operator) or an occupation is unknown."
    )


@strawberry.enum(description="Why `personalDataReveal` refused.")
class PersonalDataRevealErrorCode(Enum):
    REASON_REQUIRED = strawberry.enum_value(
        "REASON_REQUIRED", description="The reason is missing or too short to be checked later."
    )
    TOO_LONG = strawberry.enum_value("TOO_LONG", description="The reason is too long.")
    NOT_FOUND = strawberry.enum_value(
        "NOT_FOUND", description="No such worker or employer within your scope."
    )
    READ_ONLY = strawberry.enum_value(
        "READ_ONLY", description="Read-only staff accounts cannot reveal personal data."
    )
    RATE_LIMITED = strawberry.enum_value(
        "RATE_LIMITED", description="Too many reveals in the last hour; try again later."
    )
