"""Market rows to Market objects, and batch loaders for every nested market field."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable
from datetime import datetime, time
from functools import cache

from resolvers.pagination import SortSpec, rows_by_id, rows_of, sql_page
from resolvers.prefetch import json_instant, json_rows, parse_rows, prime_joined, rerooted
from resolvers.reference.loaders import to_occupation
from schema.certification.types import Demonstration
from schema.common import Connection, GeoPoint
from schema.market import enums as e
from schema.market.types import DirectoryPublication, Market, OpeningPeriod, ResponsibleUnits
from schema.operator.types import Operator
from schema.reference.types import Occupation, Region, RegionLevel
from services.market.hours import Period, is_open
from services.market.rules import MARKET_COLUMNS, market_select
from services.timeutil import now
from tables import market as t
from tables.certification import DemonstrationCertificate
from tables.occupation import Occupation as OccupationRow


def to_market(row: dict, distance_km: float | None = None) -> Market:
    return Market(
        id=row["id"],
        name=row["name"],
        kind=e.MarketKind(row["kind"]),
        ownership=e.MarketOwnership(row["ownership"]),
        station_type=e.StationType(row["station_type"]),
        status=e.MarketStatus(row["status"]),
        region=Region(
            code=row["region.code"],
            name=row["region.name"],
            level=RegionLevel(row["region.level"]),
            parent_code=row["region.parent.code"],
            is_mountain_or_island=bool(row["region.is_mountain_or_island"]),
        ),
        address=row["address"],
        location=GeoPoint(latitude=row["latitude"], longitude=row["longitude"]),
        contact_phone=row["contact_phone"],
        function_areas=[e.FunctionArea(v) for v in row["function_areas"] or []],
        facilities=[e.Facility(v) for v in row["facilities"] or []],
        responsible_units=ResponsibleUnits(
            construction=row["construction_unit"],
            maintenance=row["maintenance_unit"],
            service=row["service_unit"],
        ),
        operator=Operator(id=row["operator"], name=row["operator.name"])
        if row["operator"]
        else None,
        labour_brand=row["labour_brand"] or None,
        established_on=row["established_on"],
        distance_km=distance_km,
        parent_market_id=row["parent_market"],
    )


# The page's own statement brings what a market card's nested fields would load: its parent
# market, opening hours (isOpenNow), occupations and valid certificates (resolvers/prefetch.py).
_ROW = '"market"."id"'
_PERIODS = (
    "prefetch_periods",
    "p.weekday, p.opens_at, p.closes_at",
    f"market_opening_period p WHERE p.market = {_ROW}",
)
_OCCUPATIONS = (
    "prefetch_occupations",
    "o.id, o.code, o.name, o.major_group, o.aliases",
    f"market_occupation mo JOIN occupation o ON o.id = mo.occupation WHERE mo.market = {_ROW}",
)
_CERTIFICATES = (
    "prefetch_certificates",
    "c.year, c.certified_at, c.certificate_no",
    f"demonstration_certificate c WHERE c.market = {_ROW} AND c.revoked_on IS NULL",
)
PAGE_EXTRAS = (_PERIODS, _OCCUPATIONS, _CERTIFICATES)  # fmt: skip


@cache  # Piccolo builds a joined column anew on each attribute access: once per process
def _parent_columns() -> tuple:
    return tuple(rerooted(t.Market.parent_market, MARKET_COLUMNS))


def market_page_select():
    """market_select() plus the parent market's row and the card's child lists as JSON."""
    return market_select().columns(
        *_parent_columns(),
        *(json_rows(alias, values, source) for alias, values, source in PAGE_EXTRAS),
    )


BY_ID = SortSpec(None, "id", int)


async def market_with_page(loaders, number: int) -> Market | None:
    """One market as a page brings it (its hours, occupations, certificate and parent)."""
    rows = await rows_by_id(market_page_select, t.Market.id, [number])
    return primed_market(loaders, rows[0]) if rows else None


async def market_page(
    loaders, conds: list, sort: SortSpec, first: int | None, after: str | None, count
) -> Connection[Market]:
    """A page of markets matching `conds`, each with its card's nested fields primed."""
    return await sql_page(
        t.Market.select(t.Market.id).where(*conds),
        t.Market.id,
        sort,
        first,
        after,
        lambda row: primed_market(loaders, row),
        count,
        rows=market_page_select,
    )


def primed_market(loaders, row: dict, distance_km: float | None = None) -> Market:
    """The market of a market_page_select() row, with every loader its card uses primed with
    what that loader would load (load_markets, load_periods, load_occupations_by_market,
    load_demonstrations; tests/test_prefetch.py holds them equal)."""
    market = to_market(row, distance_km)
    loaders.market_by_id.prime(market.id, to_market(row) if distance_km is not None else market)
    prime_joined(row, (("parent_market.", loaders.market_by_id, to_market),))
    prime_hours_and_certificate(loaders, market.id, row)
    occupations = [
        to_occupation({"id": i, "code": code, "name": name, "major_group": group, "aliases": a})
        for i, code, name, group, a in parse_rows(row["prefetch_occupations"])
    ]
    occupations.sort(key=lambda o: o.id)
    loaders.occupations_by_market.prime(market.id, occupations)
    return market


