"""Inputs for employer registration."""

from __future__ import annotations

import strawberry

from schema.employer.enums import EmployerKind


@strawberry.input(description="The employer profile created with an EMPLOYER account.")
class EmployerRegistrationInput:
    kind: EmployerKind = strawberry.field(description="Organisation or private person.")
    name: str = strawberry.field(
        description="Registered name of the organisation, or the person's full name."
    )
    uscc: str | None = strawberry.field(
        default=None,
        description="Unified social credit code (统一社会信用代码), required for COMPANY; "
        "its check character is verified.",
    )
    contact_name: str | None = strawberry.field(
        default=None, description="Contact person (organisations)."
    )
    region_code: str | None = strawberry.field(
        default=None, description="Six-digit code of the county where the employer is based."
    )


@strawberry.input(
    description="Changes to the signed-in employer's profile; omitted fields keep their value."
)
class EmployerProfileUpdateInput:
    name: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="Registered name: only while not yet VERIFIED (a REJECTED employer that "
        "corrects it goes back to PENDING for review).",
    )
    uscc: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="Unified social credit code (organisations): only while not yet VERIFIED.",
    )
    contact_name: str | None = strawberry.field(
        default=strawberry.UNSET, description="Contact person; null or empty clears it."
    )
    region_code: str | None = strawberry.field(
        default=strawberry.UNSET, description="County where the employer is based; null clears it."
    )
