"""The Store's methods for extraction's facts: replace, load, and find events and relations.

Mixed into ``Store`` (store.py), which provides the transactions; kept apart so that each module
stays about one thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime

import sqlalchemy as sa

from sitrep.errors import NotFound, StoreError
from sitrep.model.facts import Extraction
from sitrep.store import facts_reader, facts_writer, queries
from sitrep.store import tables as t
from sitrep.store.records import ExtractionInfo, StoredEvent, StoredRelation


class ExtractionMethods:
    """``replace_extraction``, ``load_extraction``, ``has_extraction``, ``events``, ``relations``."""

    def _write(self, what: str) -> AbstractContextManager[sa.Connection]:
        raise NotImplementedError  # Store's

    def _read(self) -> AbstractContextManager[sa.Connection]:
        raise NotImplementedError  # Store's

    def replace_extraction(
        self, document_id: str, extraction: Extraction, *, stages: Sequence[str] = ()
    ) -> ExtractionInfo:
        """Replace the facts stored for ``document_id`` with ``extraction``'s, in one transaction.

        Running the same extraction again leaves the store as it was (event ids are deterministic).
        ``stages`` names the pipeline's stages, kept with the extraction. Raises NotFound for an
        unknown document and StoreError (nothing changed) when a fact cannot be written.
        """
        with self._write(f"store the extraction of document {document_id}") as conn:
            length = conn.execute(
                sa.select(t.documents.c.char_count).where(t.documents.c.id == document_id)
            ).scalar_one_or_none()
            if length is None:
                raise NotFound(f"no document with id {document_id!r}")
            facts_writer.delete_extraction(conn, document_id)
            write_facts(conn, document_id, extraction, text_length=length, stages=stages)
        return extraction_info(document_id, extraction)

    def load_extraction(self, document_id: str) -> Extraction:
        """The Extraction stored for ``document_id``, exactly as written. NotFound if none."""
        with self._read() as conn:
            if (
                conn.execute(sa.select(t.documents.c.id).where(t.documents.c.id == document_id)).first()
                is None
            ):
                raise NotFound(f"no document with id {document_id!r}")
            return facts_reader.read_extraction(conn, document_id)

    def has_extraction(self, document_id: str) -> bool:
        """Whether extraction has run on ``document_id`` (even if it found nothing)."""
        with self._read() as conn:
            return facts_reader.has_extraction(conn, document_id)

    def unextracted(self) -> list[str]:
        """Ids of the stored documents extraction has not run on, oldest first."""
        d, x = t.documents.c, t.extractions.c
        query = (
            sa.select(d.id)
            .select_from(t.documents.outerjoin(t.extractions, x.document_id == d.id))
            .where(x.document_id.is_(None))
            .order_by(d.ingested_at, d.id)
        )
        with self._read() as conn:
            return list(conn.execute(query).scalars())

    def events(
        self,
        *,
        type: str | None = None,
        actor: str | None = None,
        place: str | None = None,
        since: date | None = None,
        until: date | None = None,
        document: str | None = None,
        titles: bool = False,
    ) -> list[StoredEvent]:
        """Stored events, each with its document, sentence and notes; undated ones last.

        ``type``: a PLOVER type (any case). ``actor``: part of an actor's name or of the words that
        name it, or its pack id, in any role (actor, recipient, claimed by, blamed, blaming).
        ``place``: part of the place's words, name or province, or its country code. ``since`` /
        ``until``: the event's date (or range) touches that day or later / earlier; undated events
        never match. ``document``: a document id. ``titles``: also the events that the titles of
        cited pieces state (``Event.origin`` "citation"); by default only the documents' own words.
        """
        where = queries.EventFilter(
            type=type, actor=actor, place=place, since=since, until=until, document=document, titles=titles
        )
        with self._read() as conn:
            return queries.find_events(conn, where)

    def relations(self, *, actor: str | None = None, type: str | None = None) -> list[StoredRelation]:
        """Stored relations whose source or target is ``actor`` (as in ``events``), of ``type``."""
        with self._read() as conn:
            return queries.find_relations(conn, actor=actor, type=type)


def write_facts(
    conn: sa.Connection,
    document_id: str,
    extraction: Extraction,
    *,
    text_length: int,
    stages: Sequence[str] = (),
) -> None:
    """Write ``extraction`` on ``conn``; a fact whose span lies outside the text is a StoreError."""
    if extraction.document_id and extraction.document_id != document_id:
        raise StoreError(
            f"the extraction is of document {extraction.document_id!r}, not {document_id!r}; nothing stored"
        )
    try:
        facts_writer.write_extraction(
            conn,
            document_id,
            extraction,
            text_length=text_length,
            extracted_at=datetime.now(UTC),
            stages=stages,
        )
    except ValueError as exc:
        raise StoreError(f"could not store the extraction of document {document_id}: {exc}") from exc


def extraction_info(document_id: str, extraction: Extraction) -> ExtractionInfo:
    return ExtractionInfo(
        document_id=document_id,
        events=len(extraction.events),
        relations=len(extraction.relations),
        quotes=len(extraction.quotes),
        actors=len(extraction.actors),
        mentions=len(extraction.mentions),
    )
