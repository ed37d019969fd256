"""Inputs for rights case queries and mutations."""

from __future__ import annotations

import decimal
from datetime import datetime

import strawberry

from schema.rights_case.enums import (
    Department,
    GatheringStatus,
    PaymentMethod,
    PostingReportReason,
    RightsCaseFinding,
    RightsCaseKind,
    RightsCaseOrderField,
    RightsCaseStatus,
)
from schema.worker.inputs import LocationInput


@strawberry.input(description="Where it happened (a roadside gathering, a workplace).")
class RightsCasePlaceInput:
    address: str = strawberry.field(description="Where, in words (at most 200 characters).")
    location: LocationInput | None = strawberry.field(
        default=None, description="Map position, if known."
    )


@strawberry.input(
    description="A new case. Name what it is against: an application, a posting, an employer "
    "or a place; the employer and market follow from the most specific one."
)
class RightsCaseFileInput:
    kind: RightsCaseKind = strawberry.field(description="What the case is about.")
    summary: str = strawberry.field(description="What happened (at most 2000 characters).")
    worker_id: strawberry.ID | None = strawberry.field(
        default=None, description="Global id of the worker (operators and staff; required there)."
    )
    market_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Global id of the market (operators: one of theirs, required); default: "
        "the posting's market, else the worker's registration market.",
    )
    job_application_id: strawberry.ID | None = strawberry.field(
        default=None, description="Global id of the worker's application (the shift)."
    )
    job_posting_id: strawberry.ID | None = strawberry.field(
        default=None, description="Global id of a published posting."
    )
    employer_id: strawberry.ID | None = strawberry.field(
        default=None, description="Global id of the employer."
    )
    place: RightsCasePlaceInput | None = strawberry.field(
        default=None, description="Where it happened; required for GATHERING."
    )
    amount_claimed: decimal.Decimal | None = strawberry.field(
        default=None, description='Amount owed in yuan, as a string such as "480.00".'
    )
    gathering_place_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Global id of a registered gathering place (（十七）): its address and "
        "market are used unless given.",
    )


@strawberry.input(description="A finding that resolves a case.")
class RightsCaseResolveInput:
    outcome: RightsCaseFinding = strawberry.field(description="What was found.")
    note: str = strawberry.field(description="The result in words (at most 2000 characters).")
    amount_recovered: decimal.Decimal | None = strawberry.field(
        default=None, description='Amount recovered for the worker in yuan, e.g. "480.00".'
    )


@strawberry.input(description="Filters for case lists; all given filters must hold.")
class RightsCaseWhereInput:
    status: list[RightsCaseStatus] | None = strawberry.field(
        default=None, description="Only these statuses."
    )
    kind: list[RightsCaseKind] | None = strawberry.field(
        default=None, description="Only these kinds."
    )
    department: list[Department] | None = strawberry.field(
        default=None, description="Only cases with these departments."
    )
    market_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only cases of this market."
    )
    overdue: bool | None = strawberry.field(
        default=None, description="true: only open cases past their step deadline."
    )


@strawberry.input(description="Sort order of a case list.")
class RightsCaseOrder:
    field: RightsCaseOrderField = strawberry.field(description="What to sort by.")


@strawberry.input(description="What the employer paid for a completed shift.")
class WageSettlementRecordInput:
    job_application_id: strawberry.ID = strawberry.field(
        description="Global id of the completed application (the shift)."
    )
    amount: decimal.Decimal = strawberry.field(description='Amount paid in yuan, e.g. "220.00".')
    method: PaymentMethod = strawberry.field(description="How it was paid.")
    paid_at: datetime = strawberry.field(description="When it was paid, with a timezone offset.")


@strawberry.input(description="A worker's report on a posting.")
class JobPostingReportInput:
    job_posting_id: strawberry.ID = strawberry.field(description="Global id of the posting.")
    reason: PostingReportReason = strawberry.field(description="What is wrong with it.")
    note: str = strawberry.field(
        default="", description="Details (at most 500 characters; required for OTHER)."
    )


@strawberry.input(description="A gathering place on the register (the whole record).")
class GatheringPlaceInput:
    name: str = strawberry.field(description="What people call it (at most 100 characters).")
    address: str = strawberry.field(description="Where (at most 200 characters).")
    region_code: str = strawberry.field(description="Six-digit code of the county.")
    market_id: strawberry.ID | None = strawberry.field(
        default=None, description="Global id of the market workers are guided to."
    )
    location: LocationInput | None = strawberry.field(default=None, description="Map position.")
    typical_hours: str = strawberry.field(
        default="", description="When people gather, e.g. 每日 5:00–8:00 (at most 100)."
    )
    typical_size: int = strawberry.field(default=0, description="How many usually (0–10000).")
    measures: str = strawberry.field(
        default="",
        description="What has been done: publicity, asking people to move, guidance into the "
        "market, traffic control (at most 2000 characters).",
    )
    status: GatheringStatus = strawberry.field(
        default=GatheringStatus.ACTIVE, description="Whether people still gather there."
    )
