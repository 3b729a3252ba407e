"""URLs in running text: ``http(s)://…`` and bare ``www.…``, without the punctuation that ends a sentence."""

from __future__ import annotations

import re

_CANDIDATE = re.compile(r"(?:https?://|(?<![\w./])www\.)[^\s<>\"“”‘’]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]'*_"


def find_urls(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of every URL in ``text[start:end]``; a closing bracket stays when it is balanced."""
    stop = len(text) if end is None else end
    found: list[tuple[int, int]] = []
    for match in _CANDIDATE.finditer(text, start, stop):
        url_end = match.end()
        while url_end > match.start() and text[url_end - 1] in _TRAILING:
            closer = text[url_end - 1]
            opener = {")": "(", "]": "["}.get(closer)
            url = text[match.start() : url_end]
            if opener and url.count(opener) >= url.count(closer):
                break
            url_end -= 1
        if url_end - match.start() > len("www."):
            found.append((match.start(), url_end))
    return found
