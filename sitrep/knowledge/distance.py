"""Distances between points on the Earth, and what counts as near for place resolution."""

from __future__ import annotations

import math
from collections.abc import Sequence

NEAR_KM = 100.0  # a town this close to another place a document names is "nearby"
NEAR_BONUS = 3.0  # the score a town gains for it (a thousandfold population)
REMOTE_KM = 500.0  # a village farther than this from all of a document's other places is suspect

Point = tuple[float, float]


def distance_km(a: Point, b: Point) -> float:
    """Great-circle distance (haversine, mean Earth radius 6371 km)."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def closeness(lat: float, lon: float, points: Sequence[Point]) -> float:
    """Score bonus for a town near a document's other places: ``NEAR_BONUS`` within ``NEAR_KM`` of
    one, fading to nothing at ``4 * NEAR_KM``; none without points."""
    if not points:
        return 0.0
    km = min(distance_km((lat, lon), p) for p in points)
    return NEAR_BONUS * max(0.0, min(1.0, (4 * NEAR_KM - km) / (3 * NEAR_KM)))


def remote(lat: float, lon: float, near: Sequence[Point], km: float = REMOTE_KM) -> bool:
    """Whether a point lies more than ``km`` from every one of ``near`` (none: never). A village
    (no population figure) so far from every other place a document names is most likely the
    wrong namesake of a street, building or region ("White House", "Yorkshire")."""
    return bool(near) and min(distance_km((lat, lon), p) for p in near) > km


def unit_vector(lat: float, lon: float) -> tuple[float, float, float]:
    """A point on the unit sphere (for nearest-neighbour search in 3-D)."""
    la, lo = math.radians(lat), math.radians(lon)
    return (math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la))
