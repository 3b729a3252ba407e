"""Notes: find a report's notes section, its numbered notes, and the markers in the body.

The notes section is the trailing run of lines that open with a note label: ``[3] …``,
``3. …`` / ``3) …``, ``^3 …`` or a Markdown definition ``[^3]: …``, optionally under a heading
("Notes", "Endnotes", "References", …). A numbered list earlier in the body is not it: the
section is the last run whose numbers mostly increase, with little but boilerplate after it.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sitrep.ingest.citations import parse_note
from sitrep.ingest.sentences import split_sentences
from sitrep.ingest.urls import find_urls
from sitrep.model.citation import Marker, Note
from sitrep.model.reading import NotesReading
from sitrep.model.span import Span

_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_LABELS = (
    ("markdown", re.compile(r"[ \t]*\[\^(\d{1,3})\]:[ \t]*")),
    ("bracket", re.compile(r"[ \t]*\[(\d{1,3})\][ \t]*")),
    ("caret", re.compile(r"[ \t]*\^(\d{1,3})[ \t]+")),
    ("numbered", re.compile(r"[ \t]*(\d{1,3})[.)][ \t]+")),
    ("superscript", re.compile(r"[ \t]*([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})[ \t]*")),
)
_HEADING = re.compile(
    r"[ \t]*(?:#{1,6}[ \t]*)?[*_]{0,2}(?:notes?|end[ -]?notes|foot[ -]?notes|references|sources|citations"
    r"|bibliography|works cited)[*_]{0,2}[ \t]*:?[ \t]*",
    re.IGNORECASE,
)
# A "3." list item is only taken for a note when the section looks like references.
_REFERENCE_CUE = re.compile(r"https?://|www\.|\b(?:1[89]|20)\d{2}\b|[“\"]")
_MARKER = re.compile(
    r"\[\^(?P<md>\d{1,3})\](?!:)"
    r"|\[(?P<list>\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\]"
    r"|(?<![\d\[])\^(?P<caret>\d{1,3})"
    r"|(?<=[^\s\d⁰¹²³⁴⁵⁶⁷⁸⁹])(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})"
)
_UNIT_BEFORE = re.compile(r"\b(?:k?m|cm|mm|ft|in|mi|sq)$")
_MAX_TAIL = 400  # characters of non-boilerplate text allowed after the notes section


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int  # without the line break
    kind: str  # "blank", "skip", "label" or "text"
    style: str = ""
    number: int = 0
    body: int = 0  # where the note text starts, after the label
    indent: int = 0


@dataclass(frozen=True, slots=True)
class _Run:
    style: str
    notes: tuple[tuple[int, int, int], ...]  # (number, start, end) of each note's text
    first_line: int  # index of the first label line
    last_line: int  # index of the last line of the last note


def read_notes(text: str, *, skip: Sequence[Span] = ()) -> NotesReading:
    """The notes section, notes (with parsed citations), body markers and body sentences of ``text``."""
    lines = _lines(text, skip)
    run = _notes_run(text, lines)
    section: Span | None = None
    notes: tuple[Note, ...] = ()
    if run is not None:
        start = _heading_start(text, lines, run.first_line)
        section = Span(start, run.notes[-1][2])
        notes = tuple(
            Note(number, Span(a, b), text[a:b], parse_note(number, text[a:b], offset=a))
            for number, a, b in run.notes
        )
    body_end = section.start if section else len(text)
    sentences = split_sentences(text, end=body_end, skip=skip)
    highest = max((note.number for note in notes), default=0)
    markers = _markers(text, body_end, skip, sentences, highest)
    return NotesReading(section=section, notes=notes, markers=markers, sentences=sentences)


def _lines(text: str, skip: Sequence[Span]) -> list[_Line]:
    lines: list[_Line] = []
    position = 0
    for raw in text.splitlines(keepends=True):
        start, end = position, position + len(raw.rstrip("\r\n"))
        position += len(raw)
        content = text[start:end]
        if not content.strip():
            lines.append(_Line(start, end, "blank"))
        elif _all_skipped(text, start, end, skip):
            lines.append(_Line(start, end, "skip"))
        else:
            indent = len(content) - len(content.lstrip(" \t"))
            lines.append(_label(text, start, end, indent))
    return lines


def _all_skipped(text: str, start: int, end: int, skip: Sequence[Span]) -> bool:
    """Whether every visible character of the line ``text[start:end]`` is boilerplate."""
    spans = [s for s in skip if s.start < end and start < s.end]
    return bool(spans) and all(
        text[i].isspace() or any(s.start <= i < s.end for s in spans) for i in range(start, end)
    )


def _label(text: str, start: int, end: int, indent: int) -> _Line:
    for style, pattern in _LABELS:
        match = pattern.match(text, start, end)
        if match and match.end() < end:
            number = int(match.group(1).translate(_SUPERSCRIPT))
            return _Line(start, end, "label", style, number, match.end(), indent)
    return _Line(start, end, "text", indent=indent)


def _runs(text: str, lines: list[_Line]) -> list[_Run]:
    """Every run of notes in one style, separated by nothing but blank lines or boilerplate."""
    runs: list[_Run] = []
    notes: list[tuple[int, int, int]] = []
    style, first, last = "", 0, 0
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.kind == "label" and notes and line.style != style:
            runs.append(_Run(style, tuple(notes), first, last))
            notes = []
        if line.kind == "label":
            if not notes:
                style, first = line.style, index
            last = _note_end(lines, index)
            notes.append((line.number, line.body, _trim_end(text, line.body, lines[last].end)))
            index = last + 1
            continue
        if line.kind == "text" and notes:
            runs.append(_Run(style, tuple(notes), first, last))
            notes = []
        index += 1
    if notes:
        runs.append(_Run(style, tuple(notes), first, last))
    return runs


def _note_end(lines: list[_Line], index: int) -> int:
    """The last line of the note opening at ``lines[index]``: wrapped lines, indented paragraphs."""
    last = index
    for next_index in range(index + 1, len(lines)):
        line = lines[next_index]
        if line.kind in ("label", "skip"):
            break
        if line.kind == "text":
            # after a blank line only an indented paragraph (Markdown style) goes on with the note
            if lines[next_index - 1].kind == "blank" and line.indent < 2:
                break
            last = next_index
    return last


def _notes_run(text: str, lines: list[_Line]) -> _Run | None:
    runs = _runs(text, lines)
    chosen = next((i for i in range(len(runs) - 1, -1, -1) if _acceptable(text, lines, runs[i])), None)
    if chosen is None:
        return None
    run = runs[chosen]
    # A stray line (a page header) between two stretches of one notes section does not cut it.
    for earlier in reversed(runs[:chosen]):
        between = text[lines[earlier.last_line].end : lines[run.first_line].start]
        joined = earlier.style == run.style and earlier.notes[-1][0] < run.notes[0][0]
        if not joined or len(between.strip()) > 200:
            break
        run = _Run(run.style, earlier.notes + run.notes, earlier.first_line, run.last_line)
    return run


def _acceptable(text: str, lines: list[_Line], run: _Run) -> bool:
    numbers = [number for number, _, _ in run.notes]
    rising = sum(b > a for a, b in itertools.pairwise(numbers))
    if len(numbers) > 1 and rising < 0.7 * (len(numbers) - 1):
        return False
    tail = sum(
        len(text[line.start : line.end].strip()) for line in lines[run.last_line + 1 :] if line.kind == "text"
    )
    if tail > max(_MAX_TAIL, sum(end - start for _, start, end in run.notes)):
        return False  # not at the end of the text
    if _heading_start(text, lines, run.first_line) < lines[run.first_line].start:
        return True
    # Without a heading, a lone note or a "1." list needs markers in the body to be notes.
    marked = _MARKER.search(text, 0, lines[run.first_line].start) is not None
    if run.style == "numbered":
        cued = sum(bool(_REFERENCE_CUE.search(text, start, end)) for _, start, end in run.notes)
        return marked and cued >= 0.5 * len(numbers)
    return len(numbers) > 1 or marked


def _heading_start(text: str, lines: list[_Line], first_line: int) -> int:
    """Where the section starts: its heading line if one stands just above the first note."""
    for index in range(first_line - 1, -1, -1):
        line = lines[index]
        if line.kind in ("blank", "skip"):
            continue
        if _HEADING.fullmatch(text, line.start, line.end):
            return line.start + len(text[line.start : line.end]) - len(text[line.start : line.end].lstrip())
        break
    return lines[first_line].start


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _markers(
    text: str, body_end: int, skip: Sequence[Span], sentences: tuple[Span, ...], highest: int
) -> tuple[Marker, ...]:
    excluded = [(s.start, s.end) for s in skip] + find_urls(text, 0, body_end)
    limit = highest + max(5, highest // 4) if highest else 999
    starts = [sentence.start for sentence in sentences]
    markers: list[Marker] = []
    for match in _MARKER.finditer(text, 0, body_end):
        if any(a <= match.start() < b for a, b in excluded):
            continue
        unit = _UNIT_BEFORE.search(text, max(0, match.start() - 4), match.start())
        if match.group("sup") and (not highest or unit):
            continue
        span = Span(match.start(), match.end())
        sentence = _sentence_of(span, sentences, starts)
        for number in _numbers(match):
            if 1 <= number <= limit:
                markers.append(Marker(number, span, sentence))
    return tuple(markers)


def _numbers(match: re.Match[str]) -> list[int]:
    if match.group("list") is None:
        raw = match.group("md") or match.group("caret") or match.group("sup")
        return [int(raw.translate(_SUPERSCRIPT))]
    numbers: list[int] = []
    for part in re.split(r"\s*,\s*", match.group("list")):
        bounds = [int(n) for n in re.split(r"\s*[–-]\s*", part)]
        low, high = bounds[0], bounds[-1]
        numbers.extend(range(low, high + 1) if 0 <= high - low <= 20 else bounds)
    return numbers


def _sentence_of(span: Span, sentences: tuple[Span, ...], starts: list[int]) -> Span:
    """The sentence carrying a marker: the one that holds it, else the one just before it."""
    index = bisect.bisect_right(starts, span.start) - 1
    if index >= 0:
        return sentences[index]
    return sentences[0] if sentences else span
