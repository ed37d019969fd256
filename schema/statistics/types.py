"""The targets dashboard as GraphQL types."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import strawberry

from schema.reference.types import Occupation, Region
from schema.statistics.enums import (
    StatisticMetric,
    StatisticsGranularity,
    StatisticSource,
    TargetKind,
)
from services.statistics.definitions import DEFINITIONS

if TYPE_CHECKING:
    from schema.market.types import Market

MarketRef = Annotated["Market", strawberry.lazy("schema.market.types")]


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


def _defined(metric: str) -> str:
    found = next(d for d in DEFINITIONS if d.metric == metric)
    hidden = " Null for the public when 1 to 4 (small cell)." if found.suppressible else ""
    return f"{found.name}: {found.definition}{hidden}"


@strawberry.type(description="The monitoring figures of one period, a whole range, or a change.")
class StatisticsFigures:
    job_seekers_registered: int | None = strawberry.field(
        description=_defined("job_seekers_registered")
    )
    job_seekers_active: int | None = strawberry.field(description=_defined("job_seekers_active"))
    postings_published: int = strawberry.field(description=_defined("postings_published"))
    headcount_demanded: int = strawberry.field(description=_defined("headcount_demanded"))
    applications: int | None = strawberry.field(description=_defined("applications"))
    matches_confirmed: int | None = strawberry.field(description=_defined("matches_confirmed"))
    workers_onboarded: int | None = strawberry.field(description=_defined("workers_onboarded"))
    completed: int | None = strawberry.field(description=_defined("completed"))
    average_hours_to_confirm: Decimal | None = strawberry.field(
        description=_defined("average_hours_to_confirm")
    )
    median_daily_wage: Decimal | None = strawberry.field(
        description=_defined("median_daily_wage") + " In yuan."
    )
    supply_demand_ratio: Decimal | None = strawberry.field(
        description=_defined("supply_demand_ratio")
    )


@strawberry.type(description="One period of a series.")
class StatisticsPeriod:
    period: str = strawberry.field(description="2025-03-01 (day), 2025-W09 (week), 2025-03.")
    starts_on: date = strawberry.field(description="First day of the period (Asia/Shanghai).")
    ends_on: date = strawberry.field(description="Last day of the period, inclusive.")
    figures: StatisticsFigures = strawberry.field(description="The period's figures.")


@strawberry.type(description="What a figure means and where it comes from.")
class StatisticDefinition:
    metric: StatisticMetric = strawberry.field(description="The figure.")
    name: str = strawberry.field(description="Its Chinese name.")
    definition: str = strawberry.field(description="Exactly what is counted.")
    unit: str = strawberry.field(description="What it is counted in.")
    source: StatisticSource = strawberry.field(description="Platform records or operator reports.")
    suppressed_below: int | None = strawberry.field(
        description="For figures counting people: values from 1 up to this number minus one "
        "are null for callers without access to the scope's detail; null for other figures."
    )


@strawberry.type(description="Supply and demand in a scope over a range of periods (（二十）).")
class MarketStatistics:
    granularity: StatisticsGranularity = strawberry.field(description="The periods' length.")
    from_: date = strawberry.field(
        name="from", description="First day covered (the first period's first day)."
    )
    to: date = strawberry.field(description="Last day covered (the last period's last day).")
    suppressed: bool = strawberry.field(
        description="Whether small cells are hidden: true for the public, workers, employers "
        "and operators outside their own market; false for staff and a market's operator."
    )
    series: list[StatisticsPeriod] = strawberry.field(
        description="Every period of the range in order, empty periods included."
    )
    total: StatisticsFigures = strawberry.field(
        description="The whole range as one period (a worker active in two periods counts once)."
    )
    previous_from: date = strawberry.field(description="First day of the previous range.")
    previous_to: date = strawberry.field(description="Last day of the previous range.")
    previous_total: StatisticsFigures = strawberry.field(
        description="The range of as many periods just before `from`, as one period."
    )
    change: StatisticsFigures = strawberry.field(
        description="`total` minus `previousTotal`, figure by figure; null where either is null."
    )
    definitions: list[StatisticDefinition] = strawberry.field(
        description="What each figure means and its source."
    )


@strawberry.type(description="Supply and demand of one occupation over a range (供求缺口).")
class OccupationBalance:
    occupation_id: strawberry.Private[int]
    headcount_demanded: int = strawberry.field(
        description="Headcount of the postings for it published in the range."
    )
    job_seekers_active: int | None = strawberry.field(
        description="Active job seekers in the range who seek it (a worker seeking several "
        "occupations counts for each). Null for the public when 1 to 4."
    )
    gap: int | None = strawberry.field(
        description="headcountDemanded minus jobSeekersActive: above 0 a shortage, below 0 a "
        "surplus. Null when jobSeekersActive is."
    )
    supply_demand_ratio: Decimal | None = strawberry.field(
        description="求人倍率 of the occupation; null without active seekers or when hidden."
    )

    @strawberry.field(description="The occupation.")
    async def occupation(self, info: strawberry.Info) -> Occupation:
        return await info.context.loaders.occupation_by_id.load(self.occupation_id)


@strawberry.type(
    description="A market gone quiet: no activity for 7 days, or no workload report last month."
)
class QuietMarket:
    market_id: strawberry.Private[int]
    active_last_7_days: bool = strawberry.field(
        description="Whether a worker registered, a posting was published, or an application "
        "was made, confirmed or checked in at the market in the last 7 days (today included)."
    )
    reported_last_month: bool | None = strawberry.field(
        description="Whether its operator submitted last month's workload report (operator "
        "reports); null for a market without an operator."
    )

    @strawberry.field(description="The market.")
    async def market(self, info: strawberry.Info) -> MarketRef:
        return await info.context.loaders.market_by_id.load(self.market_id)


@strawberry.type(description="Occupations in demand and in surplus in a scope over a range.")
class OccupationSupplyDemand:
    from_: date = strawberry.field(name="from", description="First day covered.")
    to: date = strawberry.field(description="Last day covered.")
    suppressed: bool = strawberry.field(
        description="Whether small cells are hidden (as in `marketStatistics`)."
    )
    in_demand: list[OccupationBalance] = strawberry.field(
        description="Occupations short of seekers, largest gap first (by demand where the "
        "seekers are hidden), then by occupation."
    )
    in_surplus: list[OccupationBalance] = strawberry.field(
        description="Occupations with more active seekers than demand, largest surplus first."
    )
