"""Public market directory queries: markets, market, marketMap."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Annotated

import strawberry

from resolvers.geo import near_page, pages_by_distance
from resolvers.global_ids import decode_id, encode_id
from resolvers.market import filters
from resolvers.market.loaders import (
    map_features_state,
    map_select,
    market_page,
    market_page_select,
    market_with_page,
    primed_market,
    publication_select,
    to_publication,
)
from resolvers.pagination import (
    After,
    ExactCount,
    First,
    Ranked,
    SortSpec,
    rows_by_id,
    sql_page,
)
from schema.common import Connection, GeoPointInput, OrderDirection
from schema.market.enums import MarketKind, MarketOrderField, MarketOwnership, StationType
from schema.market.inputs import MarketOrder, MarketWhereInput
from schema.market.types import (
    DirectoryPublication,
    Market,
    MarketFeature,
    MarketFeatureAttributes,
    MarketMap,
    PointGeometry,
)
from services.timeutil import now
from tables import market as t

SORTS = {
    MarketOrderField.ID: (None, "id", int),
    MarketOrderField.NAME: (t.Market.name, "name", str),
    MarketOrderField.ESTABLISHED_ON: (t.Market.established_on, "established_on", date),
}


def directory_order(
    conds: list, order_by: MarketOrder | None
) -> tuple[SortSpec, Callable[[], Awaitable[int]]]:
    """The directory's sort and count for `conds` (markets, and its text plan: texts.py)."""
    column, key, kind = SORTS[order_by.field if order_by else MarketOrderField.ID]
    sort = SortSpec(
        column,
        key,
        kind,
        descending=bool(order_by and order_by.direction == OrderDirection.DESC),
    )

    return sort, ExactCount(t.Market.count().where(*conds))


async def _near_page(info, conds, near, order, first, after) -> Connection:
    loaders = info.context.loaders

    async def load(page: list[Ranked]) -> dict[int, Market]:
        ids = [i for _, i in page]
        rows = {r["id"]: r for r in await rows_by_id(market_page_select, t.Market.id, ids)}
        return {i: primed_market(loaders, rows[i], distance_km=d) for d, i in page if i in rows}

    descending = order is not None and order.direction == OrderDirection.DESC
    return await near_page(t.Market, conds, near, first, after, load, descending=descending)


# The list's history, the newest publication first (the id grows with publishedAt).
NEWEST_PUBLICATIONS = SortSpec(None, "id", int, descending=True)


def publication_count() -> ExactCount:
    """`directoryPublications`' count (every publication), for the resolver and its text plan
    (resolvers/market/texts.py)."""
    return ExactCount(t.DirectoryPublication.count())


@strawberry.type
class MarketQuery:
    @strawberry.field(
        description="The market directory (名录库): search, filter, sort and page through markets."
    )
    async def markets(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        where: Annotated[
            MarketWhereInput | None, strawberry.argument(description="Filters.")
        ] = None,
        near: Annotated[
            GeoPointInput | None,
            strawberry.argument(
                description="Only markets within `radiusKm` of this point; results carry distanceKm."
            ),
        ] = None,
        order_by: Annotated[
            MarketOrder | None, strawberry.argument(description="Sort order (default by id).")
        ] = None,
        search: Annotated[
            str | None, strawberry.argument(description="Text in name, address or labour brand.")
        ] = None,
    ) -> Connection[Market]:
        conds = filters.conditions(where, search)
        if pages_by_distance(near, order_by.field if order_by else None):
            return await _near_page(info, conds, near, order_by, first, after)
        sort, count = directory_order(conds, order_by)
        return await market_page(info.context.loaders, conds, sort, first, after, count)

    @strawberry.field(description="One market by its global id; null if there is no such market.")
    async def market(
        self,
        info: strawberry.Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="Global id of the market.")],
    ) -> Market | None:
        number = decode_id(id, "Market")
        if not number:
            return None
        # Its parent, hours, occupations and certificate come with it (resolvers/prefetch.py).
        return await market_with_page(info.context.loaders, number)

    @strawberry.field(
        description="Publications of the market list (清单, （二十）), newest first, each with "
        "its counts and a download of the file as published: the list's public history, for "
        "frontend teams and the public."
    )
    async def directory_publications(
        self, first: First = None, after: After = None
    ) -> Connection[DirectoryPublication]:
        return await sql_page(
            publication_select(),
            t.DirectoryPublication.id,
            NEWEST_PUBLICATIONS,
            first,
            after,
            to_publication,
            publication_count(),
        )

    @strawberry.field(
        description="Markets as a GeoJSON FeatureCollection for map widgets (电子地图)."
    )
    async def market_map(
        self,
        info: strawberry.Info,
        where: Annotated[
            MarketWhereInput | None, strawberry.argument(description="Filters.")
        ] = None,
    ) -> MarketMap:
        conds = filters.conditions(where, None)
        # One statement: each market's hours and certificates come with its row, and one clock
        # reading decides every feature's isOpenNow.
        rows = await map_select().where(*conds).order_by(t.Market.id)
        at = now()
        features = []
        for r in rows:
            open_now, certified = map_features_state(r, at)
            features.append(
                MarketFeature(
                    type="Feature",
                    id=encode_id("Market", r["id"]),
                    geometry=PointGeometry(
                        type="Point", coordinates=[r["longitude"], r["latitude"]]
                    ),
                    attributes=MarketFeatureAttributes(
                        name=r["name"],
                        kind=MarketKind(r["kind"]),
                        ownership=MarketOwnership(r["ownership"]),
                        station_type=StationType(r["station_type"]),
                        region_code=r["region.code"],
                        address=r["address"],
                        contact_phone=r["contact_phone"],
                        is_demonstration=certified,
                        is_open_now=open_now,
                    ),
                )
            )
        return MarketMap(type="FeatureCollection", features=features)
