"""The map of incidents: where each merged incident happened, as precisely as its sources say.

``incident_map`` reads the picture (``sitrep.resolve.picture.incidents``) and each incident's
coordinates and place precision (UCDP where_prec 1-7, the incidents table). Precision is data:
an incident known only to its country is drawn at the country's point as a hollow marker and
said so; one without coordinates is counted and listed, never dropped. Markers are sized by the
killed (the most conservative figure across the reports). ``write_png`` (``map_png``) and
``write_html`` (``map_html``) draw it on the packaged Natural Earth basemap: nothing is fetched.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from sitrep.errors import NotFound, SitrepError
from sitrep.model.dates import format_range
from sitrep.resolve.picture import IncidentFilter, IncidentView, incidents
from sitrep.store import tables as t
from sitrep.store.store import Store

WORLD = (-180.0, 180.0, -60.0, 85.0)  # west, east, south, north: the map when nothing is placed
MIN_SPAN = 6.0  # degrees: a map of one point still shows its surroundings
LABEL_SPAN = 60.0  # degrees of longitude: wider maps do not name countries
MARGIN = 0.2  # of the points' span, on each side
R_MIN, R_MAX = 4.0, 14.0  # marker radius (points / px) for no or unknown toll .. the deadliest


class MapError(SitrepError):
    """A map that cannot be written."""


@dataclass(frozen=True, slots=True)
class Tier:
    """How precisely a group of incidents is placed, and how the map draws it."""

    key: str
    label: str
    colour: str
    shape: str  # circle | diamond | triangle | square
    hollow: bool


TIERS: tuple[Tier, ...] = (
    Tier("site", "exact place or town (precision 1-2)", "#c0392b", "circle", False),
    Tier("area", "district, province or region (precision 3-5)", "#e67e22", "diamond", False),
    Tier("country", "country only: at the country's point (precision 6)", "#6c3483", "circle", True),
    Tier("water", "at sea or in the air (precision 7)", "#1f618d", "triangle", False),
    Tier("unknown", "precision not recorded", "#566573", "square", True),
)
_BY_KEY = {tier.key: tier for tier in TIERS}


def tier_of(precision: int | None) -> Tier:
    """The tier of a UCDP where_prec code (None: not recorded)."""
    if precision is None:
        return _BY_KEY["unknown"]
    if precision <= 2:
        return _BY_KEY["site"]
    if precision <= 5:
        return _BY_KEY["area"]
    return _BY_KEY["country"] if precision == 6 else _BY_KEY["water"]


@dataclass(frozen=True, slots=True)
class MapReport:
    """One report of an incident, as the map's details show it."""

    document: str
    date: str | None
    place: str | None
    killed: float | None
    sentence: str


