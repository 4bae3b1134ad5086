"""Great-circle distance, in two steps so that a point compared with many others is
converted once (`radians_point`) and the nearest of many is found by the least haversine
term (`haversine`), the arcsine taken once (`arc_km`)."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371


def radians_point(lat: float, lon: float) -> tuple[float, float, float]:
    """(lat, lon) in radians and cos(lat)."""
    lat_r = math.radians(lat)
    return lat_r, math.radians(lon), math.cos(lat_r)


def haversine(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """The haversine term of two `radians_point`s: it grows with their distance."""
    return math.sin((b[0] - a[0]) / 2) ** 2 + a[2] * b[2] * math.sin((b[1] - a[1]) / 2) ** 2


def arc_km(h: float) -> float:
    """The km of a haversine term."""
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The km between two (lat, lon) points."""
    return arc_km(haversine(radians_point(*a), radians_point(*b)))
