"""Arguments of the monitoring queries checked and turned into a scope, each refusal naming
its argument; and who may see a scope's small cells."""

from __future__ import annotations

from datetime import date

from resolvers.errors import RequestError
from resolvers.filters import checked_occupation_code, checked_region_code
from resolvers.global_ids import decode_id
from schema.statistics.inputs import MarketStatisticsWhereInput
from services.auth.rules import Role, Viewer
from services.statistics import report as reports
from services.statistics import series
from services.statistics.periods import MAX_PERIODS, Granularity, count_periods


async def checked_scope(where: MarketStatisticsWhereInput | None) -> series.Scope:
    where = where or MarketStatisticsWhereInput()
    market_id = region_ids = occupation_id = None
    if where.market_id is not None:
        market_id = decode_id(where.market_id, "Market")
        if market_id is None or not await reports.market_exists(market_id):
            raise RequestError("marketId is not a market", code="NOT_FOUND", field="where.marketId")
    if where.region_code is not None:
        code = checked_region_code(where.region_code, "where.regionCode")
        region_ids = await series.region_ids(code)
        if region_ids is None:
            raise RequestError("regionCode is not a division of Zhejiang", field="where.regionCode")
    if where.occupation_code is not None:
        code = checked_occupation_code(where.occupation_code, "where.occupationCode")
        occupation_id = await series.occupation_id(code)
        if occupation_id is None:
            raise RequestError(
                "occupationCode is not an occupation of the platform", field="where.occupationCode"
            )
    return series.Scope(market_id, region_ids, occupation_id)


# The platform's records start long after; earlier dates only risk date arithmetic overflow.
EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)


def checked_range(start: date, end: date, granularity: Granularity) -> None:
    if start < EARLIEST:
        raise RequestError(f"from must be on or after {EARLIEST.isoformat()}", field="from")
    if end > LATEST:
        raise RequestError(f"to must be on or before {LATEST.isoformat()}", field="to")
    if start > end:
        raise RequestError("from must be on or before to", field="from")
    most = MAX_PERIODS[granularity]
    if count_periods(start, end, granularity) > most:
        raise RequestError(
            f"a {granularity.value} series covers at most {most} periods; narrow from/to or "
            "choose a longer granularity",
            field="to",
        )


async def sees_detail(viewer: Viewer | None, scope: series.Scope) -> bool:
    """Staff see every figure; an operator sees its own market's; everyone else, aggregates
    with small cells hidden."""
    if viewer is None:
        return False
    if viewer.role == Role.STAFF:
        return True
    if viewer.role == Role.OPERATOR and scope.market_id is not None:
        return await reports.operates(viewer.subject_id, scope.market_id)
    return False
