"""Account enums and the error codes of account mutations."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="What a self-registered account is for.")
class AccountRole(Enum):
    WORKER = strawberry.enum_value("WORKER", description="A gig worker looking for work.")
    EMPLOYER = strawberry.enum_value("EMPLOYER", description="An employer hiring gig workers.")


@strawberry.enum(description="Why `accountRegister` rejected the input.")
class AccountRegisterErrorCode(Enum):
    REQUIRED = strawberry.enum_value("REQUIRED", description="A required value is empty.")
    TOO_LONG = strawberry.enum_value("TOO_LONG", description="A text is longer than allowed.")
    INVALID_PHONE = strawberry.enum_value(
        "INVALID_PHONE", description="Not a mainland mobile number."
    )
    PHONE_TAKEN = strawberry.enum_value(
        "PHONE_TAKEN", description="An account with this phone number already exists."
    )
    WEAK_PASSWORD = strawberry.enum_value(
        "WEAK_PASSWORD", description="Password shorter than 8 characters, too long or the phone."
    )
    PROFILE_REQUIRED = strawberry.enum_value(
        "PROFILE_REQUIRED", description="The profile matching the role is missing."
    )
    PROFILE_MISMATCH = strawberry.enum_value(
        "PROFILE_MISMATCH", description="A profile for the other role was given."
    )
    INVALID_USCC = strawberry.enum_value(
        "INVALID_USCC",
        description="The unified social credit code is malformed or fails its check.",
    )
    USCC_TAKEN = strawberry.enum_value(
        "USCC_TAKEN", description="An employer with this credit code is already registered."
    )
    USCC_NOT_ALLOWED = strawberry.enum_value(
        "USCC_NOT_ALLOWED", description="A private person has no unified social credit code."
    )
    INVALID_REGION = strawberry.enum_value(
        "INVALID_REGION", description="The region code is not a Zhejiang county-level division."
    )
    NOT_FOUND = strawberry.enum_value("NOT_FOUND", description="An occupation id is unknown.")


@strawberry.enum(description="Why `tokenCreate` refused to sign in.")
class TokenCreateErrorCode(Enum):
    INVALID_CREDENTIALS = strawberry.enum_value(
        "INVALID_CREDENTIALS",
        description="Unknown phone, wrong password or a temporarily locked account: "
        "deliberately indistinguishable.",
    )


@strawberry.enum(description="Why `tokenRevoke` did nothing.")
class TokenRevokeErrorCode(Enum):
    NOT_FOUND = strawberry.enum_value(
        "NOT_FOUND", description="The token was already revoked or has expired."
    )
