"""Payloads and error types of account mutations."""

from __future__ import annotations

from datetime import datetime

import strawberry

from schema.account.enums import (
    AccountRegisterErrorCode,
    TokenCreateErrorCode,
    TokenRevokeErrorCode,
)
from schema.auth.types import Role
from schema.common import UserError
from schema.employer.types import Employer
from schema.worker.types import Worker


@strawberry.type(description="A problem with an `accountRegister` input.")
class AccountRegisterError(UserError):
    code: AccountRegisterErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `accountRegister`: the new account is signed in.")
class AccountRegisterPayload:
    token: str | None = strawberry.field(
        description="Bearer token for the new account (shown once); null on userErrors."
    )
    token_expires_at: datetime | None = strawberry.field(description="When the token expires.")
    worker: Worker | None = strawberry.field(description="The new worker profile (role WORKER).")
    employer: Employer | None = strawberry.field(
        description="The new employer profile (role EMPLOYER), pending staff verification."
    )
    user_errors: list[AccountRegisterError] = strawberry.field(
        description="Every problem found; empty on success."
    )


@strawberry.type(description="A problem signing in.")
class TokenCreateError(UserError):
    code: TokenCreateErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `tokenCreate`.")
class TokenCreatePayload:
    token: str | None = strawberry.field(
        description="Bearer token (shown once); send it as `Authorization: Bearer <token>`."
    )
    token_expires_at: datetime | None = strawberry.field(description="When the token expires.")
    role: Role | None = strawberry.field(description="What the token acts as.")
    user_errors: list[TokenCreateError] = strawberry.field(
        description="Every problem found; empty on success."
    )


@strawberry.type(description="A problem revoking the token.")
class TokenRevokeError(UserError):
    code: TokenRevokeErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `tokenRevoke`.")
class TokenRevokePayload:
    revoked: bool = strawberry.field(description="Whether the token was live and is now revoked.")
    user_errors: list[TokenRevokeError] = strawberry.field(
        description="Every problem found; empty on success."
    )
