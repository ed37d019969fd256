"""Directory filters staff need beyond the market's own columns: its city, open now,
demonstration status (名录库). Serves staff finding, e.g., the 杭州市 markets open now."""

from __future__ import annotations

from piccolo.table import Table
from piccolo_api.crud.exceptions import MalformedQuery

from admin.extension.crud import VirtualFilter
from services.market.hours import open_at_condition
from services.timeutil import now
from tables import market as t
from tables.certification import DemonstrationCertificate
from tables.region import Region


def _yes(value: str) -> bool:
    if value not in ("true", "false"):
        raise MalformedQuery(f"筛选值无效：{value}")
    return value == "true"


async def cities() -> dict[str, str]:
    rows = await Region.select(Region.code, Region.name).where(Region.level == "prefecture")
    return {r["code"]: r["name"] for r in sorted(rows, key=lambda r: r["code"])}


def in_city(code: str):
    return t.Market.region._.parent._.code == code


def open_now(value: str):
    return open_at_condition(now(), _yes(value))


def demonstration(value: str):
    certified = DemonstrationCertificate.select(DemonstrationCertificate.market).where(
        DemonstrationCertificate.revoked_on.is_null()
    )
    return t.Market.id.is_in(certified) if _yes(value) else t.Market.id.not_in(certified)


FILTERS: dict[type[Table], list[VirtualFilter]] = {
    t.Market: [
        VirtualFilter("city", "所在设区市", in_city, cities),
        VirtualFilter("open_now", "现在开放", open_now),
        VirtualFilter("is_demonstration", "省级示范零工市场", demonstration),
    ]
}
