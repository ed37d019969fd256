"""Payloads and error types of assistance case mutations."""

from __future__ import annotations

import strawberry

from schema.assistance.enums import AssistanceOfferAnswerErrorCode
from schema.assistance.types import AssistanceOffer
from schema.common import UserError


@strawberry.type(description="A problem with `assistanceOfferAnswer`.")
class AssistanceOfferAnswerError(UserError):
    code: AssistanceOfferAnswerErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `assistanceOfferAnswer`.")
class AssistanceOfferAnswerPayload:
    offer: AssistanceOffer | None = strawberry.field(
        description="The answered offer; null when there are userErrors (nothing stored)."
    )
    user_errors: list[AssistanceOfferAnswerError] = strawberry.field(
        description="Every problem found; empty on success."
    )
