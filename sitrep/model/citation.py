"""Notes, their in-text markers, and the citations parsed out of each note."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sitrep.model.span import Span


@dataclass(frozen=True, slots=True)
class Citation:
    """One published source cited by a note. A note may cite several.

    ``commentary`` is the note's own words around the reference (a quote, "According to …").
    ``date_precision`` is ``day``, ``month`` or ``year`` when ``date`` is set.
    """

    note: int
    index: int
    span: Span
    raw: str
    authors: tuple[str, ...] = ()
    title: str | None = None
    outlet: str | None = None
    date: date | None = None
    date_precision: str | None = None
    url: str | None = None
    commentary: str | None = None


@dataclass(frozen=True, slots=True)
class Note:
    """A numbered note in the notes section: its number, where it lies, its text and citations."""

    number: int
    span: Span
    text: str
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class Marker:
    """An in-text note marker (``[3]``, ``^3``, ``[^3]``) and the sentence that carries it."""

    number: int
    span: Span
    sentence: Span
