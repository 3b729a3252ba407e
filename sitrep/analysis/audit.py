"""The citation audit of one reading: what a careful editor would query before publishing.

Markers without a note, notes without a marker, the same published piece cited under several
notes, the boilerplate found, and names spelled two ways.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from sitrep.analysis.variants import NameVariant, name_variants
from sitrep.ingest.urls import find_urls
from sitrep.model.citation import Citation
from sitrep.model.document import Boilerplate
from sitrep.model.reading import Reading
from sitrep.model.span import Span

if TYPE_CHECKING:  # spaCy is imported only when a pipeline is loaded: it is slow to import
    from spacy.language import Language

# Titles this alike are one title spelled two ways ("Cracks Down in" / "Cracks Down on").
TITLE_SIMILARITY = 90
_MIN_TITLE = 12  # shorter titles ("Iraq", "Update") say too little to match on alone


@dataclass(frozen=True, slots=True)
class RepeatedSource:
    """One published piece cited under several notes (``notes`` sorted, each once)."""

    title: str | None
    url: str | None
    notes: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class AuditReport:
    """What the audit found; every tuple is sorted (note numbers) or in document order."""

    markers_without_note: tuple[int, ...]
    notes_without_marker: tuple[int, ...]
    repeated_sources: tuple[RepeatedSource, ...]
    boilerplate: tuple[Boilerplate, ...]
    name_variants: tuple[NameVariant, ...]


def audit(reading: Reading, *, nlp: Language | None = None) -> AuditReport:
    """Audit ``reading``'s citations and names; ``nlp`` replaces the default spaCy pipeline."""
    notes = reading.notes
    note_numbers = {note.number for note in notes.notes}
    marker_numbers = {marker.number for marker in notes.markers}
    citations = [c for note in notes.notes for c in note.citations]
    text = reading.document.text
    urls = [Span(start, end) for start, end in find_urls(text)]
    titles = [span for c in citations if (span := _title_span(text, c)) is not None]
    variants = name_variants(text, skip=[b.span for b in reading.boilerplate] + urls, titles=titles, nlp=nlp)
    return AuditReport(
        markers_without_note=tuple(sorted(marker_numbers - note_numbers)),
        notes_without_marker=tuple(sorted(note_numbers - marker_numbers)),
        repeated_sources=repeated_sources(citations),
        boilerplate=reading.boilerplate,
        name_variants=variants,
    )


def repeated_sources(citations: list[Citation]) -> tuple[RepeatedSource, ...]:
    """Pieces cited under more than one note: the same URL, or titles alike with no clash of dates."""
    parent = list(range(len(citations)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for i, first in enumerate(citations):
        for j in range(i + 1, len(citations)):
            if _same_piece(first, citations[j]):
                parent[root(j)] = root(i)
    groups: dict[int, list[Citation]] = {}
    for index, citation in enumerate(citations):
        groups.setdefault(root(index), []).append(citation)
    found = []
    for group in groups.values():
        numbers = tuple(sorted({c.note for c in group}))
        if len(numbers) > 1:
            found.append(RepeatedSource(_most_common(c.title for c in group), _first(group), numbers))
    return tuple(sorted(found, key=lambda r: r.notes))


def normalise_url(url: str) -> str:
    """A URL as compared: no scheme, no ``www.``, no fragment or trailing slash, host in lower case."""
    url = re.sub(r"^(?:https?://)?(?:www\.)?", "", url.strip(), flags=re.IGNORECASE).split("#")[0]
    host, _, path = url.partition("/")
    return f"{host.lower()}/{path}".rstrip("/")


def _same_piece(a: Citation, b: Citation) -> bool:
    if a.date and b.date and a.date != b.date:
        return False  # a recurring title ("Iraq Update") or a section page on another day
    if a.url and b.url and normalise_url(a.url) == normalise_url(b.url):
        if not (a.title and b.title):
            return True
        # a section page ("/News/Releases/") cited for two statements is two pieces; a title
        # cut short ("Accusations Fly") is still the same piece
        return fuzz.partial_ratio(_normal_title(a.title), _normal_title(b.title)) >= TITLE_SIMILARITY
    if not (a.title and b.title) or min(len(a.title), len(b.title)) < _MIN_TITLE:
        return False
    return fuzz.ratio(_normal_title(a.title), _normal_title(b.title)) >= TITLE_SIMILARITY


def _normal_title(title: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[’‘`]", "'", title)).strip().casefold()


def _title_span(text: str, citation: Citation) -> Span | None:
    if not citation.title:
        return None
    start = text.find(citation.title, citation.span.start, citation.span.end)
    return Span(start, start + len(citation.title)) if start >= 0 else None


def _most_common(titles: Iterable[str | None]) -> str | None:
    counts: dict[str, int] = {}
    for title in titles:
        if title:
            counts[title] = counts.get(title, 0) + 1
    return max(counts, key=lambda t: counts[t]) if counts else None


def _first(group: list[Citation]) -> str | None:
    return next((c.url for c in group if c.url), None)
