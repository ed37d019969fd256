"""Employer enums; values equal the stored column values."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="Whether the employer (用工主体) is an organisation or a person.")
class EmployerKind(Enum):
    COMPANY = strawberry.enum_value(
        "COMPANY", description="An organisation with a unified social credit code (单位)."
    )
    INDIVIDUAL = strawberry.enum_value("INDIVIDUAL", description="A private person (个人).")


@strawberry.enum(description="Staff verification of an employer; only VERIFIED ones may publish.")
class EmployerVerificationStatus(Enum):
    PENDING = strawberry.enum_value("PENDING", description="Waiting for staff review (待审核).")
    VERIFIED = strawberry.enum_value("VERIFIED", description="Verified by staff (已认证).")
    REJECTED = strawberry.enum_value("REJECTED", description="Rejected by staff (未通过).")


@strawberry.enum(description="Why `employerProfileUpdate` rejected the input.")
class EmployerProfileUpdateErrorCode(Enum):
    REQUIRED = strawberry.enum_value("REQUIRED", description="A required value is empty.")
    TOO_LONG = strawberry.enum_value("TOO_LONG", description="A text is longer than allowed.")
    VERIFIED_LOCKED = strawberry.enum_value(
        "VERIFIED_LOCKED",
        description="A VERIFIED employer's name and USCC are changed by staff only.",
    )
    INVALID_USCC = strawberry.enum_value(
        "INVALID_USCC", description="The USCC fails its length, characters or check character."
    )
    USCC_TAKEN = strawberry.enum_value(
        "USCC_TAKEN", description="Another employer is registered with this USCC."
    )
    USCC_NOT_ALLOWED = strawberry.enum_value(
        "USCC_NOT_ALLOWED", description="A private person has no USCC."
    )
    INVALID_REGION = strawberry.enum_value(
        "INVALID_REGION", description="The region code is not a Zhejiang county-level division."
    )
    NOT_FOUND = strawberry.enum_value("NOT_FOUND", description="The employer is unknown.")
