"""ACLED-shaped CSV: one row per incident, exactly ACLED's columns (2023 layout) in ACLED's order,
with ACLED's codes (ONTOLOGY.md, "ACLED export").

An incident is one event as all its sources report it, so an attack reported five times is one row
with the most conservative death toll, and a note saying where the sources differ. Incidents ACLED
would not code are left out and counted by reason: no ACLED event type (a meeting, a statement), no
date to the month or better, or no place with coordinates.

Codes: ``time_precision`` 1 a day, 2 a week (its middle day coded), 3 a month (the 15th coded);
``geo_precision`` 1 the named town, 2 near a town or part of a district, 3 a province or larger;
``inter1``/``inter2`` from each actor's kind (``vocab.ACLED_INTER``; blank when the kind is not
known, 0 for no second actor); ``interaction`` the two codes, smaller first (with no second actor,
the first code and 0: 10, 20, …); ``iso`` the numeric ISO 3166-1 code. ``event_id_cnty`` is the
country's ISO alpha-3 code, "S" (sitrep) and a number from the incident's key, stable across
exports; an incident resting on an imported ACLED row keeps that row's id. ``source_scale`` stays
blank: sitrep does not know a source's scale. ``tags`` carries the sitrep grade ("sitrep grade=B2").
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sitrep.analysis.network import output_path
from sitrep.export.geojson import incident_place
from sitrep.export.plover import iso3
from sitrep.model.facts import Place
from sitrep.model.vocab import ACLED_INTER, ACLED_TYPES
from sitrep.resolve.actor_store import canonical_actors
from sitrep.resolve.corroboration import load_sources
from sitrep.resolve.picture import IncidentFilter, IncidentView, incidents
from sitrep.store.records import StoredEvent
from sitrep.store.store import Store

try:  # optional: the full ISO 3166 table
    import pycountry
except ImportError:  # pragma: no cover - depends on the environment
    pycountry = None  # type: ignore[assignment]

COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
DISORDER: dict[str, str] = {
    "Battles": "Political violence", "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence", "Protests": "Demonstrations",
    "Riots": "Demonstrations", "Strategic developments": "Strategic developments",
}
# ACLED's sub-event type where a report gives only the event type, when one is the obvious default.
DEFAULT_SUB: dict[str, str] = {
    "Battles": "Armed clash", "Violence against civilians": "Attack", "Protests": "Peaceful protest",
    "Strategic developments": "Other",
}
TIME_PRECISION: dict[str, int] = {"day": 1, "week": 2, "month": 3}
# UCDP where_prec (sitrep's place precision) → ACLED geo_precision.
GEO_PRECISION: dict[int, int] = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3, 6: 3, 7: 3}
CIVILIANS = 7
OTHER = 8
CROWD: dict[str, int] = {"Protests": 6, "Riots": 5}  # the inter code of a demonstration's first actor
# ACLED's regions of the countries sitrep's packs and fixtures name (ISO alpha-2); others stay blank.
# fmt: off
REGION: dict[str, str] = {
    **dict.fromkeys(("AE", "BH", "IL", "IQ", "IR", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY", "TR",
                     "YE"), "Middle East"),
    **dict.fromkeys(("BI", "DJ", "ER", "ET", "KE", "RW", "SO", "SS", "TZ", "UG"), "Eastern Africa"),
    **dict.fromkeys(("DZ", "EG", "LY", "MA", "TN"), "Northern Africa"),
    **dict.fromkeys(("AF", "BD", "IN", "LK", "NP", "PK"), "South Asia"),
    **dict.fromkeys(("UA", "RU", "BY", "DE", "FR", "GB", "PL"), "Europe"),
}
# ACLED's short country names where ISO 3166's differ.
COUNTRY: dict[str, str] = {
    "IR": "Iran", "SY": "Syria", "RU": "Russia", "PS": "Palestine", "US": "United States",
    "GB": "United Kingdom",
    "TZ": "Tanzania", "KR": "South Korea", "KP": "North Korea", "VE": "Venezuela", "BO": "Bolivia",
    "CD": "Democratic Republic of Congo", "CG": "Republic of Congo", "LA": "Laos", "MD": "Moldova",
    "VN": "Vietnam", "TW": "Taiwan",
}
# fmt: on
IMPORTED_PREFIX = "acled:"  # the source of a document made from an ACLED row (sitrep.ingest.acled)


@dataclass(frozen=True, slots=True)
class AcledExport:
    """The rows (each a dict keyed by ``COLUMNS``) and the incidents left out, counted by reason."""

    rows: tuple[dict[str, str], ...]
    left_out: dict[str, int] = field(default_factory=dict)

    @property
    def left_out_total(self) -> int:
        return sum(self.left_out.values())


@dataclass(frozen=True, slots=True)
class ActorCode:
    """An actor as an ACLED row names it: its canonical name and its inter code (None: unknown)."""

    name: str
    inter: int | None


def acled_export(store: Store, where: IncidentFilter | None = None, *, at: datetime | None = None
                 ) -> AcledExport:
    """The ACLED rows of the stored incidents ``where`` selects (as `sitrep incidents`)."""
    found = incidents(store, where)
    events = {e.id: e for e in store.events(titles=True)}
    kinds, outlets = actor_kinds(store), source_outlets(store)
    return acled_rows(found, events, kinds=kinds, outlets=outlets, at=at)


def actor_kinds(store: Store) -> dict[str, str | None]:
    """Folded canonical actor name → its kind, for every canonical actor (none before a rebuild)."""
    with store.connection() as conn:
        return {a.name.casefold(): a.kind for a in canonical_actors(conn)}


def source_outlets(store: Store) -> dict[str, str]:
    """Each independent source's label → the outlet or publisher that names it, else its web
    domain, else the label itself."""
    with store.connection() as conn:
        sources = load_sources(conn).sources.values()
    return {s.label: (s.outlets[0] if s.outlets else s.domains[0] if s.domains else s.label) for s in sources}


def acled_rows(
    incidents: Iterable[IncidentView],
    events: Mapping[str, StoredEvent],
    *,
    kinds: Mapping[str, str | None] | None = None,
    outlets: Mapping[str, str] | None = None,
    at: datetime | None = None,
) -> AcledExport:
    """One ACLED row per incident ACLED would code. ``events``: stored events by id (the reports);
    ``kinds``: folded canonical actor name → actor kind; ``outlets``: a source's label → the outlet
    or publisher ACLED's ``source`` names; ``at``: the row's ``timestamp`` (default now)."""
    stamp = str(int((at or datetime.now(UTC)).timestamp()))
    rows: list[dict[str, str]] = []
    left: Counter[str] = Counter()
    for incident in incidents:
        reports = [events[r.event_id] for r in incident.reports if r.event_id in events]
        kind = acled_type(incident, reports)
        when = coded_date(incident)
        place = incident_place(incident, events)
        if kind is None:
            left["no ACLED event type"] += 1
        elif when is None:
            left["no date to the month or better"] += 1
        elif place is None:
            left["no place with coordinates"] += 1
        else:
            rows.append(_row(incident, reports, kind, when, place, kinds or {}, outlets or {}, stamp))
    return AcledExport(tuple(rows), dict(left))


def acled_type(incident: IncidentView, reports: list[StoredEvent]) -> tuple[str, str] | None:
    """The incident's ACLED (event_type, sub_event_type): the commonest among its reports, those of
    the incident's own type and mode first; a bare event type takes its default sub-event type."""
    found: list[tuple[str, str]] = []
    own = (incident.type, incident.mode)
    for stored in sorted(reports, key=lambda s: (s.event.type, s.event.mode) != own):
        if stored.event.acled is None:
            continue
        event_type, sub = stored.event.acled
        sub = sub or DEFAULT_SUB.get(event_type)
        if sub is not None and sub in ACLED_TYPES.get(event_type, ()):
            found.append((event_type, sub))
    if not found:
        return None
    counts = Counter(found)
    return max(found, key=lambda pair: counts[pair])  # first of the commonest


