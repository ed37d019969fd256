"""The signed-in caller as GraphQL shows it."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry


@strawberry.enum(description="What a bearer token lets its holder act as.")
class Role(Enum):
    WORKER = strawberry.enum_value("WORKER", description="A gig worker (零工).")
    EMPLOYER = strawberry.enum_value("EMPLOYER", description="An employer (用工主体).")
    OPERATOR = strawberry.enum_value("OPERATOR", description="A market operator (第三方运营机构).")
    STAFF = strawberry.enum_value("STAFF", description="Human-resources staff.")


@strawberry.type(description="The caller identified by the bearer token.")
class Viewer:
    role: Role = strawberry.field(description="The token's role.")
    subject_id: strawberry.ID = strawberry.field(
        description="Global id of the worker, employer, operator or staff user the token acts for."
    )
    token_expires_at: datetime | None = strawberry.field(
        description="When the token expires; null for never."
    )
