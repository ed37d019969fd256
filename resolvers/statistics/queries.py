"""The targets dashboard query; public because the figures hold no personal data."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from schema.reference.types import Region, RegionLevel
from schema.statistics import types as g
from schema.statistics.enums import TargetKind
from services.certification import clock
from services.statistics.rules import Coverage, RegionRef, target_progress


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
