"""Quoted stretches of a note, and which of them are titles of cited works.

A note quotes two kinds of thing: the title of a cited piece (“Title,” Outlet, date) and words
someone said (According to X, “…”). A quotation is a title when a reference goes on after it:
a comma and a capitalised outlet, or a date or URL before the next quotation opens; and not
when a speech verb stands before or right after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.ingest.pubdates import find_date


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SPEECH = _words(
    "said says say added told stated noted wrote declared explained argued warned claimed "
    "that according asked insisted announced"
)
_SPEECH_AFTER = re.compile(
    r"[\s,]*(?:(?:[A-Z][\w’'.-]*|the|a)\s+){0,4}(?:said|says|added|told|stated|noted|declared|explained"
    r"|argued|warned|claimed|continued|insisted|announced)\b"
)
_LOWER_TITLE_FOLLOWERS = ("in ", "available", "accessed", "http", "www", "retrieved", "online")
_ITALIC = re.compile(
    r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)"
)


@dataclass(frozen=True, slots=True)
class Quoted:
    """A quoted (or italic) stretch: ``start``/``end`` include the marks; ``title`` if it names a work."""

    start: int
    end: int
    title: bool
    italic: bool = False

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1


def find_quoted(text: str, urls: list[tuple[int, int]]) -> tuple[Quoted, ...]:
    """Every quotation in ``text`` outside URLs (outermost only), each marked title or not."""
    marks = _marks(text, urls)
    result: list[Quoted] = []
    for index, (start, end) in enumerate(marks):
        next_open = marks[index + 1][0] if index + 1 < len(marks) else len(text)
        result.append(Quoted(start, end, _is_title(text, start, end, next_open, urls)))
    for match in _ITALIC.finditer(text):
        if not any(a <= match.start() < b for a, b in urls + marks):
            result.append(Quoted(match.start(), match.end(), title=True, italic=True))
    return tuple(sorted(result, key=lambda q: q.start))


def _marks(text: str, urls: list[tuple[int, int]]) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int]] = []
    position = 0
    while position < len(text):
        opener = text[position]
        closer = {"“": "”", '"': '"', "‘": "’"}.get(opener)
        if closer is None or any(a <= position < b for a, b in urls):
            position += 1
            continue
        close = _closing(text, position, opener, closer)
        if close is None:
            position += 1
            continue
        pairs.append((position, close + 1))
        position = close + 1
    return pairs


def _closing(text: str, start: int, opener: str, closer: str) -> int | None:
    """Where the quotation opened at ``start`` closes; ``None`` if it does not."""
    if opener == "‘" and start > 0 and text[start - 1].isalnum():
        return None
    search = start + 1
    while True:
        close = text.find(closer, search)
        if close < 0:
            return None
        # a closing single mark followed by a letter is an apostrophe ("Tehran’s"), not the close
        if opener == "‘" and close + 1 < len(text) and text[close + 1].isalpha():
            search = close + 1
            continue
        return close


def _is_title(text: str, start: int, end: int, next_open: int, urls: list[tuple[int, int]]) -> bool:
    inner = text[start + 1 : end - 1].rstrip()
    if not inner:
        return False
    words_before = re.findall(r"[\w’']+", text[max(0, start - 40) : start])
    if words_before and words_before[-1].lower() in _SPEECH:
        return False
    if _SPEECH_AFTER.match(text, end):
        return False
    after = text[end:next_open]
    comma = inner.endswith(",") or after.lstrip(" \t").startswith(",")
    if comma:
        following = after.lstrip(" \t,")
        if not following or not following[0].islower() or following.startswith(_LOWER_TITLE_FOLLOWERS):
            return True
    return _has_source(text, end, next_open, urls)


def _has_source(text: str, start: int, end: int, urls: list[tuple[int, int]]) -> bool:
    """Whether a date or URL lies in ``text[start:end]`` (a date inside a URL does not count)."""
    if any(start <= a < end for a, _ in urls):
        return True
    found = find_date(text, start, end)
    return found is not None
