"""Stage ``mentions``: the names in a parsed document, and the actors among them.

Every entity becomes a ``Mention`` (actor, person, place, facility, weapon, date, quantity), and every
actor a ``ActorRef``: organisations and groups (pack aliases first, exact or a spelling variant, then
what spaCy found), people with their roles (a surname resolves to the document's one full name that
ends with it), state forces and groups named by common nouns ("Iraqi police and soldiers"), and a
country when it acts ("Iran is demonstrating ..." → Government of Iran). A country that is only
where something happens stays a place. ``origin``: pack (resolved through a pack), ner (spaCy's
entity), parse (a noun phrase).
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING, ClassVar

from sitrep.extract.actors.groups import GroupPhrase, Groups
from sitrep.extract.actors.people import People
from sitrep.extract.actors.spans import acts, clean, near_place_word
from sitrep.knowledge.names import alias_key
from sitrep.knowledge.pack import Knowledge
from sitrep.model.facts import ActorRef, Mention
from sitrep.model.span import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

    from sitrep.extract.doc import ExtractDoc
    from sitrep.knowledge.model import PackActor

DATES = frozenset({"DATE", "TIME"})
QUANTITIES = frozenset({"CARDINAL", "MONEY", "QUANTITY"})
PLACES = frozenset({"GPE", "LOC"})
_ARTICLE_NAME = re.compile(r"(?i)(?:al|el|ash|as|ad|an|ar|at|az)[-‐‑]\w+")
_NAMED = frozenset({"ORG", "PERSON", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "GPE", "LOC", "FAC"})
_NER_LABELS = {"person": "PERSON", "civilians": "NORP"}


class MentionsStage:
    name: ClassVar[str] = "mentions"
    requires: ClassVar[tuple[str, ...]] = ("spacy",)
    assigns: ClassVar[tuple[str, ...]] = ("mentions", "actors")

    def __init__(self, knowledge: Knowledge | None = None) -> None:
        self.knowledge = knowledge if knowledge is not None else Knowledge()

    def __call__(self, doc: ExtractDoc) -> ExtractDoc:
        if doc.spacy is not None:
            finder = _Finder(doc.spacy, self.knowledge)
            finder.run()
            doc.mentions = sorted(finder.mentions, key=lambda m: (m.span.start, m.span.end))
            doc.actors = sorted(finder.actors, key=lambda a: (a.span.start, a.span.end))
        return doc


class _Finder:
    """The mentions and actors of one spaCy doc."""

    def __init__(self, doc: Doc, knowledge: Knowledge) -> None:
        self.doc, self.knowledge = doc, knowledge
        self.people = People(knowledge)
        self.groups = Groups(knowledge)
        self.mentions: list[Mention] = []
        self.actors: list[ActorRef] = []
        self.group_ids: dict[int, str] = {}  # span start of an actor -> the generic class its head names
        self.taken: set[int] = set()
        people = [ent for ent in doc.ents if ent.label_ == "PERSON" and len(_words(ent)) > 1]
        self.surnames = {ent[-1].lower_ for ent in people}

    def run(self) -> None:
        coordinated = self.groups.phrases(self.doc, set(), coordinated=True)
        for phrase in coordinated:
            self.taken.update(range(phrase.start, phrase.end))
        for ent in self.doc.ents:
            if not (ent.label_ in ("ORG", "NORP") and self.taken.issuperset(range(ent.start, ent.end))):
                self._entity(ent)
        self._surnames()
        for ref in self.people.refs():
            self._add(ref, "person", "PERSON")
        for phrase in sorted([*coordinated, *self.groups.phrases(self.doc, self.taken, coordinated=False)],
                             key=lambda p: p.start):
            self._group(phrase)

    def _surnames(self) -> None:
        """A surname spaCy did not call a person ("Col. Ilves", after "Marta Ilves")."""
        surnames = {s for s in self.people.surnames() if len(s) >= 4}
        for token in self.doc:
            if (not token.ent_type_ and token.i not in self.taken and token.text[:1].isupper()
                    and alias_key(token.text) in surnames):
                self.people.add(self.doc[token.i:token.i + 1])

    def _entity(self, ent: SpacySpan) -> None:
        found = clean(ent)
        if found is None:
            return
        span, text = found
        label = ent.label_
        if label in DATES:  # "the next five years": the article is part of the date's words
            date = clean(ent, keep_article=True) or found
            self.mentions.append(Mention("date", date[0], date[1], label))
        elif label in QUANTITIES:
            self.mentions.append(Mention("quantity", span, text, label))
        elif label == "WEAPON":
            self._take(ent)
            self.mentions.append(Mention("weapon", span, text, label, ent.ent_id_ or None))
        elif label == "FAC" and not self._pack_actor(ent, text):
            facility = self.knowledge.facility_by_alias(text)
            self._take(ent)
            key = ent.ent_id_ or (facility.id if facility else None)
            self.mentions.append(Mention("facility", span, text, label, key))
        elif label in _NAMED:
            self._named(ent, label, text)

    def _named(self, ent: SpacySpan, label: str, text: str) -> None:
        actor = self._pack_actor(ent, text)
        if actor is not None and actor.kind == "person":
            self._take(ent)
            self.people.add(ent)
        elif actor is not None:
            self._take(ent)
            self._ref(ent, name=actor.name, kind=actor.kind, country=actor.country, actor=actor,
                      label=_NER_LABELS.get(actor.kind, "ORG"))
        elif label in ("PERSON", "ORG") and self._misread_place(ent):
            self._place(ent, "GPE")
        elif label == "PERSON" and self._article_name(ent, text):
            self._take(ent)
            self._org(ent, text)
        elif label == "PERSON" or self._person_like(ent, label):
            self._take(ent)
            self.people.add(ent)
        elif label in PLACES:
            self._place(ent, label)
        elif self._organisation(ent, label) and any(c.isupper() for c in text) and not self._in_title(ent):
            self._take(ent)
            self._org(ent, text)

    def _organisation(self, ent: SpacySpan, label: str) -> bool:
        """An ORG, or a name spaCy read as an event or a work whose words say group ("the Promised
        Day Brigades")."""
        named_otherwise = label in ("EVENT", "PRODUCT", "WORK_OF_ART")
        return label == "ORG" or (named_otherwise and self._org_kind(ent) is not None)

    def _in_title(self, ent: SpacySpan) -> bool:
        """"Defence" in "Defence Minister Tomas Reiner": a word of a title, not an organisation."""
        return len(ent) == 1 and ent.root.dep_ == "compound" and self.knowledge.is_title(ent.root.head.text)

    def _pack_actor(self, ent: SpacySpan, text: str) -> PackActor | None:
        if ent.ent_id_:
            return self.knowledge.actor(ent.ent_id_)
        fuzzy = ent.label_ not in PLACES
        return self.knowledge.actor_by_alias(text, fuzzy=fuzzy) if ent.label_ in _NAMED else None

    def _misread_place(self, ent: SpacySpan) -> bool:
        """A one-word name spaCy called a person or organisation that stands where places do
        ("near Dorvan", "strikes near al-Qaim"), and that no pack or full name explains."""
        words = _words(ent)
        return (len(words) == 1 and near_place_word(ent.root) and not self._org_kind(ent)
                and words[0].lower_ not in self.surnames)

    def _article_name(self, ent: SpacySpan, text: str) -> bool:
        """"Al-Shabab", "al-Nusra": one word behind the Arabic article, no given name, that the tagger
        called a person; a group, unless the document names someone with that surname ("Omar
        al-Bashir" ... "al-Bashir")."""
        if not _ARTICLE_NAME.fullmatch(text):
            return False
        return ent[-1].lower_ not in self.surnames and text.lower() not in self.surnames

    def _person_like(self, ent: SpacySpan, label: str) -> bool:
        if label not in ("ORG", "GPE", "NORP", "LOC") or self._org_kind(ent):
            return False
        names = [t for t in ent if not t.is_punct]
        surname = len(names) == 1 and names[0].lower_ in self.surnames
        country = self.knowledge.country_by_name(ent.text) or self.knowledge.country_by_demonym(ent.text)
        return country is None and (surname or (label == "ORG" and self.people.looks_like_person(ent)))

    def _place(self, ent: SpacySpan, label: str) -> None:
        found = clean(ent)
        if found is None:
            return
        span, text = found
        self.mentions.append(Mention("place", span, text, label))
        country = self.knowledge.country_by_name(text)
        if label == "GPE" and country is not None and acts(ent.root):
            name = f"Government of {country.of_name}"
            actor = self.knowledge.actor_by_alias(name)
            self._ref(ent, name=name, kind="state", country=country.code, actor=actor, label="GPE",
                      origin="ner")

    def _org(self, ent: SpacySpan, text: str) -> None:
        """An organisation no pack names: a country's force ("Syrian Army"), or as written."""
        tokens = [t for t in ent if not t.is_punct]
        group = self.groups.group_of(ent.root)
        country = None
        for token in tokens:
            country = country or self.knowledge.country_by_demonym(token.text) or (
                self.knowledge.country_by_name(token.text) if token.ent_type_ == "GPE" else None)
        if group is not None and group.state and country is not None:
            name = group.canonical(country)
            self._ref(ent, name=name, kind=group.kind, country=country.code,
                      actor=self.knowledge.actor_by_alias(name), label="ORG")
            return
        self._ref(ent, name=text, kind=self._org_kind(ent) or (group.kind if group else None),
                  country=country.code if country else None, actor=None, label="ORG")

    def _org_kind(self, ent: SpacySpan) -> str | None:
        words = [t.lower_.rstrip(".") for t in ent if not t.is_punct]
        pairs = [f"{a} {b}" for a, b in itertools.pairwise(words)]
        for word in [*pairs, *reversed(words)]:
            kind = self.knowledge.org_kind(word)
            if kind is not None:
                return kind
        return None

    def _ref(self, ent: SpacySpan, *, name: str, kind: str | None, country: str | None,
             actor: PackActor | None, label: str, origin: str | None = None) -> None:
        found = clean(ent)
        if found is None:
            return
        span, text = found
        if actor is not None:
            name, kind, country = actor.name, actor.kind, actor.country or country
        ref = ActorRef(text=text, span=span, name=name, kind=kind, country=country,
                       actor_id=actor.id if actor else None, origin="pack" if actor else (origin or "ner"))
        group = self.groups.group_of(ent[-1]) if len(ent) else None
        if group is not None:
            self.group_ids[span.start] = group.id
        self._add(ref, "actor", label)

    def _group(self, phrase: GroupPhrase) -> None:
        found = clean(self.doc[phrase.start:phrase.end])
        if found is None:
            return
        span, text = found
        group = phrase.group
        self.group_ids[span.start] = group.id
        for country in phrase.countries:  # "U.S. and Iraqi officials": one actor for each
            name = group.canonical(country)
            actor = self.knowledge.actor_by_alias(name) or (
                self.knowledge.actor_by_alias(text) if len(phrase.countries) == 1 else None)
            self._add(ActorRef(text=text, span=span, name=actor.name if actor else name,
                               kind=actor.kind if actor else group.kind, country=country.code,
                               actor_id=actor.id if actor else None, origin="pack" if actor else "parse"),
                      "actor", group.kind)
        if phrase.countries:
            return
        ref = (self._attached(phrase.head, span, text) or self._antecedent(span, text, group.id)
               if phrase.bare else None)
        if ref is None and phrase.bare and not phrase.plural:
            return  # a singular "the government" with nothing before it to refer to
        self._add(ref or ActorRef(text=text, span=span, name=text, kind=group.kind, origin="parse"),
                  "actor", group.kind)

    def _attached(self, head: int, span: Span, text: str) -> ActorRef | None:
        """"Fighters from Kata'ib Hezbollah", "members of the militia": the group the noun belongs to."""
        for prep in self.doc[head].children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "from"):
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    owner = next((a for a in self.actors if a.span.start <= obj.idx < a.span.end), None)
                    if owner is not None and owner.kind != "person":
                        return ActorRef(text=text, span=span, name=owner.name, kind=owner.kind,
                                        country=owner.country, actor_id=owner.actor_id, origin=owner.origin)
        return None

    def _antecedent(self, span: Span, text: str, group_id: str) -> ActorRef | None:
        """A bare "the militias" is the last group of its class named before it, if that one was specific."""
        before = [a for a in self.actors if a.span.start < span.start
                  and self.group_ids.get(a.span.start) == group_id and (a.actor_id or a.country)]
        if not before:
            return None
        last = max(before, key=lambda a: a.span.start)
        return ActorRef(text=text, span=span, name=last.name, kind=last.kind, country=last.country,
                        actor_id=last.actor_id, origin=last.origin)

    def _add(self, ref: ActorRef, kind: str, label: str) -> None:
        self.actors.append(ref)
        self.mentions.append(Mention(kind, ref.span, ref.text, label, ref.actor_id))

    def _take(self, ent: SpacySpan) -> None:
        self.taken.update(range(ent.start, ent.end))


def _words(ent: SpacySpan) -> list[Token]:
    """The words of a name, without punctuation and the Arabic article ("al-Qaim" is one word)."""
    return [t for t in ent if not t.is_punct and t.lower_ not in ("al", "el")]
