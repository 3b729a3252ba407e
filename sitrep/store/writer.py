"""Writing one Reading: the document row and every child row, on a connection the caller holds.

The caller (``Store.add_reading``) owns the transaction, so that a reading is stored whole or not
at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from sitrep.model.citation import Marker
from sitrep.model.document import Boilerplate
from sitrep.model.reading import Reading
from sitrep.model.span import Span
from sitrep.store import tables as t

Row = dict[str, Any]


def write_reading(
    conn: sa.Connection, reading: Reading, *, run_id: int | None, ingested_at: datetime
) -> None:
    """Insert ``reading`` (document, pages, boilerplate, sentences, notes, citations, markers)."""
    doc = reading.document
    doc_id = doc.id
    section = reading.notes.section
    conn.execute(
        t.documents.insert().values(
            id=doc_id,
            source=doc.source,
            media_type=doc.media_type,
            title=doc.title,
            published=doc.published,
            authors=list(doc.authors),
            publisher=doc.publisher,
            url=doc.url,
            text=doc.text,
            char_count=len(doc.text),
            notes_start=section.start if section else None,
            notes_end=section.end if section else None,
            ingested_at=ingested_at,
            run_id=run_id,
        )
    )
    _insert(
        conn,
        t.pages,
        (
            {"document_id": doc_id, "number": p.number, "seq": i, **_span(p.span)}
            for i, p in enumerate(doc.pages)
        ),
    )
    _insert(
        conn, t.boilerplate, boilerplate_rows(doc_id, reader=doc.boilerplate, reading=reading.boilerplate)
    )
    _insert(
        conn,
        t.sentences,
        ({"document_id": doc_id, "seq": i, **_span(s)} for i, s in enumerate(reading.notes.sentences)),
    )
    notes = reading.notes.notes
    _insert(
        conn,
        t.notes,
        (
            {"document_id": doc_id, "number": n.number, "seq": i, "text": n.text, **_span(n.span)}
            for i, n in enumerate(notes)
        ),
    )
    _insert(conn, t.citations, _citation_rows(doc_id, reading))
    index = SentenceIndex.load(conn, doc_id)
    _insert(conn, t.markers, (_marker_row(doc_id, i, m, index) for i, m in enumerate(reading.notes.markers)))


def boilerplate_rows(
    document_id: str, *, reader: Sequence[Boilerplate], reading: Sequence[Boilerplate]
) -> list[Row]:
    """One row per distinct item of the two lists, with its position in each (None if absent)."""
    rows: list[Row] = []
    unclaimed: dict[Boilerplate, list[int]] = {}
    for seq, item in enumerate(reading):
        unclaimed.setdefault(item, []).append(len(rows))
        rows.append(_boilerplate_row(document_id, item, seq=seq, reader_seq=None))
    for reader_seq, item in enumerate(reader):
        slots = unclaimed.get(item)
        if slots:
            rows[slots.pop(0)]["reader_seq"] = reader_seq
        else:
            rows.append(_boilerplate_row(document_id, item, seq=None, reader_seq=reader_seq))
    return rows


def _boilerplate_row(document_id: str, item: Boilerplate, *, seq: int | None, reader_seq: int | None) -> Row:
    return {
        "document_id": document_id,
        "seq": seq,
        "reader_seq": reader_seq,
        "kind": item.kind,
        "text": item.text,
        **_span(item.span),
    }


def _citation_rows(document_id: str, reading: Reading) -> Iterable[Row]:
    for note in reading.notes.notes:
        for seq, c in enumerate(note.citations):
            yield {
                "document_id": document_id,
                # The note it belongs to: a citation whose own ``note`` disagrees is a parser bug.
                "note_number": note.number,
                "seq": seq,
                "idx": c.index,
                "raw": c.raw,
                "authors": list(c.authors),
                "title": c.title,
                "outlet": c.outlet,
                "date": c.date,
                "date_precision": c.date_precision,
                "url": c.url,
                "commentary": c.commentary,
                **_span(c.span),
            }


class SentenceIndex:
    """The stored sentences of one document, to find the one that carries a marker."""

    def __init__(self, sentences: Iterable[tuple[Span, int]]) -> None:
        self._sentences = list(sentences)
        self._exact: dict[Span, int] = {}
        for span, sentence_id in self._sentences:
            self._exact.setdefault(span, sentence_id)

    @classmethod
    def load(cls, conn: sa.Connection, document_id: str) -> SentenceIndex:
        s = t.sentences.c
        rows = conn.execute(
            sa.select(s.start, s.end, s.id).where(s.document_id == document_id).order_by(s.seq)
        )
        return cls((Span(start, end), sentence_id) for start, end, sentence_id in rows)

    def holding(self, span: Span) -> int | None:
        """The sentence equal to ``span``, else the shortest one containing it; None if none does."""
        exact = self._exact.get(span)
        if exact is not None:
            return exact
        containing = [(len(sentence), i) for sentence, i in self._sentences if sentence.contains(span)]
        return min(containing)[1] if containing else None

    def carrying(self, marker: Marker) -> int | None:
        """The sentence equal to the marker's sentence span, else the shortest one containing
        that span, else the shortest one containing the marker itself; None if there is none."""
        exact = self._exact.get(marker.sentence)
        if exact is not None:
            return exact
        for target in (marker.sentence, marker.span):
            containing = [(len(span), i) for span, i in self._sentences if span.contains(target)]
            if containing:
                return min(containing)[1]
        return None


def _marker_row(document_id: str, seq: int, marker: Marker, sentences: SentenceIndex) -> Row:
    return {
        "document_id": document_id,
        "number": marker.number,
        "seq": seq,
        "sentence_start": marker.sentence.start,
        "sentence_end": marker.sentence.end,
        "sentence_id": sentences.carrying(marker),
        **_span(marker.span),
    }


def _span(span: Span) -> Mapping[str, int]:
    return {"start": span.start, "end": span.end}


def _insert(conn: sa.Connection, table: sa.Table, rows: Iterable[Row]) -> None:
    batch = list(rows)
    if batch:  # an empty parameter list would insert one row of defaults
        conn.execute(table.insert(), batch)
