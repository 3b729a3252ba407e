"""STIX 2.1: the picture as one bundle, built with the OASIS ``stix2`` library (ONTOLOGY.md,
"Exchange formats").

- one ``report`` per source document (name, published, its facts in ``object_refs``), the document
  itself and every footnote citation as ``external_references`` (source_name the outlet, description
  the title, url, external_id "note N");
- actors as ``threat-actor`` (militias, rebel and terrorist groups) or ``identity`` (states and their
  forces, parties, companies, organisations, media: ``organization``; people: ``individual``;
  civilians: ``class``; a kind not known: ``unknown``);
- incidents' places as ``location``;
- relations between actors as ``relationship`` (sitrep's types, hyphenated: ``supplies-weapons``;
  STIX permits types beyond its suggestions), graded (``confidence``) and dated;
- incidents as the custom object ``x-sitrep-incident``, declared in the bundle by an
  ``extension-definition`` (``new-sdo``): PLOVER and ACLED types, date and precision, the most
  conservative toll, independent sources, grade (and STIX ``confidence`` from its credibility),
  where the sources differ, its actors, place and reports.

Ids are UUIDv4-shaped hashes of stable keys (a document's id, an incident's key, an actor's name),
and timestamps come from the store (when documents were ingested), so exporting an unchanged store
again gives the same bundle byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import stix2
from stix2.properties import (
    IntegerProperty,
    ListProperty,
    ReferenceProperty,
    StringProperty,
    TimestampProperty,
)

from sitrep.analysis.network import RELATION, NetworkEdge, NetworkFilter, build_network, edges, output_path
from sitrep.errors import NotFound
from sitrep.export.acled import acled_type, actor_kinds
from sitrep.export.geojson import incident_place
from sitrep.model.citation import Citation
from sitrep.model.facts import Place
from sitrep.resolve.grading import STIX_CONFIDENCE
from sitrep.resolve.picture import IncidentFilter, IncidentView, incidents
from sitrep.store.records import DocumentSummary, StoredEvent
from sitrep.store.store import Store

INCIDENT_TYPE = "x-sitrep-incident"
_NAMESPACE = "sitrep"
EXTENSION_ID = "extension-definition--" + str(
    uuid.UUID(bytes=hashlib.sha256(b"sitrep:extension:x-sitrep-incident").digest()[:16], version=4))
EXTENSION_SCHEMA = (
    "x-sitrep-incident: one event as all its sources report it (sitrep's merged picture). Properties: "
    "name; description (a report's own words); event_type and mode (PLOVER); acled_event_type and "
    "acled_sub_event_type; first_seen/last_seen and date_precision (day, week, month, year); killed and "
    "injured (the most conservative reported figures); sources (independent sources) and source_labels; "
    "grade (Admiralty, e.g. B2); sources_differ (fields on which the sources disagree); actor_refs, "
    "recipient_refs (identity or threat-actor); location_ref; report_refs (the reports that state it)."
)
THREAT_KINDS = frozenset({"militia", "rebel_group", "terrorist_group"})
IDENTITY_CLASS: dict[str, str] = {
    "state": "organization", "state_military": "organization", "state_security": "organization",
    "party": "organization", "company": "organization", "igo": "organization", "ngo": "organization",
    "media": "organization", "person": "individual", "civilians": "class", "other": "group",
}
_ACTOR_REFS = ListProperty(ReferenceProperty(valid_types=["identity", "threat-actor"], spec_version="2.1"))


@stix2.v21.CustomObject(INCIDENT_TYPE, [
    ("name", StringProperty(required=True)),
    ("description", StringProperty()),
    ("event_type", StringProperty(required=True)),
    ("mode", StringProperty()),
    ("acled_event_type", StringProperty()),
    ("acled_sub_event_type", StringProperty()),
    ("first_seen", TimestampProperty()),
    ("last_seen", TimestampProperty()),
    ("date_precision", StringProperty()),
    ("killed", IntegerProperty(min=0)),
    ("injured", IntegerProperty(min=0)),
    ("sources", IntegerProperty(min=0, required=True)),
    ("source_labels", ListProperty(StringProperty)),
    ("grade", StringProperty(required=True)),
    ("sources_differ", ListProperty(StringProperty)),
    ("actor_refs", _ACTOR_REFS),
    ("recipient_refs", _ACTOR_REFS),
    ("location_ref", ReferenceProperty(valid_types="location", spec_version="2.1")),
    ("report_refs", ListProperty(ReferenceProperty(valid_types="report", spec_version="2.1"))),
], extension_name=EXTENSION_ID)
class SitrepIncident:
    """An incident of sitrep's picture (see the module's docstring)."""


@dataclass(frozen=True, slots=True)
class StixExport:
    """The bundle as JSON text, and how many objects of each STIX type it holds."""

    text: str
    counts: dict[str, int] = field(default_factory=dict)


def stix_id(kind: str, key: str) -> str:
    """A deterministic id for ``kind``: a UUIDv4-shaped hash of the stable ``key``."""
    digest = hashlib.sha256(f"{_NAMESPACE}:{kind}:{key}".encode()).digest()
    return f"{kind}--{uuid.UUID(bytes=digest[:16], version=4)}"


def stix_export(store: Store, where: IncidentFilter | None = None) -> StixExport:
    """The stored picture that ``where`` selects (as `sitrep incidents`) as one STIX 2.1 bundle."""
    found = incidents(store, where)
    events = {e.id: e for e in store.events(titles=True)}
    documents = store.documents()
    links = _relations(store, where)
    builder = _Builder(store, documents, actor_kinds(store))
    return builder.bundle(found, events, links, everything=where is None or where == IncidentFilter())


def write_stix(export: StixExport, path: str | Path) -> Path:
    """Write the bundle (UTF-8 JSON); the folder must exist."""
    out = output_path(path, "STIX bundle")
    out.write_text(export.text + "\n", encoding="utf-8")
    return out


Link = tuple[NetworkEdge, str | None, str | None]  # a relation and its two actors' kinds


def _relations(store: Store, where: IncidentFilter | None) -> list[Link]:
    where = where or IncidentFilter()
    try:
        network = build_network(store, NetworkFilter(since=where.since, until=where.until, text_only=True,
                                                     actor=where.actor))
    except NotFound:  # no actor by that name: no relations to show
        return []
    nodes = network.graph.nodes
    return [(e, nodes[e.source_key].get("kind"), nodes[e.target_key].get("kind"))
            for e in edges(network) if e.kind == RELATION]


class _Builder:
    """Builds the objects, each once, keyed by its id."""

    def __init__(self, store: Store, documents: list[DocumentSummary], kinds: dict[str, str | None]) -> None:
        self.store = store
        self.documents = {d.id: d for d in documents}
        self.kinds = kinds
        latest = max((d.ingested_at for d in documents), default=datetime(1970, 1, 1, tzinfo=UTC))
        self.stamp = _utc(latest)
        self.creator = stix2.Identity(id=stix_id("identity", "sitrep"), name="sitrep",
                                      identity_class="system",
                                      description="sitrep: the sourced picture, exported",
                                      created=self.stamp, modified=self.stamp)
        self.objects: dict[str, Any] = {}
        self.per_document: dict[str, list[str]] = {}

    def bundle(self, found: list[IncidentView], events: dict[str, StoredEvent],
               links: list[Link],
               *, everything: bool) -> StixExport:
        extension = stix2.ExtensionDefinition(
            id=EXTENSION_ID, created_by_ref=self.creator.id, name=INCIDENT_TYPE, schema=EXTENSION_SCHEMA,
            version="1.0.0", extension_types=["new-sdo"], created=self.stamp, modified=self.stamp,
            description="sitrep's incidents: one event as all its sources report it")
        for incident in found:
            self._incident(incident, events)
        for link, source_kind, target_kind in links:
            self._relationship(link, source_kind, target_kind)
        wanted = set(self.documents) if everything else set(self.per_document)
        reports = [self._report(self.documents[d]) for d in sorted(wanted) if d in self.documents]
        objects = [self.creator, extension, *reports,
                   *sorted(self.objects.values(), key=lambda o: (o["type"], o["id"]))]
        ids = sorted(o["id"] for o in objects)
        bundle = stix2.Bundle(objects=objects, id=stix_id("bundle", "|".join(ids)), allow_custom=True)
        counts = Counter(o["type"] for o in objects)
        return StixExport(bundle.serialize(pretty=True), dict(sorted(counts.items())))

    # -- objects -------------------------------------------------------------------------------

    def _incident(self, incident: IncidentView, events: dict[str, StoredEvent]) -> None:
        reports = [events[r.event_id] for r in incident.reports if r.event_id in events]
        place = incident_place(incident, events)
        location = self._location(place) if place is not None else None
        actors = [self._actor(name, reports, "actors") for name in incident.actors]
        recipients = [self._actor(name, reports, "recipients") for name in incident.recipients]
        acled = acled_type(incident, reports)
        documents = list(dict.fromkeys(r.document_id for r in incident.reports))
        words = next((s.sentence_text for s in reports if s.event.origin == "text"),
                     reports[0].sentence_text if reports else "")
        first, last = _day(incident.date_value), _day(incident.date_end)
        values: dict[str, Any] = {
            "id": stix_id(INCIDENT_TYPE, incident.key),
            "created_by_ref": self.creator.id,
            "created": self.stamp, "modified": self.stamp,
            "name": _incident_name(incident),
            "description": " ".join(words.split()) or None,
            "event_type": incident.type,
            "mode": incident.mode,
            "acled_event_type": acled[0] if acled else None,
            "acled_sub_event_type": acled[1] if acled else None,
            "first_seen": first,
            "last_seen": last if last is not None and first is not None and last > first else None,
            "date_precision": incident.date_precision,
            "killed": _count(incident.killed),
            "injured": _count(incident.injured),
            "sources": incident.sources,
            "source_labels": list(incident.source_labels) or None,
            "grade": incident.grade,
            "confidence": STIX_CONFIDENCE.get(incident.credibility or 0),
            "sources_differ": sorted(incident.contradictions) or None,
            "actor_refs": [a for a in actors] or None,
            "recipient_refs": [r for r in recipients] or None,
            "location_ref": location,
            "report_refs": [stix_id("report", d) for d in documents],
            "external_references": _references(
                c for s in reports for c in s.citations) or None,
        }
        obj = SitrepIncident(**{k: v for k, v in values.items() if v is not None})
        self.objects[obj.id] = obj
        for report in incident.reports:
            self._mention(report.document_id, obj.id, location, *actors, *recipients)

    def _actor(self, name: str, reports: list[StoredEvent], role: str) -> str:
        kind = self.kinds.get(name.casefold())
        if kind is None:
            kind = next((ref.kind for s in reports for ref in getattr(s.event, role)
                         if ref.kind and ref.name.casefold() == name.casefold()), None)
        return self._actor_object(name, kind)

    def _actor_object(self, name: str, kind: str | None) -> str:
        key = name.casefold()
        if kind in THREAT_KINDS:
            oid = stix_id("threat-actor", key)
            if oid not in self.objects:
                types = ["terrorist"] if kind == "terrorist_group" else None
                self.objects[oid] = stix2.ThreatActor(
                    id=oid, name=name, created_by_ref=self.creator.id, created=self.stamp,
                    modified=self.stamp,
                    labels=[kind], **({"threat_actor_types": types} if types else {}))
            return oid
        oid = stix_id("identity", key)
        if oid not in self.objects:
            self.objects[oid] = stix2.Identity(
                id=oid, name=name, identity_class=IDENTITY_CLASS.get(kind or "", "unknown"),
                created_by_ref=self.creator.id, created=self.stamp, modified=self.stamp,
                **({"labels": [kind]} if kind else {}))
        return oid

    def _location(self, place: Place) -> str:
        key = f"{place.name or place.text}|{place.admin1}|{place.country}|{place.lat}|{place.lon}"
        oid = stix_id("location", key)
        if oid not in self.objects:
            values: dict[str, Any] = {
                "name": place.name or place.text, "latitude": place.lat, "longitude": place.lon,
                "country": place.country, "administrative_area": place.admin1,
            }
            self.objects[oid] = stix2.Location(
                id=oid, created_by_ref=self.creator.id, created=self.stamp, modified=self.stamp,
                **{k: v for k, v in values.items() if v is not None})
        return oid

    def _relationship(self, link: NetworkEdge, source_kind: str | None, target_kind: str | None) -> None:
        source = self._actor_object(link.source, self.kinds.get(link.source.casefold()) or source_kind)
        target = self._actor_object(link.target, self.kinds.get(link.target.casefold()) or target_kind)
        credibility = int(link.grade[1:]) if len(link.grade) > 1 and link.grade[1:].isdigit() else 0
        first, last = _day(link.first_seen), _day(link.last_seen)
        values: dict[str, Any] = {
            "id": stix_id("relationship", f"{link.source_key}|{link.type}|{link.target_key}"),
            "relationship_type": link.type.replace("_", "-"),
            "source_ref": source, "target_ref": target,
            "description": f"{link.source} {link.type.replace('_', ' ')} {link.target}: stated in "
                           f"{link.evidence} sentence{'s' if link.evidence != 1 else ''} of "
                           f"{len(link.documents)} document{'s' if len(link.documents) != 1 else ''}; "
                           f"grade {link.grade}",
            "confidence": STIX_CONFIDENCE.get(credibility),
            "labels": [link.type],
            "start_time": first,
            "stop_time": last if first is not None and last is not None and last > first else None,
            "created_by_ref": self.creator.id, "created": self.stamp, "modified": self.stamp,
        }
        obj = stix2.Relationship(**{k: v for k, v in values.items() if v is not None})
        self.objects[obj.id] = obj
        for document in link.documents:
            self._mention(document, obj.id, source, target)

    def _report(self, document: DocumentSummary) -> Any:
        reading = self.store.load_reading(document.id)
        citations = [c for note in reading.notes.notes for c in note.citations]
        own: dict[str, Any] = {"source_name": document.publisher or "sitrep document",
                               "external_id": document.id, "description": document.source}
        if reading.document.url:
            own["url"] = reading.document.url
        published = _day(document.published) or _utc(document.ingested_at)
        refs = self.per_document.get(document.id) or [self.creator.id]
        return stix2.Report(
            id=stix_id("report", document.id), name=document.title or document.source,
            published=published, object_refs=refs, report_types=["threat-report"],
            description=f"{document.source} (sitrep document {document.id})",
            external_references=[own, *_references(citations)], created_by_ref=self.creator.id,
            created=_utc(document.ingested_at), modified=_utc(document.ingested_at), allow_custom=True)

    def _mention(self, document: str, *ids: str | None) -> None:
        found = self.per_document.setdefault(document, [])
        found.extend(i for i in ids if i is not None and i not in found)


def _references(citations: Iterable[Citation]) -> list[dict[str, str]]:
    """Each citation once (by its note and position), as a STIX external reference."""
    found: dict[tuple[str | None, str | None, str | None], dict[str, str]] = {}
    for c in citations:
        name = c.outlet or (", ".join(c.authors) if c.authors else f"note {c.note}")
        ref: dict[str, str] = {"source_name": name, "external_id": f"note {c.note}"}
        if c.title:
            ref["description"] = c.title
        elif c.raw:
            ref["description"] = " ".join(c.raw.split())
        if c.url:
            ref["url"] = c.url
        found.setdefault((ref["source_name"], ref.get("description"), ref.get("url")), ref)
    return list(found.values())


def _incident_name(incident: IncidentView) -> str:
    what = f"{incident.type}/{incident.mode}" if incident.mode else incident.type
    where = incident.place_name or incident.place_country
    when = incident.date_value.isoformat() if incident.date_value else "undated"
    return f"{what} {'at ' + where + ', ' if where else ''}{when}"


def _day(value: date | None) -> datetime | None:
    return None if value is None else datetime.combine(value, time(0), tzinfo=UTC)


def _utc(value: datetime) -> datetime:
    value = value if value.tzinfo else value.replace(tzinfo=UTC)
    return value.astimezone(UTC).replace(microsecond=(value.microsecond // 1000) * 1000)


def _count(value: float | None) -> int | None:
    return None if value is None else int(value)


def bundle_objects(export: StixExport) -> list[dict[str, Any]]:
    """The bundle's objects as plain dicts (for tests and scripts)."""
    return list(json.loads(export.text)["objects"])
