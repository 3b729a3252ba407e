"""Reading: what ingest understands of one document beyond its text."""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.model.citation import Marker, Note
from sitrep.model.document import Boilerplate, Document
from sitrep.model.span import Span


@dataclass(frozen=True, slots=True)
class NotesReading:
    """The notes structure of a text: where the notes section lies, its notes, the in-text
    markers, and the body sentences (spans into the text, trailing markers included)."""

    section: Span | None
    notes: tuple[Note, ...]
    markers: tuple[Marker, ...]
    sentences: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Reading:
    """A document with its boilerplate marked and its notes, markers and sentences parsed."""

    document: Document
    boilerplate: tuple[Boilerplate, ...]
    notes: NotesReading

    @property
    def id(self) -> str:
        return self.document.id
