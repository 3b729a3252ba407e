"""PDF files: the text layer page by page, joined with a blank line, each page's span recorded."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO

from pypdf import PdfReader
from pypdf.errors import DependencyError, PyPdfError

from sitrep.errors import EmptyInput, MalformedInput
from sitrep.ingest.clean import find_boilerplate
from sitrep.ingest.readers.text import guess_head
from sitrep.model.document import Document, Page
from sitrep.model.span import Span

PAGE_SEPARATOR = "\n\n"
# Titles that authoring tools write when the author did not: worse than guessing from the text.
_JUNK_TITLE = re.compile(r"(?i)^(?:untitled.*|microsoft \w+ - .*|.*\.(?:docx?|odt|rtf|pdf|pptx?|xlsx?))$")
_HEAD = 1024
_TAIL = 2048


def read_pdf(data: bytes, *, source: str) -> Document:
    """Read the text layer of a PDF; ``Document.pages`` gives each page's number and span."""
    if b"%PDF-" not in data[:_HEAD]:
        raise MalformedInput(source, "does not start with %PDF-: not a PDF file")
    # A PDF ends with %%EOF; without it the file was cut short (an interrupted download), and
    # pypdf's repair would silently return a partial document.
    if b"%%EOF" not in data[-_TAIL:]:
        raise MalformedInput(source, "PDF is truncated (no %%EOF end marker); download it again")
    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted:
            _decrypt(reader, source=source)
        texts = [(page.extract_text() or "").strip() for page in reader.pages]
    except MalformedInput:
        raise
    except Exception as exc:  # pypdf raises many types (PdfReadError, KeyError, ValueError…) on corrupt files
        raise MalformedInput(source, f"PDF could not be parsed: {exc or type(exc).__name__}") from exc
    if not any(texts):
        raise EmptyInput(source, "PDF has no text layer (a scanned image?); run OCR on it first")
    text, pages = _join(texts)
    boilerplate = find_boilerplate(text)
    title, authors, created = _metadata(reader)
    guessed = guess_head(text, boilerplate=boilerplate)
    return Document(
        text=text,
        source=source,
        media_type="application/pdf",
        title=title or guessed.title,
        published=created or guessed.published,
        authors=authors or guessed.authors,
        pages=pages,
        boilerplate=boilerplate,
    )


def _decrypt(reader: PdfReader, *, source: str) -> None:
    # Many PDFs are "encrypted" only to restrict printing, with an empty password to open them.
    try:
        opened = reader.decrypt("")
    except DependencyError as exc:
        raise MalformedInput(source, f"PDF is encrypted with a cipher pypdf cannot open here: {exc}") from exc
    except PyPdfError as exc:
        raise MalformedInput(source, f"PDF is encrypted and could not be opened: {exc}") from exc
    if not opened:
        raise MalformedInput(
            source, "PDF is encrypted with a password; remove the password and read it again"
        )


def _join(texts: list[str]) -> tuple[str, tuple[Page, ...]]:
    pages: list[Page] = []
    offset = 0
    for number, page_text in enumerate(texts, start=1):
        pages.append(Page(number=number, span=Span(offset, offset + len(page_text))))
        offset += len(page_text) + len(PAGE_SEPARATOR)
    return PAGE_SEPARATOR.join(texts), tuple(pages)


def _metadata(reader: PdfReader) -> tuple[str | None, tuple[str, ...], date | None]:
    try:
        meta = reader.metadata
        if meta is None:
            return None, (), None
        title = (meta.title or "").strip()
        author = (meta.author or "").strip()
        created = meta.creation_date
    except Exception:  # a malformed info dictionary loses the metadata, not the text
        return None, (), None
    authors = tuple(name.strip() for name in author.split(";") if name.strip())
    return (
        title if title and not _JUNK_TITLE.match(title) else None,
        authors,
        created.date() if created is not None else None,
    )
