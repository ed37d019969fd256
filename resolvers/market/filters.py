"""Translate MarketWhereInput and `search` into SQL conditions."""

from __future__ import annotations

from datetime import datetime

from piccolo.columns.combination import WhereRaw

from resolvers.errors import RequestError
from resolvers.filters import checked_occupation_code, in_region, text_search
from schema.market.inputs import MarketWhereInput
from services.market.hours import open_at_condition
from tables import market as t
from tables.certification import DemonstrationCertificate

DEFAULT_STATUSES = ["ACTIVE", "SUSPENDED"]


def conditions(where: MarketWhereInput | None, search: str | None) -> list:
    where = where or MarketWhereInput()
    out: list = []
    statuses = [s.value for s in where.status] if where.status else DEFAULT_STATUSES
    out.append(t.Market.status.is_in(statuses))
    if where.region_code is not None:
        out.append(in_region(t.Market.region, where.region_code, "where.regionCode"))
    if where.kind is not None:
        out.append(t.Market.kind == where.kind.value)
    if where.ownership is not None:
        out.append(t.Market.ownership == where.ownership.value)
    if where.station_type is not None:
        out.append(t.Market.station_type == where.station_type.value)
    if where.occupation_code is not None:
        occupation_code = checked_occupation_code(where.occupation_code, "where.occupationCode")
        serving = t.MarketOccupation.select(t.MarketOccupation.market).where(
            t.MarketOccupation.occupation.code == occupation_code
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
        out.append(_open_at(where.open_at))
    matching = text_search([t.Market.name, t.Market.address, t.Market.labour_brand], search)
    if matching is not None:
        out.append(matching)
    return out


def _open_at(moment: datetime) -> WhereRaw:
    if moment.tzinfo is None:
        raise RequestError("openAt：须带时区，例如 2026-11-28T08:00:00+08:00", field="where.openAt")
    return open_at_condition(moment)
