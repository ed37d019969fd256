"""Distance search arguments shared by markets and postings (the math is in services/geo)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeGuard

from resolvers.errors import RequestError
from resolvers.pagination import Ranked, ranked_page
from schema.common import Connection, GeoPointInput
from services import geo
from services.geo import distances_km

MAX_RADIUS_KM = 300.0


def check_near(near: GeoPointInput) -> None:
    """A `near` argument a client can fix gets BAD_USER_INPUT, never a crash or a huge scan."""
    if not (-90 <= near.latitude <= 90 and -180 <= near.longitude <= 180):
        raise RequestError("near：纬度须在 -90 到 90 之间，经度须在 -180 到 180 之间", field="near")
    if not 0 < near.radius_km <= MAX_RADIUS_KM:
        raise RequestError(
            f"near.radiusKm：半径须大于 0 公里且不超过 {MAX_RADIUS_KM:g} 公里",
            field="near.radiusKm",
        )


def pages_by_distance(near: GeoPointInput | None, order_field: Any) -> TypeGuard[GeoPointInput]:
    """Whether to page by distance. Distance needs `near`, and `near` orders by distance:
    `order_field` is the field of the `orderBy` given (None when none was). True narrows `near`
    to a point for the type checker."""
    by_distance = order_field is not None and order_field.name == "DISTANCE"
    if near is not None and order_field is not None and not by_distance:
        raise RequestError("orderBy：使用 near 时只能按距离（DISTANCE）排序", field="orderBy")
    if near is None and by_distance:
        raise RequestError("orderBy：按距离（DISTANCE）排序须同时提供 near", field="orderBy")
    return near is not None


def bounding_box(near: GeoPointInput, table: Any) -> list:
    return geo.bounding_box(near.latitude, near.longitude, near.radius_km, table)


async def near_page(
    table: Any,
    conds: list,
    near: GeoPointInput,
    first: int | None,
    after: str | None,
    load: Callable[[list[Ranked]], Awaitable[dict[int, Any]]],
    *,
    descending: bool = False,
) -> Connection:
    """Distance search over `table` (id, latitude, longitude): bounded by the radius, so
    ranking the candidates in Python stays small; nearest first unless `descending`."""
    check_near(near)
    candidates = await table.select(table.id, table.latitude, table.longitude).where(
        *conds, *bounding_box(near, table)
    )
    points = ((c["latitude"], c["longitude"]) for c in candidates)
    distances = distances_km(near.latitude, near.longitude, points)
    radius = near.radius_km
    ranked = [
        (round(d, 3), c["id"]) for d, c in zip(distances, candidates, strict=True) if d <= radius
    ]
    return await ranked_page(ranked, first, after, load, descending=descending)
