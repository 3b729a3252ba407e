"""Actors named by common nouns: a country word and a group noun ("Iraqi police and soldiers",
"the Iranian regime", "U.S. troops"), a group noun with other modifiers ("Sunni insurgents"), or a
bare plural ("the militias") that refers back to a group named before it.

The kind comes from the noun (pack ``generic_actors``), the country from the adjective or name
(pack ``countries``): "Iranian" in "Iranian regime" is the country, but in "Iranian-backed militias"
or "Iranian proxy militias" it is the sponsor, and the militias' own country stays unknown.
Coordinated state forces of one country ("police and soldiers") are that country's security forces.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitrep.extract.actors.spans import entity_index

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

    from sitrep.knowledge.model import Country, GenericGroup
    from sitrep.knowledge.pack import Knowledge

_MODIFIERS = frozenset({"amod", "compound", "nmod", "poss", "npadvmod", "advmod", "nummod", "det", "predet",
                        "quantmod", "punct"})
_NOT_PART = frozenset({"det", "nummod", "predet", "quantmod"})
_SPONSOR_WORDS = frozenset({
    "back", "backed", "support", "supported", "direct", "directed", "sponsor", "sponsored", "align",
    "aligned", "ally", "allied", "arm", "armed", "fund", "funded", "train", "trained", "proxy", "proxies",
    "lead", "led", "control", "controlled", "inspire", "inspired", "pro"})
_COMBINED = "security"  # the group that coordinated state forces of one country make
# Singular nouns too vague to refer back on their own ("the current state", "the force").
_NOT_ANAPHORIC = frozenset({"state", "force", "authority", "leadership", "official", "leader", "court"})


@dataclass(frozen=True)
class GroupPhrase:
    """A noun phrase naming an actor by its kind: tokens ``start``..``end`` (exclusive)."""

    start: int
    end: int
    head: int
    group: GenericGroup
    countries: tuple[Country, ...]
    bare: bool
    plural: bool


class Groups:
    """Finds group phrases in a parsed document, with the pack's generic nouns and countries."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        # per-document caches (the doc they are for, entities by token, group_of by token index)
        self._doc: Doc | None = None
        self._entities: dict[int, SpacySpan] = {}
        self._groups: dict[int, GenericGroup | None] = {}

    def _cached(self, doc: Doc) -> None:
        if doc is not self._doc:
            self._doc, self._entities, self._groups = doc, entity_index(doc), {}

    def entity_of(self, token: Token) -> SpacySpan | None:
        """The entity ``token`` is in, if any."""
        self._cached(token.doc)
        return self._entities.get(token.i)

    def group_of(self, token: Token) -> GenericGroup | None:
        """The generic class a noun names: "soldiers" → military, "security official" → security,
        "militia networks" → militia (a collective noun takes the class of its modifier)."""
        self._cached(token.doc)
        i = token.i
        if i in self._groups:
            return self._groups[i]
        found = self._groups[i] = self._group_of(token)
        return found

    def _group_of(self, token: Token) -> GenericGroup | None:
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        k = self.knowledge
        lemma = token.lemma_.lower()
        for child in token.children:
            if child.i == token.i - 1 and child.dep_ in ("compound", "amod"):
                pair = k.group_for_word(f"{child.lemma_.lower()} {lemma}") or k.group_for_word(
                    f"{child.lower_} {token.lower_}")
                if pair is not None:
                    return pair
        found = k.group_for_word(lemma) or k.group_for_word(token.lower_)
        if found is None and lemma in k.collective:
            for child in token.children:
                if child.i < token.i and child.dep_ in ("compound", "amod"):
                    found = found or k.group_for_word(child.lemma_.lower())
        if found is not None and found.state and lemma in ("official", "leader", "officer"):
            for child in token.children:  # "military officials" are the military's
                other = k.group_for_word(child.lemma_.lower()) if child.dep_ in ("amod", "compound") else None
                if other is not None and other.state and other.id != "state":
                    return other
        return found

    def phrases(self, doc: Doc, taken: set[int], *, coordinated: bool) -> list[GroupPhrase]:
        """Group phrases whose head is not in ``taken``; ``coordinated``: only those that join two
        or more group nouns ("police and soldiers"), else only the others."""
        found = []
        for token in doc:
            if token.i in taken:
                continue
            # every test here only filters: the cheap one that drops most tokens (no group noun) first
            group = self.group_of(token)
            if group is None or self._joined(token) or _by_person(token):
                continue
            if token.ent_type_ and not self._generic_entity(token):
                continue  # "Force" in "Quds Force": the name, not a generic noun
            if token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN"):
                continue  # "militia" in "militia networks": the head noun carries the phrase
            if self._proper_name(token):
                continue  # "Qods Force", "Badr Corps": a name spaCy missed, not a generic noun
            conjuncts = [c for c in token.children if c.dep_ == "conj" and self._joined(c)]
            if bool(conjuncts) != coordinated:
                continue
            phrase = self._phrase(token, group, conjuncts)
            if phrase is not None and not taken.intersection(range(phrase.start, phrase.end)):
                found.append(phrase)
        return found

    def _joined(self, token: Token) -> bool:
        """A group noun coordinated with the group noun before it and sharing its country: "soldiers"
        in "Iraqi police and soldiers", not "Russian troops" in "the Syrian government and Russian troops"."""
        return (token.dep_ == "conj" and self.group_of(token) is not None
                and self.group_of(token.head) is not None and not self._countries(token, [])[0])

    def _proper_name(self, token: Token) -> bool:
        """A capitalised head after a capitalised word that is no country or group word."""
        k = self.knowledge
        return token.pos_ == "PROPN" and any(
            c.dep_ == "compound" and c.pos_ == "PROPN" and c.ent_type_ not in ("GPE", "NORP")
            and k.group_for_word(c.lemma_.lower()) is None for c in token.children)

    def _generic_entity(self, token: Token) -> bool:
        """Whether the entity around ``token`` is no more than a country and a group noun ("Iraqi police")."""
        ent = self.entity_of(token)
        if ent is None:
            return True
        k = self.knowledge
        return all(t.is_punct or k.country_by_demonym(t.text) or k.country_by_name(t.text)
                   or self.group_of(t) or k.group_for_word(t.lemma_.lower()) for t in ent)

    def _phrase(self, head: Token, group: GenericGroup, conjuncts: list[Token]) -> GroupPhrase | None:
        mods = [c for c in head.children if c.i < head.i and c.dep_ in _MODIFIERS]
        own = [c for c in mods if c.dep_ not in _NOT_PART and not (c.dep_ == "poss" and c.pos_ == "PRON")]
        start = min((c.left_edge.i for c in own), default=head.i)
        end = max((c.i for c in conjuncts), default=head.i) + 1
        countries, sponsored = self._countries(head, conjuncts)
        groups = {group.id, *(g.id for c in conjuncts if (g := self.group_of(c)) is not None)}
        if len(groups) > 1:
            combined = self.knowledge.group(_COMBINED)
            states = all((g := self.knowledge.group(i)) is not None and g.state for i in groups)
            group = combined if combined is not None and states else group
        if not group.state and sponsored:
            countries = ()
        # what narrows the noun down: not its own class word ("militia" networks), nor, for a
        # state's body, a plain adjective ("a large delegation")
        pair = f"{head.doc[head.i - 1].lemma_.lower()} {head.lemma_.lower()}" if head.i else ""
        specific = [c for c in own if self.knowledge.group_for_word(c.lemma_.lower()) is None
                    and not (c.i == head.i - 1 and self.knowledge.group_for_word(pair))
                    and not (group.state and c.pos_ == "ADJ")]
        bare = not specific and not sponsored
        collective = head.lemma_.lower() in self.knowledge.collective
        plural = head.tag_ in ("NNS", "NNPS") or collective or bool(conjuncts)
        if not countries and bare and not plural and not self._refers_back(head):
            return None  # "a large delegation", "force": too vague to be an actor on its own
        return GroupPhrase(start, end, head.i, group, countries, bare and not countries, plural)

    def _refers_back(self, head: Token) -> bool:
        """A singular "the government" / "the regime", which names the one mentioned before."""
        return head.lemma_.lower() not in _NOT_ANAPHORIC and any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children)

    def _countries(self, head: Token, conjuncts: list[Token]) -> tuple[tuple[Country, ...], bool]:
        """The countries the phrase's modifiers name ("U.S. and Iraqi officials": two), and whether
        the first is named as a sponsor ("Iranian-backed")."""
        k = self.knowledge
        words: list[Token] = []
        for noun in (head, *conjuncts):
            words += [t for c in noun.children if c.i < noun.i and c.dep_ in _MODIFIERS for t in c.subtree]
            for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
                words += [t for t in prep.children if t.dep_ == "pobj"]
        found: dict[str, Country] = {}
        sponsored = any(t.lower_ in ("proxy", "proxies") for t in words)  # "Iran's proxies"
        for word in sorted(set(words), key=lambda t: t.i):
            text = self._entity_text(word)
            named = k.country_by_name(text) if word.ent_type_ == "GPE" else None
            country = k.country_by_demonym(text) or named
            if country is not None:
                sponsored = sponsored or (not found and _sponsor(word, head))
                found.setdefault(country.code, country)
        return tuple(found.values()), sponsored

    def _entity_text(self, token: Token) -> str:
        if token.ent_type_ in ("NORP", "GPE"):
            ent = self.entity_of(token)
            if ent is not None:
                return ent.text
        return token.text


def _sponsor(word: Token, head: Token) -> bool:
    """Whether a country word names who stands behind the group ("Iranian-backed", "Iran's proxy")."""
    doc = word.doc
    after = [doc[i] for i in range(word.i + 1, min(word.i + 3, head.i))]
    return (word.head.lower_ in _SPONSOR_WORDS or word.head.lemma_.lower() in _SPONSOR_WORDS
            or any(t.lower_ in _SPONSOR_WORDS for t in after))


def _by_person(token: Token) -> bool:
    """A noun that is a person's title ("supreme leader Ali Khamenei", "Major General X")."""
    doc = token.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return (token.head.ent_type_ == "PERSON" or (nxt is not None and nxt.ent_type_ == "PERSON")
            or any(c.ent_type_ == "PERSON" and c.dep_ in ("appos", "compound") for c in token.children))
