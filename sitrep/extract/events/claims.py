"""Claims of responsibility and attributions of blame.

"X claimed (accepted, took, admitted) responsibility for E" gives E ``claimed_by`` X and, when E
names no actor, actor X (the claimer's phrase names a group even where NER knew nothing of it);
the claim itself is not a separate event. "Y blamed X for E", "E was blamed on X", "E has been
linked to X", "accused X of E" and "a signature weapon of X" (for the event that used the weapon) give E
an Attribution to X, with Y as who blames: an inference, never the actor. When E is not in the
sentence ("claimed the attack", "blamed X"), the caller applies it to the latest violent event.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitrep.extract.events.frame import Frame, Sentence
from sitrep.extract.events.lexicon import BLAME_VERBS, SIGNATURE_NOUNS
from sitrep.extract.events.modality import status_of
from sitrep.extract.events.phrases import resolve_relative
from sitrep.extract.events.triggers import Claim, Hit
from sitrep.model.facts import ActorRef, Attribution

if TYPE_CHECKING:
    from spacy.tokens import Token

_SIDE_PREPS = {"for", "on", "to", "of", "with", "in"}


@dataclass
class Pending:
    """A claim or attribution whose event is in an earlier sentence."""

    claimed_by: list[ActorRef]
    attributed: list[Attribution]
    # places the words about the event name ("claimed the Afgooye bombing"): it is the event there
    places: tuple[str, ...] = ()


def apply_claims(sentence: Sentence, frames: list[Frame], claims: list[Claim]) -> list[Pending]:
    pending: list[Pending] = []
    for claim in claims:
        claimers = ((sentence.index.for_phrase(claim.claimer) or sentence.index.phrase_actor(claim.claimer))
                    if claim.claimer is not None else [])  # who claims names a group, known or not
        if not claimers or _claim_status(claim) != "asserted":
            continue
        frame = _frame_in(frames, claim.target)
        if frame is None or frame.generic:
            # "claimed responsibility for the attack" / "claimed responsibility": an earlier event
            if claim.target is None or _mentions_event([claim.target]):
                pending.append(Pending(claimers, [], _places_in(sentence, claim.target)))
            continue
        frame.claimed_by = claimers
        frame.generic = False
        frame.roles.actors = list(claimers)  # who claims it did it: stronger than a modifier's guess
    return pending


def _places_in(sentence: Sentence, head: Token | None) -> tuple[str, ...]:
    """The names that may say where, written inside the phrase ``head`` heads: the places found
    there, and any proper name before the event noun ("the Afgooye bombing": the tagger may call
    Afgooye a person; whether it is a place is told by the events, see ``_apply_pending``)."""
    if head is None:
        return ()
    start, end = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
    found = [p.text for p in sentence.places if start <= p.span.start and p.span.end <= end]
    found += [t.text for t in head.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    return tuple(dict.fromkeys(found))


def _claim_status(claim: Claim) -> str:
    return status_of(Hit(claim.verb, claim.verb, "ACCUSE"))


def apply_attributions(sentence: Sentence, frames: list[Frame]) -> list[Pending]:
    pending: list[Pending] = []
    for token in sentence.sent:
        if token.pos_ == "VERB" and token.lemma_.lower() in BLAME_VERBS:
            found = _blame(sentence, frames, token)
            if found is not None:
                pending.append(found)
        elif token.pos_ == "NOUN" and _is_signature(token):
            _signature(sentence, frames, token)
        elif token.lemma_.lower() == "responsible" and token.dep_ == "acomp":
            found = _responsible(sentence, frames, token)
            if found is not None:
                pending.append(found)
    return pending


def _responsible(sentence: Sentence, frames: list[Frame], adjective: Token) -> Pending | None:
    """"X was responsible for the attack", "police concluded that X were responsible": X is
    blamed, by whoever concluded it; without "for ..." the attack is the one told just before."""
    verb = adjective.head
    if any(c.dep_ == "neg" for c in (*verb.children, *adjective.children)) or status_of(
            Hit(verb, verb, "ACCUSE")) != "asserted":
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    blamed = sentence.index.for_phrase(resolve_relative(subject)) if subject is not None else []
    if not blamed:
        return None
    by = None
    if verb.dep_ == "ccomp":
        speaker = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        speakers = sentence.index.for_phrase(speaker) if speaker is not None else []
        by = speakers[0] if speakers else None
    attributions = [Attribution(actor=a, by=by, text=sentence.sent.text.strip()) for a in blamed]
    sides = [g for c in adjective.children if c.dep_ == "prep" and c.lower_ == "for"
             for g in c.children if g.dep_ in {"pobj", "pcomp"}]
    frame = next((f for s in sides if (f := _frame_in(frames, s)) is not None), None)
    if frame is not None and not frame.generic:
        frame.attributed += attributions
        return None
    if sides and not _mentions_event(sides):
        return None  # "responsible for security": no event
    return Pending([], attributions)


def _blame(sentence: Sentence, frames: list[Frame], verb: Token) -> Pending | None:
    passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children)
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    sides = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    sides += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in _SIDE_PREPS
              for g in c.children if g.dep_ == "pobj"]
    if passive and subject is not None and subject not in sides:
        sides.append(subject)
    event_side = next(((s, f) for s in sides if (f := _frame_in(frames, s)) is not None), None)
    blamed = [a for s in sides if event_side is None or s is not event_side[0]
              for a in sentence.index.for_phrase(resolve_relative(s))]
    if not blamed:
        return None
    by = None
    if not passive and subject is not None:
        speakers = sentence.index.for_phrase(resolve_relative(subject))
        by = speakers[0] if speakers else None
    attributions = [Attribution(actor=a, by=by, text=sentence.sent.text.strip()) for a in blamed]
    if event_side is None or event_side[1].generic:
        if event_side is None and not _mentions_event(sides):
            return None
        return Pending([], attributions)
    event_side[1].attributed += attributions
    return None


def _mentions_event(sides: list[Token]) -> bool:
    """"blamed X for the attack": an event word that is not an event of this sentence."""
    return any(t.lemma_.lower() in {"attack", "bombing", "killing", "death", "blast", "explosion", "strike",
                                    "assault", "ambush", "raid", "incident", "violence", "shelling"}
               for s in sides for t in s.subtree)


def _is_signature(token: Token) -> bool:
    return token.lemma_.lower() in SIGNATURE_NOUNS or any(
        c.dep_ in {"compound", "amod"} and c.lemma_.lower() in SIGNATURE_NOUNS for c in token.children)


def _signature(sentence: Sentence, frames: list[Frame], noun: Token) -> None:
    """"W, a signature weapon of X": the event that used W is attributed to X."""
    owners = [a for p in noun.children if p.dep_ == "prep" and p.lower_ in {"of", "for"}
              for g in p.children if g.dep_ == "pobj"
              for a in sentence.index.for_phrase(g) or sentence.index.phrase_actor(g, owner=True)]
    if not owners:
        return
    weapon_ids = {noun.head.i, noun.i} if noun.dep_ in {"appos", "attr"} else {noun.i}
    target = next((f for f in frames for w in sentence.weapons
                   if w.ids & weapon_ids and f.weapon is not None and f.weapon == w.info), None)
    if target is None:
        armed = [f for f in frames if f.weapon is not None]
        target = armed[0] if len(armed) == 1 else None
    if target is None:
        return
    target.attributed += [Attribution(actor=a, by=None, text=sentence.sent.text.strip()) for a in owners]
    target.roles.actors = [a for a in target.roles.actors if all(a.span != o.span for o in owners)]


def _frame_in(frames: list[Frame], head: Token | None) -> Frame | None:
    """The frame one of whose triggers lies in the phrase headed by ``head``."""
    if head is None:
        return None
    ids = {t.i for t in head.subtree}
    for frame in frames:
        if frame.main.token.i in ids or any(h.token.i in ids for h in frame.hits):
            return frame
    return None
