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
            raise RequestError("marketId：零工市场不存在", code="NOT_FOUND", field="where.marketId")
    if where.region_code is not None:
        code = checked_region_code(where.region_code, "where.regionCode")
        region_ids = await series.region_ids(code)
        if region_ids is None:
            raise RequestError("regionCode：不是浙江省的行政区划", field="where.regionCode")
    if where.occupation_code is not None:
        code = checked_occupation_code(where.occupation_code, "where.occupationCode")
        occupation_id = await series.occupation_id(code)
        if occupation_id is None:
            raise RequestError("occupationCode：平台没有这个工种", field="where.occupationCode")
    return series.Scope(market_id, region_ids, occupation_id)


LABELS = {Granularity.DAY: "按日", Granularity.WEEK: "按周", Granularity.MONTH: "按月"}

# The platform's records start long after; earlier dates only risk date arithmetic overflow.
EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)


def checked_range(start: date, end: date, granularity: Granularity) -> None:
    if start < EARLIEST:
        raise RequestError(f"from：须不早于 {EARLIEST.isoformat()}", field="from")
    if end > LATEST:
        raise RequestError(f"to：须不晚于 {LATEST.isoformat()}", field="to")
    if start > end:
        raise RequestError("from：须不晚于 to", field="from")
    most = MAX_PERIODS[granularity]
    if count_periods(start, end, granularity) > most:
        raise RequestError(
            f"to：{LABELS[granularity]}序列最多 {most} 期，请缩短 from 至 to 的范围或改用更长的粒度",
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
