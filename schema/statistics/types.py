"""The targets dashboard as GraphQL types."""

from __future__ import annotations

from datetime import date

import strawberry

from schema.reference.types import Region
from schema.statistics.enums import TargetKind


@strawberry.type(description="One of the province's targets with what is achieved at `asOf`.")
class Target:
    kind: TargetKind = strawberry.field(description="Which target.")
    description: str = strawberry.field(description="The target in the policy's words.")
    goal: int = strawberry.field(description="The number to reach.")
    deadline: date = strawberry.field(description="When it is due.")
    achieved: int = strawberry.field(description="The number reached at `asOf`.")
    met: bool = strawberry.field(description="Whether `achieved` reaches `goal`.")


@strawberry.type(description="Coverage of one area (the province or a city) at `asOf`.")
class TargetCoverage:
    region: Region = strawberry.field(description="The province or the prefecture city.")
    counties: int = strawberry.field(description="County-level divisions in the area.")
    markets_built: int = strawberry.field(
        description="Markets (not stations) opened by `asOf` and not closed."
    )
    public_welfare_markets: int = strawberry.field(
        description="Of those, public-welfare (公益性) markets."
    )
    demonstration_markets: int = strawberry.field(
        description="Built markets holding a certificate valid at `asOf`."
    )
    counties_with_market: int = strawberry.field(description="Counties with a built market.")
    counties_with_public_welfare_market: int = strawberry.field(
        description="Counties with a built public-welfare market."
    )
    counties_with_demonstration_market: int = strawberry.field(
        description="Counties with a demonstration market."
    )
    counties_missing_market: list[Region] = strawberry.field(
        description="Counties still without a built market."
    )
    counties_missing_public_welfare_market: list[Region] = strawberry.field(
        description="Counties still without a public-welfare market."
    )
    counties_missing_demonstration_market: list[Region] = strawberry.field(
        description="Counties still without a demonstration market."
    )


@strawberry.type(description="Progress against the policy's targets (二 主要目标) at a date.")
class TargetProgress:
    as_of: date = strawberry.field(description="The date the figures describe (Asia/Shanghai).")
    targets: list[Target] = strawberry.field(description="The province's targets.")
    overall: TargetCoverage = strawberry.field(description="The whole province.")
    cities: list[TargetCoverage] = strawberry.field(description="Each of the 11 cities, by code.")
