"""Events stated by the titles of the pieces a document cites.

A footnoted brief often cites a news piece whose headline itself reports the event ("Iraq: Bomb
Kills 2 American Soldiers"). Each cited title is run through the extraction pipeline on its own,
and what it finds becomes an Event with ``origin="citation"`` and ``notes=(note,)``, its spans
pointing at the title's words inside the document's notes section.

Headlines are written in Title Case, which the parser reads as a string of names; each title is
put in sentence case first (a capitalised word keeps its capital only when it is an acronym, a
word no dictionary knows, a country, province, region or city of 100,000 people or more, a
demonym or a pack actor's name). A leading dateline ("Iraq: ...", a place the gazetteer knows,
not a topic such as "Status Update:") is taken out of the sentence and kept as a place hint, used
when the headline names no place of its own. Headlinese drops articles: "for killing of" is read
as "for the killing of".

Dates. A headline gives its event's date rarely; when it gives none, the event is dated from the
cited piece's date: a headline reports what happened on or before the day it was published, and
news reports an attack within a few days, so the date is the range of the ``TITLE_WINDOW_DAYS``
days up to and including the publication day (precision "week", kind "range": ACLED's
time_precision 2). A cited piece dated only by month gives the month (kind "approximate"); one
dated only by year, or not at all, gives no date (unresolved, never guessed).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, is_dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Protocol

from sitrep.extract.doc import ExtractDoc, from_text
from sitrep.knowledge.gazetteer import Gazetteer, load_gazetteer
from sitrep.knowledge.pack import Knowledge, load_packs
from sitrep.model.citation import Citation
from sitrep.model.facts import DateValue, Event, Extraction, Place
from sitrep.model.reading import Reading
from sitrep.model.span import Span

TITLE_WINDOW_DAYS = 7
MIN_TITLE_WORDS = 3
BIG_CITY = 100_000
STAGE_NAME = "citation_titles"
_DATELINE = re.compile(r"^(?P<place>[A-Z][\w'’.\- ]{1,40}?)\s*:\s+(?=\S)")
_WORD = re.compile(r"[^\W\d_][\w'’\-.]*")
_QUOTES = "\"“”‘’'«»"
_PLACE_KINDS = frozenset({"country", "admin1", "region", "continent", "water"})
# Headlinese drops the article before a verbal noun ("blames militia for killing of 5 soldiers"),
# which leaves the parser a verb without a subject: it is put back ("for the killing of").
_DROPPED_ARTICLE = re.compile(r"\b(?:for|in|after|over|behind|since|amid)\s+(?=[a-z]+ing\s+of\b)")


class PipesDocs(Protocol):
    """What title extraction needs of a pipeline: sitrep's Pipeline has it."""

    def pipe_docs(self, docs: Iterable[ExtractDoc], *, batch_size: int = 16) -> Iterable[ExtractDoc]: ...


@dataclass(frozen=True, slots=True)
class CitedTitle:
    """A cited piece's title as it lies in the document: its span, the citation, the dateline."""

    citation: Citation
    span: Span
    text: str
    dateline: Span | None = None


def cited_titles(reading: Reading) -> list[CitedTitle]:
    """The titles of the pieces ``reading``'s notes cite that read as headlines: quoted in the
    note (the citation's own words, not a note's commentary) and of at least three words."""
    text = reading.document.text
    found = []
    for note in reading.notes.notes:
        for citation in note.citations:
            span = _title_span(text, citation)
            if span is None:
                continue
            words = span.slice(text)
            if len(_WORD.findall(words)) < MIN_TITLE_WORDS:
                continue
            dateline = _DATELINE.match(words)
            line = (Span(span.start, span.start + dateline.end())
                    if dateline and _is_place(dateline.group("place")) else None)
            found.append(CitedTitle(citation, span, words, line))
    return found


def _is_place(words: str) -> bool:
    """Whether a title's lead-in ("Iraq:", "Baghdad:") names a place, not a topic ("Status Update:")."""
    if len(words.split()) > 3:
        return False
    return bool(load_gazetteer().lookup(words, limit=1))