@dataclass(frozen=True, slots=True)
class MapIncident:
    """One incident on (or under) the map."""

    id: int
    date: str | None
    type: str
    mode: str | None
    place: str | None
    country: str | None
    lat: float | None
    lon: float | None
    precision: int | None
    killed: float | None
    killed_note: str | None  # "sources differ: 3, 5"
    differ: tuple[str, ...]  # where the sources differ: "date: 2022-03-17 / 2022-03-18"
    grade: str
    sources: int
    source_labels: tuple[str, ...]
    reports: tuple[MapReport, ...]

    @property
    def placed(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def tier(self) -> Tier:
        return tier_of(self.precision)

    @property
    def label(self) -> str:
        return f"#{self.id} {self.place or 'place unknown'}"


@dataclass(frozen=True, slots=True)
class Extent:
    """The map's box in degrees."""

    west: float
    east: float
    south: float
    north: float

    @property
    def aspect(self) -> float:
        """Degrees of latitude per degree of longitude on the page: 1 / cos(middle latitude)."""
        return 1.0 / math.cos(math.radians((self.south + self.north) / 2))

    def contains(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north


@dataclass(frozen=True, slots=True)
class IncidentMap:
    """The incidents that match a filter: those with coordinates (placed) and those without."""

    placed: tuple[MapIncident, ...]
    unplaced: tuple[MapIncident, ...]
    extent: Extent
    where: IncidentFilter

    @property
    def top_killed(self) -> float:
        """The largest toll placed (at least 1): the size of the biggest marker."""
        return max([1.0, *(i.killed for i in self.placed if i.killed)])

    @property
    def countries(self) -> tuple[str, ...]:
        """ISO alpha-2 codes of the placed incidents' countries."""
        return tuple(sorted({i.country for i in self.placed if i.country}))

    @property
    def title(self) -> str:
        parts = [f"{len(self.placed) + len(self.unplaced)} incident"
                 f"{'' if len(self.placed) + len(self.unplaced) == 1 else 's'}"]
        w = self.where
        parts += [f"type {w.type}"] * bool(w.type) + [f"actor {w.actor!r}"] * bool(w.actor)
        parts += [f"place {w.place!r}"] * bool(w.place)
        if w.since or w.until:
            parts.append(f"{w.since or '…'} to {w.until or '…'}")
        dates = sorted(i.date for i in (*self.placed, *self.unplaced) if i.date)
        if dates and not (w.since or w.until):
            parts.append(dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}")
        return ", ".join(parts)

    def tiers(self) -> list[tuple[Tier, int]]:
        """The tiers drawn, with how many incidents each, in TIERS order."""
        counts = {tier.key: 0 for tier in TIERS}
        for found in self.placed:
            counts[found.tier.key] += 1
        return [(tier, counts[tier.key]) for tier in TIERS if counts[tier.key]]


def incident_map(store: Store, where: IncidentFilter | None = None) -> IncidentMap:
    """The incidents matching ``where``, each with its coordinates and place precision."""
    where = where or IncidentFilter()
    views = incidents(store, where)
    points = _points(store)
    found = [_incident(view, points.get(view.id, (None, None, None))) for view in views]
    placed = tuple(i for i in found if i.placed)
    return IncidentMap(placed, tuple(i for i in found if not i.placed),
                       fit_extent((i.lon, i.lat) for i in placed if i.lon is not None and i.lat is not None),
                       where)


def fit_extent(points: Iterable[tuple[float, float]], margin: float = MARGIN) -> Extent:
    """A box round the (lon, lat) points with a margin, at least MIN_SPAN degrees each way and
    between square and twice as wide as high on the page; the world (WORLD) when there are none."""
    points = list(points)
    if not points:
        return Extent(*WORLD)
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    cx, cy = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    half_w = max(max(lons) - min(lons), MIN_SPAN) * (0.5 + margin)
    half_h = max(max(lats) - min(lats), MIN_SPAN) * (0.5 + margin)
    squash = math.cos(math.radians(min(abs(cy), 80.0)))  # page width of a degree of longitude
    if half_w * squash < half_h:
        half_w = half_h / squash
    elif half_w * squash > 2 * half_h:
        half_h = half_w * squash / 2
    west, east = _fit(cx - half_w, cx + half_w, -180.0, 180.0)
    south, north = _fit(cy - half_h, cy + half_h, -85.0, 85.0)
    return Extent(west, east, south, north)


def _fit(low: float, high: float, floor: float, ceiling: float) -> tuple[float, float]:
    """(low, high) moved inside [floor, ceiling], cut only when wider than it."""
    if high - low >= ceiling - floor:
        return floor, ceiling
    if low < floor:
        return floor, high + (floor - low)
    if high > ceiling:
        return low - (high - ceiling), ceiling
    return low, high


def country_labels(extent: Extent) -> list[tuple[str, float, float]]:
    """(name, lon, lat) of the countries to name on a regional map: those whose label point is in
    the extent, when it is at most LABEL_SPAN degrees wide (a world map names none)."""
    if extent.east - extent.west > LABEL_SPAN:
        return []
    from sitrep.analysis.basemap import load_countries

    return [(c.name, *c.label_point) for c in load_countries() if extent.contains(*c.label_point)]


def radius(killed: float | None, top: float) -> float:
    """A marker's radius: its area grows with the killed; no or unknown toll gives R_MIN."""
    if not killed or killed <= 0:
        return R_MIN
    return R_MIN + (R_MAX - R_MIN) * math.sqrt(min(killed, top) / top)


def size_legend(top: float) -> list[float]:
    """Tolls to show in the size legend: the largest, and round ones near a fifth and a twentieth."""
    values = [round(top)]
    for share in (5, 20):
        nice = [v for v in _nice() if v <= top / share]
        if nice and nice[-1] not in values:
            values.append(nice[-1])
    return sorted(values)


def _nice() -> Sequence[int]:
    return [m * 10**e for e in range(6) for m in (1, 2, 5)]


def number(value: float | None) -> str:
    return "not reported" if value is None else f"{value:g}"


def output_path(path: str | Path, what: str) -> Path:
    """``path`` checked for writing ``what``: its folder must exist and it must not be a folder."""
    out = Path(path).expanduser()
    if out.is_dir():
        raise MapError(f"{what} output {str(path)!r} is a folder; give a file name in it")
    if not out.parent.is_dir():
        raise NotFound(f"{what} output {str(path)!r}: folder {str(out.parent)!r} does not exist; "
                       "create it first")
    return out


def _points(store: Store) -> dict[int, tuple[float | None, float | None, int | None]]:
    i = t.incidents.c
    with store.connection() as conn:
        return {row.id: (row.place_lat, row.place_lon, row.place_precision)
                for row in conn.execute(sa.select(i.id, i.place_lat, i.place_lon, i.place_precision))}


def _incident(view: IncidentView, point: tuple[float | None, float | None, int | None]) -> MapIncident:
    lat, lon, precision = point
    reported = [p for r in view.reports if (p := r.place)]
    names = [view.place_name, view.place_admin1, view.place_country]
    place = ", ".join(dict.fromkeys(n for n in names if n)) or (reported[0] if reported else None)
    killed = view.contradictions.get("killed")
    note = "sources differ: " + ", ".join(_shown(entry["value"]) for entry in killed) if killed else None
    differ = tuple(f"{field}: " + " / ".join(_shown(entry["value"]) for entry in values)
                   for field, values in sorted(view.contradictions.items()))
    date = format_range(view.date_value, view.date_end, view.date_precision) or None  # undated stays so
    return MapIncident(
        id=view.id, date=date, type=view.type, mode=view.mode, place=place, country=view.place_country,
        lat=lat, lon=lon, precision=precision, killed=view.killed, killed_note=note, differ=differ,
        grade=view.grade,
        sources=view.sources, source_labels=view.source_labels,
        reports=tuple(MapReport(r.document, r.date, r.place, r.killed, r.sentence) for r in view.reports),
    )


def _shown(value: object) -> str:
    return f"{value:g}" if isinstance(value, int | float) and not isinstance(value, bool) else str(value)
