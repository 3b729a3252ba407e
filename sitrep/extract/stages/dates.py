"""Stage ``dates``: every time expression in the body as a DateValue, resolved against publication.

Candidates are spaCy's DATE entities, TIME entities that name a day ("late Tuesday night"), and the
forms the entity recogniser misses ("on July 7", "a June 6 attack", "in 2008", "earlier this month");
overlapping ones merge, qualifiers join them ("around", "early", "the end of") and "from X to Y" /
"between X and Y" join into ranges. Durations and ages ("five years", "three-day") are dropped.

The tense of the clause a date hangs on decides the year of a date given without one: past tense
puts it on or before publication; "will", "plans to", "ahead of", "by" (outside the past) put it
after, and mark it ``future``; a date after publication is always ``future``.

Hands on ``doc.user_data["date_heads"]``: ``{date span start: token index}`` of the word the date
attaches to (the verb of "On July 7, … were killed", the noun of "a June 6 attack"), prepositions
skipped; absent when the date hangs on nothing outside itself.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from sitrep.extract.doc import ExtractDoc
from sitrep.extract.temporal import DAY, MONTH, NUM, UNIT, WEEKDAY, YEAR, interpret, names_a_time
from sitrep.model.facts import DateValue
from sitrep.model.span import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

_PREP = (r"(?:in|on|since|until|till|by|during|before|after|from|through|of|between|beyond|and|to|around|"
         r"circa)")

# Where a date may stand; the named group ``d`` is the date itself. Month names stand alone only after
# a preposition or qualifier ("in June", "early June"): alone they are too often names.
_PATTERNS = [re.compile(p, re.IGNORECASE if i >= 5 else 0) for i, p in enumerate((
    rf"(?P<d>(?:between\s+)?{MONTH}\s+{DAY}(?:\s*(?:-|–|to|through|and)\s*\d{{1,2}}(?![\w]))?(?:,?\s+{YEAR})?)",
    rf"(?P<d>{DAY}\s+{MONTH}(?:,?\s+{YEAR})?)",
    rf"(?P<d>{MONTH},?\s+{YEAR}|(?<![\w-])(?:1[89]|20)\d\d-\d\d-\d\d(?![\w-]))",
    rf"(?i:\b(?:{_PREP}|early|late|last|next|this)\s+)(?P<d>{MONTH})",
    rf"(?i:\b(?:{_PREP}|early|late|spring|summer|autumn|fall|winter)\s+)(?P<d>{YEAR})(?![.,]\d)",
    r"(?<![\w'])(?P<d>(?:the\s+)?(?:early\s+|late\s+|mid-?)?'?(?:1[89]|20)?\d0s(?![\w]))",
    rf"(?P<d>\bmid-(?:{YEAR}|{MONTH}))",
    rf"(?P<d>\b(?:(?:last|next|this|late|early)\s+)?{WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?)",
    r"(?P<d>\b(?:yesterday|today|tonight|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening)))\b",
    r"(?P<d>\b(?:(?:earlier|later)\s+)?(?:last|next|this|past|coming|previous)\s+"
    r"(?:week|month|year|weekend|spring|summer|autumn|fall|winter))\b",
    rf"(?P<d>\b{NUM}\s+{UNIT}s?\s+ago)\b",
    rf"(?P<d>\b(?:the\s+)?(?:past|last|next|coming|previous)\s+{NUM}\s+{UNIT}s)\b",
    rf"(?P<d>\b(?:recent|coming)\s+{UNIT}s)\b",
))]

_WIDEN = re.compile(r"(?i:around|about|approximately|roughly|circa|sometime\s+in|early|late|"
                    r"the\s+(?:beginning|start|end|middle|first\s+half|second\s+half)\s+of|"
                    r"(?:the\s+)?(?:morning|afternoon|evening|night)\s+of|"
                    r"(?:the\s+)?(?:first|second|third|fourth|last)\s+week\s+of)\s+\Z")
_LINK = re.compile(r"\s*(?P<word>-|–|—|(?i:to|through|until|till|and))\s*")
_OPENER = re.compile(r"\b(?P<word>(?i:from|between))\s+\Z")
# Words before a date that put it ahead of the clause whatever its tense.
_AHEAD = re.compile(r"\b(?:ahead\s+of|run-up\s+to|in\s+advance\s+of|"
                    r"(?:planned|scheduled|slated|set|due|expected)\s+(?:for|in|on|by)|"
                    r"(?:postponed|delayed|deferred|put\s+off|pushed\s+back|extended)\s+(?:until|till|to)|"
                    r"upcoming|approaching|forthcoming|next)\s+(?:the\s+)?(?:\w+\s+)?\Z", re.I)
# Words that put it ahead unless the clause is in the past ("by 2008 the city had fallen").
_BY = re.compile(r"\b(?:by|until|till|before)\s+(?:the\s+)?(?:\w+\s+)?\Z", re.I)
_BEHIND = re.compile(r"\b(?:last|yesterday|ago|earlier|previous|past)\b", re.I)  # never ahead
_AHEAD_NOUNS = frozenset({"deadline", "target", "timetable", "timeline", "schedule"})
# Verbs whose infinitive looks ahead ("plans to withdraw by December").
_FUTURE_VERBS = frozenset({
    "plan", "schedule", "expect", "aim", "intend", "hope", "vow", "pledge", "promise", "threaten", "agree",
    "decide", "seek", "want", "need", "prepare",
})  # fmt: skip
_FUTURE_MODALS = frozenset({"will", "'ll", "shall", "wo", "would", "must", "should", "may", "might", "can",
                            "ca"})
_BARE_YEAR = re.compile(r"\d{4}")


class DatesStage:
    name: ClassVar[str] = "dates"
    requires: ClassVar[tuple[str, ...]] = ("spacy",)
    assigns: ClassVar[tuple[str, ...]] = ("dates",)

    def __call__(self, doc: ExtractDoc) -> ExtractDoc:
        parsed = doc.spacy
        heads: dict[int, int] = {}
        doc.user_data["date_heads"] = heads
        if parsed is None:
            return doc
        for start, end in candidates(parsed):
            span = parsed.char_span(start, end, alignment_mode="expand")
            if span is None or (_BARE_YEAR.fullmatch(span.text) and span.root.dep_ == "nummod"):
                continue  # "2000 troops": a count, not a year
            policy, ahead = _context(span)
            resolved = interpret(doc.analysis_text[start:end], published=doc.published, policy=policy)
            if resolved is None:
                continue
            doc.dates.append(DateValue(
                text=doc.text[start:end], span=Span(start, end), value=resolved.value,
                precision=resolved.precision, kind=resolved.kind, end=resolved.end,
                future=resolved.future or (ahead and not _BEHIND.search(doc.analysis_text[start:end]))))
            if (attach := _attachment(span)) is not None:
                heads[start] = attach.i
        return doc


def candidates(parsed: Doc) -> list[tuple[int, int]]:
    """Character spans of the time expressions in a parsed text: entities and patterns, merged."""
    text = parsed.text
    found = [(e.start_char, e.end_char) for e in parsed.ents
             if e.label_ == "DATE" or (e.label_ == "TIME" and names_a_time(e.text))]
    found += _find(text)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    widened = [_widen(text, *_strip(text, start, end)) for start, end in merged]
    return _join_ranges(text, [s for s in widened if s[1] > s[0]])


def _find(text: str) -> list[tuple[int, int]]:
    """Spans of the time expressions the patterns see in ``text``, leftmost-longest, not overlapping."""
    found = sorted({(m.start("d"), m.end("d")) for p in _PATTERNS for m in p.finditer(text)},
                   key=lambda s: (s[0], -s[1]))
    spans: list[tuple[int, int]] = []
    for start, end in found:
        if spans and start < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` grown over the words before it that belong to the date ("around", "early",
    "the end of", "the night of"), so that the span's words carry its kind."""
    while match := _WIDEN.search(text, max(0, start - 40), start):
        start = match.start()
    return start, end


