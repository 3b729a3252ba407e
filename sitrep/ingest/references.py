"""One reference inside a note: its authors, title, outlet, date and URL.

A reference reads ``[lead-in] [authors,] “Title,” Outlet, date, URL`` (or the title in italics, or
no title: ``Outlet, date, URL``, ``See: URL``). What stands before the authors or title and is not
a list of names ("See", "For further reading …") is the note's commentary, not the reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sitrep.ingest.pubdates import FoundDate, find_date
from sitrep.ingest.titles import Quoted


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_LEAD_IN = re.compile(
    r"(?:(?:see(?:\s+also)?|cf\.|compare|quoted\s+in|cited\s+in|as\s+cited\s+in|for\s+example|e\.g\.|"
    r"also|and)[\s,:]+)+",
    re.IGNORECASE,
)
_NAME_SPLIT = re.compile(r"\s*,\s*and\s+|\s+and\s+|\s*&\s*|\s*;\s*|\s*,\s*")
_ORGANISATION_WORDS = _words("of the for on")
_PARTICLES = _words("al el bin ibn bint abu de del della der di du da la le van von dos das y")
_NAME_TOKEN = re.compile(r"(?:[A-Z][\w’'.-]*|[A-Z]\.|O’|O')$")
_INVERTED = re.compile(r"[A-Z][\w’'-]+, [A-Z][\w’'-]+(?: [A-Z]\.)?")
_SEE_BY = re.compile(r"\b(?:see(?:\s+also)?|by)\s+", re.IGNORECASE)
_EDITOR = re.compile(r",?\s*\(?\beds?\.?\)?$", re.IGNORECASE)
_FIELD_WORDS = _words("of the and for on in at al de el to a an du la")


@dataclass(frozen=True, slots=True)
class Reference:
    """A parsed reference: ``start``/``end`` bound it in the note, after any lead-in commentary."""

    start: int
    end: int
    authors: tuple[str, ...] = ()
    title: str | None = None
    outlet: str | None = None
    date: date | None = None
    date_precision: str | None = None
    url: str | None = None


def parse_reference(
    text: str, start: int, end: int, *, title: Quoted | None, urls: list[tuple[int, int]]
) -> Reference | None:
    """The reference in ``text[start:end]``, or ``None`` when the stretch is only commentary."""
    end = _strip_end(text, start, end)
    inside = [(a, b) for a, b in urls if start <= a < end]
    if title is not None:
        return _titled(text, start, end, title, inside)
    return _untitled(text, start, end, inside)


def is_bare_reference(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a reference without title or URL: ``Outlet, June 10, 2011``."""
    lead = _LEAD_IN.match(text, start, end)
    begin = lead.end() if lead else start
    found = find_date(text, begin, end)
    if found is None or text[found.end : end].strip(" .,;"):
        return False
    return _fields(text[begin : found.start]) is not None


def _titled(text: str, start: int, end: int, title: Quoted, urls: list[tuple[int, int]]) -> Reference:
    inner_start, inner_end = title.inner
    name = _tidy(text[inner_start:inner_end]).rstrip(",.;: ").strip()
    lead = _LEAD_IN.match(text, start, title.start)
    begin = lead.end() if lead else start
    authors = _byline(text, begin, title.start)
    if not authors:  # the names may follow the note's own words: "For more, see A. Smith, “…”"
        leads = list(_SEE_BY.finditer(text, begin, title.start))
        if leads:
            begin = leads[-1].end()
            authors = _byline(text, begin, title.start)
    ref_start = begin if authors else title.start
    after = _skip(text, title.end, end)
    url = urls[0] if urls else None
    limit = url[0] if url else end
    found = find_date(text, after, limit)
    outlet_end = found.start if found else limit
    return Reference(
        start=ref_start,
        end=end,
        authors=authors,
        title=name or None,
        outlet=_outlet(text[after:outlet_end]),
        date=found.value if found else None,
        date_precision=found.precision if found else None,
        url=text[url[0] : url[1]] if url else None,
    )


def _untitled(text: str, start: int, end: int, urls: list[tuple[int, int]]) -> Reference | None:
    url = urls[0] if urls else None
    limit = url[0] if url else end
    lead = _LEAD_IN.match(text, start, limit)
    begin = lead.end() if lead else start
    found: FoundDate | None = find_date(text, begin, limit)
    fields = _fields(text[begin : found.start if found else limit])
    url_text = text[url[0] : url[1]] if url else None
    if fields is None or (found is None and url is None):
        return Reference(start=url[0], end=end, url=url_text) if url else None
    named = [field for field in fields if not field.islower()]  # "press release" names no one
    return Reference(
        start=begin,
        end=end,
        authors=_names(named[0]) if len(named) > 1 else (),
        outlet=named[-1],
        date=found.value if found else None,
        date_precision=found.precision if found else None,
        url=url_text,
    )


def _byline(text: str, start: int, end: int) -> tuple[str, ...]:
    byline = text[start:end].strip()
    # a full stop before the title is the bibliography style, which puts the surname first
    return _names(_EDITOR.sub("", byline.strip(",:.")), surname_first=byline.endswith("."))


def _names(segment: str, *, surname_first: bool = False) -> tuple[str, ...]:
    """The authors named by ``segment`` ("A, B, and C"), or ``()`` if it is not a list of names."""
    segment = re.sub(r"^by\s+", "", _tidy(segment), flags=re.IGNORECASE)
    if not segment:
        return ()
    if surname_first and _INVERTED.fullmatch(segment):
        return (segment,)  # "Smith, John": one author, surname first
    names = [name.strip() for name in _NAME_SPLIT.split(segment) if name.strip()]
    for name in names:
        tokens = name.split()
        if not 1 <= len(tokens) <= 6:
            return ()
        inner = _PARTICLES | _ORGANISATION_WORDS  # "Institute for the Study of War" is an author too
        if (
            not all(_NAME_TOKEN.match(t) or t.lower() in inner for t in tokens)
            or tokens[0] in _ORGANISATION_WORDS
        ):
            return ()
    return tuple(names)


def _fields(segment: str) -> list[str] | None:
    """Comma-separated short fields ("Reuters", "U.S. Central Command, press release"), else ``None``:
    capitalised names, or a few lower-case words saying what kind of document it is."""
    fields = [_tidy(field) for field in segment.strip(" ,.;:").split(",")]
    if not all(fields) or fields[0].islower():
        return None
    for field in fields:
        words = field.split()
        if len(words) > 8:
            return None
        descriptor = len(words) <= 3 and field.islower()
        if not descriptor and any(w[0].islower() and w not in _FIELD_WORDS for w in words):
            return None
    return fields


def _outlet(segment: str) -> str | None:
    segment = re.sub(r"^in\s+", "", _tidy(segment).strip(" ,.;:"))
    if segment.startswith("("):  # "(New York: Penguin, 2009)" names the place, then the publisher
        segment = segment.strip("()")
        place = re.match(r"[A-Z][\w .]*:\s+", segment)
        segment = segment[place.end() :] if place else segment
    else:  # "Al Hurra (Arabic)": the language or edition is not the outlet's name
        segment = re.sub(r"\s*\([^()]*\)", "", segment)
    first = segment.split(",")[0].strip(" \t\n*_()")
    return first or None


def _tidy(words: str) -> str:
    """Words as one line: a note wrapped over several lines gives one title, not two."""
    return " ".join(words.split())


def _skip(text: str, start: int, end: int) -> int:
    while start < end and text[start] in " \t\n,.;:":
        start += 1
    return start


def _strip_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".;,"):
        end -= 1
    return end
