"""Find event triggers in a sentence: verbs typed by their object or complement ("halted aid",
"lifted the curfew", "promised to withdraw": ``objects``), verbs and event nouns from the pack
lexicon (by lemma), multiword verbs ("cracked down", "opened fire"), event nouns carried by a light
verb ("launched an operation"), and claims of responsibility (which point at an event rather than
being one)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sitrep.extract.events.lexicon import (
    ATTEMPT_VERBS,
    CLAIM_NOUNS,
    LIGHT_VERBS,
    OPERATION_NOUNS,
    PHRASAL,
    RELATION_PARTICIPLES,
    REPORTING_LIGHT_VERBS,
    WEAPON_USE_VERBS,
    EventKnowledge,
)
from sitrep.extract.events.objects import object_type
from sitrep.model.vocab import PLOVER_MODES, PLOVER_QUAD

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

_CONTENT_POS = {"VERB", "NOUN"}


@dataclass
class Hit:
    """One trigger. ``anchor`` is the clause head that carries tense, subject and modality: the
    trigger itself, or the light verb whose object it is ("launched" for "launched an operation")."""

    token: Token
    anchor: Token
    type: str
    mode: str | None = None
    acled: tuple[str, str | None] | None = None
    words: tuple[Token, ...] = ()

    @property
    def nominal(self) -> bool:
        return self.token.pos_ in {"NOUN", "PROPN"} or self.token.tag_ in {"NN", "NNS"}

    @property
    def text(self) -> str:
        tokens = sorted(self.words or (self.token,), key=lambda t: t.i)
        return " ".join(t.text for t in tokens)


@dataclass
class Claim:
    """"X claimed responsibility for E": the claimer's phrase head and the claimed thing's head."""

    verb: Token
    claimer: Token | None
    target: Token | None


def find_triggers(sent: SpacySpan, knowledge: EventKnowledge) -> tuple[list[Hit], list[Claim]]:
    hits: list[Hit] = []
    claims: list[Claim] = []
    taken: set[int] = set()
    for token in sent:
        claim = _claim(token)
        if claim is not None:
            claims.append(claim)
            taken.add(token.i)
            continue
        if token.i in taken:
            continue
        if _fixed_expression(token):
            continue
        hit = (_by_object(token, knowledge) or _paused(token) or _lexical(token, knowledge) or _phrasal(token)
               or _weapon_use(token, knowledge))
        if hit is not None and not _not_an_event(hit):
            hits.append(hit)
            taken.update(w.i for w in hit.words)
    return hits, claims


_PAUSE_NOUNS = frozenset({"pause", "suspension", "halt", "cessation", "end", "freeze", "moratorium"})
_VIOLENCE_NOUNS = frozenset({"attack", "strike", "operation", "hostility", "fighting", "bombing", "raid",
                             "shelling", "offensive"})


def _paused(token: Token) -> Hit | None:
    """"announced a pause in its attacks", "a suspension of operations": one act of stopping
    violence (RETREAT, ceasefire), not an attack."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in _PAUSE_NOUNS:
        return None
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in {"in", "of", "to"}):
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            if pobj.lemma_.lower() in _VIOLENCE_NOUNS:
                anchor = _light_verb(token) or token
                return Hit(token, anchor, "RETREAT", "ceasefire", None, (token, prep, pobj))
    return None


def _not_an_event(hit: Hit) -> bool:
    """Trigger words used in a sense that reports no event of their type."""
    token = hit.token
    return _relation_participle(token) or _attempt(token) or (hit.type == "PROTEST" and _shows(token))


def _by_object(token: Token, knowledge: EventKnowledge) -> Hit | None:
    """A verb typed by its object or complement ("halted aid", "lifted the ban", "promised to")."""
    found = object_type(token, knowledge)
    if found is None:
        return None
    (kind, mode), words = found
    return Hit(token, token, kind, mode, None, words)


def _weapon_use(token: Token, knowledge: EventKnowledge) -> Hit | None:
    """"fired rockets at", "planted a bomb", "hurled grenades": a verb of firing or placing whose
    object is a weapon the pack knows is an attack."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in WEAPON_USE_VERBS:
        return None
    finder = getattr(knowledge, "weapon_by_alias", None)
    for child in token.children:
        if child.dep_ == "dobj" and finder is not None and (finder(child.text) or finder(child.lemma_)):
            return Hit(token, token, "ASSAULT", None, None, (token,))
    return None


def _fixed_expression(token: Token) -> bool:
    """Words that are part of a fixed phrase, not triggers: "according to", "in accordance with"."""
    following = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
    return token.lower_ in {"according", "accordance"} and following in {"to", "with"}


def _shows(token: Token) -> bool:
    """"Iran is demonstrating that it is willing": to demonstrate a fact is to show it, not to protest."""
    return (token.lemma_.lower() == "demonstrate" and token.pos_ == "VERB"
            and any(c.dep_ in {"ccomp", "dobj"} for c in token.children))


def _attempt(token: Token) -> bool:
    """"sought to undermine", "plans to attack": a verb of trying or planning with an infinitive is
    the modality of the verb it governs, not an event of its own."""
    return (token.lemma_.lower() in ATTEMPT_VERBS and token.pos_ == "VERB"
            and any(c.dep_ == "xcomp" for c in token.children)
            and not any(c.dep_ in {"dobj", "dative"} for c in token.children))


def _relation_participle(token: Token) -> bool:
    """"militias supported by X", "Iranian-backed groups": a standing relation, not an event."""
    if token.lemma_.lower() not in RELATION_PARTICIPLES:
        return False
    if any(c.dep_ in {"aux", "auxpass"} for c in token.children):
        return False
    with_agent = any(c.dep_ == "agent" for t in (token, *token.conjuncts) for c in t.children)
    return token.tag_ == "VBN" or with_agent


_NO_ONE = frozenset({"nobody", "none", "no-one"})


_ACCEPT_VERBS = frozenset({"accept", "admit", "take", "assume", "acknowledge"})


def _claim(token: Token) -> Claim | None:
    """"X claimed responsibility for E", "X claimed the attack", "X accepted (took, admitted)
    responsibility for E"."""
    lemma = token.lemma_.lower()
    if token.pos_ != "VERB" or lemma not in {"claim", *_ACCEPT_VERBS}:
        return None
    if lemma != "claim" and not any(c.dep_ == "dobj" and c.lemma_.lower() in CLAIM_NOUNS
                                    for c in token.children):
        return None  # "accepted responsibility for E", "took credit for": a claim; "accepted the offer" none
    claimer = _subject(token)
    if claimer is not None and (claimer.lower_ in _NO_ONE
                                or any(c.dep_ == "det" and c.lower_ == "no" for c in claimer.children)):
        return None  # "no group has claimed responsibility": nobody claims it
    for child in token.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in CLAIM_NOUNS:
            target = next((g for p in child.children if p.dep_ == "prep" and p.lower_ in {"for", "of"}
                           for g in p.children if g.dep_ == "pobj"), None)
            return Claim(token, claimer, target)
        if child.dep_ == "dobj" and child.pos_ == "NOUN":
            return Claim(token, claimer, child)
    return None


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return child
    return None


