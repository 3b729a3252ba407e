"""What the store hands back: small value objects, never rows or dicts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class AddResult:
    """The outcome of ``Store.add_reading``: the document's id, and whether it was new."""

    document_id: str
    created: bool


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
