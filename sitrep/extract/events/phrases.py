"""Noun phrases and the actors in them: from a phrase head in the parse to the ActorRefs the
mentions stage found there (or, where it found none, a group noun named by the phrase itself)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sitrep.extract.events.lexicon import GROUP_NOUNS, TITLE_NOUNS
from sitrep.model.facts import ActorRef
from sitrep.model.span import Span

if TYPE_CHECKING:
    from spacy.tokens import Token

# Children that leave the phrase: clauses and most prepositions name other things.
_LEAVE = {"relcl", "acl", "advcl", "punct", "cc", "prep", "agent", "ccomp", "xcomp", "dep", "parataxis"}
_KEEP_PREPS = {"of"}
_RELATIVE = {"that", "which", "who", "whom", "whose"}
_NER_ACTOR = {"PERSON", "ORG", "NORP", "GPE"}
_PLACES = {"GPE", "LOC", "FAC"}
_NOT_ACTORS = {"FAC", "GPE", "LOC", "DATE", "TIME", "CARDINAL", "MONEY", "QUANTITY", "PERCENT", "WEAPON"}


def span_of(tokens: Iterable[Token]) -> Span:
    items = list(tokens)
    return Span(min(t.idx for t in items), max(t.idx + len(t) for t in items))


def phrase(head: Token, *, conj: bool = True) -> list[Token]:
    """The tokens of the noun phrase headed by ``head`` (with its conjuncts), leaving out
    relative clauses, prepositional modifiers other than "of", and pronoun appositions
    ("himself a member of X")."""
    out: list[Token] = []
    stack = [head]
    while stack:
        token = stack.pop()
        out.append(token)
        for child in token.children:
            if child.dep_ in _LEAVE and not (child.dep_ == "prep" and child.lower_ in _KEEP_PREPS):
                continue
            if child.dep_ == "appos" and child.pos_ == "PRON":
                continue
            if child.dep_ == "conj" and not conj:
                continue
            stack.append(child)
    return sorted(out, key=lambda t: t.i)


def resolve_relative(token: Token) -> Token:
    """A relative pronoun subject stands for the noun its clause modifies."""
    if token.lower_ in _RELATIVE and token.head.dep_ in {"relcl", "acl"}:
        return token.head.head
    return token


class ActorIndex:
    """The document's ActorRefs, looked up by the tokens of a phrase."""

    def __init__(self, actors: Iterable[ActorRef], text: str) -> None:
        self.actors = sorted(actors, key=lambda a: (a.span.start, -a.span.end))
        self.text = text

    def within(self, tokens: Iterable[Token]) -> list[ActorRef]:
        chars = {i for t in tokens for i in range(t.idx, t.idx + len(t))}
        found = []
        for actor in self.actors:
            inside = [i for i in range(actor.span.start, actor.span.end) if not self.text[i].isspace()]
            if inside and all(i in chars for i in inside):
                found.append(actor)
        return _outermost(found)

    def covering(self, token: Token) -> list[ActorRef]:
        return [a for a in self.actors if a.span.start <= token.idx < a.span.end]

    def for_phrase(self, head: Token, *, conj: bool = True) -> list[ActorRef]:
        """The actors a phrase names: the one covering its head (and its conjuncts'), else the
        people in a title phrase ("the head of the commission, Y"), else every actor in it, else a
        group noun or named entity the phrase itself names (origin "parse")."""
        head = resolve_relative(head)
        heads = [head, *([c for c in head.conjuncts if c.i > head.i and not _stray_place(head, c)]
                         if conj else [])]
        found: list[ActorRef] = []
        for item in heads:
            found += self._for_head(item)
        return _unique(found)

    def _for_head(self, head: Token) -> list[ActorRef]:
        lemma = head.lemma_.lower()
        if lemma in GROUP_NOUNS or head.lower_ in GROUP_NOUNS:
            # "gunmen from the X Front": the group they come from
            origin = [a for p in head.children if p.dep_ == "prep" and p.lower_ in {"from", "of"}
                      for g in p.children if g.dep_ == "pobj" for a in self.covering(g)
                      if a.kind not in {None, "person", "state", "civilians"}]
            if origin:
                return origin
        tokens = phrase(head, conj=False)
        inside = self.within(tokens)
        covering = [a for a in self.covering(head) if a in inside] or self.covering(head)
        people = [a for a in inside if _is_person(a)]
        if covering:
            appositive = [a for a in people if a not in covering and _in_appos(head, a)]
            return appositive or covering
        if lemma in TITLE_NOUNS:
            named = people or [a for a in inside if a.span.start > head.idx and a.kind != "state"]
            if named:
                return named
        group = lemma in GROUP_NOUNS or head.lower_ in GROUP_NOUNS
        if group or (not inside and head.ent_type_ in _NER_ACTOR):
            return self._parse_actor(head, tokens) or inside
        # "a joint U.S.-Iraqi base": an adjective names whose the thing is, not who was hit
        return [a for a in inside if not _adjectival(a, tokens)]

    def phrase_actor(self, head: Token, *, owner: bool = False) -> list[ActorRef]:
        """The subject of an event verb names its actor even when nothing knew the name
        ("Ibo traditional elders demanded ..."): the phrase itself, as a parse actor. With
        ``owner`` (the X of "a signature weapon of X"), a name is an actor whatever NER thought."""
        if head.pos_ not in {"NOUN", "PROPN"} or head.lower_ in _RELATIVE:
            return []
        if head.ent_type_ in _NOT_ACTORS and not (owner and head.pos_ == "PROPN"):
            return []
        return self._parse_actor(head, phrase(head, conj=False), check=False)

    def _parse_actor(self, head: Token, tokens: list[Token], *, check: bool = True) -> list[ActorRef]:
        lemma = head.lemma_.lower()
        known = lemma in GROUP_NOUNS or head.lower_ in GROUP_NOUNS or head.ent_type_ in _NER_ACTOR
        if check and not known:
            return []
        words = [t for t in tokens if t.dep_ not in {"det", "nummod", "quantmod", "poss", "case"}
                 and t.like_num is False and t.i <= head.i and t.pos_ != "PRON"]
        words = _contiguous(words, head)
        if not words or _headline(words):
            return []
        span = span_of(words)
        text = self.text[span.start:span.end]
        kind = "person" if head.ent_type_ == "PERSON" else ("civilians" if lemma in {"civilian"} else None)
        return [ActorRef(text=text, span=span, name=text, kind=kind, origin="parse")]


