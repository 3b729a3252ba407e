"""Writing one document's Extraction, on a connection the caller holds (see ``Store.replace_extraction``).

Actor references are interned: each distinct (name, kind, country, pack id, title, origin) is one
``actors`` row, each distinct ActorRef one ``actor_mentions`` row; facts point at both.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from sitrep.model.facts import ActorRef, Event, Extraction, Quote, Relation
from sitrep.model.span import Span
from sitrep.store import tables as t
from sitrep.store.writer import SentenceIndex

Row = dict[str, Any]
COUNTED = ("killed", "injured", "arrested", "size", "money")

# Children first, so that no delete waits on a cascade.
FACT_TABLES: tuple[sa.Table, ...] = (
    t.event_roles,
    t.events,
    t.relations,
    t.quotes,
    t.actor_mentions,
    t.actors,
    t.mentions,
    t.extractions,
)


def event_id(document_id: str, event: Event, occurrence: int = 0) -> str:
    """Deterministic event id: hash of the document id, the trigger's span and the type.

    ``occurrence`` tells apart events that share all three (0 for the first, which most are).
    """
    key = f"{document_id}:{event.trigger_span.start}:{event.trigger_span.end}:{event.type}"
    if occurrence:
        key += f"#{occurrence}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def event_ids(document_id: str, events: Sequence[Event]) -> list[str]:
    """The id of each of a document's events, in order (see ``event_id``)."""
    seen: dict[str, int] = {}
    ids = []
    for event in events:
        base = event_id(document_id, event)
        occurrence = seen.get(base, 0)
        seen[base] = occurrence + 1
        ids.append(event_id(document_id, event, occurrence))
    return ids


def delete_extraction(conn: sa.Connection, document_id: str) -> None:
    """Delete every fact extraction wrote for ``document_id`` (not the document or its reading)."""
    events = sa.select(t.events.c.id).where(t.events.c.document_id == document_id)
    conn.execute(t.event_roles.delete().where(t.event_roles.c.event_id.in_(events.scalar_subquery())))
    for table in FACT_TABLES[1:]:
        conn.execute(table.delete().where(table.c.document_id == document_id))


def write_extraction(
    conn: sa.Connection,
    document_id: str,
    extraction: Extraction,
    *,
    text_length: int,
    extracted_at: datetime,
    stages: Sequence[str] = (),
) -> None:
    """Insert ``extraction``'s facts for ``document_id`` (whose facts the caller has deleted).

    Raises ValueError, naming the fact, for a span outside the document's ``text_length`` characters.
    """
    _check_spans(extraction, text_length)
    conn.execute(
        t.extractions.insert().values(document_id=document_id, extracted_at=extracted_at, stages=list(stages))
    )
    _insert(
        conn,
        t.mentions,
        (
            {
                "document_id": document_id,
                "seq": i,
                "kind": m.kind,
                "text": m.text,
                "label": m.label,
                "key": m.key,
                **_span(m.span),
            }
            for i, m in enumerate(extraction.mentions)
        ),
    )
    actors = _ActorTable(conn, document_id)
    for seq, ref in enumerate(extraction.actors):
        actors.mention(ref, seq=seq)
    sentences = SentenceIndex.load(conn, document_id)
    _write_events(conn, document_id, extraction.events, actors, sentences)
    _insert(
        conn,
        t.relations,
        (_relation_row(document_id, i, r, actors, sentences) for i, r in enumerate(extraction.relations)),
    )
    _insert(
        conn,
        t.quotes,
        (_quote_row(document_id, i, q, actors, sentences) for i, q in enumerate(extraction.quotes)),
    )


class _ActorTable:
    """Inserts actors and their mentions as facts name them, each distinct one once."""

    def __init__(self, conn: sa.Connection, document_id: str) -> None:
        self._conn = conn
        self._document_id = document_id
        self._actors: dict[tuple[Any, ...], int] = {}
        self._mentions: dict[ActorRef, tuple[int, int]] = {}

    def mention(self, ref: ActorRef, *, seq: int | None = None) -> tuple[int, int]:
        """(actor row id, mention row id) of ``ref``; ``seq`` lists it in Extraction.actors."""
        if seq is None and ref in self._mentions:
            return self._mentions[ref]
        key = (ref.name, ref.kind, ref.country, ref.actor_id, ref.role, ref.origin)
        actor = self._actors.get(key)
        if actor is None:
            actor = self._insert(
                t.actors,
                document_id=self._document_id,
                name=ref.name,
                kind=ref.kind,
                country=ref.country,
                pack_id=ref.actor_id,
                role=ref.role,
                origin=ref.origin,
            )
            self._actors[key] = actor
        mention = self._insert(
            t.actor_mentions,
            actor_id=actor,
            document_id=self._document_id,
            seq=seq,
            text=ref.text,
            **_span(ref.span),
        )
        self._mentions.setdefault(ref, (actor, mention))
        return actor, mention

    def columns(self, prefix: str, ref: ActorRef | None) -> Row:
        actor, mention = self.mention(ref) if ref is not None else (None, None)
        return {f"{prefix}actor_id": actor, f"{prefix}mention_id": mention}

    def _insert(self, table: sa.Table, **values: Any) -> int:
        key = self._conn.execute(table.insert().values(**values)).inserted_primary_key
        assert key is not None
        return int(key[0])


