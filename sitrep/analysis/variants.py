"""Name variants: names spelled two ways in one document.

Two names (see ``names``) are compared word by word from the end, the head: "Zarqan Force" against
the "Zerqan Force" inside "Northern Zerqan Force". They are a variant pair when their spellings differ
as ``spelling`` allows and they are used for the same kind of thing (the same spaCy label, or the
same head word); a person's full name whose surname lost or gained a final vowel when used alone
("Karim Hossein Tabr" … "Tabri") is one too.

A variant is the rarer form: each form is paired only with its most frequent variant that is at
least as frequent, so a cluster (Zarqan Force ×4, Zerqan Force ×1, Zerqan Forces ×2) gives the one pair
that explains the odd spelling, not every pair in it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitrep.analysis.names import CONNECTORS, NameForm, find_names
from sitrep.analysis.spelling import name_key, variant_edits
from sitrep.model.span import Span

if TYPE_CHECKING:  # spaCy is imported only when a pipeline is loaded: it is slow to import
    from spacy.language import Language

_PLACE_LIKE = frozenset({"GPE", "LOC", "NORP", "FAC"})
_VOWELS = frozenset("aeiou")
_MAX_LENGTH_GAP = 4  # two letters and two separators at most (see ``spelling``)

Pair = tuple[str, str]  # the name keys of two forms, sorted


@dataclass(frozen=True, slots=True)
class NameVariant:
    """Two spellings of one name: ``a`` the more frequent, ``b`` the variant; ``label`` the kind
    of name (spaCy label) when known; ``counts`` and ``spans`` (first use) of each, in order."""

    a: str
    b: str
    label: str | None
    counts: tuple[int, int]
    spans: tuple[Span, Span]


@dataclass(frozen=True, slots=True)
class _Edge:
    a: str
    b: str
    edits: int
    label: str | None


def name_variants(
    text: str, *, skip: Sequence[Span] = (), titles: Sequence[Span] = (), nlp: Language | None = None
) -> tuple[NameVariant, ...]:
    """Names spelled two ways in ``text``, each pair once, ordered by first use.

    ``skip`` (boilerplate, URLs) is not read; ``titles`` (quoted titles) give spaCy's names only.
    """
    names = find_names(text, skip=skip, titles=titles, nlp=nlp)
    edges = _edges(names.forms, names.lowered)
    spans = {key: form.spans for key, form in names.forms.items()}
    for edge in edges.values():
        for written in (edge.a, edge.b):
            if name_key(written) not in spans:  # a tail of a longer name ("Zerqan Force")
                spans[name_key(written)] = names.spans_of(written)
    found = []
    for edge in _choose(edges, {key: len(used) for key, used in spans.items()}):
        first, second = spans[name_key(edge.a)], spans[name_key(edge.b)]
        if (len(second), -second[0].start) > (len(first), -first[0].start):
            first, second = second, first  # the more frequent (else the earlier) form first
        counts = (len(first), len(second))
        found.append(
            NameVariant(
                first[0].slice(text), second[0].slice(text), edge.label, counts, (first[0], second[0])
            )
        )
    return tuple(sorted(found, key=lambda v: (min(v.spans[0].start, v.spans[1].start), v.a, v.b)))


def _edges(forms: Mapping[str, NameForm], lowered: frozenset[str]) -> dict[Pair, _Edge]:
    """Every variant pair, keyed by the name keys of its aligned forms; the least words each."""
    edges: dict[Pair, _Edge] = {}
    comparable = [form for form in forms.values() if form.comparable]
    tails: defaultdict[tuple[str, str], list[tuple[str, NameForm]]] = defaultdict(list)
    for form in comparable:
        for tail, size in _tails(form.written):
            tails[(tail[:1].casefold(), size)].append((tail, form))
    for short in comparable:
        for tail, long in _aligned(short, tails):
            if long is not short and _comparable(short, long, tail, lowered):
                edits = variant_edits(short.written, tail)
                if edits is not None:
                    edge = _Edge(short.written, tail, edits, short.label or long.label)
                    edges.setdefault(_pair(short.written, tail), edge)
    surnames = {key.split()[-1] for key in forms if " " in key}
    people = [form for form in comparable if form.full_person]
    for alone in comparable:
        for person in people:
            if _is_lone_surname_of(alone, person, surnames):
                edge = _Edge(alone.written, person.written, 1, person.label)
                edges.setdefault(_pair(alone.written, person.written), edge)
    minimal = {pair: edge for pair, edge in edges.items() if not _has_shorter_tail(pair, edges)}
    return {pair: edge for pair, edge in minimal.items() if not _part_of_another(pair, minimal)}


def _aligned(
    short: NameForm, tails: Mapping[tuple[str, str], list[tuple[str, NameForm]]]
) -> list[tuple[str, NameForm]]:
    """The ends of other names with as many words as ``short`` and about its length."""
    sizes = {size for tail, size in _tails(short.written) if tail == short.written}
    found = []
    for size in sizes:
        for tail, long in tails.get((short.written[:1].casefold(), size), ()):
            if abs(len(tail) - len(short.written)) <= _MAX_LENGTH_GAP:
                found.append((tail, long))
    return found


def _tails(name: str) -> list[tuple[str, str]]:
    """Every end of ``name`` with its size in words, counted at spaces ("s2") and also at hyphens
    ("h2"), so that "Ansar al-Wadi" meets "Ansar al Wadi" and "Ndigbo" meets "Ndi-Igbo"."""
    tails = []
    for kind, separators in (("s", " "), ("h", " -")):
        starts = [
            i for i, c in enumerate(name) if c not in separators and (i == 0 or name[i - 1] in separators)
        ]
        tails += [(name[start:], f"{kind}{len(starts) - index}") for index, start in enumerate(starts)]
    return tails


def _comparable(short: NameForm, long: NameForm, aligned: str, lowered: frozenset[str]) -> bool:
    """Whether two names may be spellings of one: same first letter, same kind, not common words,
    and not a people's name in the singular and plural (Korean/Koreans)."""
    if aligned[:1].casefold() != short.written[:1].casefold() or not _same_kind(short, long):
        return False
    words = {w for w in name_key(f"{short.written} {aligned}").split() if w not in CONNECTORS}
    if words <= lowered or name_key(aligned) in lowered:
        return False  # "Executive Director(s)": title-case words, not a name
    plural = name_key(aligned).rstrip("s") == name_key(short.written).rstrip("s")
    return not (plural and "NORP" in (short.label, long.label))


