"""Translate MarketWhereInput and `search` into SQL conditions."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, time

from piccolo.columns import Column
from piccolo.columns.combination import WhereRaw

from resolvers.db import current_engine, is_postgres
from resolvers.errors import RequestError
from resolvers.timeutil import local
from schema.market.inputs import MarketWhereInput
from tables import market as t
from tables.certification import DemonstrationCertificate

DEFAULT_STATUSES = ["ACTIVE", "SUSPENDED"]
MAX_SEARCH_CHARS = 50
LIKE_ESCAPE = "!"
REGION_CODE = re.compile(r"[0-9]{6}")
OCCUPATION_CODE = re.compile(r"[0-9]-[0-9]{2}-[0-9]{2}-[0-9]{2}")


def search_pattern(text: str) -> str | None:
    """A LIKE pattern matching `text` literally anywhere; None when nothing is left to search.

    `%` and `_` typed by users are escaped, so they match themselves rather than anything.
    Control characters are dropped: PostgreSQL rejects NUL in text parameters.
    """
    cleaned = "".join(ch for ch in text.strip() if unicodedata.category(ch) != "Cc")
    cleaned = cleaned[:MAX_SEARCH_CHARS]
    if not cleaned:
        return None
    for special in (LIKE_ESCAPE, "%", "_"):
        cleaned = cleaned.replace(special, LIKE_ESCAPE + special)
    return f"%{cleaned}%"


def text_search(columns: list[Column], text: str | None) -> WhereRaw | None:
    """Case-insensitive literal substring search over `columns` (same result on both engines)."""
    pattern = search_pattern(text) if text is not None else None
    if pattern is None:
        return None
    # SQLite's LIKE already ignores ASCII case; PostgreSQL needs ILIKE for the same answer.
    op = "ILIKE" if is_postgres() else "LIKE"
    sql = " OR ".join(
        f"{c._meta.get_full_name(with_alias=False)} {op} {{}} ESCAPE '{LIKE_ESCAPE}'"
        for c in columns
    )
    return WhereRaw(f"({sql})", *[pattern] * len(columns))


def conditions(where: MarketWhereInput | None, search: str | None) -> list:
    where = where or MarketWhereInput()
    out: list = []
    statuses = [s.value for s in where.status] if where.status else DEFAULT_STATUSES
    out.append(t.Market.status.is_in(statuses))
    if where.region_code is not None:
        code = where.region_code.strip()
        if not REGION_CODE.fullmatch(code):
            raise RequestError(
                "regionCode must be a six-digit GB/T 2260 code", field="where.regionCode"
            )
        out.append(
            (t.Market.region.code == code)
            | (t.Market.region._.parent._.code == code)
            | (t.Market.region._.parent._.parent._.code == code)
        )
    if where.kind is not None:
        out.append(t.Market.kind == where.kind.value)
    if where.ownership is not None:
        out.append(t.Market.ownership == where.ownership.value)
    if where.station_type is not None:
        out.append(t.Market.station_type == where.station_type.value)
    if where.occupation_code is not None:
        occupation_code = where.occupation_code.strip()
        if not OCCUPATION_CODE.fullmatch(occupation_code):
            raise RequestError(
                "occupationCode must be a national classification code such as 4-02-05-01",
                field="where.occupationCode",
            )
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
        raise RequestError(
            "openAt needs a timezone, e.g. 2026-11-28T08:00:00+08:00", field="where.openAt"
        )
    here = local(moment)
    day = here.isoweekday()
    yesterday = 7 if day == 1 else day - 1
    at = here.time().replace(tzinfo=None, microsecond=0)
    # SQLite keeps TIME as 'HH:MM:SS' text, which sorts correctly.
    clock: time | str = at.isoformat() if current_engine().engine_type == "sqlite" else at
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