def title_events(reading: Reading, pipeline: object, *, knowledge: Knowledge | None = None) -> list[Event]:
    """The events the cited titles of ``reading`` state, as Events of origin "citation".

    ``pipeline``: sitrep's Pipeline (or a LazyPipeline, or anything with ``pipe_docs``); a pipeline
    that cannot run over plain text finds nothing here.
    """
    runner = _runner(pipeline)
    titles = cited_titles(reading)
    if runner is None or not titles:
        return []
    knowledge = knowledge if knowledge is not None else load_packs()
    gazetteer = load_gazetteer()
    rewritten = [_analysis_text(title, knowledge, gazetteer) for title in titles]
    docs = [from_text(text, published=title.citation.date)
            for title, (text, _) in zip(titles, rewritten, strict=True)]
    events: list[Event] = []
    for title, (_, positions), doc in zip(titles, rewritten, runner.pipe_docs(docs), strict=True):
        found = [_as_cited(event, title, positions, gazetteer) for event in doc.events]
        # a headline is about one thing: where one of its events is placed, so are the others
        hint = next((e.place for e in found if e.place is not None), None)
        events.extend(e if e.place is not None or hint is None else replace(e, place=hint) for e in found)
    return events


class WithTitleEvents:
    """An Extractor: ``extractor``'s extraction of a reading, plus the events its cited titles
    state (``title_events``). Its ``names`` are the extractor's stages and "citation_titles"."""

    def __init__(self, extractor: Any) -> None:
        self.extractor = extractor

    def __call__(self, reading: Reading, /) -> Extraction:
        extraction: Extraction = self.extractor(reading)
        extra = title_events(reading, self.extractor)
        if not extra:
            return extraction
        return replace(extraction, events=extraction.events + tuple(extra))

    @property
    def names(self) -> tuple[str, ...]:
        names = getattr(self.extractor, "names", ())
        return (*tuple(str(n) for n in names), STAGE_NAME) if isinstance(names, Sequence) else (STAGE_NAME,)


# -- the title's words ----------------------------------------------------------------------------

def _title_span(text: str, citation: Citation) -> Span | None:
    """Where the citation's title lies in the text, when it stands in quotes inside the citation."""
    if not citation.title:
        return None
    inside = citation.span.slice(text)
    title = citation.title.strip().rstrip(",.;:").strip()
    at = inside.find(title)
    while at >= 0:
        before = inside[:at].rstrip()
        if before and before[-1] in _QUOTES:
            return Span(citation.span.start + at, citation.span.start + at + len(title))
        at = inside.find(title, at + 1)
    return None


def _analysis_text(title: CitedTitle, knowledge: Knowledge, gazetteer: Gazetteer) -> tuple[str, list[int]]:
    """The title in sentence case, its dateline blanked and dropped articles put back; with, for
    each character of it (and one past the end), the offset in the document it stands for."""
    words = title.text
    if title.dateline is not None:
        cut = len(title.dateline)
        words = " " * cut + words[cut:]
    words = sentence_case(words, knowledge=knowledge, gazetteer=gazetteer)
    pieces: list[str] = []
    positions: list[int] = []
    last = 0
    for match in _DROPPED_ARTICLE.finditer(words):
        pieces.append(words[last : match.end()])
        positions.extend(range(last, match.end()))
        pieces.append("the ")
        positions.extend([match.end()] * 4)
        last = match.end()
    pieces.append(words[last:])
    positions.extend(range(last, len(words) + 1))
    return "".join(pieces), [title.span.start + p for p in positions]


def sentence_case(headline: str, *, knowledge: Knowledge | None = None,
                  gazetteer: Gazetteer | None = None) -> str:
    """``headline`` with the capitals of common words dropped (see the module's docstring); the
    result has the same length, so every offset in it is an offset in ``headline``."""
    if not _is_title_case(headline):
        return headline
    knowledge = knowledge if knowledge is not None else load_packs()
    gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
    chars = list(headline)
    first = True
    for match in _WORD.finditer(headline):
        word = match.group()
        keep = first or not _lowerable(word, knowledge, gazetteer)
        first = False
        if not keep:
            lowered = word[0].lower() + word[1:]
            if len(lowered) == len(word):
                chars[match.start() : match.end()] = lowered
    return "".join(chars)


def _is_title_case(headline: str) -> bool:
    words = [w for w in _WORD.findall(headline) if len(w) > 3]
    capitals = sum(1 for w in words if w[0].isupper())
    return len(words) >= 2 and capitals >= 0.6 * len(words)


