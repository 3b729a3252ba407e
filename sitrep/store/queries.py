"""Finding stored events and relations across documents, with the evidence each one carries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

import sqlalchemy as sa

from sitrep.model.citation import Note
from sitrep.store import facts_reader, reader
from sitrep.store import tables as t
from sitrep.store.records import StoredEvent, StoredRelation

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to list; every field given must match (see ``Store.events``)."""

    type: str | None = None
    actor: str | None = None
    place: str | None = None
    since: date | None = None
    until: date | None = None
    document: str | None = None
    titles: bool = False  # also the events cited titles state (origin "citation")


def find_events(conn: sa.Connection, where: EventFilter) -> list[StoredEvent]:
    """Events matching ``where``, by date (undated last), then document and position."""
    e, d = t.events.c, t.documents.c
    query = _with_document(sa.select(t.events), t.events, e.sentence_start, e.sentence_end)
    if not where.titles:
        query = query.where(e.origin == "text")
    if where.type:
        query = query.where(e.type == where.type.upper())
    if where.actor:
        query = query.where(e.id.in_(_events_naming(where.actor)))
    if where.place:
        needle = where.place.lower()
        query = query.where(
            sa.or_(
                *(_has(column, needle) for column in (e.place_text, e.place_name, e.place_admin1)),
                sa.func.upper(e.place_country) == where.place.upper(),
            )
        )
    if where.since:
        query = query.where(sa.func.coalesce(e.date_end, e.date_value) >= where.since)
    if where.until:
        query = query.where(e.date_value <= where.until)
    if where.document:
        query = query.where(e.document_id == where.document)
    undated = sa.case((e.date_value.is_(None), 1), else_=0)
    rows = conn.execute(query.order_by(undated, e.date_value, d.ingested_at, e.document_id, e.seq)).mappings()
    return _per_document(conn, list(rows), _event_builder)


def find_relations(
    conn: sa.Connection, *, actor: str | None = None, type: str | None = None
) -> list[StoredRelation]:
    """Relations whose source or target matches ``actor`` and whose type is ``type`` (each if given)."""
    r, d = t.relations.c, t.documents.c
    query = _with_document(sa.select(t.relations), t.relations, r.sentence_start, r.sentence_end)
    if type:
        query = query.where(r.type == type.lower())
    if actor:
        matching = _actors_matching(actor)
        query = query.where(sa.or_(r.source_actor_id.in_(matching), r.target_actor_id.in_(matching)))
    rows = conn.execute(query.order_by(d.ingested_at, r.document_id, r.seq)).mappings()
    return _per_document(conn, list(rows), _relation_builder)


def _with_document(
    query: sa.Select[Any], table: sa.Table, start: sa.ColumnElement[int], end: sa.ColumnElement[int]
) -> sa.Select[Any]:
    """``query`` joined to its document, with the title, source and the sentence's words."""
    d = t.documents.c
    return query.add_columns(
        d.title.label("document_title"),
        d.source.label("document_source"),
        d.published.label("document_published"),
        sa.func.substr(d.text, start + 1, end - start).label("sentence_text"),  # 1-based, portable
    ).select_from(table.join(t.documents, table.c.document_id == d.id))


def _has(column: sa.ColumnElement[str], needle: str) -> sa.ColumnElement[bool]:
    return sa.func.lower(column).contains(needle, autoescape=True)


def _actors_matching(actor: str) -> sa.Select[Any]:
    """Ids of actor rows named ``actor``: part of the name or of a mention's words, or the pack id."""
    a, m = t.actors.c, t.actor_mentions.c
    needle = actor.lower()
    return (
        sa.select(a.id)
        .select_from(t.actors.outerjoin(t.actor_mentions, m.actor_id == a.id))
        .where(sa.or_(_has(a.name, needle), _has(m.text, needle), a.pack_id == actor))
    )


def _events_naming(actor: str) -> sa.Select[Any]:
    r = t.event_roles.c
    return sa.select(r.event_id).where(r.actor_id.in_(_actors_matching(actor)))


class _Evidence:
    """What one document gives every fact listed from it: its actor mentions, roles and notes."""

    def __init__(self, conn: sa.Connection, document_id: str) -> None:
        self.conn = conn
        self.document_id = document_id
        _, self.refs = facts_reader.actor_mentions(conn, document_id)
        self._notes = {note.number: note for note in reader.read_notes(conn, document_id)}
        self._roles: dict[str, list[sa.RowMapping]] | None = None

    @property
    def roles(self) -> dict[str, list[sa.RowMapping]]:
        if self._roles is None:
            self._roles = facts_reader.event_roles(self.conn, self.document_id)
        return self._roles

    def notes(self, numbers: list[int]) -> tuple[Note, ...]:
        """The document's notes numbered ``numbers`` (a number with no note is left out)."""
        return tuple(self._notes[n] for n in numbers if n in self._notes)


def _per_document(
    conn: sa.Connection, rows: list[sa.RowMapping], build: Callable[[sa.RowMapping, _Evidence], T]
) -> list[T]:
    evidence: dict[str, _Evidence] = {}
    out = []
    for row in rows:
        doc = row["document_id"]
        if doc not in evidence:
            evidence[doc] = _Evidence(conn, doc)
        out.append(build(row, evidence[doc]))
    return out


def _event_builder(row: sa.RowMapping, evidence: _Evidence) -> StoredEvent:
    return StoredEvent(
        id=row["id"],
        document_id=row["document_id"],
        document_title=row["document_title"],
        document_source=row["document_source"],
        document_published=row["document_published"],
        event=facts_reader.event_from_row(row, evidence.roles.get(row["id"], ()), evidence.refs),
        sentence_text=row["sentence_text"],
        notes=evidence.notes(row["notes"]),
    )


def _relation_builder(row: sa.RowMapping, evidence: _Evidence) -> StoredRelation:
    relation = facts_reader.relation_from_row(row, evidence.refs)
    return StoredRelation(
        position=row["seq"],
        document_id=row["document_id"],
        document_title=row["document_title"],
        document_source=row["document_source"],
        relation=relation,
        sentence_text=row["sentence_text"],
        notes=evidence.notes(row["notes"]),
        background=relation.origin.startswith("pack:"),
    )