def coded_date(incident: IncidentView) -> tuple[date, int] | None:
    """The day ACLED codes and its time_precision: the day (1); a week's or a short range's middle
    day (2); a month's 15th, or a range within about a month, its middle day (3). None otherwise."""
    value, end, precision = incident.date_value, incident.date_end, incident.date_precision
    if value is None:
        return None
    if end is not None and end > value:
        days = (end - value).days
        middle = value + timedelta(days=days // 2)
        return (middle, 2) if days <= 7 else (middle, 3) if days <= 31 else None
    if precision == "month":
        return value.replace(day=15), 3
    code = TIME_PRECISION.get(precision or "day")
    return None if code is None else (value, code)


def write_acled(export: AcledExport, path: str | Path) -> Path:
    """Write the rows as CSV (UTF-8, header first); the folder must exist."""
    out = output_path(path, "ACLED CSV")
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(export.rows)
    return out


def country_name(alpha2: str | None) -> str:
    """ACLED's name of a country (ISO alpha-2), "" when unknown."""
    if not alpha2:
        return ""
    code = alpha2.upper()
    if code in COUNTRY:
        return COUNTRY[code]
    if pycountry is not None and (found := pycountry.countries.get(alpha_2=code)) is not None:
        return str(getattr(found, "common_name", None) or found.name)
    return ""


def iso_numeric(alpha2: str | None) -> str:
    """The numeric ISO 3166-1 code ("706" for SO) as ACLED writes it (no leading zeros), "" if unknown."""
    if not alpha2 or pycountry is None:
        return ""
    found = pycountry.countries.get(alpha_2=alpha2.upper())
    return str(int(found.numeric)) if found is not None else ""


def interaction(inter1: int | None, inter2: int | None) -> str:
    """ACLED's interaction code: the two inter codes, smaller first; with no second actor (0), the
    first code then 0. Blank when a code is unknown."""
    if inter1 is None or inter2 is None:
        return ""
    if inter2 == 0:
        return f"{inter1}0"
    low, high = sorted((inter1, inter2))
    return f"{low}{high}"


def event_id(incident: IncidentView, reports: list[StoredEvent], country: str | None) -> str:
    """A stable id: an imported ACLED row's own id, else ISO alpha-3 + "S" + a number from the key."""
    for stored in reports:
        if stored.document_source.startswith(IMPORTED_PREFIX):
            return stored.document_source[len(IMPORTED_PREFIX):]
    return f"{iso3(country) or 'XXX'}S{int(incident.key[:8], 16)}"


def _row(incident: IncidentView, reports: list[StoredEvent], kind: tuple[str, str], when: tuple[date, int],
         place: Place, kinds: Mapping[str, str | None], outlets: Mapping[str, str], stamp: str
         ) -> dict[str, str]:
    day, time_precision = when
    event_type, sub = kind
    actors = _codes(incident.actors, reports, "actors", kinds)
    recipients = _codes(incident.recipients, reports, "recipients", kinds)
    if event_type in CROWD and actors and actors[0].inter in (None, OTHER):
        actors[0] = ActorCode(actors[0].name, CROWD[event_type])  # ACLED: protesters 6, rioters 5
    inter1 = actors[0].inter if actors else None
    inter2 = (recipients[0].inter if recipients else 0)
    country = place.country or incident.place_country
    civilian = event_type == "Violence against civilians" or any(r.inter == CIVILIANS for r in recipients)
    return {
        "event_id_cnty": event_id(incident, reports, country),
        "event_date": day.isoformat(),
        "year": str(day.year),
        "time_precision": str(time_precision),
        "disorder_type": DISORDER[event_type],
        "event_type": event_type,
        "sub_event_type": sub,
        "actor1": actors[0].name if actors else "",
        "assoc_actor_1": "; ".join(a.name for a in actors[1:]),
        "inter1": "" if inter1 is None else str(inter1),
        "actor2": recipients[0].name if recipients else "",
        "assoc_actor_2": "; ".join(a.name for a in recipients[1:]),
        "inter2": "" if inter2 is None else str(inter2),
        "interaction": interaction(inter1, inter2) if actors else "",
        "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": iso_numeric(country),
        "region": REGION.get((country or "").upper(), ""),
        "country": country_name(country),
        "admin1": place.admin1 or incident.place_admin1 or "",
        "admin2": "",
        "admin3": "",
        "location": place.name or place.text,
        "latitude": f"{place.lat:.4f}",
        "longitude": f"{place.lon:.4f}",
        "geo_precision": str(GEO_PRECISION.get(place.precision or 5, 3)),
        "source": "; ".join(dict.fromkeys(outlets.get(label, label) for label in incident.source_labels)),
        "source_scale": "",
        "notes": notes(incident, reports),
        "fatalities": str(int(incident.killed or 0)),
        "tags": f"sitrep grade={incident.grade}",
        "timestamp": stamp,
    }


def notes(incident: IncidentView, reports: list[StoredEvent]) -> str:
    """A one-sentence description (the first report in a document's own words), then where the
    sources differ: "sources differ: 5 vs 3" for the toll, "sources differ on date: …" for others."""
    words = next((s.sentence_text for s in reports if s.event.origin == "text"),
                 reports[0].sentence_text if reports else "")
    parts = [" ".join(words.split())]
    for name, values in incident.contradictions.items():
        shown = [str(v["value"]) for v in values]
        if name == "killed":
            shown = [str(v) for v in sorted((v["value"] for v in values), key=float, reverse=True)]
            parts.append(f"[sources differ: {' vs '.join(shown)}; the lowest is coded]")
        else:
            parts.append(f"[sources differ on {name.replace('_', ' ')}: {' vs '.join(shown)}]")
    return " ".join(p for p in parts if p)


def _codes(names: tuple[str, ...], reports: list[StoredEvent], role: str,
           kinds: Mapping[str, str | None]) -> list[ActorCode]:
    """The actors in ``names`` (canonical), each with its inter code from its canonical kind, else
    the kind a report gives it; those with a known code first."""
    reported: dict[str, str] = {}
    for stored in reports:
        for ref in getattr(stored.event, role):
            if ref.kind:
                reported.setdefault(ref.name.casefold(), ref.kind)
    found = []
    for name in names:
        kind = kinds.get(name.casefold()) or reported.get(name.casefold())
        found.append(ActorCode(name, ACLED_INTER.get(kind or "")))
    return sorted(found, key=lambda a: a.inter is None)
