"""Shared GraphQL shapes: connections, page info, geo points, user errors."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import Enum
from typing import Generic, TypeVar

import strawberry
from strawberry import relay

NodeT = TypeVar("NodeT")


@strawberry.type(description="One result in a connection, with the cursor that points at it.")
class Edge(Generic[NodeT]):
    cursor: str = strawberry.field(description="Opaque cursor; pass it as `after` to continue.")
    node: NodeT = strawberry.field(description="The result itself.")


@strawberry.type(description="A page of results with keyset cursors.")
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]] = strawberry.field(description="Results with their cursors.")
    nodes: list[NodeT] = strawberry.field(description="Results without cursors.")
    page_info: relay.PageInfo = strawberry.field(description="Where this page stands in the list.")
    count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="How many results match the filters, across all pages.")
    async def total_count(self) -> int:
        # Counted only when asked for: the count is a second SQL statement.
        return await self.count()


@strawberry.enum(description="Sort direction.")
class OrderDirection(Enum):
    ASC = strawberry.enum_value("ASC", description="Ascending.")
    DESC = strawberry.enum_value("DESC", description="Descending.")


@strawberry.type(description="A WGS-84 point.")
class GeoPoint:
    latitude: float = strawberry.field(description="Latitude in degrees (WGS-84).")
    longitude: float = strawberry.field(description="Longitude in degrees (WGS-84).")


@strawberry.input(description="A point and a radius to search around.")
class GeoPointInput:
    latitude: float = strawberry.field(description="Latitude in degrees (WGS-84).")
    longitude: float = strawberry.field(description="Longitude in degrees (WGS-84).")
    radius_km: float = strawberry.field(
        default=20.0, description="Search radius in kilometres (0 < radius ≤ 300, default 20)."
    )


@strawberry.interface(
    description="A problem with a mutation's input or with the rules it must obey."
)
class UserError:
    message: str = strawberry.field(description="Human-readable explanation, in Chinese.")
    field: list[str] | None = strawberry.field(
        description="Path to the input field at fault, if any."
    )