def _phrasal(token: Token) -> Hit | None:
    if token.pos_ != "VERB":
        return None
    lemma = token.lemma_.lower()
    for child in token.children:
        key = (lemma, child.lemma_.lower())
        if key in PHRASAL and child.dep_ in {"prt", "dobj", "advmod", "prep", "oprd", "ccomp"}:
            kind, mode = PHRASAL[key]
            return Hit(token, token, kind, mode, None, (token, child))
    return None


def _lexical(token: Token, knowledge: EventKnowledge) -> Hit | None:
    if token.pos_ not in _CONTENT_POS:
        return None
    lemma = token.lemma_.lower()
    if token.pos_ == "NOUN" and token.tag_ == "NNS" and lemma == token.lower_:
        lemma = lemma.rstrip("s")
    multi = _multiword(token, lemma, knowledge)
    if multi is not None:
        return multi
    trigger = _choose(knowledge.triggers_for_lemma(lemma), token)
    light = _light_verb(token) if token.pos_ == "NOUN" else None
    if light is not None and light.lemma_.lower() in REPORTING_LIGHT_VERBS and trigger is not None and (
            str(getattr(trigger, "type", "")).upper() in {"ASSAULT", "COERCE", "MOBILIZE"}):
        light = None  # "announced the attack" reports an attack; it does not carry it out
    if trigger is None:
        if light is None or lemma not in OPERATION_NOUNS:
            return None
        return Hit(token, light, OPERATION_NOUNS[lemma], None, None, (light, token))
    kind, mode = _type_mode(trigger)
    if kind is None:
        return None
    anchor = light or token
    words = (light, token) if light is not None else (token,)
    return Hit(token, anchor, kind, mode, _acled(trigger), words)


def _multiword(token: Token, lemma: str, knowledge: EventKnowledge) -> Hit | None:
    """Pack triggers of several words: a verb and its particle or object ("crack down", "launch
    operation"), a noun and its compound ("suicide bombing", "drone strike")."""
    if token.pos_ == "VERB":
        partners = [c for c in token.children if c.dep_ in {"prt", "dobj", "prep"}]
    else:
        partners = [c for c in token.children if c.dep_ in {"compound", "amod"}]
    for partner in partners:
        words = (token, partner) if token.pos_ == "VERB" else (partner, token)
        key = " ".join(w.lemma_.lower() for w in words)
        trigger = _choose(knowledge.triggers_for_lemma(key), token)
        if trigger is None:
            continue
        kind, mode = _type_mode(trigger)
        if kind is not None:
            anchor = token if token.pos_ == "VERB" else (_light_verb(token) or token)
            return Hit(partner if token.pos_ == "VERB" and partner.pos_ == "NOUN" else token, anchor, kind,
                       mode, _acled(trigger), (*words, *(() if anchor in words else (anchor,))))
    return None


def _choose(triggers: Any, token: Token) -> Any | None:
    """The trigger sense that fits the word's part of speech (pack triggers may carry ``pos``)."""
    candidates = list(triggers or ())
    if not candidates:
        return None
    pos = "NOUN" if token.pos_ in {"NOUN", "PROPN"} else token.pos_
    fitting = [t for t in candidates if str(getattr(t, "pos", None) or pos).upper() == pos]
    return fitting[0] if fitting else None


def _type_mode(trigger: Any) -> tuple[str | None, str | None]:
    kind = str(getattr(trigger, "type", "") or "").upper()
    if kind not in PLOVER_QUAD:
        return None, None
    mode = getattr(trigger, "mode", None)
    return kind, mode if mode in PLOVER_MODES.get(kind, ()) else None


def _acled(trigger: Any) -> tuple[str, str | None] | None:
    value = getattr(trigger, "acled", None)
    if not value:
        return None
    if isinstance(value, str):
        return (value, None)
    parts = list(value)
    return (str(parts[0]), str(parts[1]) if len(parts) > 1 and parts[1] else None)


def _light_verb(noun: Token) -> Token | None:
    """The light verb whose object ``noun`` is ("launched an operation"; "carried out an attack")."""
    head = noun.head
    if noun.dep_ in {"dobj", "nsubjpass"} and head.pos_ == "VERB" and head.lemma_.lower() in LIGHT_VERBS:
        return head
    if noun.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_.lower() in REPORTING_LIGHT_VERBS:
        return head
    return None
