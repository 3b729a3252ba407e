"""Boilerplate: text in a document that is not body (image captions, credits, site chrome).

Nothing is deleted: ``Document.text`` keeps every character so that offsets never move, and
extraction skips the marked spans. Every rule is about the *shape* of the text (a line repeated
with a photo credit after it, a whole line of site chrome, a breadcrumb trail), never about the
words of one particular document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.model.document import Boilerplate
from sitrep.model.span import Span

# A caption paragraph longer than this is body text that happens to open with the caption
# sentence; only that sentence is marked.
_CAPTION_MAX = 300
_ECHO_WORDS = (3, 40)
_ECHO_MAX_CHARS = 200

_PHOTO = r"(?i:photo(?:graph)?s?|images?|pictures?|illustrations?|graphics?)"
# Agencies' own credit forms ("AP Photo/Jane Roe", "Getty Images"); the agency name alone is not
# enough, it is often a dateline.
_AGENCY_CREDIT = r"(?:[A-Z][\w.&'-]*\s+){1,3}(?:Photos?|Images|Pictures)(?:\s*/\s*[^()\n]{1,80})?"

_PAREN_CREDIT = re.compile(
    rf"\(\s*(?:(?P<kind>{_PHOTO}(?:\s+(?i:credits?))?|(?i:credits?|courtesy|source))"
    rf"(?:\s*[:/–—-]\s*|\s+(?i:by|of)\s+)[^()\n]{{1,120}}|{_AGENCY_CREDIT})\s*\)"
)
_CREDIT_LINE = re.compile(
    rf"(?:{_PHOTO}(?:\s+(?i:credits?))?|(?i:credits?|courtesy))\s*:\s*\S[^\n]{{0,100}}"
    rf"|{_PHOTO}\s+(?i:by)\s+[A-Z][^\n]{{0,80}}"
    rf"|(?i:courtesy\s+of)\s+\S[^\n]{{0,80}}"
    rf"|(?:[^\n]{{1,60}}/\s*)?{_AGENCY_CREDIT}"
)
_INLINE_CREDIT = re.compile(
    rf"(?<=[.!?\"”’)])\s+(?P<credit>{_PHOTO}(?:\s+(?i:credits?))?"
    r"(?::\s*\S|\s+(?i:by)\s+[A-Z])[^()\n]{0,80})$"
)

_TRAILER = re.compile(
    r"""(?:
        (?:view|show|hide)\ (?:all\ )?citations? |
        share(?:\ this(?:\ (?:article|story|page|post))?)?(?:\ (?:on|via)\ [\w ]{1,20})? |
        print(?:\ this)?(?:\ (?:article|story|page|post))? | printer[- ]friendly(?:\ version)? |
        e-?mail(?:\ this)?(?:\ (?:article|story|page|post))? |
        back\ to\ top | return\ to\ top | top\ of\ page |
        related(?:\ (?:articles?|stories|posts|content|coverage|links|reading|topics|news))? |
        (?:read|see|show|load)\ more(?:\ (?:stories|articles|news|posts))? | continue\ reading |
        subscribe\b.{0,80} | sign\ up\b.{0,80} | click\ here\b.{0,100} |
        advertisement | sponsored(?:\ content)? | skip\ to\ (?:main\ )?content |
        follow\ us(?:\ on\ .{1,40})? | (?:leave|add|post)\ a\ comment | \d+\ comments? |
        (?:©|\(c\)|copyright\s*(?:©|\(c\))?)\s*\d{4}\b.{0,100} | all\ rights\ reserved
    )[\s.:!»›>→↑]*""",
    re.IGNORECASE | re.VERBOSE,
)
_NAV_SEPARATOR = re.compile(r"\s+([>»›|])\s+")
# Menu items are words: a digit or sentence punctuation means prose ("rose > 40 in May").
_NAV_ITEM = re.compile(r"[^\W\d_][^.!?;:,\d]{0,39}")
_NAV_ITEM_WORDS = 5


@dataclass(frozen=True, slots=True)
class _Line:
    """One non-blank line: offsets of its first and last non-space characters, and its text."""

    start: int
    end: int
    text: str


def find_boilerplate(text: str) -> tuple[Boilerplate, ...]:
    """Mark captions, credits, trailers and navigation in ``text``, in order of position.

    Each span covers exactly the marked words (no surrounding whitespace or newline).
    """
    lines = _lines(text)
    found: list[Boilerplate] = []
    taken: set[int] = set()
    for index, line in enumerate(lines):
        kind = "trailer" if _TRAILER.fullmatch(line.text) else None
        if kind is None and _is_navigation(lines, index):
            kind = "navigation"
        if kind is not None:
            found.append(_mark(text, kind, line.start, line.end))
            taken.add(index)
    found.extend(_captions_and_credits(text, lines, taken))
    return _without_overlaps(found)


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    offset = 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped:
            start = offset + len(raw) - len(raw.lstrip())
            lines.append(_Line(start, start + len(stripped), stripped))
        offset += len(raw)
    return lines


def _mark(text: str, kind: str, start: int, end: int) -> Boilerplate:
    return Boilerplate(kind=kind, span=Span(start, end), text=text[start:end])


def _is_navigation(lines: list[_Line], index: int) -> bool:
    """A breadcrumb or menu line: short items joined by one repeated separator.

    Three items at least ("Home > World > Asia"), or two when the first is "Home". A pipe line
    next to other pipe lines is a table, not a menu.
    """
    line = lines[index].text
    parts = _NAV_SEPARATOR.split(line)
    items, separators = parts[::2], set(parts[1::2])
    if len(separators) != 1 or not all(_is_nav_item(item) for item in items):
        return False
    if len(items) < 3 and not (len(items) == 2 and items[0].casefold() == "home"):
        return False
    if separators == {"|"}:
        neighbours = lines[max(index - 1, 0) : index] + lines[index + 1 : index + 2]
        return not any("|" in other.text for other in neighbours)
    return True


def _is_nav_item(item: str) -> bool:
    return bool(_NAV_ITEM.fullmatch(item)) and len(item.split()) <= _NAV_ITEM_WORDS


def _captions_and_credits(text: str, lines: list[_Line], taken: set[int]) -> list[Boilerplate]:
    """Credits, and the captions they close.

    A caption is marked when its sentence also stands alone on another line (scrapes repeat an
    image's caption above the article and again beside the image) or when a photo credit closes
    a short paragraph. A "(Source: …)" credit is also how body text cites data, so it is marked
    only with a repeated caption or alone on its line.
    """
    found: list[Boilerplate] = []
    echoes = _echo_index(lines)
    for index, line in enumerate(lines):
        credit = None if index in taken else _credit_in(line.text)
        if credit is None:
            continue
        start, end, photo = credit
        pre = line.text[:start].rstrip()
        post = line.text[end:].strip()
        caption = (line, pre, index)
        if not pre and not post and index > 0 and index - 1 not in taken:
            previous = lines[index - 1]
            caption = (previous, previous.text, index - 1)
        owner, words, owner_index = caption
        echo = _echo(words, lines, echoes, skip=taken | {index, owner_index}) if words else None
        if echo is not None:
            echo_index, length = echo
            echo_line = lines[echo_index]
            found.append(_mark(text, "caption", echo_line.start, echo_line.end))
            length = len(words) if len(words) <= _CAPTION_MAX else length
            found.append(_mark(text, "caption", owner.start, owner.start + length))
        elif photo and pre and not post and len(pre) <= _CAPTION_MAX:
            found.append(_mark(text, "caption", line.start, line.start + len(pre)))
        if echo is not None or photo or not (pre or post):
            found.append(_mark(text, "credit", line.start + start, line.start + end))
    return found


def _credit_in(line: str) -> tuple[int, int, bool] | None:
    """Where a credit lies in ``line`` and whether it is a photo credit (not a data source)."""
    if _CREDIT_LINE.fullmatch(line):
        return 0, len(line), True
    parens = [
        (match.start(), match.end(), not (match.group("kind") or "").casefold().startswith("source"))
        for match in _PAREN_CREDIT.finditer(line)
    ]
    if parens:
        # A photo credit is the stronger sign; a "(Source: …)" before it may be body text.
        return next((found for found in parens if found[2]), parens[0])
    inline = _INLINE_CREDIT.search(line)
    if inline is not None:
        return inline.start("credit"), inline.end("credit"), True
    return None


def _echo_index(lines: list[_Line]) -> dict[tuple[str, ...], list[int]]:
    """Lines that could be a repeated caption, keyed by their first words, so that each credit
    is compared with a handful of lines, not every line of a long document."""
    index: dict[tuple[str, ...], list[int]] = {}
    for number, line in enumerate(lines):
        tokens = _echo_body(line.text).split()
        if _ECHO_WORDS[0] <= len(tokens) <= _ECHO_WORDS[1] and len(line.text) <= _ECHO_MAX_CHARS:
            index.setdefault(_key(tokens), []).append(number)
    return index


def _echo(
    words: str, lines: list[_Line], index: dict[tuple[str, ...], list[int]], *, skip: set[int]
) -> tuple[int, int] | None:
    """A whole line (not in ``skip``) whose words open ``words`` as a complete sentence.

    Returns the line's index and how many characters of ``words`` it covers, closing punctuation
    included.
    """
    for number in index.get(_key(words.split()), ()):
        if number in skip:
            continue
        tokens = _echo_body(lines[number].text).split()
        # The sentence must end where the line ends: with punctuation or at the end of the text.
        pattern = r"\s+".join(map(re.escape, tokens)) + r"(?:[.!?:;,]+(?=\s|$)|$)"
        match = re.match(pattern, words, re.IGNORECASE)
        if match is not None:
            return number, match.end()
    return None


def _echo_body(line: str) -> str:
    return line.lstrip("#").strip().rstrip(".!?:;,")


def _key(tokens: list[str]) -> tuple[str, ...]:
    return tuple(token.strip(".!?:;,").casefold() for token in tokens[: _ECHO_WORDS[0]])


def _without_overlaps(found: list[Boilerplate]) -> tuple[Boilerplate, ...]:
    kept: list[Boilerplate] = []
    for mark in sorted(found, key=lambda item: (item.span.start, -len(item.span))):
        if not kept or mark.span.start >= kept[-1].span.end:
            kept.append(mark)
    return tuple(kept)
