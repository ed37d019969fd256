"""Inputs of the statistics domain."""

from __future__ import annotations

import strawberry


@strawberry.input(
    description="What the figures cover; fields given together narrow each other, none at all "
    "means the whole province."
)
class MarketStatisticsWhereInput:
    market_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="One market: workers registered there, postings placed there.",
    )
    region_code: str | None = strawberry.field(
        default=None,
        description="A GB/T 2260 division (province, city or county) and everything under it: "
        "workers whose home is there, postings whose place of work is there.",
    )
    occupation_code: str | None = strawberry.field(
        default=None,
        description="A national classification code (e.g. 4-02-05-01): workers seeking it, "
        "postings for it.",
    )
