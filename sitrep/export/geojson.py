"""GeoJSON (RFC 7946): the located incidents as points, ``[longitude, latitude]``, one Feature each,
with the incident's type, date and place to their precision, the most conservative toll, its
independent sources, grade and reports. An incident no report places on the map is left out."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.analysis.network import output_path
from sitrep.model.dates import format_date
from sitrep.model.facts import Place
from sitrep.resolve.picture import IncidentView
from sitrep.store.records import StoredEvent


@dataclass(frozen=True, slots=True)
class GeoJSONExport:
    """The FeatureCollection, and how many incidents were left out for want of coordinates."""

    collection: dict[str, Any]
    unlocated: int

    @property
    def features(self) -> int:
        return len(self.collection["features"])


def incident_place(incident: IncidentView, events: Mapping[str, StoredEvent]) -> Place | None:
    """Where the incident happened, with coordinates: the most precise place its reports give (as
    the picture chooses the incident's place), the earliest report on a tie; None when none has
    coordinates. ``events``: stored events by id."""
    placed = [(i, p) for i, r in enumerate(incident.reports)
              if r.event_id in events and (p := events[r.event_id].event.place) is not None
              and p.lat is not None and p.lon is not None]
    if not placed:
        return None
    named = [(i, p) for i, p in placed if incident.place_name and p.name == incident.place_name]
    return min(named or placed, key=lambda ip: (ip[1].precision or 9, ip[0]))[1]


def incident_feature(incident: IncidentView, place: Place) -> dict[str, Any]:
    """One Feature: a Point at ``place`` and the incident's fields as properties."""
    assert place.lat is not None and place.lon is not None
    return {
        "type": "Feature",
        "id": incident.key,
        "geometry": {"type": "Point", "coordinates": [round(place.lon, 6), round(place.lat, 6)]},
        "properties": {
            "key": incident.key,
            "number": incident.id,
            "type": incident.type,
            "mode": incident.mode,
            "date": format_date(incident.date_value, incident.date_precision) or None,
            "date_end": format_date(incident.date_end, incident.date_precision) or None,
            "date_precision": incident.date_precision,
            "place": place.name or place.text,
            "admin1": place.admin1,
            "country": place.country,
            "place_precision": place.precision,
            "actors": list(incident.actors),
            "recipients": list(incident.recipients),
            "killed": _whole(incident.killed),
            "injured": _whole(incident.injured),
            "sources_differ": sorted(incident.contradictions),
            "sources": incident.sources,
            "source_labels": list(incident.source_labels),
            "grade": incident.grade,
            "reports": len(incident.reports),
            "documents": incident.documents,
        },
    }


def geojson_collection(incidents: Iterable[IncidentView], events: Mapping[str, StoredEvent]
                       ) -> GeoJSONExport:
    """A FeatureCollection of the incidents that a report places with coordinates."""
    features, unlocated = [], 0
    for incident in incidents:
        place = incident_place(incident, events)
        if place is None:
            unlocated += 1
            continue
        features.append(incident_feature(incident, place))
    return GeoJSONExport({"type": "FeatureCollection", "features": features}, unlocated)


def write_geojson(export: GeoJSONExport, path: str | Path) -> Path:
    """Write the collection as UTF-8 GeoJSON; the folder must exist."""
    out = output_path(path, "GeoJSON")
    out.write_text(json.dumps(export.collection, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out


def _whole(value: float | None) -> int | float | None:
    return int(value) if value is not None and float(value).is_integer() else value
