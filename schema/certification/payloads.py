"""Payloads and error types of certification mutations."""

from __future__ import annotations

import strawberry

from schema.certification.enums import CertificationApplicationSubmitErrorCode
from schema.certification.types import CertificationApplication
from schema.common import UserError


@strawberry.type(description="A problem with a `certificationApplicationSubmit` input.")
class CertificationApplicationSubmitError(UserError):
    code: CertificationApplicationSubmitErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `certificationApplicationSubmit`.")
class CertificationApplicationSubmitPayload:
    application: CertificationApplication | None = strawberry.field(
        description="The new application; null on userErrors."
    )
    user_errors: list[CertificationApplicationSubmitError] = strawberry.field(
        description="Every problem found; empty on success."
    )
