"""PLOVER JSONL: one event a line, as ONTOLOGY.md lays the record out, sitrep's own fields under ``sitrep``.

An event that did not happen is not written as having happened: ``plover_records`` writes asserted
events, and for the others only the statement PLOVER codes (a promise AGREE, a threat THREATEN, a
demand REQUEST, a refusal REJECT), with the underlying event under ``sitrep.coded_from``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from sitrep import __version__
from sitrep.export.plover_coding import plover_type
from sitrep.model.citation import Citation
from sitrep.model.facts import ActorRef, Event, Place
from sitrep.model.vocab import PLOVER_QUAD, PLOVER_SECTOR
from sitrep.resolve.picture import IncidentView
from sitrep.store.records import StoredEvent

try:  # optional: the full ISO 3166 table; without it, the countries sitrep's packs name
    import pycountry
except ImportError:  # pragma: no cover - depends on the environment
    pycountry = None  # type: ignore[assignment]

# fmt: off
ISO3: dict[str, str] = {
    "AE": "ARE", "AF": "AFG", "BH": "BHR", "CN": "CHN", "DE": "DEU", "EG": "EGY", "FR": "FRA", "GB": "GBR",
    "IL": "ISR", "IQ": "IRQ", "IR": "IRN", "JO": "JOR", "KW": "KWT", "LB": "LBN", "OM": "OMN", "PK": "PAK",
    "PS": "PSE", "QA": "QAT", "RU": "RUS", "SA": "SAU", "SY": "SYR", "TR": "TUR", "UA": "UKR", "US": "USA",
    "YE": "YEM",
}
# fmt: on

# UCDP where_prec → PLOVER event_loc resolution (5 below city, 4 city, 3 district, 2 province, 1 country).
RESOLUTION: dict[int, int] = {1: 4, 2: 4, 3: 3, 4: 2, 5: 2, 6: 1}
AUX_MODES: dict[str, str] = {
    "negated": "negation",
    "hypothetical": "hypothetical",
    "planned": "future",
    "threatened": "future",
}


def iso3(alpha2: str | None) -> str | None:
    """The ISO 3166-1 alpha-3 code of an alpha-2 one; None when unknown."""
    if not alpha2:
        return None
    code = alpha2.upper()
    if pycountry is not None:
        country = pycountry.countries.get(alpha_2=code)
        if country is not None:
            return str(country.alpha_3)
    return ISO3.get(code)


def resolution(place: Place) -> int | None:
    """PLOVER's resolution for a place's UCDP precision; an exact place that is no town (a base,
    a crossing: a GeoNames feature other than PPL*) lies below city level (5)."""
    if place.precision is None:
        return None
    if place.precision == 1 and place.feature_code and not place.feature_code.startswith("PPL"):
        return 5
    return RESOLUTION.get(place.precision)


def event_to_plover(stored: StoredEvent) -> dict[str, Any]:
    """One PLOVER record: required ``id``, ``date``, ``actor``, ``event``; the rest when known."""
    e = stored.event
    record: dict[str, Any] = {
        "id": stored.id,
        "date": e.date.value.isoformat() if e.date and e.date.value else None,
        "actor": [_actor(a) for a in e.actors],
        "event": e.type,
        "recipient": [_actor(a) for a in e.recipients],
        "mode": e.mode or "",
        "context": list(e.context),
        "event_loc": _location(e.place) if e.place else {},
        "event_text": stored.sentence_text,
        "quad_code": PLOVER_QUAD.get(e.type, ""),
        "size": {
            "dead": _count(e, "killed"),
            "injured": _count(e, "injured"),
            "arrested": _count(e, "arrested"),
        },
        "enddate": e.date.end.isoformat() if e.date and e.date.end else None,
        "cite_info": _cite_info(stored),
        "sitrep": _sitrep_fields(stored),
    }
    return record


def plover_records(events: Iterable[StoredEvent]) -> Iterator[dict[str, Any]]:
    """PLOVER records of the events that happened, and of the statements made about those that did
    not: a promise of aid is coded AGREE, a threat THREATEN, a demand REQUEST, a refusal REJECT
    (``plover_coding.plover_type``; the underlying event and its status stay under ``sitrep``). An
    event that is only planned or hypothetical and makes no such statement is not written."""
    for stored in events:
        event = stored.event
        if event.status == "asserted":
            yield event_to_plover(stored)
            continue
        coded = plover_type(event, sentence_text=stored.sentence_text)
        if coded != event.type:
            record = event_to_plover(stored)
            record["event"] = coded
            record["quad_code"] = PLOVER_QUAD[coded]
            record.pop("mode", None)
            record["sitrep"]["coded_from"] = {"type": event.type, "mode": event.mode, "status": event.status}
            yield record


def to_jsonl(events: Iterable[StoredEvent]) -> Iterator[str]:
    """One JSON line per PLOVER record (see ``plover_records``)."""
    for record in plover_records(events):
        yield json.dumps(record, ensure_ascii=False)


def _actor(ref: ActorRef) -> dict[str, Any]:
    return {
        "entity_text": ref.text,
        "code": iso3(ref.country) or "",
        "sector": PLOVER_SECTOR.get(ref.kind or "", ""),
        "identifier_id": ref.actor_id or "",
        "identifier_text": ref.name,
    }


def _location(place: Place) -> dict[str, Any]:
    level = resolution(place)
    country = None
    if place.country and pycountry is not None:
        found = pycountry.countries.get(alpha_2=place.country.upper())
        country = str(found.name) if found is not None else None
    return {
        "extracted_place": place.text,
        "resolved_place": place.name,
        "geonameid": place.geonameid,
        "lat": place.lat,
        "lon": place.lon,
        "city": place.name if level == 4 else None,
        "district": place.name if level == 3 else None,
        "province": place.admin1 or (place.name if level == 2 else None),
        "country": country,
        "country_code": iso3(place.country),
        "feature_code": place.feature_code,
        "resolution": level,
    }


def _count(event: Event, kind: str) -> int | float | None:
    return _whole(event.count(kind))


def _cite_info(stored: StoredEvent) -> dict[str, Any]:
    source = stored.document_source
    return {
        "corpus": "sitrep",
        "citation": source,
        "url": source if source.startswith(("http://", "https://")) else None,
        "title": stored.document_title,
        "coder": "sitrep",
        "version": __version__,
    }


def _sitrep_fields(stored: StoredEvent) -> dict[str, Any]:
    e = stored.event
    return {
        "document_id": stored.document_id,
        "status": e.status,
        "aux_mode": AUX_MODES.get(e.status),
        "trigger": e.trigger,
        "trigger_span": [e.trigger_span.start, e.trigger_span.end],
        "sentence_span": [e.sentence.start, e.sentence.end],
        "date": None
        if e.date is None
        else {
            "text": e.date.text,
            "precision": e.date.precision,
            "kind": e.date.kind,
            "future": e.date.future,
        },
        "place_precision": e.place.precision if e.place else None,
        "acled": None if e.acled is None else {"event_type": e.acled[0], "sub_event_type": e.acled[1]},
        "weapon": e.weapon,
        "claimed_by": [_actor(a) for a in e.claimed_by],
        "attributed_to": [
            {"actor": _actor(a.actor), "by": _actor(a.by) if a.by else None, "text": a.text}
            for a in e.attributed_to
        ],
        "quantities": [
            {
                "kind": q.kind,
                "value": q.value,
                "text": q.text,
                "minimum": q.minimum,
                "approximate": q.approximate,
                "unit": q.unit,
            }
            for q in e.quantities
        ],
        "notes": list(e.notes),
        "citations": [_citation(c) for c in stored.citations],
    }


def _citation(c: Citation) -> dict[str, Any]:
    return {
        "note": c.note,
        "raw": c.raw,
        "authors": list(c.authors),
        "title": c.title,
        "outlet": c.outlet,
        "date": c.date.isoformat() if c.date else None,
        "url": c.url,
    }


def incident_to_plover(incident: IncidentView, report: StoredEvent) -> dict[str, Any]:
    """One PLOVER record for an incident, from ``report`` (one of its reports, the document's own
    words first): the incident's own date and the most conservative figures across its reports
    (ACLED's rule), and under ``sitrep.incident`` its independent sources, grade, every report and
    where the sources differ."""
    record = event_to_plover(report)
    record["id"] = incident.key
    if incident.date_value is not None:
        record["date"] = incident.date_value.isoformat()
        record["enddate"] = incident.date_end.isoformat() if incident.date_end else None
    record["size"]["dead"] = _whole(incident.killed)
    record["size"]["injured"] = _whole(incident.injured)
    record["sitrep"]["incident"] = {
        "number": incident.id,
        "sources": incident.sources,
        "source_labels": list(incident.source_labels),
        "grade": incident.grade,
        "sources_differ": bool(incident.contradictions),
        "contradictions": incident.contradictions,
        "reports": [r.event_id for r in incident.reports],
    }
    return record


def _whole(value: float | None) -> int | float | None:
    return int(value) if value is not None and float(value).is_integer() else value


def incident_records(incidents: Iterable[IncidentView], events: Mapping[str, StoredEvent]
                     ) -> Iterator[dict[str, Any]]:
    """A PLOVER record per incident (``incident_to_plover``), each from its first report in the
    document's own words (a cited headline only when it has none); ``events``: stored events by id."""
    for incident in incidents:
        reports = sorted(incident.reports, key=lambda r: r.origin != "text")
        report = next((events[r.event_id] for r in reports if r.event_id in events), None)
        if report is not None:
            yield incident_to_plover(incident, report)