def _join_ranges(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Adjacent dates joined into one range where the words say so: "from 2008 to 2011", "between
    June 1 and June 3", "mid-April to early May"."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined:
            first = joined[-1]
            link = _LINK.fullmatch(text, first[1], start)
            opener = _OPENER.search(text, max(0, first[0] - 10), first[0])
            inside = re.match(r"(?i:between|from)\s", text[first[0] : first[1]])  # "Between June 1975"
            opening = (opener["word"] if opener else inside.group() if inside else "").strip().lower()
            between = opening == "between"
            if link and (link["word"].lower() != "and" or between):
                joined[-1] = (opener.start("word") if opener else first[0], end)
                continue
        joined.append((start, end))
    return joined


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not text[start].isalnum() and text[start] not in "'’":
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def _context(span: SpacySpan) -> tuple[str, bool]:
    """How to place a year-less date (``past``, ``current`` or ``future``), and whether the words
    around it put it ahead of the clause."""
    sentence = span.sent
    before = sentence.doc[sentence.start : span.start].text_with_ws  # Doc.text would rebuild it all
    chain = _chain(span)
    verb = next((t for t in chain if t.pos_ in ("VERB", "AUX")), None)
    tense = _tense(verb)
    nouns = {t.lemma_.lower() for t in chain if verb is None or t.i != verb.i} & _AHEAD_NOUNS
    if tense == "future":
        return "future", True
    if _AHEAD.search(before[-40:]):
        return ("current" if tense == "past" else "future"), True
    if _BY.search(before[-30:]) or nouns:
        return ("past", False) if tense == "past" else ("future", True)
    return tense, False


def _chain(span: SpacySpan) -> list[Token]:
    """The heads above a span, nearest first, up to the first verb."""
    chain: list[Token] = []
    token = span.root
    while token.head.i != token.i and len(chain) < 8:
        token = token.head
        chain.append(token)
        if token.pos_ in ("VERB", "AUX"):
            break
    return chain


def _attachment(span: SpacySpan) -> Token | None:
    return next((t for t in _chain(span) if t.pos_ != "ADP"), None)


def _tense(verb: Token | None) -> str:
    """``past`` | ``current`` | ``future`` for the clause of ``verb``; no verb reads as past (news)."""
    if verb is None:
        return "past"
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    modal = any(a.lower_.replace("’", "'") in _FUTURE_MODALS for a in auxes)
    if modal and not any(a.lemma_ == "have" for a in auxes):  # "would have been" looks back
        return "future"
    if verb.tag_ == "VB" and any(a.lower_ == "to" for a in auxes) and verb.head.i != verb.i:
        head = verb.head  # "plans to withdraw by December"; "sought to enforce control in the 1920s" is past
        tense = _tense_of(head)
        return "future" if head.lemma_.lower() in _FUTURE_VERBS and tense != "past" else tense
    return _tense_of(verb, auxes)


def _tense_of(verb: Token, auxes: list[Token] | None = None) -> str:
    auxes = auxes if auxes is not None else [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_ == "have" for a in auxes):
        return "past"
    if verb.tag_ == "VBN":  # "is scheduled" is present; a bare participle ("killed on Tuesday") is past
        return "current" if auxes else "past"
    if verb.tag_ == "VBG" and not auxes:  # "killing 4 guards" takes the tense of the clause above it
        head = verb.head
        return _tense_of(head) if head.i != verb.i and head.pos_ in ("VERB", "AUX") else "current"
    if verb.lemma_ == "be" or (verb.tag_ == "VBG" and auxes):
        return "current"
    return "past"  # the historical present of news ("Bomb kills 2 soldiers")
