"""Great-circle distance and a SQL bounding-box prefilter, shared by every distance search."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return distances_km(lat1, lon1, ((lat2, lon2),))[0]


def distances_km(
    latitude: float, longitude: float, points: Iterable[tuple[float, float]]
) -> list[float]:
    """Great-circle distance from (latitude, longitude) to each (latitude, longitude) of
    `points`. The one formula of every distance: what depends on the origin only is worked out
    once (a distance page ranks hundreds of candidates per request), in the same operations
    in the same order, so each distance is the same float whichever way it is asked."""
    radians, sin, cos, asin, sqrt = math.radians, math.sin, math.cos, math.asin, math.sqrt
    p1 = radians(latitude)
    cos_p1 = cos(p1)
    diameter = 2 * EARTH_RADIUS_KM
    out = []
    for lat2, lon2 in points:
        p2 = radians(lat2)
        dp, dl = p2 - p1, radians(lon2 - longitude)
        a = sin(dp / 2) ** 2 + cos_p1 * cos(p2) * sin(dl / 2) ** 2
        out.append(diameter * asin(sqrt(a)))
    return out


def bounding_box(latitude: float, longitude: float, radius_km: float, table: Any) -> list:
    """A cheap SQL prefilter on `table.latitude/longitude`; the exact great-circle distance
    is computed on the survivors."""
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    dlon = dlat / max(math.cos(math.radians(latitude)), 0.01)
    return [
        table.latitude >= latitude - dlat,
        table.latitude <= latitude + dlat,
        table.longitude >= longitude - dlon,
        table.longitude <= longitude + dlon,
    ]
