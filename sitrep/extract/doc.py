"""ExtractDoc: the one object that flows through the extraction stages, each adding to it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from sitrep.model.facts import (
    ActorRef,
    DateValue,
    Event,
    Extraction,
    Mention,
    Place,
    Quantity,
    Quote,
    Relation,
)
from sitrep.model.reading import Reading
from sitrep.model.span import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass
class ExtractDoc:
    """A document under extraction.

    ``text`` is the original text; ``analysis_text`` has the same length, with boilerplate, note
    markers and the notes section blanked out (spaces, newlines kept), so that every offset found
    in it is an offset into the original. ``body_end`` is where the body ends (the notes start).
    Stages fill the lists; ``user_data`` carries anything else a stage wants to hand on.
    """

    document_id: str
    text: str
    analysis_text: str
    body_end: int
    published: date | None = None
    reading: Reading | None = None
    spacy: Doc | None = None
    sentences: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    actors: list[ActorRef] = field(default_factory=list)
    dates: list[DateValue] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    user_data: dict[str, Any] = field(default_factory=dict)

    def notes_for(self, span: Span) -> tuple[int, ...]:
        """Numbers of the notes whose markers stand in the sentence(s) that ``span`` lies in."""
        if self.reading is None:
            return ()
        numbers = {m.number for m in self.reading.notes.markers
                   if m.sentence.start <= span.start < m.sentence.end or m.sentence.overlaps(span)}
        return tuple(sorted(numbers))

    def sentence_of(self, span: Span) -> Span:
        """The sentence (from the parse, else the reading) that holds the start of ``span``."""
        for sentence in self.sentences:
            if sentence.start <= span.start < sentence.end:
                return sentence
        return span

    def to_extraction(self) -> Extraction:
        return Extraction(document_id=self.document_id, events=tuple(self.events),
                          relations=tuple(self.relations), quotes=tuple(self.quotes),
                          actors=tuple(self.actors), mentions=tuple(self.mentions))


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, min(end, len(chars))):
        if chars[i] not in "\n":
            chars[i] = " "


def from_reading(reading: Reading) -> ExtractDoc:
    """An ExtractDoc over a reading's body: boilerplate, markers and notes blanked out."""
    text = reading.document.text
    chars = list(text)
    body_end = reading.notes.section.start if reading.notes.section else len(text)
    _blank(chars, body_end, len(text))
    for item in reading.boilerplate:
        _blank(chars, item.span.start, item.span.end)
    for marker in reading.notes.markers:
        _blank(chars, marker.span.start, marker.span.end)
    return ExtractDoc(document_id=reading.id, text=text, analysis_text="".join(chars), body_end=body_end,
                      published=reading.document.published, reading=reading,
                      sentences=list(reading.notes.sentences))


def from_text(text: str, *, document_id: str = "", published: date | None = None) -> ExtractDoc:
    """An ExtractDoc over plain text (a sentence or an article with no notes)."""
    return ExtractDoc(document_id=document_id, text=text, analysis_text=text, body_end=len(text),
                      published=published)
