"""RSS and Atom feeds: one Document per entry, its HTML content turned into plain text."""

from __future__ import annotations

import calendar
import html
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from io import BytesIO
from typing import Any

import feedparser

from sitrep.errors import EmptyInput, MalformedInput
from sitrep.ingest.clean import find_boilerplate
from sitrep.model.document import Document

_BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption"),
        *("figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p"),
        *("pre", "section", "table", "tr", "ul"),
    }
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template"})
_LOOKS_LIKE_HTML = re.compile(r"<[A-Za-z/][^>]*>")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def read_feed(data: bytes, *, source: str) -> list[Document]:
    """One Document per feed entry, sourced as ``<source>#<entry id or 1-based index>``.

    Entries with neither text nor title are skipped; an entry with only a title keeps the title
    as its text (headline feeds carry nothing else).
    """
    parsed = feedparser.parse(BytesIO(data))
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            problem = parsed.get("bozo_exception")
            raise MalformedInput(source, f"is not a well-formed RSS/Atom feed: {problem}")
        raise EmptyInput(source, "feed has no entries")
    feed_meta: Mapping[str, Any] = parsed.get("feed") or {}
    publisher = _clean(feed_meta.get("title"))
    media_type = _media_type(parsed.get("version") or "")
    read = [
        _entry_document(entry, index, source=source, publisher=publisher, media_type=media_type)
        for index, entry in enumerate(entries, start=1)
    ]
    documents = [document for document in read if document is not None]
    if not documents:
        raise EmptyInput(source, f"none of the feed's {len(entries)} entries has any text or title")
    return documents


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: block elements become paragraphs, scripts are dropped."""
    if not _LOOKS_LIKE_HTML.search(markup):
        return _tidy(html.unescape(markup))
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    return _tidy("".join(parser.parts))


def _entry_document(
    entry: Mapping[str, Any], index: int, *, source: str, publisher: str | None, media_type: str
) -> Document | None:
    title = _clean(html_to_text(entry.get("title") or ""))
    text = _entry_text(entry) or title
    if not text:
        return None
    ident = _clean(entry.get("id")) or str(index)
    return Document(
        text=text,
        source=f"{source}#{ident}",
        media_type=media_type,
        title=title,
        published=_entry_date(entry),
        authors=_entry_authors(entry),
        publisher=publisher,
        url=_clean(entry.get("link")),
        boilerplate=find_boilerplate(text),
    )


def _entry_text(entry: Mapping[str, Any]) -> str:
    # Full content when the feed has it; the summary is often a truncated teaser of it.
    for content in entry.get("content") or ():
        text = html_to_text(content.get("value") or "")
        if text:
            return text
    return html_to_text(entry.get("summary") or "")


def _entry_date(entry: Mapping[str, Any]) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            # feedparser gives UTC struct_time; the calendar date in UTC is what the feed says.
            return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC).date()
    return None


def _entry_authors(entry: Mapping[str, Any]) -> tuple[str, ...]:
    names = [_clean(author.get("name")) for author in entry.get("authors") or ()]
    found = tuple(name for name in names if name)
    if found:
        return found
    single = _clean(entry.get("author"))
    return (single,) if single else ()


def _media_type(version: str) -> str:
    if version.startswith("atom"):
        return "application/atom+xml"
    if version.startswith("rss"):
        return "application/rss+xml"
    return "application/xml"


def _clean(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n" if tag == "br" else "\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skipping = max(self._skipping - 1, 0)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            # Source newlines inside a paragraph are layout, not structure.
            self.parts.append(data.replace("\n", " "))
