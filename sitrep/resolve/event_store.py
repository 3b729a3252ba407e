"""Incidents in the store: event records read from the facts, grouped (``sitrep.resolve.events``)
and written whole into ``incidents`` and ``incident_events``; the user's event decisions.

``merge_events`` rebuilds both tables from the events and the ``decisions`` rows (subject
"event"), so it is idempotent and every merge is reversible: a decision is data, applied last.
An incident's ``key`` is the id of its earliest-stored report, stable across rebuilds.
Corroboration and grading (``sitrep.resolve.corroboration``, ``sitrep.resolve.grading``) fill
the sources, contradictions and grade afterwards.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from sitrep.errors import NotFound, SitrepError
from sitrep.resolve.events import Decision, EventRecord, Grouping, consensus, group
from sitrep.store import tables as t

EVENT = "event"
ROLE_FIELDS = {"actor": "actors", "recipient": "recipients", "claimed_by": "claimed_by",
               "attributed_to": "attributed_to"}


class DecisionError(SitrepError):
    """A merge or split the store cannot record (an unknown event, an event merged with itself)."""


@dataclass(frozen=True, slots=True)
class MergeSummary:
    """What ``merge_events`` built: incidents, reports (asserted events), incidents with more than
    one report, and decisions naming events no longer stored (skipped)."""

    incidents: int
    reports: int
    merged: int
    skipped_decisions: tuple[int, ...] = ()


def merge_events(conn: sa.Connection) -> MergeSummary:
    """Rebuild ``incidents`` and ``incident_events`` from the stored events and the decisions."""
    records = load_records(conn)
    grouping = group(records, load_decisions(conn))
    write_incidents(conn, grouping)
    return MergeSummary(
        incidents=len(grouping.clusters),
        reports=sum(len(c.members) for c in grouping.clusters),
        merged=sum(1 for c in grouping.clusters if len(c.members) > 1),
        skipped_decisions=tuple(d.id for d in grouping.skipped_decisions),
    )


def write_incidents(conn: sa.Connection, grouping: Grouping) -> None:
    conn.execute(sa.delete(t.incident_events))
    conn.execute(sa.delete(t.incidents))
    for cluster in sorted(grouping.clusters, key=lambda c: min((r.order, r.id) for r in c.records)):
        fields = consensus(cluster.records)
        incident_id = conn.execute(
            sa.insert(t.incidents).values(key=cluster.key, sources=0, contradictions={}, **fields)
        ).inserted_primary_key[0]
        conn.execute(sa.insert(t.incident_events), [
            {"event_id": record.id, "incident_id": incident_id, "reason": reason}
            for record, reason in cluster.members
        ])


def load_records(conn: sa.Connection) -> list[EventRecord]:
    """Every stored event as an EventRecord, actors as canonical ids, in stored order."""
    canonical, names = canonical_actors(conn)
    e, d = t.events.c, t.documents.c
    rows = conn.execute(
        sa.select(e, d.published.label("doc_published"))
        .select_from(t.events.join(t.documents, d.id == e.document_id))
        .order_by(d.ingested_at, d.id, e.seq)
    ).mappings().all()
    roles = _roles(conn, canonical)
    records = []
    for order, row in enumerate(rows):
        people = roles.get(row["id"], {})
        records.append(EventRecord(
            id=row["id"], document_id=row["document_id"], order=order, type=row["type"],
            sentence=(row["sentence_start"], row["sentence_end"]), status=row["status"],
            origin=row["origin"] or "text", mode=row["mode"], notes=tuple(row["notes"] or ()),
            date_value=row["date_value"], date_end=row["date_end"], date_precision=row["date_precision"],
            date_kind=row["date_kind"], published=row["doc_published"],
            place_name=row["place_name"] or row["place_text"], place_admin1=row["place_admin1"],
            place_country=row["place_country"], place_precision=row["place_precision"],
            place_lat=row["place_lat"], place_lon=row["place_lon"],
            names={i: names[i] for ids in people.values() for i in ids[0] if i in names},
            folded={field: frozenset(ids[1]) for field, ids in people.items()},
            killed=row["killed"], injured=row["injured"],
            **{field: frozenset(ids[0]) for field, ids in people.items()},
        ))
    return records


RoleIds = dict[str, tuple[set[int], set[str]]]  # role field -> (canonical ids, folded names)


def _roles(conn: sa.Connection, canonical: Mapping[int, int]) -> dict[str, RoleIds]:
    r, a = t.event_roles.c, t.actors.c
    rows = conn.execute(
        sa.select(r.event_id, r.role, r.actor_id, a.name)
        .select_from(t.event_roles.join(t.actors, a.id == r.actor_id))
    ).all()
    found: dict[str, RoleIds] = defaultdict(dict)
    for event_id, role, actor_id, name in rows:
        field = ROLE_FIELDS.get(role)
        if field is None:
            continue
        ids, folded = found[event_id].setdefault(field, (set(), set()))
        ids.add(canonical.get(actor_id, actor_id))
        folded.add(" ".join(name.casefold().split()))
    return found


def canonical_actors(conn: sa.Connection) -> tuple[dict[int, int], dict[int, str]]:
    """actors.id → canonical id, and canonical id → display name.

    From the actor resolution's tables when it has run (``actor_links``); else each actor is its
    pack id or its folded name, the first such row standing for the rest."""
    links = conn.execute(
        sa.select(t.actor_links.c.actor_id, t.actor_links.c.canonical_id, t.canonical_actors.c.name)
        .select_from(t.actor_links.join(t.canonical_actors,
                                        t.canonical_actors.c.id == t.actor_links.c.canonical_id))
    ).all()
    if links:
        mapping = {actor: canon for actor, canon, _ in links}
        names = {canon: name for _, canon, name in links}
        # references resolution has not seen yet (stored since) stand for themselves
        for actor_id, name in conn.execute(sa.select(t.actors.c.id, t.actors.c.name)).all():
            if actor_id not in mapping:
                mapping[actor_id] = -actor_id
                names[-actor_id] = name
        return mapping, names
    first: dict[str, int] = {}
    mapping, names = {}, {}
    for actor_id, name, pack_id in conn.execute(
        sa.select(t.actors.c.id, t.actors.c.name, t.actors.c.pack_id).order_by(t.actors.c.id)
    ).all():
        key = f"pack:{pack_id}" if pack_id else "name:" + " ".join(name.casefold().split())
        canon = first.setdefault(key, actor_id)
        mapping[actor_id] = canon
        names.setdefault(canon, name)
    return mapping, names


# -- decisions ---------------------------------------------------------------------------------

def load_decisions(conn: sa.Connection) -> list[Decision]:
    c = t.decisions.c
    rows = conn.execute(
        sa.select(c.id, c.action, c.a, c.b).where(c.subject == EVENT).order_by(c.made_at, c.id)
    ).all()
    return [Decision(row.id, row.action, row.a, row.b) for row in rows]


def resolve_event(conn: sa.Connection, ref: str) -> str:
    """The id of the stored event ``ref`` names: its id, or a unique prefix of 6+ characters."""
    ref = ref.strip()
    if conn.execute(sa.select(t.events.c.id).where(t.events.c.id == ref)).first() is not None:
        return ref
    if len(ref) >= 6:
        found = conn.execute(
            sa.select(t.events.c.id).where(t.events.c.id.startswith(ref, autoescape=True)).limit(2)
        ).scalars().all()
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise NotFound(f"event {ref!r} is ambiguous: more than one stored event id starts with it")
    raise NotFound(f"no stored event {ref!r}: give an event id (or 6+ leading characters) as "
                   "`sitrep incident` lists them")


def record_decision(conn: sa.Connection, action: str, a: str, b: str | None = None,
                    note: str | None = None) -> int:
    """Record the user's ``merge`` (``a`` and ``b`` are one incident) or ``split`` (``a`` on its
    own) of stored events; returns the decision's id. Events are ids or unique prefixes."""
    if action not in ("merge", "split"):
        raise DecisionError(f"unknown decision {action!r}: expected merge or split")
    first = resolve_event(conn, a)
    second = resolve_event(conn, b) if b is not None else None
    if action == "merge" and (second is None or second == first):
        raise DecisionError(f"merge needs two different events, got {a!r} and {b!r}")
    values: dict[str, Any] = {"subject": EVENT, "action": action, "a": first, "b": second,
                              "made_at": datetime.now(UTC), "note": note}
    return int(conn.execute(sa.insert(t.decisions).values(**values)).inserted_primary_key[0])
