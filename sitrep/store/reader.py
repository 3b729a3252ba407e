"""Reading stored documents back: whole Readings, summaries, and ids from what a person types."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from sitrep.errors import NotFound
from sitrep.model.citation import Citation, Marker, Note
from sitrep.model.document import Boilerplate, Document, Page
from sitrep.model.reading import NotesReading, Reading
from sitrep.model.span import Span
from sitrep.store import tables as t
from sitrep.store.records import DocumentSummary

MIN_PREFIX = 4


def utc(value: datetime) -> datetime:
    """A stored timestamp as an aware UTC datetime (SQLite hands them back naive, in UTC)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def read_reading(conn: sa.Connection, document_id: str) -> Reading:
    """The Reading stored under ``document_id``, exactly as it was written."""
    doc = conn.execute(sa.select(t.documents).where(t.documents.c.id == document_id)).mappings().first()
    if doc is None:
        raise NotFound(f"no document with id {document_id!r}")
    reader_marked, reading_marked = _boilerplate(conn, document_id)
    document = Document(
        text=doc["text"],
        source=doc["source"],
        media_type=doc["media_type"],
        title=doc["title"],
        published=doc["published"],
        authors=tuple(doc["authors"]),
        publisher=doc["publisher"],
        url=doc["url"],
        pages=tuple(
            Page(r["number"], _span(r)) for r in _children(conn, t.pages, document_id, t.pages.c.seq)
        ),
        boilerplate=reader_marked,
    )
    section = None if doc["notes_start"] is None else Span(doc["notes_start"], doc["notes_end"])
    notes = NotesReading(
        section=section,
        notes=_notes(conn, document_id),
        markers=tuple(
            Marker(r["number"], _span(r), Span(r["sentence_start"], r["sentence_end"]))
            for r in _children(conn, t.markers, document_id, t.markers.c.seq)
        ),
        sentences=tuple(_span(r) for r in _children(conn, t.sentences, document_id, t.sentences.c.seq)),
    )
    return Reading(document=document, boilerplate=reading_marked, notes=notes)


def read_notes(conn: sa.Connection, document_id: str) -> tuple[Note, ...]:
    """The notes of ``document_id``, in order, each with its citations."""
    return _notes(conn, document_id)


def _notes(conn: sa.Connection, document_id: str) -> tuple[Note, ...]:
    by_note: dict[int, list[Citation]] = defaultdict(list)
    for r in _children(conn, t.citations, document_id, t.citations.c.note_number, t.citations.c.seq):
        by_note[r["note_number"]].append(
            Citation(
                note=r["note_number"],
                index=r["idx"],
                span=_span(r),
                raw=r["raw"],
                authors=tuple(r["authors"]),
                title=r["title"],
                outlet=r["outlet"],
                date=r["date"],
                date_precision=r["date_precision"],
                url=r["url"],
                commentary=r["commentary"],
            )
        )
    return tuple(
        Note(r["number"], _span(r), r["text"], tuple(by_note[r["number"]]))
        for r in _children(conn, t.notes, document_id, t.notes.c.seq)
    )


def _boilerplate(
    conn: sa.Connection, document_id: str
) -> tuple[tuple[Boilerplate, ...], tuple[Boilerplate, ...]]:
    """(what the reader marked, what the reading marks), each in its own order."""
    rows = list(_children(conn, t.boilerplate, document_id, t.boilerplate.c.id))

    def listed(key: str) -> tuple[Boilerplate, ...]:
        chosen = sorted((r for r in rows if r[key] is not None), key=lambda r: r[key])
        return tuple(Boilerplate(r["kind"], _span(r), r["text"]) for r in chosen)

    return listed("reader_seq"), listed("seq")


def _children(
    conn: sa.Connection, table: sa.Table, document_id: str, *order: sa.ColumnElement[Any]
) -> sa.engine.Result[Any]:
    return conn.execute(
        sa.select(table).where(table.c.document_id == document_id).order_by(*order)
    ).mappings()


def _span(row: sa.RowMapping) -> Span:
    return Span(row["start"], row["end"])


def summaries(conn: sa.Connection) -> list[DocumentSummary]:
    """Every stored document with its counts of notes, markers and citations, newest first."""
    d = t.documents.c

    def count(table: sa.Table) -> sa.ScalarSelect[int]:
        return sa.select(sa.func.count()).where(table.c.document_id == d.id).scalar_subquery()

    query = sa.select(
        d.id,
        d.title,
        d.source,
        d.published,
        d.publisher,
        count(t.notes).label("notes"),
        count(t.markers).label("markers"),
        count(t.citations).label("citations"),
        d.ingested_at,
    ).order_by(d.ingested_at.desc(), d.id)
    return [
        DocumentSummary(**{**row, "ingested_at": utc(row["ingested_at"])})
        for row in conn.execute(query).mappings()
    ]


def resolve(conn: sa.Connection, ref: str) -> str:
    """The id of the one document ``ref`` names: its id, a unique id prefix, or its exact source."""
    d = t.documents.c
    if conn.execute(sa.select(d.id).where(d.id == ref)).first() is not None:
        return ref
    candidates = conn.execute(sa.select(d.id, d.source).where(d.source == ref).order_by(d.id)).all()
    if not candidates and len(ref) >= MIN_PREFIX:
        query = sa.select(d.id, d.source).where(d.id.startswith(ref.lower(), autoescape=True))
        candidates = conn.execute(query.order_by(d.id).limit(11)).all()
    if len(candidates) == 1:
        return str(candidates[0].id)
    if not candidates:
        raise NotFound(
            f"no document matches {ref!r}: give a document id, a prefix of one "
            f"({MIN_PREFIX} characters or more), or a source exactly as it was ingested"
        )
    shown = ", ".join(f"{c.id} ({c.source})" for c in candidates[:10])
    more = " and more" if len(candidates) > 10 else ""
    raise NotFound(f"{ref!r} matches several documents: {shown}{more}; give more of the id")
