"""Payloads and error types of subsidy mutations."""

from __future__ import annotations

import strawberry

from schema.common import UserError
from schema.subsidy.enums import SubsidyApplicationSubmitErrorCode
from schema.subsidy.types import SubsidyApplication


@strawberry.type(description="A problem with `subsidyApplicationSubmit`.")
class SubsidyApplicationSubmitError(UserError):
    code: SubsidyApplicationSubmitErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `subsidyApplicationSubmit`.")
class SubsidyApplicationSubmitPayload:
    application: SubsidyApplication | None = strawberry.field(
        description="The SUBMITTED application; null when there are userErrors (nothing stored)."
    )
    user_errors: list[SubsidyApplicationSubmitError] = strawberry.field(
        description="Every unmet rule or problem found; empty on success."
    )
