"""Citations: split one note into the sources it cites, and parse each.

A note is cut into pieces at ``;`` and at sentence ends outside quotations and URLs; a piece
with a title, a URL or an ``Outlet, date`` shape is a reference, any other piece is commentary.
Commentary goes with the reference after it ("… officer. See: URL"), or, at the end of the note,
with the reference before it. Two references in one piece ("… 2019, http://x.pdf. Leo Grant,
“Title,” …") are cut where the first one's URL or date ends.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from sitrep.ingest.pubdates import find_date
from sitrep.ingest.references import Reference, is_bare_reference, parse_reference
from sitrep.ingest.sentences import ends_abbreviation
from sitrep.ingest.titles import Quoted, find_quoted
from sitrep.ingest.urls import find_urls
from sitrep.model.citation import Citation
from sitrep.model.span import Span

_CLOSERS = ")]\"”’'"


@dataclass(slots=True)
class _Source:
    reference: Reference
    commentary: list[tuple[int, int]] = field(default_factory=list)


def parse_note(number: int, text: str, *, offset: int) -> tuple[Citation, ...]:
    """The sources cited by note ``number`` whose text is ``text``, found at ``offset`` in the document.

    A note that cites nothing still yields one citation, holding its commentary.
    """
    urls = find_urls(text)
    quoted = find_quoted(text, urls)
    sources: list[_Source] = []
    pending: list[tuple[int, int]] = []
    for start, end in _pieces(text, urls, quoted):
        for piece_start, piece_end in _split_titles(text, start, end, quoted, urls):
            reference = _reference(text, piece_start, piece_end, quoted, urls)
            if reference is None:
                pending.append((piece_start, piece_end))
                continue
            if text[piece_start : reference.start].strip():
                pending.append((piece_start, reference.start))
            sources.append(_Source(reference, pending))
            pending = []
    if pending and sources:
        sources[-1].commentary.extend(pending)
    if not sources:
        return (_commentary_only(number, text, offset),)
    return tuple(_citation(number, index, text, offset, s) for index, s in enumerate(sources))


def _reference(
    text: str, start: int, end: int, quoted: tuple[Quoted, ...], urls: list[tuple[int, int]]
) -> Reference | None:
    titles = _titles_in(quoted, start, end)
    if titles or any(start <= a < end for a, _ in urls) or is_bare_reference(text, start, end):
        return parse_reference(text, start, end, title=titles[0] if titles else None, urls=urls)
    return None


def _titles_in(quoted: tuple[Quoted, ...], start: int, end: int) -> list[Quoted]:
    """Titles in a piece: quoted ones; italic ones only when nothing is quoted (else they are outlets)."""
    inside = [q for q in quoted if q.title and start <= q.start < end]
    plain = [q for q in inside if not q.italic]
    return plain or inside


def _pieces(text: str, urls: list[tuple[int, int]], quoted: tuple[Quoted, ...]) -> list[tuple[int, int]]:
    blocked = urls + [(q.start + 1, q.end - 1) for q in quoted if not q.italic]
    cuts: list[tuple[int, int]] = []
    for index, char in enumerate(text):
        if char not in ";.?!" or any(a <= index < b for a, b in blocked):
            continue
        if char == ";":
            cuts.append((index, index + 1))
            continue
        after = index + 1
        while after < len(text) and text[after] in _CLOSERS and not _opens_quote(quoted, after):
            after += 1
        abbreviation = char == "." and ends_abbreviation(text, index)
        # "Smith, John. “Title.” Outlet" is one reference: a full stop before a title does not cut
        if _starts_next(text, after) and not abbreviation and not _title_follows(text, after, quoted):
            cuts.append((after, after))
    for quote in quoted:
        said = text[quote.start + 1 : quote.end - 1].rstrip()
        if not quote.title and said[-1:] in (".", "?", "!", "…") and _starts_next(text, quote.end):
            cuts.append((quote.end, quote.end))
    pieces: list[tuple[int, int]] = []
    position = 0
    for cut_start, cut_end in sorted(set(cuts)):
        pieces.append((position, cut_start))
        position = max(position, cut_end)
    pieces.append((position, len(text)))
    return [trimmed for piece in pieces if (trimmed := _trim(text, *piece)) is not None]


def _split_titles(
    text: str, start: int, end: int, quoted: tuple[Quoted, ...], urls: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Cut a piece holding several titled references after each one's URL or date."""
    titles = _titles_in(quoted, start, end)
    pieces: list[tuple[int, int]] = []
    position = start
    for previous, title in itertools.pairwise(titles):
        cut = _cut_between(text, previous.end, title.start, urls)
        pieces.append((position, cut))
        position = cut
    pieces.append((position, end))
    return [trimmed for piece in pieces if (trimmed := _trim(text, *piece)) is not None]


def _cut_between(text: str, start: int, end: int, urls: list[tuple[int, int]]) -> int:
    ends = [b for a, b in urls if start <= a < end]
    if ends:
        return ends[-1]
    last_date = None
    position = start
    while (found := find_date(text, position, end)) is not None:
        last_date, position = found, found.end
    if last_date is not None:
        return last_date.end
    commas = [i + 1 for i in range(start, end) if text[i] == ","]
    for comma in commas[:-1]:
        candidate = text[comma:end].strip(" ,")
        if candidate and candidate[0].isupper() and candidate.count(",") <= 3:
            return comma
    return end


def _title_follows(text: str, index: int, quoted: tuple[Quoted, ...]) -> bool:
    rest = len(text) - len(text[index:].lstrip())
    return any(q.start == rest and q.title and not q.italic for q in quoted)


def _opens_quote(quoted: tuple[Quoted, ...], index: int) -> bool:
    return any(q.start == index for q in quoted)


def _starts_next(text: str, index: int) -> bool:
    """Whether a new sentence starts after the whitespace at ``text[index]``."""
    if index >= len(text) or not text[index].isspace():
        return False
    rest = text[index:].lstrip()
    return bool(rest) and not rest[0].islower()


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (text[start].isspace() or text[start] in ".,;"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _citation(number: int, index: int, text: str, offset: int, source: _Source) -> Citation:
    ref = source.reference
    commentary = " ".join(text[a:b].strip() for a, b in source.commentary).strip()
    return Citation(
        note=number,
        index=index,
        span=Span(offset + ref.start, offset + ref.end),
        raw=text[ref.start : ref.end],
        authors=ref.authors,
        title=ref.title,
        outlet=ref.outlet,
        date=ref.date,
        date_precision=ref.date_precision,
        url=ref.url,
        commentary=commentary or None,
    )


def _commentary_only(number: int, text: str, offset: int) -> Citation:
    start, end = _trim(text, 0, len(text)) or (0, 0)
    words = text[start:end]
    span = Span(offset + start, offset + end)
    return Citation(note=number, index=0, span=span, raw=words, commentary=words or None)
