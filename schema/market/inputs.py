"""Inputs for market queries."""

from __future__ import annotations

from datetime import datetime

import strawberry

from schema.common import OrderDirection
from schema.market.enums import (
    MarketKind,
    MarketOrderField,
    MarketOwnership,
    MarketStatus,
    StationType,
)


@strawberry.input(description="Filters for markets; all given filters must hold.")
class MarketWhereInput:
    region_code: str | None = strawberry.field(
        default=None, description="A county code, a city code (all its counties) or 330000 (all)."
    )
    kind: MarketKind | None = strawberry.field(
        default=None, description="Comprehensive or industry."
    )
    ownership: MarketOwnership | None = strawberry.field(
        default=None, description="Public-welfare or market-operated."
    )
    station_type: StationType | None = strawberry.field(
        default=None, description="Market, rural station or gig supermarket."
    )
    occupation_code: str | None = strawberry.field(
        default=None,
        description="Only markets serving this national occupation code, e.g. 4-02-05-01.",
    )
    is_demonstration: bool | None = strawberry.field(
        default=None,
        description="Only (or only not) markets holding a current demonstration certificate.",
    )
    open_at: datetime | None = strawberry.field(
        default=None,
        description="Only markets open at this moment (timezone required; hours are Asia/Shanghai).",
    )
    status: list[MarketStatus] | None = strawberry.field(
        default=None,
        description="Statuses to include; default ACTIVE and SUSPENDED (closed markets hidden).",
    )


@strawberry.input(description="Sort order for markets; ties are broken by id.")
class MarketOrder:
    field: MarketOrderField = strawberry.field(description="What to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description="Direction."
    )