def map_select():
    """market_select() plus each market's opening hours and valid certificates as JSON: the map
    (frontend teams' map widget) in one statement, isOpenNow and isDemonstration included
    (map_features_state)."""
    return market_select().columns(
        *(json_rows(alias, values, source) for alias, values, source in (_PERIODS, _CERTIFICATES))
    )


def map_features_state(row: dict, at: datetime) -> tuple[bool, bool]:
    """(open at `at`, holds a valid certificate) of a map_select() row: what isOpenNow and
    isDemonstration would say through load_periods and load_demonstrations."""
    return is_open(_periods(row), at), bool(parse_rows(row["prefetch_certificates"]))


def prime_hours_and_certificate(loaders, market: int, row: dict) -> None:
    """Prime the opening hours (isOpenNow) and the latest valid certificate of `market` from a
    market_page_select() row, as load_periods and load_demonstrations load them."""
    loaders.periods_by_market.prime(market, _periods(row))
    certificates = parse_rows(row["prefetch_certificates"])
    latest = max(certificates, key=lambda c: c[0]) if certificates else None
    loaders.demonstration_by_market.prime(
        market,
        Demonstration(
            year=latest[0], certified_at=json_instant(latest[1]), certificate_no=latest[2]
        )
        if latest
        else None,
    )


def _periods(row: dict) -> list[Period]:
    periods = [
        Period(weekday, _clock(opens), _clock(closes))
        for weekday, opens, closes in parse_rows(row["prefetch_periods"])
    ]
    periods.sort(key=lambda p: (p.weekday, p.opens_at))
    return periods


@cache  # a few hundred distinct clock times in the province; parsed once each
def _clock(text: str) -> time:
    return time.fromisoformat(text)


async def load_markets(ids: list[int]) -> list[Market | None]:
    rows = await market_select().where(t.Market.id.is_in(list(set(ids))))
    by_id = {r["id"]: to_market(r) for r in rows}
    return [by_id.get(i) for i in ids]


def publication_select():
    return t.DirectoryPublication.select()


def to_publication(row: dict) -> DirectoryPublication:
    return DirectoryPublication(
        id=row["id"],
        published_at=row["published_at"],
        published_on=row["published_on"],
        market_count=row["market_count"],
        station_count=row["station_count"],
        sha256=row["sha256"],
        byte_size=row["byte_size"],
    )


async def load_publications(ids: list[int]) -> list[DirectoryPublication | None]:
    rows = await publication_select().where(t.DirectoryPublication.id.is_in(list(set(ids))))
    by_id = {r["id"]: to_publication(r) for r in rows}
    return [by_id.get(i) for i in ids]


def to_opening_periods(periods: list[Period]) -> list[OpeningPeriod]:
    return [
        OpeningPeriod(
            weekday=p.weekday,
            opens=p.opens_at.strftime("%H:%M"),
            closes=p.closes_at.strftime("%H:%M"),
        )
        for p in periods
    ]


def open_now(periods: list[Period]) -> bool:
    return is_open(periods, now())


async def load_occupations_by_market(ids: list[int]) -> list[list[Occupation]]:
    rows = await t.MarketOccupation.select(
        t.MarketOccupation.market,
        *[
            getattr(t.MarketOccupation.occupation, c._meta.name)
            for c in OccupationRow._meta.columns
        ],
    ).where(t.MarketOccupation.market.is_in(list(set(ids))))
    grouped: dict[int, list[Occupation]] = defaultdict(list)
    for r in rows:
        grouped[r["market"]].append(
            to_occupation({k.removeprefix("occupation."): v for k, v in r.items() if k != "market"})
        )
    for items in grouped.values():
        items.sort(key=lambda o: o.id)
    return [grouped.get(i, []) for i in ids]


def stations_loader(loaders) -> Callable[[list[int]], Awaitable[list[list[Market]]]]:
    """The stations of markets, each primed as a page's market is (its hours, occupations and
    certificate come with it: resolvers/prefetch.py)."""

    async def load_stations(ids: list[int]) -> list[list[Market]]:
        page = t.Market.select(t.Market.id).where(
            t.Market.parent_market.is_in(list(set(ids))) & (t.Market.status != "CLOSED")
        )
        rows = await rows_of(market_page_select, t.Market.id, page, BY_ID)
        grouped: dict[int, list[Market]] = defaultdict(list)
        for r in rows:
            grouped[r["parent_market"]].append(primed_market(loaders, r))
        return [grouped.get(i, []) for i in ids]

    return load_stations


async def load_demonstrations(ids: list[int]) -> list[Demonstration | None]:
    rows = (
        await DemonstrationCertificate.select(
            DemonstrationCertificate.market,
            DemonstrationCertificate.year,
            DemonstrationCertificate.certified_at,
            DemonstrationCertificate.certificate_no,
        )
        .where(
            DemonstrationCertificate.market.is_in(list(set(ids)))
            & DemonstrationCertificate.revoked_on.is_null()
        )
        .order_by(DemonstrationCertificate.year)
    )
    latest = {r["market"]: r for r in rows}  # ordered by year: the last one wins
    return [
        Demonstration(
            year=r["year"], certified_at=r["certified_at"], certificate_no=r["certificate_no"]
        )
        if (r := latest.get(i))
        else None
        for i in ids
    ]
