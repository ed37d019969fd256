"""Inputs for job posting and application queries and mutations."""

from __future__ import annotations

import decimal
from datetime import date, datetime

import strawberry

from schema.common import OrderDirection
from schema.job_posting.enums import JobPostingOrderField, WageUnit
from schema.worker.inputs import LocationInput


@strawberry.input(description="A wage: an exact amount in yuan per unit.")
class WageInput:
    amount: decimal.Decimal = strawberry.field(
        description='Amount in yuan as a string, at most 2 decimal places, e.g. "180.50".'
    )
    unit: WageUnit = strawberry.field(description="Per hour, day, piece or month.")


@strawberry.input(description="Where the work happens.")
class JobPlaceInput:
    address: str = strawberry.field(description="Street address (at most 200 characters).")
    region_code: str = strawberry.field(description="Six-digit code of the county.")
    location: LocationInput | None = strawberry.field(
        default=None, description="Map position, for distance search and matching."
    )


@strawberry.input(description="A new job posting (招工信息); it starts as a DRAFT.")
class JobPostingCreateInput:
    occupation_id: strawberry.ID = strawberry.field(description="Global id of the occupation.")
    market_id: strawberry.ID | None = strawberry.field(
        default=None, description="Global id of the market whose board shows it, if any."
    )
    title: str = strawberry.field(description="Short title (at most 100 characters).")
    description: str = strawberry.field(
        default="", description="Details of the work (at most 2000 characters)."
    )
    headcount: int = strawberry.field(description="How many workers are needed (1 to 200).")
    wage: WageInput = strawberry.field(description="What the work pays.")
    starts_at: datetime = strawberry.field(
        description="Start of the work window, with a timezone offset."
    )
    ends_at: datetime = strawberry.field(description="End of the work window, after the start.")
    place: JobPlaceInput = strawberry.field(description="Where the work happens.")
    same_day: bool = strawberry.field(
        default=False,
        description="Same-day onboarding (当日到岗): must start on the publishing day.",
    )
    prefer_assisted: bool = strawberry.field(
        default=False,
        description="Prefer prioritised workers (（十）): they come first among candidates.",
    )


@strawberry.input(
    description="Changes to a posting; omitted fields keep their value. A draft takes any of "
    "them; a published posting only wage, startsAt, endsAt, headcount and description."
)
class JobPostingUpdateInput:
    occupation_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="Global id of the occupation (drafts)."
    )
    market_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET,
        description="Global id of the market whose board shows it; null for none (drafts).",
    )
    title: str | None = strawberry.field(
        default=strawberry.UNSET, description="Short title, at most 100 characters (drafts)."
    )
    description: str | None = strawberry.field(
        default=strawberry.UNSET, description="Details of the work (at most 2000 characters)."
    )
    headcount: int | None = strawberry.field(
        default=strawberry.UNSET,
        description="How many workers are needed (1 to 200; never fewer than are confirmed).",
    )
    wage: WageInput | None = strawberry.field(
        default=strawberry.UNSET,
        description="What the work pays; once workers are confirmed it may only rise.",
    )
    starts_at: datetime | None = strawberry.field(
        default=strawberry.UNSET, description="Start of the work window, with a timezone offset."
    )
    ends_at: datetime | None = strawberry.field(
        default=strawberry.UNSET, description="End of the work window, after the start."
    )
    place: JobPlaceInput | None = strawberry.field(
        default=strawberry.UNSET, description="Where the work happens (drafts)."
    )
    same_day: bool | None = strawberry.field(
        default=strawberry.UNSET, description="Same-day onboarding (当日到岗) (drafts)."
    )
    prefer_assisted: bool | None = strawberry.field(
        default=strawberry.UNSET, description="Prefer prioritised workers (（十）) (drafts)."
    )


@strawberry.input(description="Filters for public job postings; all given filters must hold.")
class JobPostingWhereInput:
    occupation_code: str | None = strawberry.field(
        default=None, description="National occupation code, e.g. 4-02-05-01."
    )
    region_code: str | None = strawberry.field(
        default=None, description="A county code, or a city code for all its counties."
    )
    market_id: strawberry.ID | None = strawberry.field(
        default=None, description="Global id of a market: postings shown on its board."
    )
    work_date: date | None = strawberry.field(
        default=None, description="Only work on this day (Asia/Shanghai)."
    )
    min_daily_wage: decimal.Decimal | None = strawberry.field(
        default=None,
        description="Minimum daily-equivalent wage in yuan (hour × 8, month ÷ 21.75); "
        "excludes piece rates.",
    )
    same_day: bool | None = strawberry.field(
        default=None, description="Only (or only not) same-day postings."
    )


@strawberry.input(description="Sort order for job postings; ties are broken by id.")
class JobPostingOrder:
    field: JobPostingOrderField = strawberry.field(description="What to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description="Direction."
    )


@strawberry.input(description="An application to a job posting.")
class JobApplicationCreateInput:
    job_posting_id: strawberry.ID = strawberry.field(description="Global id of an open posting.")
    worker_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Operators: the walk-in worker (registered at your market) applying on site. "
        "Workers leave it out.",
    )
