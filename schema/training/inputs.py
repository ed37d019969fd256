"""Inputs for training queries and mutations."""

from __future__ import annotations

import decimal
from datetime import datetime

import strawberry

from schema.common import OrderDirection
from schema.training.enums import TrainingCategory, TrainingMode, TrainingOrderField
from schema.worker.inputs import LocationInput


@strawberry.input(description="One session: a start and an end with timezone offsets.")
class TrainingSessionInput:
    starts_at: datetime = strawberry.field(description="Start, e.g. 2026-12-10T09:00:00+08:00.")
    ends_at: datetime = strawberry.field(description="End, after the start (at most 12 hours).")


@strawberry.input(
    description="Where a course is held: a venue (the market or one of its stations), or an "
    "address with region and location. Leave it out for online courses."
)
class TrainingPlaceInput:
    venue_id: strawberry.ID | None = strawberry.field(
        default=None, description="Global id of the market or one of its rural stations."
    )
    address: str = strawberry.field(
        default="", description="Street address (at most 200 characters), without a venue."
    )
    region_code: str | None = strawberry.field(
        default=None, description="Six-digit code of the county, with an address."
    )
    location: LocationInput | None = strawberry.field(
        default=None, description="Map position, with an address."
    )


@strawberry.input(description="A new course; it starts as a DRAFT.")
class TrainingCreateInput:
    market_id: strawberry.ID = strawberry.field(
        description="Global id of the market offering it (operators: one of theirs)."
    )
    institution_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Global id of the training institution providing it; leave it out when the "
        "market's operator provides it.",
    )
    occupation_id: strawberry.ID | None = strawberry.field(
        default=None, description="Global id of the occupation it trains for, if any."
    )
    title: str = strawberry.field(description="Short title (at most 100 characters).")
    description: str = strawberry.field(
        default="", description="What it teaches (at most 2000 characters)."
    )
    category: TrainingCategory = strawberry.field(description="Kind of skills.")
    mode: TrainingMode = strawberry.field(description="Online, in person or both.")
    capacity: int = strawberry.field(description="Places (1 to 500).")
    fee: decimal.Decimal = strawberry.field(
        default=decimal.Decimal(0), description='Fee in yuan as a string, e.g. "0" or "120.50".'
    )
    subsidised: bool = strawberry.field(
        default=False, description="Eligible trainees get the training subsidy (（九）)."
    )
    sessions: list[TrainingSessionInput] = strawberry.field(
        description="1 to 60 sessions in order, not overlapping, the first in the future."
    )
    place: TrainingPlaceInput | None = strawberry.field(
        default=None, description="Where it is held; required unless the course is ONLINE."
    )


@strawberry.input(description="Filters for public courses; all given filters must hold.")
class TrainingWhereInput:
    occupation_code: str | None = strawberry.field(
        default=None, description="National occupation code, e.g. 4-02-05-01."
    )
    region_code: str | None = strawberry.field(
        default=None, description="A county code, or a city code for all its counties."
    )
    category: TrainingCategory | None = strawberry.field(default=None, description="Kind.")
    mode: TrainingMode | None = strawberry.field(default=None, description="Teaching mode.")
    starts_from: datetime | None = strawberry.field(
        default=None, description="Only courses whose first session starts at or after this."
    )
    subsidised: bool | None = strawberry.field(
        default=None, description="Only (or only not) subsidised courses."
    )
    market_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Global id of a market or station: courses it offers or that are held there.",
    )


@strawberry.input(description="Sort order for courses; ties are broken by id.")
class TrainingOrder:
    field: TrainingOrderField = strawberry.field(description="What to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description="Direction."
    )


@strawberry.input(description="Attendance of one trainee at one session.")
class TrainingAttendanceRecordInput:
    enrolment_id: strawberry.ID = strawberry.field(description="Global id of the enrolment.")
    session_id: strawberry.ID = strawberry.field(description="Global id of the session.")
    present: bool = strawberry.field(description="Attended (true) or absent (false).")
