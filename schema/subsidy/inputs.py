"""Inputs of subsidy mutations."""

from __future__ import annotations

import strawberry


@strawberry.input(description="An application for a subsidy programme.")
class SubsidyApplicationSubmitInput:
    programme_id: strawberry.ID = strawberry.field(description="Global id of the programme.")
    training_enrolment_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Workers, training kinds: the completed enrolment it is for (default: the "
        "most recent qualifying one not yet claimed).",
    )
    market_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Operators: the market it is for (required for the employment service subsidy).",
    )
