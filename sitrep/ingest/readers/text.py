"""Plain text and Markdown: the text kept exactly as decoded, metadata read from its top.

Metadata, in order of trust: YAML front matter (title/date/author(s)/publisher/url); for Markdown
the first ``# Title`` heading; then the shape of the first lines: the first line that is not
boilerplate, a date or a byline is the title (if it is short enough to be one), a line that is only
a date is the publication date, a ``By …`` line names the authors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import yaml

from sitrep.ingest.clean import find_boilerplate
from sitrep.ingest.readers.decode import decode_bytes
from sitrep.model.document import Boilerplate, Document

TITLE_MAX = 200
# Metadata lines live at the top; a date or byline further down belongs to the body.
_HEAD_LINES = 10
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<yaml>.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_ATX_TITLE = re.compile(r"^#[ \t]+(?P<title>.+?)(?:[ \t]+#+)?[ \t]*$", re.M)
_SETEXT_TITLE = re.compile(r"\A\s*(?P<title>[^\n]+?)[ \t]*\r?\n=+[ \t]*$", re.M)
_DATE_PREFIX = re.compile(r"^(?:(?:published|posted|updated|dated?)(?:\s+on)?\s*:?\s*)", re.I)
_DATE_FORMATS = (
    "%B %d, %Y",
    "%B %d %Y",
    "%b %d, %Y",
    "%b %d %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%A, %B %d, %Y",
    "%A %d %B %Y",
    "%Y-%m-%d",
    "%Y/%m/%d",
)
_BYLINE = re.compile(r"^(?:By|BY)\s+(?P<names>[^\d\n]{2,120})$")
_NAME_SPLIT = re.compile(r"\s*(?:,|&|\band\b)\s*")
_RULE = re.compile(r"[-*_=#~\s]+")


@dataclass(frozen=True, slots=True)
class Head:
    """Metadata found at the top of a text. Any field may be missing."""

    title: str | None = None
    published: date | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    url: str | None = None


def read_text(
    data: bytes, *, source: str, media_type: str = "text/plain", charset: str | None = None
) -> Document:
    """Decode ``data`` and read it as plain text, or Markdown when ``media_type`` says so."""
    text = decode_bytes(data, source=source, declared=charset)
    return text_document(text, source=source, media_type=media_type)


def text_document(text: str, *, source: str, media_type: str = "text/plain") -> Document:
    """A Document for already decoded ``text``, with boilerplate marked and metadata guessed."""
    boilerplate = find_boilerplate(text)
    front, body_start = front_matter(text)
    guessed = guess_head(text, boilerplate=boilerplate, start=body_start)
    heading = markdown_title(text[body_start:]) if media_type == "text/markdown" else None
    return Document(
        text=text,
        source=source,
        media_type=media_type,
        title=front.title or heading or guessed.title,
        published=front.published or guessed.published,
        authors=front.authors or guessed.authors,
        publisher=front.publisher,
        url=front.url,
        boilerplate=boilerplate,
    )


def front_matter(text: str) -> tuple[Head, int]:
    """YAML front matter between ``---`` lines at the very top, and where the body starts."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return Head(), 0
    try:
        data = yaml.safe_load(match.group("yaml"))
    except yaml.YAMLError:
        # Text that merely opens with a rule is not front matter; read it as body.
        return Head(), 0
    if not isinstance(data, dict):
        return Head(), 0
    authors = data.get("authors", data.get("author"))
    return (
        Head(
            title=_clean_str(data.get("title")),
            published=_as_date(data.get("date", data.get("published"))),
            authors=_as_names(authors),
            publisher=_clean_str(data.get("publisher")),
            url=_clean_str(data.get("url")),
        ),
        match.end(),
    )


def markdown_title(text: str) -> str | None:
    """A level-1 heading (``# Title``, or a first line underlined with ``===``) among the first lines.

    Only the top counts: a ``#`` line deep in the text may be a code comment or a late section.
    """
    head = text[: max((offset + len(line) for offset, line in _head_lines(text, 0)), default=0)]
    for pattern in (_ATX_TITLE, _SETEXT_TITLE):
        match = pattern.search(head)
        if match is not None:
            return match.group("title").strip()
    return None


def guess_head(text: str, *, boilerplate: tuple[Boilerplate, ...] = (), start: int = 0) -> Head:
    """Title, date and byline from the shape of the first lines of ``text`` after ``start``."""
    title: str | None = None
    title_done = False
    published: date | None = None
    authors: tuple[str, ...] = ()
    for offset, line in _head_lines(text, start):
        if any(mark.span.start < offset + len(line) and offset < mark.span.end for mark in boilerplate):
            continue
        if (found := parse_date_line(line)) is not None:
            published = published or found
        elif not authors and (names := _byline(line)):
            authors = names
        elif not title_done and not _RULE.fullmatch(line):
            # Only the first body line can be the title: a long one means the text has none.
            candidate = line.lstrip("#").strip()
            title = candidate if len(candidate) <= TITLE_MAX else None
            title_done = True
    return Head(title=title, published=published, authors=authors)


def parse_date_line(line: str) -> date | None:
    """A date standing alone on a line ("July 13, 2011", "Published: 2011-07-13"), else None."""
    value = _DATE_PREFIX.sub("", line.strip()).strip().rstrip(".")
    if not value or len(value) > 40 or not any(char.isdigit() for char in value):
        return None
    value = re.sub(r"\b(Sept)\b\.?", "Sep", value)
    value = re.sub(r"\b([A-Z][a-z]{2})\.", r"\1", value)
    value = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", value)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


def _head_lines(text: str, start: int) -> Iterator[tuple[int, str]]:
    """The first non-blank lines after ``start``, stripped, with the offset of each."""
    seen = 0
    offset = start
    for raw in text[start:].splitlines(keepends=True):
        stripped = raw.strip()
        if stripped:
            yield offset + len(raw) - len(raw.lstrip()), stripped
            seen += 1
            if seen == _HEAD_LINES:
                return
        offset += len(raw)


def _byline(line: str) -> tuple[str, ...]:
    match = _BYLINE.match(line)
    if match is None:
        return ()
    names = tuple(name for name in _NAME_SPLIT.split(match.group("names").strip()) if name)
    # A "By the time…" sentence is not a byline: every name must look like one.
    if all(1 <= len(name.split()) <= 5 and name[0].isupper() for name in names):
        return names
    return ()


def _clean_str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _as_names(value: Any) -> tuple[str, ...]:
    if isinstance(value, list | tuple):
        return tuple(name for item in value if (name := _clean_str(item)))
    name = _clean_str(value)
    return tuple(part for part in re.split(r"\s*;\s*", name) if part) if name else ()


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_date_line(str(value)) if value is not None else None
