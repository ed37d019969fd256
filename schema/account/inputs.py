"""Inputs for account registration and sign-in."""

from __future__ import annotations

import strawberry

from schema.account.enums import AccountRole
from schema.employer.inputs import EmployerRegistrationInput
from schema.worker.inputs import WorkerRegistrationInput


@strawberry.input(description="A new phone + password account with its profile.")
class AccountRegisterInput:
    phone: str = strawberry.field(description="Mainland mobile number; the sign-in name.")
    password: str = strawberry.field(description="At least 8 characters, not the phone number.")
    role: AccountRole = strawberry.field(description="Worker or employer.")
    worker: WorkerRegistrationInput | None = strawberry.field(
        default=None, description="The worker profile (required for role WORKER)."
    )
    employer: EmployerRegistrationInput | None = strawberry.field(
        default=None, description="The employer profile (required for role EMPLOYER)."
    )


@strawberry.input(description="Phone and password to sign in with.")
class TokenCreateInput:
    phone: str = strawberry.field(description="The account's mobile number.")
    password: str = strawberry.field(description="The account's password.")
