"""Stage ``relations``: relations between actors that a sentence states (never mere co-mention).

Patterns, read off the parse (with the text's dashes for appositive lists):
- "militias supported and directed by X — A in particular, but also B, and C": X directs and
  supports A, B and C (each conjoined participle gives a type, each named group a target);
- "X supports / funds / trains / commands / directs Y", "X supplies weapons to Y", "X provides
  funding to Y", "Y receives support from X";
- "the X-backed Y", "X-funded Y" when Y is a name (a description like "Iran-backed militias"
  names no particular group, so it states no relation);
- "Y, himself a X member", "Y, a member of X", "Y, an X officer": Y member_of X; "Y, part of X",
  "Y, a wing of X": part_of; "Z, allied with W", "Z, an ally of W": allied_with.
Pack background relations are not emitted here: only what the text says, with its sentence and notes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from sitrep.extract.doc import ExtractDoc
from sitrep.extract.events.phrases import ActorIndex, resolve_relative
from sitrep.model.facts import ActorRef, Relation
from sitrep.model.span import Span

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

VERB_TYPES = {
    "support": "supports", "back": "supports", "sponsor": "supports", "aid": "supports", "assist": "supports",
    "direct": "directs", "control": "directs", "guide": "directs", "run": "directs", "orchestrate": "directs",
    "fund": "funds", "finance": "funds", "bankroll": "funds", "arm": "supplies_weapons",
    "equip": "supplies_weapons", "train": "trains", "command": "commands", "lead": "commands",
    "employ": "employs", "oppose": "opposes",
}
NOUN_TYPES = {"support": "supports", "backing": "supports", "funding": "funds", "fund": "funds",
              "financing": "funds", "money": "funds", "weapon": "supplies_weapons", "arm": "supplies_weapons",
              "munition": "supplies_weapons", "training": "trains", "direction": "directs",
              "guidance": "directs", "order": "directs"}
_GIVE_VERBS = {"supply", "provide", "give", "send", "ship", "deliver", "transfer", "funnel", "smuggle",
               "offer", "extend"}
_RECEIVE_VERBS = {"receive", "get", "obtain", "accept"}
MEMBER_NOUNS = {"member", "officer", "operative", "fighter", "militant", "agent", "official", "spokesman",
                "spokeswoman", "spokesperson", "representative", "commander", "leader", "chief", "cadre"}
PART_NOUNS = {"part", "wing", "branch", "unit", "faction", "arm", "division", "brigade", "affiliate",
              "offshoot"}
ALLY_WORDS = {"ally", "allied", "align", "aligned", "partner"}
_DASHES = re.compile(r"\s*[—–]|\s+-{1,2}\s+")
_MODAL = {"could", "would", "might", "may", "should", "can", "will"}


class RelationsStage:
    name: ClassVar[str] = "relations"
    requires: ClassVar[tuple[str, ...]] = ("spacy", "actors")
    assigns: ClassVar[tuple[str, ...]] = ("relations",)

    def __init__(self, knowledge: Any = None) -> None:
        self.knowledge = knowledge

    def __call__(self, doc: ExtractDoc) -> ExtractDoc:
        if doc.spacy is None:
            return doc
        index = ActorIndex(doc.actors, doc.text)
        relations: list[Relation] = []
        for sent in doc.spacy.sents:
            text = sent.text
            if not text.strip():
                continue
            start = sent.start_char + (len(text) - len(text.lstrip()))
            span = Span(start, sent.end_char - (len(text) - len(text.rstrip())))
            reader = _Reader(doc, sent, span, index, self.knowledge)
            relations += reader.read()
        doc.relations = _unique(relations)
        return doc


class _Reader:
    def __init__(self, doc: ExtractDoc, sent: SpacySpan, span: Span, index: ActorIndex, knowledge: Any
                 ) -> None:
        self.doc, self.sent, self.span, self.index, self.knowledge = doc, sent, span, index, knowledge
        self.notes = doc.notes_for(span)
        self.found: list[Relation] = []

    def read(self) -> list[Relation]:
        for token in self.sent:
            lemma = token.lemma_.lower()
            if token.pos_ in {"VERB", "AUX"} and _asserted(token):
                if lemma in VERB_TYPES:
                    self._verb(token, VERB_TYPES[lemma])
                elif lemma in _GIVE_VERBS | _RECEIVE_VERBS:
                    self._transfer(token, lemma in _RECEIVE_VERBS)
            if token.dep_ == "appos" or (token.dep_ == "acl" and lemma in ALLY_WORDS):
                self._apposition(token)
            if token.dep_ == "attr" and token.head.lemma_ == "be":
                self._copula(token)
        return self.found

    def add(self, sources: list[ActorRef], kind: str, targets: list[ActorRef], words: list[Token]) -> None:
        span = Span(min(t.idx for t in words), max(t.idx + len(t) for t in words))
        for source in sources:
            for target in targets:
                if source.span != target.span and source.name != target.name:
                    self.found.append(Relation(source=source, type=kind, target=target, span=span,
                                               sentence=self.span, notes=self.notes, origin="text"))

    def _verb(self, verb: Token, kind: str) -> None:
        kinds = [kind] + [VERB_TYPES[c.lemma_.lower()] for c in verb.conjuncts
                          if c.lemma_.lower() in VERB_TYPES and c.pos_ == "VERB"]
        agent = _agent(verb)
        if agent is not None:  # "Y supported and directed by X", "X-backed Y"
            if verb.dep_ == "conj" and verb.head.lemma_.lower() in VERB_TYPES:
                return  # the first conjunct speaks for the whole coordination
            sources = self._actors(agent)
            targets = self._passive_targets(verb, agent)
            for item in dict.fromkeys(kinds):
                self.add(sources, item, targets, [verb])
            return
        if verb.dep_ == "amod" and verb.tag_ == "VBN":
            self._compound_adjective(verb, kind)
            return
        subject = _subject(verb)
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if subject is None or not objects:
            return
        sources = self._actors(subject)
        for obj in objects:
            self.add(sources, kind, self._actors(obj), [verb])

    def _passive_targets(self, verb: Token, agent: Token) -> list[ActorRef]:
        head = verb.head if verb.dep_ in {"acl", "amod"} else _subject(verb)
        listed = self._dash_list(agent)
        if listed:
            return listed
        if head is None:
            return []
        named = [a for a in self._actors(head) if _named(a, self.doc)]
        return named

    def _dash_list(self, agent: Token) -> list[ActorRef]:
        """Named groups in a dash-set (or bracketed) list right after the agent phrase: the list
        spells out the plural subject ("militias ... by X—A in particular, but also B, and C—")."""
        end = max([agent.idx + len(agent)] + [a.span.end for a in self.index.covering(agent)])
        rest = self.doc.text[end:self.span.end]
        match = _DASHES.match(rest) or re.match(r"\s*\(", rest)
        if match is None:
            return []
        close = re.search(r"[—–)]|\s-{1,2}\s", rest[match.end():])
        stop = end + match.end() + (close.start() if close else len(rest) - match.end())
        window = Span(end + match.end(), stop)
        named = [a for a in self.index.actors if window.contains(a.span) and _named(a, self.doc)]
        tokens = self.sent.doc.char_span(window.start, window.end, alignment_mode="contract")
        for token in tokens if tokens is not None else ():
            # a name in the list that no earlier stage knew is still a group of the list
            if token.pos_ == "PROPN" and token.dep_ not in {"compound", "flat"} and not any(
                    a.span.start <= token.idx < a.span.end for a in named):
                named += self.index.phrase_actor(token, owner=True)
        return sorted(named, key=lambda a: a.span.start)

    def _compound_adjective(self, verb: Token, kind: str) -> None:
        """"the Iran-backed Hezbollah": X (the word before the hyphen) ``kind`` Y, if Y is a name."""
        noun = verb.head
        modifier = next((c for c in verb.children if c.dep_ in {"npadvmod", "compound", "nmod", "advmod"}),
                        None)
        if modifier is None or noun.pos_ != "PROPN":
            return
        sources = self.index.covering(modifier) or self._country_actor(modifier)
        targets = [a for a in self.index.covering(noun) if _named(a, self.doc)]
        self.add(sources, kind, targets, [modifier, verb])

    def _country_actor(self, token: Token) -> list[ActorRef]:
        finder = getattr(self.knowledge, "country_by_demonym", None)
        country = finder(token.text) if finder is not None else None
        if country is None:
            by_name = getattr(self.knowledge, "country_by_name", None)
            country = by_name(token.text) if by_name is not None else None
        if country is None:
            return []
        span = Span(token.idx, token.idx + len(token))
        return [ActorRef(text=token.text, span=span, name=country.name, kind="state", country=country.code,
                         origin="parse")]

    def _transfer(self, verb: Token, receive: bool) -> None:
        """"X supplies weapons to Y", "X provides Y with funding", "Y receives support from X"."""
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        preps = {c.lower_: [g for g in c.children if g.dep_ == "pobj"] for c in verb.children
                 if c.dep_ in {"prep", "dative"}}
        subject = _subject(verb)
        if subject is None:
            return
        for obj in objects:
            kind = NOUN_TYPES.get(obj.lemma_.lower())
            with_nouns = [n for n in preps.get("with", []) if n.lemma_.lower() in NOUN_TYPES]
            if kind is None and with_nouns and not receive:
                kind, other = NOUN_TYPES[with_nouns[0].lemma_.lower()], self._actors(obj)
                self.add(self._actors(subject), kind, other, [verb])
                continue
            if kind is None:
                continue
            if receive:
                self.add([a for p in preps.get("from", []) for a in self._actors(p)], kind,
                         self._actors(subject), [verb, obj])
            else:
                receivers = [a for p in preps.get("to", []) for a in self._actors(p)]
                self.add(self._actors(subject), kind, receivers, [verb, obj])

    def _apposition(self, token: Token) -> None:
        """"Y, himself a X member", "Y, a member of X", "Z, allied with W", "Y, part of X"."""
        holder = token.head
        if token.pos_ == "PRON":
            for inner in (c for c in token.children if c.dep_ == "appos"):
                self._describe(holder, inner)
            return
        self._describe(holder, token)

    def _copula(self, attr: Token) -> None:
        subject = _subject(attr.head)
        if subject is not None:
            self._describe(subject, attr)

    def _describe(self, holder: Token, noun: Token) -> None:
        sources = self.index.covering(holder)
        if not sources:
            return
        lemma = noun.lemma_.lower()
        if noun.pos_ == "PROPN":
            return
        if lemma in ALLY_WORDS:
            kind = "allied_with"
        elif lemma in MEMBER_NOUNS:
            kind = "member_of"
        elif lemma in PART_NOUNS:
            kind = "part_of"
        else:
            return
        targets = self._owners(noun)
        self.add(sources, kind, targets, [noun])

    def _owners(self, noun: Token) -> list[ActorRef]:
        """The group a role noun belongs to: "X member", "member of X", "allied with X"."""
        found: list[ActorRef] = []
        for child in noun.children:
            if child.dep_ in {"compound", "poss", "nmod", "amod"}:
                found += [a for a in self.index.covering(child) if a not in found]
            elif child.dep_ == "prep" and child.lower_ in {"of", "with", "to", "in"}:
                for pobj in (g for g in child.children if g.dep_ == "pobj"):
                    found += [a for a in self.index.for_phrase(pobj) if a not in found]
        return found

    def _actors(self, head: Token) -> list[ActorRef]:
        """The actors a phrase names, leaving out bare common nouns ("the group", "its fighters"),
        which refer back rather than name."""
        found = self.index.for_phrase(resolve_relative(head))
        return [a for a in found if a.origin != "parse" or len(a.text.split()) > 1]


def _agent(verb: Token) -> Token | None:
    for candidate in (verb, *verb.conjuncts):
        for child in candidate.children:
            if child.dep_ == "agent":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _subject(verb: Token) -> Token | None:
    current = verb
    for _ in range(3):
        found = next((c for c in current.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if found is not None or current.dep_ != "conj":
            return found
        current = current.head
    return None


def _asserted(verb: Token) -> bool:
    return not any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in _MODAL) or c.lower_ == "if"
                   for c in verb.children)


def _named(actor: ActorRef, doc: ExtractDoc) -> bool:
    """An actor named by a proper name (not a description such as "Shi'a militias")."""
    parsed = doc.spacy
    if parsed is None:
        return False
    span = parsed.char_span(actor.span.start, actor.span.end, alignment_mode="expand")
    return span is not None and span.root.pos_ == "PROPN"


def _unique(relations: list[Relation]) -> list[Relation]:
    seen: set[tuple[int, str, int, int]] = set()
    out = []
    for relation in relations:
        key = (relation.source.span.start, relation.type, relation.target.span.start, relation.sentence.start)
        if key not in seen:
            seen.add(key)
            out.append(relation)
    return out
