"""Distance search shared by markets and postings: great-circle distance and a SQL prefilter."""

from __future__ import annotations

import math
from typing import Any

from resolvers.errors import RequestError
from schema.common import GeoPointInput

EARTH_RADIUS_KM = 6371.0088
MAX_RADIUS_KM = 300.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def check_near(near: GeoPointInput) -> None:
    """A `near` argument a client can fix gets BAD_USER_INPUT, never a crash or a huge scan."""
    if not (-90 <= near.latitude <= 90 and -180 <= near.longitude <= 180):
        raise RequestError("near: latitude/longitude out of range", field="near")
    if not 0 < near.radius_km <= MAX_RADIUS_KM:
        raise RequestError(
            f"near.radiusKm must be in (0, {MAX_RADIUS_KM:g}]", field="near.radiusKm"
        )


def bounding_box(near: GeoPointInput, table: Any) -> list:
    """A cheap SQL prefilter on `table.latitude/longitude`; the exact great-circle distance
    is computed on the survivors."""
    dlat = math.degrees(near.radius_km / EARTH_RADIUS_KM)
    dlon = dlat / max(math.cos(math.radians(near.latitude)), 0.01)
    return [
        table.latitude >= near.latitude - dlat,
        table.latitude <= near.latitude + dlat,
        table.longitude >= near.longitude - dlon,
        table.longitude <= near.longitude + dlon,
    ]
