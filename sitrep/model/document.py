"""Document: one source as read, with its text kept exactly and the metadata the source gives."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from sitrep.model.span import Span

_WS = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Text as compared for identity: Unicode NFC, whitespace runs collapsed, ends stripped."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def content_id(text: str) -> str:
    """Deterministic document id: SHA-256 (hex, first 32 chars) of the normalised text."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Page:
    """A PDF page: its 1-based number and where its text lies in ``Document.text``."""

    number: int
    span: Span


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """Text that is not body: kept in the original, marked so that extraction skips it.

    ``kind`` is one of ``caption``, ``credit``, ``trailer``, ``navigation``.
    """

    kind: str
    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """One source document as a reader produced it.

    ``text`` is the decoded text exactly as read (for HTML and PDF: the extracted text); every
    offset elsewhere in sitrep points into it and never changes. ``source`` names where it came
    from (path, URL, ``-`` or ``feed-url#entry``).
    """

    text: str
    source: str
    media_type: str
    title: str | None = None
    published: date | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    url: str | None = None
    pages: tuple[Page, ...] = ()
    boilerplate: tuple[Boilerplate, ...] = field(default=())

    @property
    def id(self) -> str:
        return content_id(self.text)
