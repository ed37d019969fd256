"""Payloads and error types of worker mutations."""

from __future__ import annotations

from datetime import datetime

import strawberry

from schema.common import UserError
from schema.worker.enums import (
    AssistanceCategory,
    PersonalDataRevealErrorCode,
    WorkerProfileUpdateErrorCode,
    WorkerRegisterWalkInErrorCode,
)
from schema.worker.types import Worker


@strawberry.type(description="A problem with a `workerProfileUpdate` input.")
class WorkerProfileUpdateError(UserError):
    code: WorkerProfileUpdateErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `workerProfileUpdate`.")
class WorkerProfileUpdatePayload:
    worker: Worker | None = strawberry.field(
        description="The updated profile; null when there are userErrors."
    )
    user_errors: list[WorkerProfileUpdateError] = strawberry.field(
        description="Every problem found; empty on success."
    )


@strawberry.type(description="A problem with a `workerRegisterWalkIn` input.")
class WorkerRegisterWalkInError(UserError):
    code: WorkerRegisterWalkInErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `workerRegisterWalkIn`.")
class WorkerRegisterWalkInPayload:
    worker: Worker | None = strawberry.field(
        description="The registered worker; null when there are userErrors."
    )
    user_errors: list[WorkerRegisterWalkInError] = strawberry.field(
        description="Every problem found; empty on success."
    )


@strawberry.type(
    description="Full personal data shown once to the staff member who asked; the request is "
    "in the audit trail. Do not cache or store it."
)
class RevealedPersonalData:
    subject_id: strawberry.ID = strawberry.field(description="Global id of the Worker/Employer.")
    name: str = strawberry.field(description="Full name.")
    phone: str = strawberry.field(description="Full mobile number.")
    resident_id: str | None = strawberry.field(
        description="Full resident ID number; null for employers or if not given."
    )
    assistance_categories: list[AssistanceCategory] | None = strawberry.field(
        description="Assistance categories (（十）); null for employers."
    )
    revealed_at: datetime = strawberry.field(description="When it was revealed (and recorded).")


@strawberry.type(description="A problem with a `personalDataReveal` input.")
class PersonalDataRevealError(UserError):
    code: PersonalDataRevealErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `personalDataReveal`.")
class PersonalDataRevealPayload:
    personal_data: RevealedPersonalData | None = strawberry.field(
        description="The full values; null when there are userErrors."
    )
    user_errors: list[PersonalDataRevealError] = strawberry.field(
        description="Every problem found; empty on success."
    )
