"""Payloads and error types of employer mutations."""

from __future__ import annotations

import strawberry

from schema.common import UserError
from schema.employer.enums import EmployerProfileUpdateErrorCode
from schema.employer.types import Employer


@strawberry.type(description="A problem with an `employerProfileUpdate` input.")
class EmployerProfileUpdateError(UserError):
    code: EmployerProfileUpdateErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `employerProfileUpdate`.")
class EmployerProfileUpdatePayload:
    employer: Employer | None = strawberry.field(
        description="The updated profile; null when there are userErrors."
    )
    user_errors: list[EmployerProfileUpdateError] = strawberry.field(
        description="Every problem found; empty on success (nothing is changed otherwise)."
    )
