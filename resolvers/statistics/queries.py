"""Statistics queries: the targets dashboard and the monitoring series (public, small cells hidden)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from resolvers.errors import RequestError
from resolvers.statistics.filters import checked_range, checked_scope, sees_detail
from resolvers.statistics.loaders import prime_markets, prime_occupations
from schema.reference.types import Region, RegionLevel
from schema.statistics import types as g
from schema.statistics.enums import (
    StatisticMetric,
    StatisticsGranularity,
    StatisticSource,
    TargetKind,
)
from schema.statistics.inputs import MarketStatisticsWhereInput
from services.certification import clock
from services.job_posting.wage import to_yuan
from services.market.rules import MARKET_COLUMNS
from services.statistics.balance import Balance, balances, in_demand, in_surplus
from services.statistics.definitions import DEFINITIONS
from services.statistics.periods import Granularity, period_of
from services.statistics.quiet_markets import quiet_markets
from services.statistics.report import report
from services.statistics.rules import Coverage, RegionRef, target_progress
from services.statistics.series import SMALL_CELL, Figures


def _region(ref: RegionRef) -> Region:
    return Region(
        code=ref.code,
        name=ref.name,
        level=RegionLevel(ref.level),
        parent_code=ref.parent_code,
        is_mountain_or_island=ref.is_mountain_or_island,
    )


def _coverage(c: Coverage) -> g.TargetCoverage:
    return g.TargetCoverage(
        region=_region(c.region),
        counties=len(c.counties),
        markets_built=c.markets_built,
        public_welfare_markets=c.public_welfare_markets,
        demonstration_markets=c.demonstration_markets,
        counties_with_market=len(c.with_market),
        counties_with_public_welfare_market=len(c.with_public_welfare),
        counties_with_demonstration_market=len(c.with_demonstration),
        counties_missing_market=[_region(r) for r in c.missing(c.with_market)],
        counties_missing_public_welfare_market=[
            _region(r) for r in c.missing(c.with_public_welfare)
        ],
        counties_missing_demonstration_market=[_region(r) for r in c.missing(c.with_demonstration)],
    )


@strawberry.type
class StatisticsQuery:
    @strawberry.field(
        description="Progress against the policy's targets at `asOf`: markets built vs 200, "
        "counties with a public-welfare market, demonstration markets vs 30 (2023) and 100 "
        "(2025), counties with a demonstration market; overall and per city. Public."
    )
    async def target_progress(
        self,
        as_of: Annotated[
            date | None,
            strawberry.argument(description="Date of the figures; today (Asia/Shanghai) if null."),
        ] = None,
    ) -> g.TargetProgress:
        progress = await target_progress(as_of or clock.today())
        return g.TargetProgress(
            as_of=progress.as_of,
            targets=[
                g.Target(
                    kind=TargetKind(t.kind),
                    description=t.description,
                    goal=t.goal,
                    deadline=t.deadline,
                    achieved=t.achieved,
                    met=t.met,
                )
                for t in progress.targets
            ],
            overall=_coverage(progress.overall),
            cities=[_coverage(c) for c in progress.cities],
        )


def _figures(f: Figures) -> g.StatisticsFigures:
    wage = f.median_daily_wage_fen
    return g.StatisticsFigures(
        job_seekers_registered=f.job_seekers_registered,
        job_seekers_active=f.job_seekers_active,
        postings_published=f.postings_published,
        headcount_demanded=f.headcount_demanded,
        applications=f.applications,
        matches_confirmed=f.matches_confirmed,
        workers_onboarded=f.workers_onboarded,
        completed=f.completed,
        average_hours_to_confirm=f.average_hours_to_confirm,
        median_daily_wage=None if wage is None else to_yuan(wage),
        supply_demand_ratio=f.supply_demand_ratio,
    )


def _change(change: dict) -> g.StatisticsFigures:
    wage = change["median_daily_wage_fen"]
    return g.StatisticsFigures(
        **{k: v for k, v in change.items() if k != "median_daily_wage_fen"},
        median_daily_wage=None if wage is None else to_yuan(wage),
    )


DEFINITIONS_OUT = [
    g.StatisticDefinition(
        metric=StatisticMetric(d.metric.upper()),
        name=d.name,
        definition=d.definition,
        unit=d.unit,
        source=StatisticSource(d.source),
        suppressed_below=SMALL_CELL if d.suppressible else None,
    )
    for d in DEFINITIONS
]


@strawberry.type
class MarketStatisticsQuery:
    @strawberry.field(
        description="Supply and demand series (动态监测, （二十）) for a market, a region or an "
        "occupation: job seekers, postings, headcount, applications, matches, check-ins, "
        "completions, time to confirm, median daily wage and 求人倍率, per day, ISO week or "
        "month in Asia/Shanghai, with the range's total, the previous range and the change. "
        "Public: anonymous callers, workers, employers and operators outside their market get "
        "aggregates with small cells (1 to 4 people) null; staff, and an operator for its own "
        "market, get every figure. Ranges: at most 366 days, 261 weeks or 120 months."
    )
    async def market_statistics(
        self,
        info: strawberry.Info,
        from_: Annotated[
            date,
            strawberry.argument(
                name="from", description="First day (Asia/Shanghai); its whole period counts."
            ),
        ],
        to: Annotated[
            date,
            strawberry.argument(description="Last day, inclusive; its whole period counts."),
        ],
        granularity: Annotated[
            StatisticsGranularity, strawberry.argument(description="Length of each period.")
        ] = StatisticsGranularity.MONTH,
        where: Annotated[
            MarketStatisticsWhereInput | None,
            strawberry.argument(description="The scope; the whole province if null."),
        ] = None,
    ) -> g.MarketStatistics:
        length = Granularity(granularity.name)
        checked_range(from_, to, length)
        scope = await checked_scope(where)
        detail = await sees_detail(info.context.viewer, scope)
        r = await report(scope, from_, to, length, suppress=not detail)
        return g.MarketStatistics(
            granularity=granularity,
            from_=r.periods[0].starts_on,
            to=r.periods[-1].ends_on,
            suppressed=r.suppressed,
            series=[
                g.StatisticsPeriod(
                    period=p.label, starts_on=p.starts_on, ends_on=p.ends_on, figures=_figures(f)
                )
                for p, f in zip(r.periods, r.series, strict=True)
            ],
            total=_figures(r.total),
            previous_from=r.previous_from,
            previous_to=r.previous_to,
            previous_total=_figures(r.previous_total),
            change=_change(r.change),
            definitions=DEFINITIONS_OUT,
        )

    @strawberry.field(
        description="Occupations in demand and in surplus (供求缺口) in a market or region over "
        "a range of at most 366 days: headcount demanded against active job seekers seeking each "
        "occupation. Public, small cells hidden as in `marketStatistics` (an occupationCode in "
        "`where` is ignored: occupations are compared)."
    )
    async def occupation_supply_demand(
        self,
        info: strawberry.Info,
        from_: Annotated[date, strawberry.argument(name="from", description="First day.")],
        to: Annotated[date, strawberry.argument(description="Last day, inclusive.")],
        where: Annotated[
            MarketStatisticsWhereInput | None,
            strawberry.argument(description="The scope; the whole province if null."),
        ] = None,
        first: Annotated[
            int, strawberry.argument(description="How many of each list (1 to 100).")
        ] = 10,
    ) -> g.OccupationSupplyDemand:
        checked_range(from_, to, Granularity.DAY)
        if not 1 <= first <= MAX_FIRST:
            raise RequestError(f"first：须在 1 到 {MAX_FIRST} 之间", field="first")
        scope = await checked_scope(where)
        detail = await sees_detail(info.context.viewer, scope)
        days = [period_of(from_, Granularity.DAY), period_of(to, Granularity.DAY)]
        found = await balances(scope, days, suppress=not detail)
        prime_occupations(info.context.loaders, found)
        return g.OccupationSupplyDemand(
            from_=from_,
            to=to,
            suppressed=not detail,
            in_demand=[_balance(b) for b in in_demand(found, first)],
            in_surplus=[_balance(b) for b in in_surplus(found, first)],
        )

    @strawberry.field(
        description="Open markets and stations in a market or region with no activity on the "
        "platform in the last 7 days (today included, Asia/Shanghai), or whose operator has not "
        "submitted last month's workload report; by market id. Public: no personal data."
    )
    async def quiet_markets(
        self,
        info: strawberry.Info,
        where: Annotated[
            MarketStatisticsWhereInput | None,
            strawberry.argument(
                description="A market or region; the whole province if null (an occupationCode "
                "is ignored)."
            ),
        ] = None,
    ) -> list[g.QuietMarket]:
        scope = await checked_scope(where)
        found = await quiet_markets(scope, clock.today(), MARKET_COLUMNS)
        prime_markets(info.context.loaders, found)
        return [
            g.QuietMarket(
                market_id=q.market_id,
                active_last_7_days=q.active_last_7_days,
                reported_last_month=q.reported_last_month,
            )
            for q in found
        ]


MAX_FIRST = 100


def _balance(b: Balance) -> g.OccupationBalance:
    return g.OccupationBalance(
        occupation_id=b.occupation_id,
        headcount_demanded=b.headcount_demanded,
        job_seekers_active=b.job_seekers_active,
        gap=b.gap,
        supply_demand_ratio=b.supply_demand_ratio,
    )