def _lowerable(word: str, knowledge: Knowledge, gazetteer: Gazetteer) -> bool:
    """Whether a capitalised word of a headline is a common word, to be written lower-case."""
    if not word[0].isupper() or word.isupper() or "." in word or not word[1:].islower():
        return False  # acronyms (U.S., UN), lower-case words, names like McDonald
    lower = word.lower()
    if not _common(lower):
        return False
    if any(found(word) for found in (knowledge.country_by_name, knowledge.country_by_demonym,
                                     knowledge.actor_by_alias)):
        return False
    if gazetteer.demonym(word) is not None:
        return False
    for candidate in gazetteer.lookup(word, limit=3):
        if candidate.kind in _PLACE_KINDS or candidate.population >= BIG_CITY:
            return False
    return True


def _common(word: str) -> bool:
    """Whether ``word`` (lower-case) is an English dictionary word, or an inflection of one."""
    vocabulary = _vocabulary()
    if word in vocabulary or word in _stop_words():
        return True
    for suffix, ending in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""),
                           ("ing", "e"), ("d", "")):
        if word.endswith(suffix) and word[: -len(suffix)] + ending in vocabulary:
            return True
    return False


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    """The lemma index of the spaCy model's lemmatizer (nouns, verbs, adjectives, adverbs)."""
    import spacy

    from sitrep.extract.nlp import MODEL

    try:
        nlp = spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "ner"])
        tables = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
        index = tables.get_table("lemma_index")
    except Exception:  # no lemmatizer tables: every capitalised word stays a name
        return frozenset()
    words: set[str] = set()
    for key in index:
        words.update(w.lower() for w in index[key])
    return frozenset(words)


# -- the events, placed in the document ----------------------------------------------------------

def _runner(pipeline: object) -> PipesDocs | None:
    get = getattr(pipeline, "get", None)
    if callable(get) and not hasattr(pipeline, "pipe_docs"):
        pipeline = get()
    inner = getattr(pipeline, "extractor", None)
    if inner is not None and not hasattr(pipeline, "pipe_docs"):
        return _runner(inner)
    return pipeline if hasattr(pipeline, "pipe_docs") else None  # type: ignore[return-value]


def _as_cited(event: Event, title: CitedTitle, positions: list[int], gazetteer: Gazetteer) -> Event:
    moved: Event = _moved(event, positions)
    place = moved.place or _dateline_place(title, gazetteer)
    when = moved.date if moved.date is not None and moved.date.value is not None else _dated(title)
    return replace(moved, sentence=title.span, notes=(title.citation.note,), origin="citation",
                   place=place, date=when)


def _dateline_place(title: CitedTitle, gazetteer: Gazetteer) -> Place | None:
    if title.dateline is None:
        return None
    words = title.text[: len(title.dateline)].rstrip(": \t")
    span = Span(title.span.start, title.span.start + len(words))
    return gazetteer.resolve(words, span=span, demonyms=True)


def _dated(title: CitedTitle) -> DateValue | None:
    citation = title.citation
    published, precision = citation.date, citation.date_precision or "day"
    if published is None or precision == "year":
        return None
    if precision == "month":
        last = calendar.monthrange(published.year, published.month)[1]
        return DateValue(f"cited piece of {published:%B %Y}", citation.span, published.replace(day=1),
                         "month", "approximate", end=published.replace(day=last))
    start = published - timedelta(days=TITLE_WINDOW_DAYS - 1)
    return DateValue(f"cited piece of {published.isoformat()}", citation.span, start, "week", "range",
                     end=published)


def _moved(value: Any, positions: list[int]) -> Any:
    """``value`` (a Span, a dataclass of spans, a tuple of them) with every Span of the rewritten
    title moved to the document's offsets (``positions``; see ``_analysis_text``)."""
    if isinstance(value, Span):
        start = positions[min(value.start, len(positions) - 1)]
        end = positions[min(value.end, len(positions) - 1)] if value.end > value.start else start
        return Span(start, max(start, end))
    if isinstance(value, tuple):
        return tuple(_moved(item, positions) for item in value)
    if is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _moved(getattr(value, f.name), positions) for f in fields(value)}
        return replace(value, **changes)
    return value


def title_date_window(published: date) -> tuple[date, date]:
    """The days a headline published on ``published`` is taken to report (see the docstring)."""
    return published - timedelta(days=TITLE_WINDOW_DAYS - 1), published
