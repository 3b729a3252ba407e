"""The notes of a brief: one per distinct cited piece or source document, numbered in order of
first use, each a full citation (author(s), "title," outlet, date, URL) as analysts write them."""

from __future__ import annotations

import re
from datetime import date

from sitrep.model.citation import Citation
from sitrep.model.document import Document
from sitrep.report.model import BriefNote, Source

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def from_citation(citation: Citation) -> Source:
    return Source(citation.authors, citation.title, citation.outlet, citation.date,
                  citation.date_precision, citation.url, " ".join(citation.raw.split()) or None)


def from_document(document: Document) -> Source:
    """The ingested document itself, for what rests only on its own words."""
    return Source(document.authors, document.title or document.source, document.publisher,
                  document.published, "day" if document.published else None,
                  document.url or (document.source if "://" in document.source else None))


def long_date(value: date, precision: str | None = None) -> str:
    """March 14, 2022; March 2022 (month); 2022 (year): the notes' style."""
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return f"{_MONTHS[value.month - 1]} {value.year}"
    return f"{_MONTHS[value.month - 1]} {value.day}, {value.year}"


def citation_text(source: Source) -> str:
    """Amina Yusuf, “Roadside Bomb Kills 3 Soldiers Near Afgooye,” Mogadishu Wire, March 14, 2022,
    https://…  — the parts it has, in that order, ending with a full stop; the note's own words
    when none could be parsed out of it."""
    if not (source.authors or source.title or source.outlet or source.date or source.url):
        raw = (source.raw or "").strip()
        return raw if not raw or raw.endswith(".") else raw + "."
    text = f"{_authors(source.authors)}, " if source.authors else ""
    if source.title:
        text += f"“{source.title.strip().rstrip('.,')},” "
    text += ", ".join(p for p in (source.outlet,
                                  long_date(source.date, source.date_precision) if source.date else None,
                                  source.url) if p)
    text = text.strip().rstrip(",")
    if text.endswith(",”"):
        return text[:-2] + ".”"
    return text if text.endswith(".") else text + "."


def _authors(names: tuple[str, ...]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def _title_key(title: str | None) -> str | None:
    if not title:
        return None
    return re.sub(r"[^\w]+", " ", title.casefold()).strip() or None


def _url_key(url: str | None) -> str | None:
    if not url:
        return None
    return re.sub(r"^https?://(www\.)?", "", url.strip().casefold()).rstrip("/")


class NoteBook:
    """Hands out note numbers: the same piece (same URL, or same title) gets the same number, and
    the fuller record of it (more fields) is the one the note prints."""

    def __init__(self) -> None:
        self._sources: list[Source] = []
        self._keys: dict[tuple[str, str], int] = {}

    def number(self, source: Source) -> int:
        keys = [(kind, key) for kind, key in (("url", _url_key(source.url)),
                                               ("title", _title_key(source.title))) if key]
        if not keys:
            keys = [("raw", _title_key(source.raw) or repr(source))]
        for key in keys:
            if key in self._keys:
                index = self._keys[key]
                self._sources[index] = _fuller(self._sources[index], source)
                for other in keys:
                    self._keys.setdefault(other, index)
                return index + 1
        self._sources.append(source)
        for key in keys:
            self._keys[key] = len(self._sources) - 1
        return len(self._sources)

    def notes(self) -> tuple[BriefNote, ...]:
        return tuple(BriefNote(i + 1, s, citation_text(s)) for i, s in enumerate(self._sources))


def _fuller(kept: Source, other: Source) -> Source:
    """``kept`` with the fields it lacks taken from ``other``."""
    return Source(kept.authors or other.authors, kept.title or other.title, kept.outlet or other.outlet,
                  kept.date or other.date,
                  kept.date_precision if kept.date else other.date_precision, kept.url or other.url,
                  kept.raw or other.raw)