def _write_events(
    conn: sa.Connection,
    document_id: str,
    events: Sequence[Event],
    actors: _ActorTable,
    sentences: SentenceIndex,
) -> None:
    rows: list[Row] = []
    roles: list[Row] = []
    for seq, (eid, event) in enumerate(zip(event_ids(document_id, events), events, strict=True)):
        rows.append(_event_row(document_id, eid, seq, event, sentences))
        roles.extend(_role_rows(eid, event, actors))
    _insert(conn, t.events, rows)
    _insert(conn, t.event_roles, roles)


def _event_row(document_id: str, eid: str, seq: int, e: Event, sentences: SentenceIndex) -> Row:
    return {
        "id": eid,
        "document_id": document_id,
        "seq": seq,
        "type": e.type,
        "mode": e.mode,
        "acled_event_type": e.acled[0] if e.acled else None,
        "acled_sub_event_type": e.acled[1] if e.acled else None,
        "trigger": e.trigger,
        **_span(e.trigger_span, "trigger_"),
        **_sentence(e.sentence, sentences),
        "weapon": e.weapon,
        **_columns("date_", t.DATE_FIELDS, e.date),
        **_span(e.date.span if e.date else None, "date_text_"),
        **_columns("place_", t.PLACE_FIELDS, e.place),
        **_span(e.place.span if e.place else None, "place_text_"),
        **{kind: e.count(kind) for kind in COUNTED},
        "quantities": [asdict(q) for q in e.quantities],
        "status": e.status,
        "notes": list(e.notes),
        "context": list(e.context),
        "origin": e.origin,
        "site_text": e.site.text if e.site else None,
        "site_start": e.site.span.start if e.site else None,
        "site_end": e.site.span.end if e.site else None,
    }


def _role_rows(eid: str, event: Event, actors: _ActorTable) -> Iterator[Row]:
    for role, refs in (
        ("actor", event.actors),
        ("recipient", event.recipients),
        ("claimed_by", event.claimed_by),
    ):
        for position, ref in enumerate(refs):
            yield {
                "event_id": eid,
                "role": role,
                "position": position,
                "text": None,
                **actors.columns("", ref),
            }
    for position, attribution in enumerate(event.attributed_to):
        yield {
            "event_id": eid,
            "role": "attributed_to",
            "position": position,
            "text": attribution.text,
            **actors.columns("", attribution.actor),
        }
        if attribution.by is not None:
            yield {
                "event_id": eid,
                "role": "attributed_by",
                "position": position,
                "text": None,
                **actors.columns("", attribution.by),
            }


def _relation_row(
    document_id: str, seq: int, r: Relation, actors: _ActorTable, sentences: SentenceIndex
) -> Row:
    return {
        "document_id": document_id,
        "seq": seq,
        "type": r.type,
        "notes": list(r.notes),
        "origin": r.origin,
        **actors.columns("source_", r.source),
        **actors.columns("target_", r.target),
        **_span(r.span),
        **_sentence(r.sentence, sentences),
    }


def _quote_row(document_id: str, seq: int, q: Quote, actors: _ActorTable, sentences: SentenceIndex) -> Row:
    return {
        "document_id": document_id,
        "seq": seq,
        "text": q.text,
        "notes": list(q.notes),
        **actors.columns("speaker_", q.speaker),
        **_span(q.span),
        **_sentence(q.sentence, sentences),
    }


def _check_spans(extraction: Extraction, length: int) -> None:
    def spans() -> Iterator[tuple[str, Span]]:
        for m in extraction.mentions:
            yield f"mention {m.text!r}", m.span
        for a in extraction.actors:
            yield f"actor {a.text!r}", a.span
        for e in extraction.events:
            yield f"{e.type} event {e.trigger!r}", e.trigger_span
            yield f"{e.type} event {e.trigger!r} (sentence)", e.sentence
        for r in extraction.relations:
            yield f"relation {r.source.name} {r.type} {r.target.name}", r.span
        for q in extraction.quotes:
            yield f"quote {q.text[:40]!r}", q.span

    for what, span in spans():
        if span.end > length:
            raise ValueError(
                f"{what}: span [{span.start}, {span.end}) lies beyond the document's {length} characters"
            )


def _columns(prefix: str, fields: Sequence[str], value: object | None) -> Row:
    """``{prefix}{field}`` for each of ``fields`` of ``value`` (all None when ``value`` is None)."""
    return {f"{prefix}{name}": getattr(value, name) if value is not None else None for name in fields}


def _sentence(span: Span, sentences: SentenceIndex) -> Row:
    return {**_span(span, "sentence_"), "sentence_id": sentences.holding(span)}


def _span(span: Span | None, prefix: str = "") -> Row:
    return {
        f"{prefix}start": span.start if span is not None else None,
        f"{prefix}end": span.end if span is not None else None,
    }


def _insert(conn: sa.Connection, table: sa.Table, rows: Iterable[Row]) -> None:
    batch = list(rows)
    if batch:
        conn.execute(table.insert(), batch)
