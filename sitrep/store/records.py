"""What the store hands back: small value objects, never rows or dicts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sitrep.model.citation import Citation, Note
from sitrep.model.facts import Event, Relation


@dataclass(frozen=True, slots=True)
class AddResult:
    """The outcome of ``Store.add_reading``: the document's id, whether it was new, and what
    extraction stored with it (None when none was given, or the document was known)."""

    document_id: str
    created: bool
    extraction: ExtractionInfo | None = None


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """One stored document, as ``sitrep sources`` lists it: ``notes``, ``markers`` and
    ``citations`` are how many of each it carries."""

    id: str
    title: str | None
    source: str
    published: date | None
    publisher: str | None
    notes: int
    markers: int
    citations: int
    ingested_at: datetime


@dataclass(frozen=True, slots=True)
class RunSummary:
    """One ingest run: what was asked, when, and how many documents were new, known or failed.

    ``status`` is ``running`` until ``finish_run`` and ``finished`` after; a run that stays
    ``running`` was interrupted.
    """

    id: int
    command: str
    started_at: datetime
    finished_at: datetime | None
    new: int
    known: int
    failed: int
    status: str


@dataclass(frozen=True, slots=True)
class IngestFailure:
    """One input an ingest run could not read or store, and why."""

    run_id: int
    source: str
    error_kind: str
    reason: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class ExtractionInfo:
    """What ``Store.replace_extraction`` wrote for one document: how many of each fact."""

    document_id: str
    events: int
    relations: int
    quotes: int
    actors: int
    mentions: int


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event as the store holds it, with its evidence: the document it came from, the words of
    the sentence that states it, and that sentence's notes (each with the citations it gives)."""

    id: str
    document_id: str
    document_title: str | None
    document_source: str
    document_published: date | None
    event: Event
    sentence_text: str
    notes: tuple[Note, ...]

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The published sources the event's notes cite, in note order."""
        return tuple(c for note in self.notes for c in note.citations)


@dataclass(frozen=True, slots=True)
class StoredRelation:
    """A relation as the store holds it, with the document, the sentence that states it and its notes.

    ``position``: its place among its document's relations. ``background`` when it is a knowledge
    pack's (origin ``pack:NAME``), not the document's words.
    """

    position: int
    document_id: str
    document_title: str | None
    document_source: str
    relation: Relation
    sentence_text: str
    notes: tuple[Note, ...]
    background: bool

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(c for note in self.notes for c in note.citations)
