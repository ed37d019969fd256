"""The Market type and the GeoJSON shapes of the market map."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from schema.certification.types import Demonstration
from schema.common import GeoPoint
from schema.market.enums import (
    Facility,
    FunctionArea,
    MarketKind,
    MarketOwnership,
    MarketStatus,
    StationType,
)
from schema.operator.types import Operator
from schema.reference.types import Occupation, Region

if TYPE_CHECKING:
    from schema.training.types import Training


@strawberry.type(description="One weekly opening period, in Asia/Shanghai local time.")
class OpeningPeriod:
    weekday: int = strawberry.field(description="ISO weekday: 1 = Monday … 7 = Sunday.")
    opens: str = strawberry.field(description="Opening time, HH:MM.")
    closes: str = strawberry.field(
        description="Closing time, HH:MM; not after `opens` means past midnight."
    )


@strawberry.type(description="Units responsible for the market (（六）).")
class ResponsibleUnits:
    construction: str = strawberry.field(description="建设责任单位.")
    maintenance: str = strawberry.field(description="管护责任单位.")
    service: str = strawberry.field(description="服务保障责任单位.")


@strawberry.type(description="A gig market (零工市场) or a station attached to one.")
class Market(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="Name following the naming rule (（四）).")
    kind: MarketKind = strawberry.field(description="Comprehensive or industry.")
    ownership: MarketOwnership = strawberry.field(description="Public-welfare or market-operated.")
    station_type: StationType = strawberry.field(
        description="Market, rural station or gig supermarket."
    )
    status: MarketStatus = strawberry.field(description="Operating status.")
    region: Region = strawberry.field(description="The county (县、市、区) the market is in.")
    address: str = strawberry.field(description="Street address.")
    location: GeoPoint = strawberry.field(description="Map position.")
    contact_phone: str = strawberry.field(description="Public service phone of the market.")
    function_areas: list[FunctionArea] = strawberry.field(
        description="Function areas on site (（五）)."
    )
    facilities: list[Facility] = strawberry.field(description="Facilities on site (（六）).")
    responsible_units: ResponsibleUnits = strawberry.field(
        description="Responsible units (（六）)."
    )
    operator: Operator | None = strawberry.field(
        description="The organisation running it, if contracted."
    )
    labour_brand: str | None = strawberry.field(
        description="Labour brand cultivated here (（十四）), if any."
    )
    established_on: date | None = strawberry.field(description="Date the market opened.")
    distance_km: float | None = strawberry.field(
        description="Distance in km from the `near` point of the query; null without `near`."
    )
    parent_market_id: strawberry.Private[int | None]

    @strawberry.field(description="Weekly opening hours (Asia/Shanghai).")
    async def opening_hours(self, info: strawberry.Info) -> list[OpeningPeriod]:
        return await info.context.loaders.opening_hours_by_market.load(self.id)

    @strawberry.field(description="Whether the market is open right now (Asia/Shanghai).")
    async def is_open_now(self, info: strawberry.Info) -> bool:
        return await info.context.loaders.is_open_now_by_market.load(self.id)

    @strawberry.field(description="Occupations the market serves.")
    async def occupations(self, info: strawberry.Info) -> list[Occupation]:
        return await info.context.loaders.occupations_by_market.load(self.id)

    @strawberry.field(description="For a station: the market it belongs to.")
    async def parent_market(self, info: strawberry.Info) -> Market | None:
        if self.parent_market_id is None:
            return None
        return await info.context.loaders.market_by_id.load(self.parent_market_id)

    @strawberry.field(
        description="For a market: its rural stations and gig supermarkets (not closed)."
    )
    async def stations(self, info: strawberry.Info) -> list[Market]:
        return await info.context.loaders.stations_by_market.load(self.id)

    @strawberry.field(description="Current demonstration certificate, or null.")
    async def demonstration(self, info: strawberry.Info) -> Demonstration | None:
        return await info.context.loaders.demonstration_by_market.load(self.id)

    @strawberry.field(
        description="Published skills training courses (技能培训) it offers or hosts, upcoming "
        "and running, soonest first (at most 50); a station lists those held there."
    )
    async def trainings(
        self, info: strawberry.Info
    ) -> list[Annotated[Training, strawberry.lazy("schema.training.types")]]:
        return await info.context.loaders.trainings_by_market.load(self.id)

    @classmethod
    async def resolve_nodes(cls, *, info, node_ids, required=False):
        return await info.context.loaders.market_by_id.load_many([int(i) for i in node_ids])


@strawberry.type(description="GeoJSON Point geometry: coordinates are [longitude, latitude].")
class PointGeometry:
    type: str = strawberry.field(description='Always "Point".')
    coordinates: list[float] = strawberry.field(
        description="[longitude, latitude] (GeoJSON order)."
    )


@strawberry.type(description="What a map shows of one market: the typed properties of its feature.")
class MarketFeatureAttributes:
    name: str = strawberry.field(description="Name of the market or station.")
    kind: MarketKind = strawberry.field(description="Comprehensive or industry market.")
    ownership: MarketOwnership = strawberry.field(description="Public-welfare or market-run.")
    station_type: StationType = strawberry.field(
        description="Market, rural station or supermarket."
    )
    region_code: str = strawberry.field(description="Six-digit code of its county.")
    address: str = strawberry.field(description="Street address.")
    contact_phone: str = strawberry.field(description="The market's public service phone.")
    is_demonstration: bool = strawberry.field(
        description="Whether it holds a valid demonstration certificate (示范零工市场)."
    )
    # Decided by the map's resolver with its one clock reading: every feature is open or not at
    # the same instant, and no loader call per feature.
    is_open_now: bool = strawberry.field(
        description="Whether it is open right now (Asia/Shanghai)."
    )


@strawberry.type(description="GeoJSON Feature for one market.")
class MarketFeature:
    type: str = strawberry.field(description='Always "Feature".')
    id: str = strawberry.field(
        description="The market's global id (a Market's, for `market(id)` or `node(id)`): the "
        "feature itself is not a Node."
    )
    geometry: PointGeometry = strawberry.field(description="Where the market is.")
    attributes: MarketFeatureAttributes = strawberry.field(
        description="The feature's properties, typed, with isOpenNow."
    )

    @strawberry.field(
        description="The same facts as `attributes` as an untyped GeoJSON properties object "
        "(name, kind, ownership, stationType, regionCode, address, contactPhone, "
        "isDemonstration).",
        deprecation_reason="Untyped: select `attributes`, which also has isOpenNow.",
    )
    def properties(self) -> JSON:
        a = self.attributes
        return JSON(
            {
                "name": a.name,
                "kind": a.kind.value,
                "ownership": a.ownership.value,
                "stationType": a.station_type.value,
                "regionCode": a.region_code,
                "address": a.address,
                "contactPhone": a.contact_phone,
                "isDemonstration": a.is_demonstration,
            }
        )


@strawberry.type(description="GeoJSON FeatureCollection of markets, ready for map widgets.")
class MarketMap:
    type: str = strawberry.field(description='Always "FeatureCollection".')
    features: list[MarketFeature] = strawberry.field(description="One feature per market.")


@strawberry.type(
    description="One publication of the market list (清单, （二十）), kept as published."
)
class DirectoryPublication(relay.Node):
    id: relay.NodeID[int]
    published_at: datetime = strawberry.field(description="When it was published.")
    published_on: date = strawberry.field(description="The day of publication (Asia/Shanghai).")
    market_count: int = strawberry.field(description="Markets listed (零工市场).")
    station_count: int = strawberry.field(description="Stations listed (零工驿站 and 零工超市).")
    sha256: str = strawberry.field(description="SHA-256 of the file (without its BOM), hex.")
    byte_size: int = strawberry.field(description="Size of the file in bytes (without its BOM).")

    @strawberry.field(
        description="Where to download the file as published: a path on this server (CSV, "
        "UTF-8 with BOM)."
    )
    def download_path(self) -> str:
        return f"/exports/markets/publications/{self.id}.csv"

    @classmethod
    async def resolve_nodes(cls, *, info, node_ids, required=False):
        return await info.context.loaders.directory_publication_by_id.load_many(
            [int(i) for i in node_ids]
        )
