"""Where an event happened, for the events whose place is in their grammar: a town as object
("attacked Gao" is where, not whom), a visit (where the visitor went, and the state visited), a
hosting (where the host is)."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from sitrep.extract.events.attach import SITE_NOUNS, most_specific, phrase_head, tokens_in
from sitrep.extract.events.frame import Frame, Sentence
from sitrep.extract.events.phrases import phrase
from sitrep.model.facts import ActorRef, Place
from sitrep.model.span import Span

if TYPE_CHECKING:
    from spacy.tokens import Token


def places_as_recipients(sentence: Sentence, frame: Frame) -> None:
    """"attacked Gao", "visited Bamako": a town or province as object is where, not whom
    (a country stays a recipient: it stands for its state)."""
    local = [p for p in sentence.places if p.precision is not None and p.precision < 6]
    kept = []
    for recipient in frame.roles.recipients:
        where = [p for p in local if p.span.overlaps(recipient.span)]
        if where and recipient.kind in {None, "state"}:
            frame.place = frame.place or most_specific(where)
            if frame.main.type == "ASSAULT" and _facility(tokens_in(sentence.doc, recipient.span)):
                kept.append(recipient)  # "attacked Camp X": the base was hit, and is where too
        else:
            kept.append(recipient)
    frame.roles.recipients = kept


def _facility(words: list[Token]) -> bool:
    """A named building or base: NER's FAC, or a name with a site noun ("Camp X", "Kandar Airfield")."""
    return bool(words) and all(w.pos_ == "PROPN" or w.is_punct for w in words) and any(
        w.ent_type_ == "FAC" or w.lower_ in SITE_NOUNS for w in words)


def places_as_modifiers(sentence: Sentence, frame: Frame) -> None:
    """"the Kano bombing", "a Kandar Airfield attack": a town or site named before an event
    noun tells where it happened, not who did it."""
    local = [p for p in sentence.places if p.precision is None or p.precision < 6]
    ids = {h.token.i for h in frame.hits if h.nominal}
    kept = []
    for actor in frame.roles.actors:
        words = tokens_in(sentence.doc, actor.span)
        where = [p for p in local if p.span.overlaps(actor.span)]
        inner = ids | {w.i for w in words}
        modifier = bool(words) and all(t.dep_ in {"compound", "nmod", "amod"} and t.head.i in inner
                                       for t in words)
        if where and modifier and actor.kind in {None, "state"}:
            frame.place = frame.place or most_specific(where)
        else:
            kept.append(actor)
    frame.roles.actors = kept


def visit_place(sentence: Sentence, frame: Frame) -> None:
    """A visit happens where the visitor went ("visit to Baghdad"); a hosting where the host is;
    a visit to a country or a city in it is a visit to its state when no one else is named."""
    if frame.main.type != "CONSULT":
        return
    for hit in frame.hits:
        lemma = hit.token.lemma_.lower()
        if lemma == "host":
            subject = next((c for c in hit.anchor.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                ids = {t.i for t in phrase(subject)}
                inside = [p for p in sentence.places
                          if any(t.i in ids for t in tokens_in(sentence.doc, p.span))]
                frame.place = most_specific(inside) or frame.place
        if lemma == "visit":
            places = [c for c in hit.token.children if c.dep_ == "prep" and c.lower_ in {"to", "in"}]
            places += [hit.token] if hit.token.pos_ == "VERB" else []
            for prep in places:
                targets = {t.i for g in prep.children if g.dep_ in {"pobj", "dobj"} for t in g.subtree}
                inside = [p for p in sentence.places
                          if any(t.i in targets for t in tokens_in(sentence.doc, p.span))]
                if inside:
                    frame.place = most_specific(inside)
                    if not frame.roles.recipients:
                        frame.roles.recipients = _state_of(sentence, frame.place)


def _state_of(sentence: Sentence, place: Place | None) -> list[ActorRef]:
    if place is None or not place.country:
        return []
    named = [s for s in sentence.states if s.country == place.country and s.span.overlaps(place.span)]
    name = sentence.country_names.get(place.country, place.country)
    return named[:1] or [ActorRef(text=place.text, span=place.span, name=name, kind="state",
                                  country=place.country, origin="parse")]


_SITE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "into", "on"})
_SITE_ENTS = frozenset({"FAC", "LOC", "GPE"})
_SKIP_DEPS = frozenset({"det", "poss", "nummod", "quantmod", "case", "punct", "cc", "predet"})


