"""services/geo: one distance formula, the same float however it is asked."""

from __future__ import annotations

import math
import random

from services.geo import EARTH_RADIUS_KM, distances_km, haversine_km


def _textbook(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def test_distances_are_the_textbook_haversine_to_the_last_bit():
    # given origins and points over the province and beyond, edges included
    rng = random.Random(7)
    origins = [(30.25, 120.17), (0.0, -0.0), (90.0, 180.0), (-90.0, -180.0), (27.0, 121.5)]
    points = [(rng.uniform(-90, 90), rng.uniform(-180, 180)) for _ in range(500)]
    points += [(29.0 + rng.random() * 2, 119.0 + rng.random() * 3) for _ in range(500)]
    points += [(30.25, 120.17), (0.0, 0.0), (-0.0, -0.0), (90.0, 0.0), (-90.0, 180.0)]

    for lat, lon in origins:
        # when asked for all at once, and one by one
        together = distances_km(lat, lon, points)
        alone = [haversine_km(lat, lon, p, q) for p, q in points]

        # then every distance is the textbook formula's float, exactly
        expected = [_textbook(lat, lon, p, q) for p, q in points]
        assert together == alone == expected
    assert distances_km(30.25, 120.17, []) == []
    assert haversine_km(30.25, 120.17, 30.25, 120.17) == 0.0
