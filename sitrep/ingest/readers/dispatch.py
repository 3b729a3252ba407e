"""Which reader reads which bytes: content sniffing, file extensions, and the kind → reader switch."""

from __future__ import annotations

import re
from typing import Literal

from sitrep.errors import UnsupportedInput
from sitrep.ingest.readers.decode import reject_empty
from sitrep.ingest.readers.feed import read_feed
from sitrep.ingest.readers.html import read_html
from sitrep.ingest.readers.pdf import read_pdf
from sitrep.ingest.readers.text import read_text
from sitrep.model.document import Document

Kind = Literal["text", "markdown", "html", "pdf", "feed"]

EXTENSIONS: dict[str, Kind] = {
    "": "text",
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
_SNIFF = 2048
# The root element of an XML document, after any declaration, comments and doctype.
_XML_ROOT = re.compile(
    r"\A\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<(?:[\w.-]+:)?(?P<root>[\w.-]+)", re.S | re.I
)
_FEED_ROOTS = frozenset({"rss", "feed", "rdf"})
_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.S | re.I)


def sniff(data: bytes) -> Kind | None:
    """The kind the content itself declares: ``%PDF-``, an RSS/Atom root, an HTML start; else None."""
    head = data[:_SNIFF]
    if head.lstrip().startswith(b"%PDF-"):
        return "pdf"
    # latin-1 maps every byte, so markup in any ASCII-compatible encoding is visible.
    start = head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")
    root = _XML_ROOT.match(start)
    if root is not None and root.group("root").casefold() in _FEED_ROOTS:
        return "feed"
    if _HTML_START.match(start):
        return "html"
    return None


def xml_root(data: bytes) -> str | None:
    """The root element's name of an XML document, for messages."""
    match = _XML_ROOT.match(data[:_SNIFF].removeprefix(b"\xef\xbb\xbf").decode("latin-1"))
    return match.group("root") if match is not None else None


def kind_for_file(suffix: str, data: bytes, *, source: str) -> Kind:
    """The reader for a file: PDF and feed content win over the name, then the extension decides.

    A file with no extension is HTML when it starts like HTML; an unknown extension is read only
    when its content says what it is.
    """
    sniffed = sniff(data)
    if sniffed == "pdf" or sniffed == "feed":
        return sniffed
    suffix = suffix.lower()
    kind = EXTENSIONS.get(suffix)
    if kind is None:
        if sniffed is not None:
            return sniffed
        readable = ", ".join(sorted(ext for ext in EXTENSIONS if ext))
        raise UnsupportedInput(source, f"unsupported file type {suffix!r}; readable types: {readable}")
    root = xml_root(data)
    if suffix == ".xml" and root is not None:
        raise UnsupportedInput(
            source, f"is XML with root <{root}>, not an RSS/Atom feed; only feeds are read from XML"
        )
    if suffix == "" and sniffed == "html":
        return "html"
    return kind


def read_as(
    kind: Kind, data: bytes, *, source: str, charset: str | None = None, url: str | None = None
) -> list[Document]:
    """Read ``data`` with the reader for ``kind``. A feed gives one Document per entry."""
    reject_empty(data, source=source)
    if kind == "pdf":
        return [read_pdf(data, source=source)]
    if kind == "feed":
        return read_feed(data, source=source)
    if kind == "html":
        return [read_html(data, source=source, charset=charset, url=url)]
    media_type = "text/markdown" if kind == "markdown" else "text/plain"
    return [read_text(data, source=source, media_type=media_type, charset=charset)]
