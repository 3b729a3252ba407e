"""HTML pages: the main text as trafilatura extracts it, with the page's own metadata.

Site chrome (menus, footers, comments) is left out by trafilatura; what survives of it in the main
text is marked as boilerplate, not removed.
"""

from __future__ import annotations

import re
from datetime import date

from trafilatura import bare_extraction
from trafilatura.settings import Document as Extracted

from sitrep.errors import EmptyInput, MalformedInput
from sitrep.ingest.clean import find_boilerplate
from sitrep.ingest.readers.decode import decode_bytes
from sitrep.ingest.readers.text import guess_head
from sitrep.model.document import Document

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_TAG = re.compile(r"<[A-Za-z!/][^>]*>")


def read_html(data: bytes, *, source: str, charset: str | None = None, url: str | None = None) -> Document:
    """Extract the main text and metadata of an HTML page read from ``source``.

    ``charset`` is what the server declared; failing that the page's ``<meta charset>``. ``url``
    is where the page was fetched from (it resolves the page's relative links and, when given,
    is the Document's url; otherwise the page's canonical URL is).
    """
    declared = charset or _meta_charset(data)
    markup = decode_bytes(data, source=source, declared=declared)
    if _TAG.search(markup) is None:
        raise MalformedInput(
            source, "has no HTML tags; expected an HTML page (name it .txt to read it as text)"
        )
    try:
        result = bare_extraction(markup, url=url, with_metadata=True, include_comments=False)
    except Exception as exc:  # trafilatura and lxml raise many types on broken markup; all mean one thing
        raise MalformedInput(source, f"HTML could not be parsed: {exc}") from exc
    text = (result.text or "").strip() if isinstance(result, Extracted) else ""
    if not isinstance(result, Extracted) or not text:
        raise EmptyInput(source, "HTML has no main text to extract (only markup, scripts or site chrome)")
    boilerplate = find_boilerplate(text)
    return Document(
        text=text,
        source=source,
        media_type="text/html",
        title=_clean(result.title) or guess_head(text, boilerplate=boilerplate).title,
        published=_parse_date(result.date),
        authors=tuple(name.strip() for name in (result.author or "").split(";") if name.strip()),
        publisher=_clean(result.sitename),
        url=url or _clean(result.url),
        boilerplate=boilerplate,
    )


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match is not None else None


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
