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
