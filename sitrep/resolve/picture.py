"""The picture across documents, rebuilt in one transaction: canonical actors, incidents,
corroboration and grades. Cheap enough to call after every ingest; rebuilding twice changes nothing.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from sitrep.errors import NotFound
from sitrep.model.dates import format_range
from sitrep.resolve.actor_store import ActorResolution, resolve_actors
from sitrep.resolve.corroboration import CorroborationSummary, corroborate, load_sources
from sitrep.resolve.event_store import MergeSummary, canonical_actors, merge_events
from sitrep.resolve.grading import (
    GradingSummary,
    ReliabilityTable,
    grade,
    grade_incidents,
    load_table,
    relation_grades,
)
from sitrep.store import tables as t
from sitrep.store.store import Store


@dataclass(frozen=True, slots=True)
class PictureSummary:
    """What a rebuild made: the actor resolution's own summary (when it ran), incidents, their
    corroboration, and their grades."""

    actors: ActorResolution
    events: MergeSummary
    corroboration: CorroborationSummary
    grading: GradingSummary


def rebuild(store: Store, *, table: ReliabilityTable | None = None) -> PictureSummary:
    """Resolve actors (when actor resolution is installed), merge events into incidents,
    corroborate and grade them, all in one transaction."""
    table = table or load_table()  # a bad user table fails before anything is written
    with store.transaction("rebuild the picture across documents") as conn:
        return rebuild_on(conn, table=table)


def rebuild_on(conn: sa.Connection, *, table: ReliabilityTable | None = None) -> PictureSummary:
    """``rebuild`` on an open write connection (the caller's transaction)."""
    table = table or load_table()
    actors = resolve_actors(conn)
    events = merge_events(conn)
    _who_did(conn)
    from sitrep.analysis.series_counts import rebuild_series_counts  # analysis reads this module

    rebuild_series_counts(conn)
    sources = load_sources(conn)
    corroboration = corroborate(conn, sources)
    grading = grade_incidents(conn, table, sources)
    return PictureSummary(actors, events, corroboration, grading)


PERPETRATOR_ROLES: tuple[str, ...] = ("actor", "claimed_by")  # who did it, as a report tells it


def _who_did(conn: sa.Connection) -> None:
    """``incident_actors``, rebuilt: each canonical actor any report of an incident names as its
    actor or claimant, once."""
    r, link, ie = t.event_roles.c, t.actor_links.c, t.incident_events.c
    pairs = (sa.select(ie.incident_id, link.canonical_id)
             .select_from(t.event_roles.join(t.actor_links, link.actor_id == r.actor_id)
                          .join(t.incident_events, ie.event_id == r.event_id))
             .where(r.role.in_(PERPETRATOR_ROLES)).distinct())
    conn.execute(sa.delete(t.incident_actors))
    conn.execute(sa.insert(t.incident_actors).from_select(["incident_id", "canonical_id"], pairs))


def event_grades(store: Store) -> dict[str, str]:
    """events.id → the grade ("B2") of the incident it reports, for every graded incident."""
    ie, i = t.incident_events.c, t.incidents.c
    query = sa.select(ie.event_id, i.reliability, i.credibility).join(
        t.incidents, i.id == ie.incident_id)
    with store.connection() as conn:
        return {row.event_id: f"{row.reliability}{row.credibility}" for row in conn.execute(query)
                if row.reliability and row.credibility}


def relation_grade_codes(store: Store) -> dict[tuple[str, int], str]:
    """(document id, position) of each stated relation → the grade ("C3") of that relation across
    the store (``grading.relation_grades``: the same source, type and target, however named)."""
    r, source, target = t.relations.c, t.actor_links.alias("ls"), t.actor_links.alias("lt")
    query = (sa.select(r.document_id, r.seq, r.type, source.c.canonical_id.label("source"),
                       target.c.canonical_id.label("target"))
             .join(source, source.c.actor_id == r.source_actor_id)
             .join(target, target.c.actor_id == r.target_actor_id)
             .where(r.origin == "text"))
    with store.connection() as conn:
        grades = relation_grades(conn)
        return {(row.document_id, row.seq): str(found) for row in conn.execute(query)
                if (found := grades.get((row.source, row.type, row.target))) is not None}


# -- reading the picture ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class CitedPiece:
    """One citation of a note: what the sentence's footnote points at."""

    note: int
    title: str | None
    outlet: str | None
    date: date | None
    url: str | None


@dataclass(frozen=True, slots=True)
class ReportView:
    """One report of an incident: the event, the document and the words that state it, its notes
    and their citations, the sources it rests on, and the reason it joined the incident."""

    event_id: str
    origin: str
    status: str
    type: str
    mode: str | None
    date: str | None
    place: str | None
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    claimed_by: tuple[str, ...]
    killed: float | None
    injured: float | None
    document_id: str
    document: str
    publisher: str | None
    sentence: str
    notes: tuple[int, ...]
    citations: tuple[CitedPiece, ...]
    sources: tuple[str, ...]
    reason: str


@dataclass(frozen=True, slots=True)
class IncidentView:
    """One incident: its own fields (the most conservative figures), its independent sources, its
    grade ("B2"), where the sources differ, and every report."""

    id: int
    key: str
    type: str
    mode: str | None
    date_value: date | None
    date_end: date | None
    date_precision: str | None
    place_name: str | None
    place_admin1: str | None
    place_country: str | None
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    killed: float | None
    injured: float | None
    sources: int
    source_labels: tuple[str, ...]
    reliability: str | None
    credibility: int | None
    grade: str
    contradictions: dict[str, Any]
    reports: tuple[ReportView, ...]

    @property
    def documents(self) -> int:
        return len({r.document_id for r in self.reports})


@dataclass(frozen=True, slots=True)
class IncidentFilter:
    """As `sitrep events`: PLOVER type; part of an actor's name in any role; part of the place's
    name or province, or its country code; the date touches ``since`` or later / ``until`` or earlier."""

    type: str | None = None
    actor: str | None = None
    place: str | None = None
    since: date | None = None
    until: date | None = None


def incidents(store: Store, where: IncidentFilter | None = None) -> list[IncidentView]:
    """The stored incidents matching ``where``, by date (undated last), each with its reports."""
    with store.connection() as conn:
        views = _views(conn)
    where = where or IncidentFilter()
    return [v for v in views if _matches(v, where)]


def incident(store: Store, ref: str) -> IncidentView:
    """One incident: ``ref`` is its number, its key (the id of its first report), a unique prefix
    of the key (6+ characters), or the id of any of its reports. NotFound otherwise."""
    ref = ref.strip()
    views = incidents(store)
    if ref.isdigit():
        found = [v for v in views if v.id == int(ref)]
        if found:
            return found[0]
    exact = [v for v in views if v.key == ref or any(r.event_id == ref for r in v.reports)]
    if exact:
        return exact[0]
    if len(ref) >= 6:
        prefixed = [v for v in views
                    if v.key.startswith(ref) or any(r.event_id.startswith(ref) for r in v.reports)]
        if len(prefixed) == 1:
            return prefixed[0]
        if len(prefixed) > 1:
            raise NotFound(f"incident {ref!r} is ambiguous: {len(prefixed)} incidents have a report "
                           "whose id starts with it")
    if not views:
        raise NotFound(f"no incident {ref!r}: the store has no incidents yet (run `sitrep resolve`)")
    raise NotFound(f"no incident {ref!r}: give its number or key as `sitrep incidents` lists them")


def _matches(view: IncidentView, where: IncidentFilter) -> bool:
    if where.type and view.type.upper() != where.type.upper():
        return False
    if where.actor:
        needle = where.actor.casefold()
        names = [*view.actors, *view.recipients, *(n for r in view.reports for n in
                                                    (*r.actors, *r.recipients, *r.claimed_by))]
        if not any(needle in n.casefold() for n in names):
            return False
    if where.place:
        needle = where.place.casefold()
        places = [view.place_name, view.place_admin1, *(r.place for r in view.reports)]
        if not (any(p and needle in p.casefold() for p in places)
                or (view.place_country or "").casefold() == needle):
            return False
    if where.since or where.until:
        if view.date_value is None:
            return False
        end = view.date_end or _last_day(view.date_value, view.date_precision)
        start = view.date_value
        if where.since and end < where.since:
            return False
        if where.until and start > where.until:
            return False
    return True


def _last_day(value: date, precision: str | None) -> date:
    if precision == "month":
        return value.replace(day=calendar.monthrange(value.year, value.month)[1])
    if precision == "year":
        return value.replace(month=12, day=31)
    return value


def _views(conn: sa.Connection) -> list[IncidentView]:
    rows = conn.execute(sa.select(t.incidents)).mappings().all()
    if not rows:
        return []
    sources = load_sources(conn)
    people = _people(conn)
    citations = _citations(conn)
    e, d, m = t.events.c, t.documents.c, t.incident_events.c
    members: dict[int, list[ReportView]] = {}
    for row in conn.execute(
        sa.select(m.incident_id, m.reason, e, d.title.label("doc_title"), d.source.label("doc_source"),
                  d.publisher.label("doc_publisher"), d.text.label("doc_text"))
        .select_from(t.incident_events.join(t.events, e.id == m.event_id)
                     .join(t.documents, d.id == e.document_id))
        .order_by(d.ingested_at, d.id, e.seq)
    ).mappings():
        notes = tuple(row["notes"] or ())
        evidence = sources.for_fact(row["document_id"], notes, row["origin"],
                                    (row["sentence_start"], row["sentence_end"]))
        roles = people.get(row["id"], {})
        members.setdefault(row["incident_id"], []).append(ReportView(
            event_id=row["id"], origin=row["origin"], status=row["status"], type=row["type"],
            mode=row["mode"],
            date=_shown_date(row["date_value"], row["date_end"], row["date_precision"]),
            place=row["place_name"] or row["place_text"],
            actors=tuple(roles.get("actor", ())), recipients=tuple(roles.get("recipient", ())),
            claimed_by=tuple(roles.get("claimed_by", ())), killed=row["killed"], injured=row["injured"],
            document_id=row["document_id"], document=row["doc_title"] or row["doc_source"],
            publisher=row["doc_publisher"],
            sentence=" ".join(row["doc_text"][row["sentence_start"]:row["sentence_end"]].split()),
            notes=notes,
            citations=tuple(c for n in notes for c in citations.get((row["document_id"], n), ())),
            sources=tuple(sources.sources[k].label for k in evidence.sources),
            reason=row["reason"],
        ))
    views = []
    for row in rows:
        reports = tuple(members.get(row["id"], ()))
        labels = tuple(dict.fromkeys(label for r in reports for label in r.sources))
        views.append(IncidentView(
            id=row["id"], key=row["key"], type=row["type"], mode=row["mode"], date_value=row["date_value"],
            date_end=row["date_end"], date_precision=row["date_precision"], place_name=row["place_name"],
            place_admin1=row["place_admin1"], place_country=row["place_country"],
            actors=_canonical(people, reports, ("actor", "claimed_by")),
            recipients=_canonical(people, reports, ("recipient",)),
            killed=row["killed"], injured=row["injured"], sources=row["sources"], source_labels=labels,
            reliability=row["reliability"], credibility=row["credibility"], grade=grade(row),
            contradictions=dict(row["contradictions"] or {}), reports=reports,
        ))
    views.sort(key=lambda v: (v.date_value is None, v.date_value or date.min, v.id))
    return views


def _canonical(people: dict[str, dict[str, list[str]]], reports: tuple[ReportView, ...],
               roles: tuple[str, ...]) -> tuple[str, ...]:
    found: list[str] = []
    for report in reports:
        for role in roles:
            found.extend(people.get(report.event_id, {}).get(f"canonical:{role}", ()))
    return tuple({name.casefold(): name for name in reversed(found)}[key]
                 for key in dict.fromkeys(name.casefold() for name in found))


def _people(conn: sa.Connection) -> dict[str, dict[str, list[str]]]:
    """event id → role → actor names as the text gave them, and ("canonical:ROLE") canonically."""
    canonical, names = canonical_actors(conn)
    r, a = t.event_roles.c, t.actors.c
    found: dict[str, dict[str, list[str]]] = {}
    for event_id, role, actor_id, name in conn.execute(
        sa.select(r.event_id, r.role, r.actor_id, a.name)
        .select_from(t.event_roles.join(t.actors, a.id == r.actor_id))
        .order_by(r.event_id, r.role, r.position)
    ).all():
        roles = found.setdefault(event_id, {})
        roles.setdefault(role, []).append(name)
        roles.setdefault(f"canonical:{role}", []).append(names.get(canonical.get(actor_id, actor_id), name))
    return found


def _citations(conn: sa.Connection) -> dict[tuple[str, int], list[CitedPiece]]:
    c = t.citations.c
    found: dict[tuple[str, int], list[CitedPiece]] = {}
    for row in conn.execute(
        sa.select(c.document_id, c.note_number, c.title, c.outlet, c.date, c.url)
        .order_by(c.document_id, c.note_number, c.idx)
    ).all():
        found.setdefault((row.document_id, row.note_number), []).append(
            CitedPiece(row.note_number, row.title, row.outlet, row.date, row.url))
    return found


def _shown_date(value: date | None, end: date | None, precision: str | None) -> str | None:
    return format_range(value, end, precision) or None


def decide(store: Store, action: str, a: str, b: str | None = None, *, note: str | None = None,
           table: ReliabilityTable | None = None) -> tuple[int, PictureSummary]:
    """Record the user's ``merge`` of events ``a`` and ``b`` (one incident) or ``split`` of event
    ``a`` (its own incident), then rebuild the picture; one transaction. Returns the decision's id."""
    from sitrep.resolve.event_store import record_decision

    table = table or load_table()
    with store.transaction(f"record the decision to {action} events") as conn:
        decision = record_decision(conn, action, a, b, note)
        return decision, rebuild_on(conn, table=table)