def _headline(words: list[Token]) -> bool:
    """"Ongoing Clashes Leave Students Hurt": a run of capitalised common words that no tagger read
    as a name is a headline or a page's chrome, not a group of people."""
    return len(words) >= 4 and all(t.text[:1].isupper() and not t.ent_type_ for t in words)


def _stray_place(head: Token, conjunct: Token) -> bool:
    """"fighters in Aleppo and Idlib": a place name the parser hung as a conjunct of the people
    belongs with the place of their "in" phrase before it, not beside them."""
    if conjunct.ent_type_ not in _PLACES or head.ent_type_ in _PLACES:
        return False
    return any(p.dep_ == "prep" and g.dep_ == "pobj" and g.ent_type_ in _PLACES and g.i < conjunct.i
               for p in head.children for g in p.children)


def _contiguous(words: list[Token], head: Token) -> list[Token]:
    """The run of words ending at the head (a phrase's left modifiers without gaps)."""
    run: list[Token] = []
    expected = head.i
    for token in sorted(words, key=lambda t: -t.i):
        hyphen = token.i == expected - 1 and token.doc[expected].text in {"-", "–", "‐"}
        if token.i != expected and not hyphen:
            break
        run.append(token)
        expected = token.i - 1
    return sorted(run, key=lambda t: t.i)


def _is_person(actor: ActorRef) -> bool:
    return actor.kind == "person"


def _in_appos(head: Token, actor: ActorRef) -> bool:
    for child in head.children:
        if child.dep_ == "appos":
            starts = [t.idx for t in child.subtree]
            ends = [t.idx + len(t) for t in child.subtree]
            if min(starts) <= actor.span.start and actor.span.end <= max(ends):
                return True
    return False


def _adjectival(actor: ActorRef, tokens: list[Token]) -> bool:
    """An actor named only by an adjective modifying the phrase's head ("Iraqi", "U.S.-Iraqi")."""
    words = [t for t in tokens if actor.span.start <= t.idx < actor.span.end]
    return bool(words) and all(t.pos_ == "ADJ" or t.dep_ == "amod" for t in words)


def _outermost(actors: list[ActorRef]) -> list[ActorRef]:
    return [a for a in actors if not any(b is not a and b.span.contains(a.span) and b.span != a.span
                                         for b in actors)]


def _unique(actors: list[ActorRef]) -> list[ActorRef]:
    seen: set[tuple[int, int]] = set()
    out = []
    for actor in actors:
        key = (actor.span.start, actor.span.end)
        if key not in seen:
            seen.add(key)
            out.append(actor)
    return out
