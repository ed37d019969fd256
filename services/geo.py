"""Great-circle distance and a SQL bounding-box prefilter, shared by every distance search."""

from __future__ import annotations

import math
from typing import Any

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


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
