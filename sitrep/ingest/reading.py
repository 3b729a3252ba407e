"""Turn a Document into a Reading: boilerplate marked, notes and markers parsed, sentences split."""

from __future__ import annotations

import dataclasses
import re

from sitrep.ingest.clean import find_boilerplate
from sitrep.ingest.notes import read_notes
from sitrep.model.document import Boilerplate, Document
from sitrep.model.reading import Reading
from sitrep.model.span import Span

# A line that is only a date ("July 13, 2011", "2011-07-13") is a dateline, never a title.
_DATE_LINE = re.compile(
    r"^\s*(?:\d{4}-\d{2}-\d{2}|[A-Z][a-z]+\.? \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+ \d{4})\s*$"
)
_MAX_TITLE = 200


def read_document(document: Document) -> Reading:
    """Mark boilerplate, parse the notes section and markers, and split the body into sentences."""
    boilerplate = _merge(document.boilerplate, find_boilerplate(document.text))
    notes = read_notes(document.text, skip=[b.span for b in boilerplate])
    document = _with_title(document, boilerplate)
    return Reading(document=document, boilerplate=boilerplate, notes=notes)


def _merge(*groups: tuple[Boilerplate, ...]) -> tuple[Boilerplate, ...]:
    seen: dict[tuple[int, int], Boilerplate] = {}
    for group in groups:
        for item in group:
            seen.setdefault((item.span.start, item.span.end), item)
    return tuple(sorted(seen.values(), key=lambda b: (b.span.start, b.span.end)))


def _with_title(document: Document, boilerplate: tuple[Boilerplate, ...]) -> Document:
    """A title that the cleaner marked as boilerplate (an image caption above the headline) is
    not the title: take the first short line at the top that is neither boilerplate nor a date."""
    if document.media_type not in {"text/plain", "text/markdown"}:
        return document
    spans = [b.span for b in boilerplate]
    current = document.title
    if current is not None and not _is_boilerplate_line(document.text, current, spans):
        return document
    title = _first_title_line(document.text, spans)
    return dataclasses.replace(document, title=title) if title != current else document


def _is_boilerplate_line(text: str, line: str, spans: list[Span]) -> bool:
    start = text.find(line)
    return start >= 0 and any(s.overlaps(Span(start, start + len(line))) for s in spans)


def _first_title_line(text: str, spans: list[Span]) -> str | None:
    offset = 0
    for number, raw in enumerate(text.splitlines(keepends=True)):
        if number > 15:
            break
        line = raw.strip().lstrip("#").strip()
        start = offset + raw.find(line) if line else offset
        offset += len(raw)
        if not line or len(line) > _MAX_TITLE or _DATE_LINE.match(line):
            continue
        if any(s.overlaps(Span(start, start + len(line))) for s in spans):
            continue
        if line.startswith("---") or ":" in line.split(" ", 1)[0]:
            continue  # front matter delimiters and "key: value" lines
        return line
    return None
