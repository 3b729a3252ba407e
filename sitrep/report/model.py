"""What a brief is made of: sentences with their footnote numbers, paragraphs, sections, notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Sentence:
    """One written sentence and the numbers of the notes that support it, in order."""

    text: str
    notes: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Paragraph:
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True, slots=True)
class Source:
    """A cited piece or source document: what a note lists."""

    authors: tuple[str, ...] = ()
    title: str | None = None
    outlet: str | None = None
    date: date | None = None
    date_precision: str | None = None
    url: str | None = None
    raw: str | None = None  # the note's own words, for a citation nothing could be parsed out of


@dataclass(frozen=True, slots=True)
class BriefNote:
    """A numbered note (numbers follow first use) and the full citation it gives."""

    number: int
    source: Source
    text: str


@dataclass(frozen=True, slots=True)
class Subject:
    """What the brief is about: ``kind`` is actor, place or topic; ``label`` is how it is written."""

    kind: str
    query: str
    label: str


@dataclass(frozen=True, slots=True)
class Brief:
    title: str
    scope: str
    subject: Subject
    since: date | None
    until: date | None
    key_judgments: tuple[Sentence, ...]
    sections: tuple[Section, ...]
    notes: tuple[BriefNote, ...]
    incidents: int
    relations: int

    def sentences(self) -> list[Sentence]:
        """Every sentence that carries notes: the key judgments, then the body in order."""
        return [*self.key_judgments,
                *(s for section in self.sections for p in section.paragraphs for s in p.sentences)]
