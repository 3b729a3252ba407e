"""Sentences: a fast rule-based splitter for report bodies.

It runs at ingest over every document, so it uses no parser: a sentence ends at ``.``, ``?`` or
``!`` (with any closing quotes) when the next word starts a new sentence. Note markers that follow
the end (``killed 3 soldiers.[5] Next``) stay with the sentence they cite. Blank lines, list items
and Markdown headings always end a sentence, and a sentence never covers a ``skip`` span.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from sitrep.model.span import Span


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Titles before a name: never end a sentence ("Gen. Venn", "Dr. Osei").
TITLES = _words(
    "Adm Amb Brig Capt Cdr Cmdr Col Cpl Dr Fr Gen Gens Gov Hon Lt Maj Messrs Mme Mr Mrs Ms Mt "
    "Prof Pte Pvt Rep Reps Rev Sen Sens Sgt Sr Jr St Ft Pres Supt"
)
# Abbreviations that only precede a number ("No. 5", "pp. 12").
_BEFORE_NUMBER = _words("No Nos no nos Vol vol p pp Art art Fig fig para ch sec Sec")
# Abbreviations that may also end a sentence: they end one only before a common sentence opener.
_AMBIGUOUS = _words(
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Inc Co Corp Ltd Bros etc vs cf approx "
    "est dept Dept Univ Assn Ave Blvd Rd Gov't govt ed eds trans"
)
# Words that commonly open a sentence; after "U.S." or "Inc." they signal a real end.
_OPENERS = _words(
    "A An The In On At It Its He She They We I This That These Those There But And However "
    "Meanwhile According After Before As If When While His Her Their Our Some Many Most Such "
    "Since Although Despite For From To By With Yet Still Also Then Thus Other Officials Both "
    "Each Several No Not What Who Why How Where Last Next One Two Three"
)

MARKER = r"(?:\[\^?\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]|\^\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})"
_END = re.compile(r"[.!?]+[\"”’'»)]*" + MARKER + r"*[\"”’'»)]*")
_ACRONYM = re.compile(r"(?:[A-Za-z]{1,3}\.)+[A-Za-z]{1,3}")
_WORD_BEFORE = re.compile(r"([\w.’'-]*\w)\.$")
_HARD_BREAK = re.compile(
    r"\n[^\S\n]*\n"  # a blank line
    r"|\n(?=[^\S\n]*(?:[-*•▪◦]|\d{1,3}[.)])[^\S\n])"  # a list item starts
    r"|\n(?=#{1,6}[^\S\n])"  # a Markdown heading starts
)
_HEADING_LINE = re.compile(r"^#{1,6}[^\S\n].*$", re.MULTILINE)


def split_sentences(
    text: str, *, start: int = 0, end: int | None = None, skip: Sequence[Span] = ()
) -> tuple[Span, ...]:
    """The sentences of ``text[start:end]`` as spans, trimmed of surrounding whitespace.

    Markers after a sentence's end belong to it; ``skip`` spans (boilerplate) are never covered.
    """
    stop = len(text) if end is None else min(end, len(text))
    spans: list[Span] = []
    for seg_start, seg_end in _segments(text, start, stop, skip):
        spans.extend(_split_segment(text, seg_start, seg_end))
    return tuple(spans)


def ends_abbreviation(text: str, dot: int) -> bool:
    """Whether the ``.`` at ``text[dot]`` closes an abbreviation or initial rather than a sentence."""
    match = _WORD_BEFORE.search(text, max(0, dot - 40), dot + 1)
    if match is None:
        return False
    word = match.group(1)
    following = text[dot + 1 : dot + 40].lstrip(" \t\xa0\n\"“”’'[(")
    next_word = re.match(r"[\w’'-]*", following)
    opener = next_word.group(0) if next_word else ""
    if (len(word) == 1 and word.isupper()) or word in TITLES:
        return True  # an initial ("Frank W. Kane") or a title ("Gen. Venn")
    if word in _BEFORE_NUMBER:
        return following[:1].isdigit()
    if _ACRONYM.fullmatch(word) or word in _AMBIGUOUS:  # "U.S.", "I.E.D.", "Jan."
        return opener not in _OPENERS
    return False


def _segments(text: str, start: int, stop: int, skip: Sequence[Span]) -> Iterator[tuple[int, int]]:
    """Stretches of ``text`` with no hard break and no skipped span inside."""
    cuts: list[tuple[int, int]] = [(s.start, s.end) for s in skip if s.end > start and s.start < stop]
    cuts += [(m.start(), m.end()) for m in _HARD_BREAK.finditer(text, start, stop)]
    cuts += [(m.end(), m.end()) for m in _HEADING_LINE.finditer(text, start, stop)]
    cuts.sort()
    position = start
    for cut_start, cut_end in cuts:
        if cut_start > position:
            yield position, min(cut_start, stop)
        position = max(position, cut_end)
    if position < stop:
        yield position, stop


def _split_segment(text: str, start: int, stop: int) -> Iterator[Span]:
    position = start
    for match in _END.finditer(text, start, stop):
        if not _is_end(text, match, stop):
            continue
        span = _trimmed(text, position, match.end())
        if span is not None:
            yield span
        position = match.end()
    span = _trimmed(text, position, stop)
    if span is not None:
        yield span


def _is_end(text: str, match: re.Match[str], stop: int) -> bool:
    after = match.end()
    if after < stop and not text[after].isspace():
        return False
    punctuation = match.group(0)
    if punctuation.startswith("..") and "?" not in punctuation and "!" not in punctuation:
        return False  # an ellipsis mostly marks words left out of a quotation
    rest = text[after:stop].lstrip()
    if not rest:
        return True
    if rest[0].islower():
        return False
    return not (punctuation[0] == "." and ends_abbreviation(text, match.start()))


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None