def site_of(sentence: Sentence, frame: Frame) -> Place | None:
    """Where an event with no resolved place happened when the parse names a site for it: a
    building, street or named facility in "in/at/near/outside X" hanging from a trigger ("shot
    dead outside a mosque", "the attack at the market") or from what was hit ("hit a shop on
    Elm Street"), or a site noun before an event noun ("the Kandar Airfield bombing"). Its text is
    the site's head with its left modifiers; it stays unresolved."""
    anchors = {t.i: t for h in frame.hits for t in (h.token, h.anchor)}
    for recipient in frame.roles.recipients:  # "targeted a bakery on the main street"
        head = phrase_head(tokens_in(sentence.doc, recipient.span))
        if head is not None and head.pos_ == "NOUN":
            anchors.setdefault(head.i, head)
    for hit in (h for h in frame.hits if h.nominal and h.anchor is h.token):
        head = hit.token.head  # "the worst explosion was at the bus station": the copula says where
        if hit.token.dep_ == "nsubj" and head.lemma_ == "be":
            anchors.setdefault(head.i, head)
    for hit in (h for h in frame.hits if h.nominal):  # "the Kandar Airfield bombing", "a checkpoint attack"
        for site in (c for c in hit.token.children if c.dep_ == "compound" and c.lower_ in SITE_NOUNS):
            words = _left_run(site)
            return Place(text="".join(w.text_with_ws for w in words).rstrip(),
                         span=Span(words[0].idx, site.idx + len(site)))
    for token in sorted(anchors.values(), key=lambda t: t.i):
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in _SITE_PREPS):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                taken = any(r.span.start <= pobj.idx < r.span.end for r in frame.roles.recipients)
                named = pobj.pos_ == "PROPN" and _site_named(pobj)
                if taken or (sentence.index.covering(pobj) and not named) or pobj.like_num:
                    continue  # "an attack on a bakery": the bakery is what was hit
                proper = named or (pobj.pos_ == "PROPN" and pobj.ent_type_ in _SITE_ENTS)
                if not proper and not (pobj.pos_ == "NOUN" and pobj.lemma_.lower() in SITE_NOUNS):
                    continue
                words = _left_run(pobj)
                span = Span(words[0].idx, words[-1].idx + len(words[-1]))
                return Place(text="".join(w.text_with_ws for w in words).rstrip(), span=span)
    return None


def _site_named(name: Token) -> bool:
    """"Elm Street", "the street Rue Haute": a name that says it is a site, whatever NER made of it."""
    return name.lower_ in SITE_NOUNS or any(c.dep_ in {"compound", "appos"} and c.lemma_.lower() in SITE_NOUNS
                                            for c in name.children)  # "X, the bus station"


def _left_run(head: Token) -> list[Token]:
    """The head with the contiguous modifiers before it (no articles or numbers), at most 8 words."""
    run = [head]
    for token in reversed(list(head.lefts)):
        if token.dep_ in _SKIP_DEPS or token.i != run[0].i - 1 or len(run) >= 8:
            break
        run = [*_nested(token), *run]
    return run


def _nested(token: Token) -> list[Token]:
    words = [t for t in token.subtree if t.dep_ not in _SKIP_DEPS]
    joined = all(b.i - a.i == 1 for a, b in pairwise(words))
    return words if words and words[-1].i == token.i and joined else [token]
