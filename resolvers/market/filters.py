"""Translate MarketWhereInput and `search` into SQL conditions."""

from __future__ import annotations

from piccolo.columns.combination import WhereRaw
from piccolo.engine import engine_finder

from resolvers.errors import RequestError
from resolvers.timeutil import local
from schema.market.inputs import MarketWhereInput
from tables import market as t
from tables.certification import DemonstrationCertificate

DEFAULT_STATUSES = ["ACTIVE", "SUSPENDED"]


def search_pattern(text: str) -> str | None:
    # LIKE wildcards typed by users are dropped rather than interpreted.
    cleaned = "".join(ch for ch in text.strip() if ch not in "%_\\")[:50]
    return f"%{cleaned}%" if cleaned else None


def conditions(where: MarketWhereInput | None, search: str | None) -> list:
    where = where or MarketWhereInput()
    out: list = []
    statuses = [s.value for s in where.status] if where.status else DEFAULT_STATUSES
    out.append(t.Market.status.is_in(statuses))
    if where.region_code is not None:
        code = where.region_code.strip()
        if not (len(code) == 6 and code.isdigit()):
            raise RequestError(
                "regionCode must be a six-digit GB/T 2260 code", field="where.regionCode"
            )
        out.append(
            (t.Market.region.code == code)
            | (t.Market.region.parent.code == code)
            | (t.Market.region.parent.parent.code == code)
        )
    if where.kind is not None:
        out.append(t.Market.kind == where.kind.value)
    if where.ownership is not None:
        out.append(t.Market.ownership == where.ownership.value)
    if where.station_type is not None:
        out.append(t.Market.station_type == where.station_type.value)
    if where.occupation_code is not None:
        serving = t.MarketOccupation.select(t.MarketOccupation.market).where(
            t.MarketOccupation.occupation.code == where.occupation_code.strip()
        )
        out.append(t.Market.id.is_in(serving))
    if where.is_demonstration is not None:
        certified = DemonstrationCertificate.select(DemonstrationCertificate.market).where(
            DemonstrationCertificate.revoked_on.is_null()
        )
        out.append(
            t.Market.id.is_in(certified)
            if where.is_demonstration
            else t.Market.id.not_in(certified)
        )
    if where.open_at is not None:
        out.append(_open_at(where))
    if search is not None and (pattern := search_pattern(search)):
        out.append(
            t.Market.name.like(pattern)
            | t.Market.address.like(pattern)
            | t.Market.labour_brand.like(pattern)
        )
    return out


def _open_at(where: MarketWhereInput) -> WhereRaw:
    if where.open_at.tzinfo is None:
        raise RequestError(
            "openAt needs a timezone, e.g. 2026-11-28T08:00:00+08:00", field="where.openAt"
        )
    here = local(where.open_at)
    day = here.isoweekday()
    yesterday = 7 if day == 1 else day - 1
    clock: object = here.time().replace(tzinfo=None, microsecond=0)
    if engine_finder().engine_type == "sqlite":
        clock = clock.isoformat()  # SQLite keeps TIME as 'HH:MM:SS' text, which sorts correctly
    # Same rules as hours.is_open: a period with closes <= opens runs past midnight.
    return WhereRaw(
        "market.id IN (SELECT p.market FROM market_opening_period p WHERE "
        "(p.weekday = {} AND ((p.opens_at < p.closes_at AND p.opens_at <= {} AND {} < p.closes_at) "
        "OR (p.closes_at <= p.opens_at AND p.opens_at <= {}))) "
        "OR (p.weekday = {} AND p.closes_at <= p.opens_at AND {} < p.closes_at))",
        day,
        clock,
        clock,
        clock,
        yesterday,
        clock,
    )
