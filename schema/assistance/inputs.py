"""Inputs of assistance case mutations."""

from __future__ import annotations

import strawberry

from schema.assistance.enums import AssistanceCaseStatus


@strawberry.input(description="The worker's answer to an offer of their assistance case.")
class AssistanceOfferAnswerInput:
    offer_id: strawberry.ID = strawberry.field(description="Global id of the offer.")
    accept: bool = strawberry.field(
        description="true: accept (apply to the posting or enrol in the course); false: decline."
    )
    reason: str | None = strawberry.field(
        default=None, description="Why you decline (optional, at most 200 characters)."
    )


@strawberry.input(description="Filters of the assistance case list.")
class AssistanceCaseWhereInput:
    status: list[AssistanceCaseStatus] | None = strawberry.field(
        default=None, description="Only these statuses (default: all)."
    )
    overdue: bool | None = strawberry.field(
        default=None,
        description="true: only open cases with a plan step past its due date; false: only "
        "those without.",
    )