def _same_kind(x: NameForm, y: NameForm) -> bool:
    if x.label is None or y.label is None or x.label == y.label:
        return True
    head_x, head_y = name_key(x.written).split()[-1], name_key(y.written).split()[-1]
    return " " in x.written and head_x.rstrip("s") == head_y.rstrip("s")


def _is_lone_surname_of(alone: NameForm, person: NameForm, surnames: set[str]) -> bool:
    """Whether ``alone`` is ``person``'s surname with a final vowel dropped or added (Tabr/Tabri);
    another final letter makes another word (Lucia/Lucian), and a surname seen in a full name
    elsewhere is that name's."""
    if " " in alone.written or not person.full_person or name_key(alone.written) in surnames:
        return False
    if alone.label in _PLACE_LIKE:
        return False
    word, last = name_key(alone.written), name_key(person.written).split()[-1]
    longer, shorter = (word, last) if len(word) > len(last) else (last, word)
    return len(shorter) >= 3 and longer.startswith(shorter) and longer[len(shorter) :] in _VOWELS


def _pair(a: str, b: str) -> Pair:
    x, y = sorted((name_key(a), name_key(b)))
    return x, y


def _has_shorter_tail(pair: Pair, edges: dict[Pair, _Edge]) -> bool:
    """Whether the ends of both names are a pair already: "Northern Zerqan Force/Forces" is
    reported as the "Zerqan Force/Forces" it ends with."""
    words_a, words_b = pair[0].split(), pair[1].split()
    if len(words_a) != len(words_b):
        return False
    return any(
        _pair(" ".join(words_a[-size:]), " ".join(words_b[-size:])) in edges
        for size in range(1, len(words_a))
    )


def _part_of_another(pair: Pair, edges: dict[Pair, _Edge]) -> bool:
    """Whether a one-word pair (Zarqan/Zerqan) is the differing word of a longer pair (Zarqan
    Force/Zerqan Force): the longer names are what the text spells two ways."""
    if " " in pair[0] or " " in pair[1]:
        return False
    for a, b in edges:
        words_a, words_b = a.split(), b.split()
        if len(words_a) == len(words_b) > 1:
            differing = {(x, y) for x, y in zip(words_a, words_b, strict=True) if x != y}
            if differing <= {pair, pair[::-1]}:
                return True
    return False


def _choose(edges: dict[Pair, _Edge], counts: dict[str, int]) -> list[_Edge]:
    """Pair each form with its most frequent variant that is at least as frequent as itself."""
    partners: dict[str, list[tuple[str, _Edge]]] = {}
    for (a, b), edge in edges.items():
        partners.setdefault(a, []).append((b, edge))
        partners.setdefault(b, []).append((a, edge))
    chosen: dict[Pair, _Edge] = {}
    for form, options in partners.items():
        own = counts.get(form, 0)
        better = [(other, edge) for other, edge in options if counts.get(other, 0) >= own > 0]
        if better:
            other, edge = max(better, key=lambda option: (counts[option[0]], -option[1].edits, option[0]))
            chosen.setdefault(_pair(form, other), edge)
    return list(chosen.values())
