"""Did it happen? The status of a trigger (asserted, negated, hypothetical, planned, threatened),
and whether it is an event at all rather than a generic or habitual statement.

Status comes from the trigger's own clause (negation, modal auxiliaries, "if"), then from the
words that govern it, walking up the parse: "denied attacking" (negated), "threatened to attack"
(threatened), "plans to", "intended to", an infinitive of purpose, a plan noun, a future date
("ahead of the deadline") (planned), "capable of", "it is unclear if" (hypothetical).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitrep.extract.events.lexicon import (
    DEMONSTRATIVES,
    DENY_VERBS,
    FAIL_VERBS,
    FUTURE_PREPS,
    HABITUAL_ADVERBS,
    HYPOTHETICAL_WORDS,
    IMPLICATIVE_VERBS,
    MODALS_FUTURE,
    MODALS_HYPOTHETICAL,
    PLAN_NOUNS,
    PLAN_VERBS,
    THREAT_VERBS,
)
from sitrep.extract.events.triggers import Hit
from sitrep.model.vocab import PLOVER_QUAD

if TYPE_CHECKING:
    from spacy.tokens import Token

_UP_DEPS = {"xcomp", "ccomp", "conj", "advcl", "pcomp", "pobj", "prep", "dobj", "acl", "acomp", "nsubjpass",
            "compound", "amod", "oprd", "attr", "nsubj", "csubj"}
_FINITE = {"VBD", "VBZ", "VBP"}


def status_of(hit: Hit, *, future_date: bool = False) -> str:
    """The event's status: asserted unless something in or above its clause says otherwise."""
    own = _own_status(hit.anchor) or (None if hit.anchor is hit.token else _own_status(hit.token))
    if own:
        return own
    found = _governed_status(hit.anchor)
    if found:
        return found
    return "planned" if future_date else "asserted"


def _own_status(token: Token) -> str | None:
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in token.children):
        return "negated"  # "would not meet": the refusal, whatever the modal
    for child in token.children:
        word = child.lower_
        if child.dep_ in {"aux", "auxpass"} and child.tag_ == "MD":
            if word in MODALS_FUTURE:
                return "planned"
            if word in MODALS_HYPOTHETICAL:
                return "hypothetical"
        if child.dep_ == "mark" and word in HYPOTHETICAL_WORDS:
            return "hypothetical"
    if token.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        head = token.head
        if token.dep_ in {"xcomp", "advcl", "acl", "relcl", "csubj", "ccomp", "conj"} and not (
                head.lemma_.lower() in IMPLICATIVE_VERBS and token.dep_ == "xcomp"):
            return _infinitive_status(head)
    return None


def _infinitive_status(head: Token) -> str:
    lemma = head.lemma_.lower()
    if lemma in THREAT_VERBS or lemma == "threat":
        return "threatened"
    if lemma in DENY_VERBS or lemma in FAIL_VERBS:
        return "negated"
    if lemma in HYPOTHETICAL_WORDS:
        return "hypothetical"
    return "planned"


def _governed_status(token: Token) -> str | None:
    current = token
    for _ in range(8):
        if current.dep_ not in _UP_DEPS or current.head is current:
            return None
        finite = current.tag_ in _FINITE
        parent = current.head
        lemma = parent.lemma_.lower()
        if lemma in DENY_VERBS or lemma in FAIL_VERBS:
            return "negated"
        if lemma in THREAT_VERBS or lemma == "threat":
            return "threatened"
        if lemma in HYPOTHETICAL_WORDS and current.dep_ not in {"nsubj", "nsubjpass"}:
            return "hypothetical"
        if (lemma in PLAN_VERBS and current.dep_ in {"xcomp", "dobj"}) or lemma in PLAN_NOUNS:
            return "planned"
        if lemma in FUTURE_PREPS and current.dep_ in {"pobj", "prep"}:
            return "planned"
        if current.dep_ in {"conj", "xcomp"} and not finite:
            inherited = _own_status(parent)
            if inherited:
                return inherited
        if current.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_WORDS
                                           for c in current.children):
            return "hypothetical"
        current = parent
    return None


UNDERGONE_NOUNS = frozenset({"arrest", "detention", "killing", "murder", "assassination", "abduction",
                             "kidnapping", "execution", "capture"})


def is_generic(hit: Hit, *, specifics: int, dated: bool, counted: bool) -> bool:
    """A habitual, generic or anaphoric mention rather than a reported event: "has historically
    ramped up its operations", "are targeting", "their attacks", "this operation". ``specifics``
    counts what the text ties to the trigger (date, place, number, actor, recipient, weapon)."""
    anchor = hit.anchor
    if any(c.dep_ == "advmod" and c.lower_ in HABITUAL_ADVERBS for c in anchor.children):
        return True
    if hit.nominal and hit.anchor is hit.token:
        if undergone(hit.token):
            return False
        return _generic_noun(hit.token, specifics=specifics, dated=dated, counted=counted)
    if dated or counted:
        return False
    if PLOVER_QUAD.get(hit.type, "").startswith("verbal"):
        return False  # "X are demanding autonomy", "X rejects the plan": saying is itself the event
    if anchor.tag_ in {"VBZ", "VBP"}:
        return True  # the simple present of a material event is habitual ("militias attack convoys")
    if anchor.tag_ == "VBG":
        aux = _auxiliaries(anchor)
        if any(a.lower_ in {"is", "are", "am"} for a in aux):
            return True
        if not aux and anchor.dep_ in {"pcomp", "pobj", "conj", "csubj", "ROOT"} and not _after_past(anchor):
            return True
    return False


def _after_past(verb: Token) -> bool:
    """"fled after stabbing two men": a participle after a time word, in a clause told in the past,
    is a past act too."""
    prep = verb.head
    return (verb.dep_ == "pcomp" and prep.lower_ in {"after", "before", "while", "upon", "since"}
            and prep.head.tag_ in {"VBD", "VBN"})


def undergone(noun: Token) -> bool:
    """"after his arrest", "her killing": what happened to one person the text names, told by the
    act's noun with his or her (not "their attacks", which are habitual)."""
    return noun.tag_ == "NN" and noun.lemma_.lower() in UNDERGONE_NOUNS and any(
        c.dep_ == "poss" and c.lower_ in {"his", "her"} for c in noun.children)


def _generic_noun(noun: Token, *, specifics: int, dated: bool, counted: bool) -> bool:
    if dated or counted:
        return False
    determiners = {c.lower_ for c in noun.children if c.dep_ in {"det", "poss"}}
    if determiners & DEMONSTRATIVES or noun.tag_ == "NNS":
        return True
    if determiners & {"its", "their", "his", "her", "our"}:
        return True
    needed = 2 if "the" in determiners else 1
    return specifics < needed


def _auxiliaries(verb: Token) -> list[Token]:
    aux = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if not aux and verb.dep_ == "conj":
        aux = [c for c in verb.head.children if c.dep_ in {"aux", "auxpass"}]
    return aux

