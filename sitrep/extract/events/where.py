"""Where an event happened, for the events whose place is in their grammar: a town as object
("attacked Gao" is where, not whom), a visit (where the visitor went, and the state visited), a
hosting (where the host is)."""

from __future__ import annotations

from sitrep.extract.events.attach import most_specific, tokens_in
from sitrep.extract.events.frame import Frame, Sentence
from sitrep.extract.events.phrases import phrase
from sitrep.model.facts import ActorRef, Place


def places_as_recipients(sentence: Sentence, frame: Frame) -> None:
    """"attacked Gao", "visited Bamako": a town or province as object is where, not whom
    (a country stays a recipient: it stands for its state)."""
    local = [p for p in sentence.places if p.precision is not None and p.precision < 6]
    kept = []
    for recipient in frame.roles.recipients:
        where = [p for p in local if p.span.overlaps(recipient.span)]
        if where and recipient.kind in {None, "state"}:
            frame.place = frame.place or most_specific(where)
        else:
            kept.append(recipient)
    frame.roles.recipients = kept


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
