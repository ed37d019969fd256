"""Shared GraphQL shapes: connections, page info, geo points, user errors."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from enum import Enum
from typing import Generic, TypeVar

import strawberry
from strawberry import relay

NodeT = TypeVar("NodeT")
# totalCount of a list that can be very long stops counting past this (resolvers/pagination).
COUNT_CAP = 10_000


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
    # Set on lists whose count stops early (resolvers/pagination.CappedCount): the count then
    # returns at most count_cap + 1.
    count_cap: strawberry.Private[int | None] = None
    # The count's task, shared by totalCount and totalCountIsExact (one statement for both).
    counting: strawberry.Private[asyncio.Future[int] | None] = None

    async def _counted(self) -> int:
        # Counted only when asked for: the count is a second SQL statement, unless the page's
        # statement brought it (then count() returns at once). The first caller counts in its
        # own task and leaves the result for the other (totalCount and totalCountIsExact are
        # resolved side by side): a task of its own cost a turn of the event loop per list.
        if self.counting is not None:
            return await self.counting
        counting = self.counting = asyncio.get_running_loop().create_future()
        try:
            counted = await self.count()
        except asyncio.CancelledError:
            counting.cancel()
            raise
        except Exception as error:
            counting.set_exception(error)
            counting.exception()  # retrieved here: the caller raises it; nobody else may wait
            raise
        counting.set_result(counted)
        return counted

    async def reported_count(self) -> tuple[int, bool]:
        """(totalCount, totalCountIsExact): the count, capped where the list caps it."""
        counted = await self._counted()
        if self.count_cap is None:
            return counted, True
        return min(counted, self.count_cap), counted <= self.count_cap

    @strawberry.field(
        description="How many results match the filters, across all pages. Lists that can be "
        f"very long (open job postings, a market's workers) stop counting past {COUNT_CAP:,}: "
        f"this is then {COUNT_CAP:,} and `totalCountIsExact` false, read “at least "
        f"{COUNT_CAP:,}”. Every other list counts exactly."
    )
    async def total_count(self) -> int:
        return (await self.reported_count())[0]

    @strawberry.field(
        description="Whether `totalCount` is exact: false only when a list that stops counting "
        f"early has more than {COUNT_CAP:,} results (`totalCount` is then a lower bound)."
    )
    async def total_count_is_exact(self) -> bool:
        return (await self.reported_count())[1]


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
