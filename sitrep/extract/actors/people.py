"""People in a document: their names without titles, the roles the text gives them, and which
full name a bare surname ("Buchanan", "Gen. Buchannan") stands for.

A surname resolves to the one full name in the document that ends with it (or with a one-letter
spelling variant of it); when two full names end with it, it stays as written. A full name (or the
name a surname resolved to) also resolves to a pack person by alias.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitrep.analysis.spelling import variant_edits
from sitrep.extract.actors.spans import clean, entity_index
from sitrep.knowledge.names import alias_key
from sitrep.model.facts import ActorRef
from sitrep.model.span import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

    from sitrep.knowledge.model import PackActor
    from sitrep.knowledge.pack import Knowledge

_MAX_ROLE_TOKENS = 14


@dataclass
class _Seen:
    span: Span
    text: str
    words: tuple[str, ...]
    role: str | None
    country: str | None


class People:
    """Collects the person names of one document, then resolves them all at once."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.seen: list[_Seen] = []
        self._doc: Doc | None = None  # the document ``_entities`` indexes
        self._entities: dict[int, SpacySpan] = {}

    def name_part(self, ent: SpacySpan) -> SpacySpan | None:
        """The entity without leading titles ("Maj. Gen."), the object of a title's preposition
        ("Jordan" in "Ambassador to Jordan Helen Markby") and a trailing possessive."""
        start, end = ent.start, ent.end
        doc = ent.doc
        while start < end and (self.knowledge.is_title(doc[start].text) or doc[start].is_punct
                               or (doc[start].dep_ == "pobj" and doc[start].head.i < ent.start
                                   and end - start > 2)):
            start += 1
        while end > start and (ent.doc[end - 1].text in ("'s", "’s") or ent.doc[end - 1].is_punct):
            end -= 1
        return ent.doc[start:end] if end > start else None

    def looks_like_person(self, ent: SpacySpan) -> bool:
        """An entity spaCy did not call a person that reads like one: an honorific or a title
        before it ("Seyyed ...", "governor Jafar ..."), or set beside a title noun."""
        doc, first, root = ent.doc, ent.doc[ent.start], ent.root
        before = doc[ent.start - 1] if ent.start > 0 else None
        if before is not None and before.text == "." and ent.start > 1:
            before = doc[ent.start - 2]  # "Spc. Kennedy ...", with the abbreviation's dot apart
        titled = before is not None and before.pos_ in ("NOUN", "PROPN") and self.knowledge.is_title(
            before.text)
        return (self.knowledge.is_honorific(first.text) or self.knowledge.is_title(first.text) or titled
                or (root.dep_ == "appos" and self.knowledge.is_title(root.head.text))
                or (root.dep_ in ("appos", "conj") and root.head.ent_type_ == "PERSON"))

    def add(self, ent: SpacySpan) -> None:
        name = self.name_part(ent)
        found = clean(name, keep_article=True) if name is not None else None
        if name is None or found is None:
            return
        span, text = found
        words = tuple(alias_key(t.text) for t in name if not t.is_punct and alias_key(t.text))
        role = self.role_of(name)
        self.seen.append(_Seen(span, text, words, role, self._country_of(role)))

    def surnames(self) -> set[str]:
        """The last words of the full names collected so far."""
        return {p.words[-1] for p in self.seen if self._given(p.words)}

    def refs(self) -> list[ActorRef]:
        """One reference for every name collected, resolved within the document and to the pack."""
        full = {p.words: p for p in self.seen if self._given(p.words)}
        return [self._ref(person, self._full_name(person, full)) for person in self.seen]

    def _ref(self, person: _Seen, target: _Seen | None) -> ActorRef:
        canonical = target.text if target else person.text
        pack = self._pack(canonical)
        role = person.role if _many_words(person.role) else (_first_role(self.seen, target) or person.role)
        country = person.country or (target.country if target else None)
        if pack is not None:
            return ActorRef(text=person.text, span=person.span, name=pack.name, kind="person",
                            country=pack.country or country, actor_id=pack.id, role=role, origin="pack")
        return ActorRef(text=person.text, span=person.span, name=canonical, kind="person", country=country,
                        role=role, origin="ner")

    def _given(self, words: tuple[str, ...]) -> bool:
        return len([w for w in words if not self.knowledge.is_honorific(w)]) >= 2

    def _full_name(self, person: _Seen, full: dict[tuple[str, ...], _Seen]) -> _Seen | None:
        if self._given(person.words):
            size = len(person.words)
            longer = {k: p for k, p in full.items() if len(k) > size and k[-size:] == person.words}
            return next(iter(longer.values())) if len(longer) == 1 else None
        if not person.words:
            return None
        surname = person.words[-1]
        exact = {p.text: p for k, p in full.items() if k[-1] == surname}
        if not exact:
            exact = {p.text: p for k, p in full.items() if variant_edits(k[-1], surname) is not None}
        names = {alias_key(n) for n in exact}
        return next(iter(exact.values())) if len(names) == 1 else None

    def _pack(self, canonical: str) -> PackActor | None:
        tries = [canonical, " ".join(w for w in canonical.split() if not self.knowledge.is_honorific(w))]
        for text in tries:
            actor = self.knowledge.actor_by_alias(text, fuzzy=len(text.split()) > 1)
            if actor is not None and actor.kind == "person":
                return actor
        return None

    def role_of(self, name: SpacySpan) -> str | None:
        """The title the text gives the person: before the name ("U.S. Ambassador to Iraq James
        Jeffrey"), as the noun the name is in apposition to ("the governor of Maysan, Ali Dwai"),
        as the noun whose "of" the name follows ("the head of the commission Hassan ..."), or after it."""
        doc, root = name.doc, name.root
        candidates = []
        if root.left_edge.i < name.start:
            candidates.append(doc[root.left_edge.i:name.start])
        head = root.head
        if root.dep_ == "appos":  # climb "the governor of Maysan province, Ali Dwai" to "governor"
            steps = 0
            while head.dep_ in ("pobj", "prep") and steps < 4:
                head, steps = head.head, steps + 1
            if head.i < name.start and not (head.pos_ == "PROPN" and not self.knowledge.is_title(head.text)):
                candidates.append(doc[head.left_edge.i:name.start])  # not beside another name in a list
        if root.dep_ == "pobj" and head.dep_ == "prep" and self.knowledge.is_title(head.head.text):
            candidates.append(doc[head.head.left_edge.i:name.start])
        for child in root.children:
            if child.dep_ == "appos" and child.i >= name.end and child.pos_ == "NOUN" and not child.ent_type_:
                candidates.append(doc[child.left_edge.i:child.right_edge.i + 1])
        if doc is not self._doc:
            self._doc, self._entities = doc, entity_index(doc)
        ent = self._entities.get(name.start, name)
        for candidate in candidates:
            role = self._role_text(list(candidate), own=range(ent.start, ent.end))
            if role:
                return role
        return None

    def _role_text(self, tokens: list[Token], *, own: range) -> str | None:
        if any(t.text == "," for t in tokens[:-1]):
            last_comma = max(i for i, t in enumerate(tokens[:-1]) if t.text == ",")
            head_before = any(self.knowledge.is_title(t.text) for t in tokens[:last_comma])
            tokens = tokens[:last_comma] if head_before else tokens[last_comma + 1:]
        while tokens and (tokens[0].is_punct or tokens[0].lower_ in ("the", "a", "an") or tokens[0].is_space):
            tokens.pop(0)
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].lower_ in ("of", "and")):
            tokens.pop()
        finite = any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") for t in tokens)
        named = any(t.ent_type_ == "PERSON" and t.i not in own for t in tokens)  # another person
        if not tokens or len(tokens) > _MAX_ROLE_TOKENS or finite or named:
            return None
        if not any(self.knowledge.is_title(t.text) for t in tokens):
            return None
        return "".join(t.text_with_ws for t in tokens).rstrip()  # not Doc.text: it rebuilds the whole text

    def _country_of(self, role: str | None) -> str | None:
        """The country a role opens with ("U.S. Ambassador" → US, "Iran’s ... governor" → IR)."""
        if not role:
            return None
        for word in role.replace("’s", " ").replace("'s", " ").split()[:2]:
            country = self.knowledge.country_by_demonym(word) or self.knowledge.country_by_name(word)
            if country is not None:
                return country.code
        return None


def _many_words(role: str | None) -> bool:
    return role is not None and len(role.split()) > 1


def _first_role(seen: list[_Seen], target: _Seen | None) -> str | None:
    if target is None:
        return None
    return next((p.role for p in seen if p.words == target.words and _many_words(p.role)), target.role)
