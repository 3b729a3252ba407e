"""Stage ``events``: who did what to whom, when, where, with what, how many killed.

Per sentence: triggers from the pack lexicon (by lemma) and the multiword grammar; roles from the
dependency parse; date, place, numbers and weapon attached by the parse; status (asserted,
negated, hypothetical, planned, threatened); triggers that tell one incident merged; generic and
habitual mentions dropped; claims and attributions applied. See ``sitrep.extract.events``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from sitrep.extract.doc import ExtractDoc
from sitrep.extract.events.claims import Pending, apply_attributions, apply_claims
from sitrep.extract.events.frame import Frame, Sentence
from sitrep.extract.events.frames import build_frames, to_event
from sitrep.extract.events.lexicon import EventKnowledge
from sitrep.extract.events.modality import undergone
from sitrep.extract.events.phrases import ActorIndex
from sitrep.extract.events.triggers import find_triggers
from sitrep.extract.events.weapons import find_weapons
from sitrep.model.facts import ActorRef, Event, Place
from sitrep.model.span import Span

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

_VIOLENT = {"ASSAULT", "COERCE"}
_PENDING_REACH = 3  # sentences


class EventsStage:
    name: ClassVar[str] = "events"
    requires: ClassVar[tuple[str, ...]] = ("spacy", "mentions", "actors", "dates", "places", "quantities")
    assigns: ClassVar[tuple[str, ...]] = ("events",)

    def __init__(self, knowledge: EventKnowledge) -> None:
        self.knowledge = knowledge

    def __call__(self, doc: ExtractDoc) -> ExtractDoc:
        if doc.spacy is None:
            return doc
        index = ActorIndex(doc.actors, doc.text)
        data = doc.user_data
        shared = _Shared(dict(data.get("date_heads", {})), dict(data.get("quantity_verbs", {})),
                         self._country_names(doc))
        events: list[Event] = []
        told_in: list[int] = []  # the number of the sentence each event comes from
        for number, sent in enumerate(doc.spacy.sents):
            sentence = self._sentence(doc, sent, index, shared)
            if sentence is None:
                continue
            hits, claims = find_triggers(sent, self.knowledge)
            frames = build_frames(sentence, hits)
            pending = apply_claims(sentence, frames, claims) + apply_attributions(sentence, frames)
            for item in pending:
                _apply_pending(events, told_in, number, item)
            for frame in frames:
                if not frame.generic and _worth_keeping(frame):
                    events.append(to_event(sentence, frame))
                    told_in.append(number)
        doc.events = events
        return doc

    def _sentence(self, doc: ExtractDoc, sent: SpacySpan, index: ActorIndex, shared: _Shared
                  ) -> Sentence | None:
        text = sent.text
        if not text.strip():
            return None
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.end_char - (len(text) - len(text.rstrip()))
        span = Span(start, end)
        inside = [a for a in doc.actors if span.start <= a.span.start < span.end]
        places = [p for p in doc.places if span.start <= p.span.start < span.end]
        return Sentence(
            doc=sent.doc, sent=sent, span=span, index=index,
            dates=[d for d in doc.dates if span.start <= d.span.start < span.end],
            places=places,
            where=[p for p in places if not any(a.span.overlaps(p.span) for a in inside)],
            quantities=[q for q in doc.quantities if span.start <= q.span.start < span.end],
            weapons=find_weapons(sent.doc, sent, doc.mentions, self.knowledge),
            states=self._states(sent, inside, doc.places),
            notes=doc.notes_for(span),
            date_heads=shared.date_heads, quantity_verbs=shared.quantity_verbs,
            country_names=shared.country_names,
        )

    def _states(self, sent: SpacySpan, inside: list[ActorRef], places: list[Place]) -> list[ActorRef]:
        """The states a sentence names: state actors that are not a city or province, and country
        names and demonyms ("Iranian gas", "Iran-Iraq") that no state actor covers."""
        local = [p for p in places if p.precision is not None and p.precision < 6]
        states = [a for a in inside
                  if a.kind == "state" and not any(p.span.overlaps(a.span) for p in local)]
        for token in sent:
            if token.pos_ not in {"PROPN", "ADJ", "NOUN"} or any(
                    a.span.start <= token.idx < a.span.end for a in states):
                continue
            country = self._country(token.text)
            if country is not None:
                span = Span(token.idx, token.idx + len(token))
                states.append(ActorRef(text=token.text, span=span, name=country.name, kind="state",
                                       country=country.code, origin="parse"))
        return states

    def _country(self, word: str) -> Any | None:
        for method in ("country_by_demonym", "country_by_name"):
            finder = getattr(self.knowledge, method, None)
            found = finder(word) if finder is not None and word[:1].isupper() else None
            if found is not None:
                return found
        return None

    def _country_names(self, doc: ExtractDoc) -> dict[str, str]:
        """Names of the countries the document's places are in ("IQ" → "Iraq")."""
        codes = {p.country for p in doc.places if p.country}
        lookup = getattr(self.knowledge, "country", None)
        names: dict[str, str] = {}
        for code in codes:
            country = lookup(code) if lookup is not None else None
            if country is not None:
                names[code] = country.name
        return names


@dataclass(frozen=True)
class _Shared:
    """What the earlier stages handed on for the whole document."""

    date_heads: dict[int, int]
    quantity_verbs: dict[int, int]
    country_names: dict[str, str]


def _worth_keeping(frame: Frame) -> bool:
    """A frame that names nothing but its trigger (no one, no time, place, number or weapon)
    records no event. A meeting needs someone who met or a place where ("we talk about drones"
    is none), and a receiving that names no one received ("officers received a circular") is no
    visit."""
    consult = frame.main.type == "CONSULT"
    if consult and frame.main.token.lemma_.lower() == "receive" and not frame.roles.recipients:
        return False
    if consult and not (frame.roles.actors or frame.roles.recipients or frame.place):
        return False  # a meeting of no one, nowhere: talk about a subject, not a meeting
    return bool(frame.roles.actors or frame.roles.recipients or frame.date or frame.place or frame.quantities
                or (frame.weapon and not consult) or frame.claimed_by or _pronoun_subject(frame)
                or (frame.main.nominal and undergone(frame.main.token)))  # "after his arrest"


def _pronoun_subject(frame: Frame) -> bool:
    """"it will boycott the vote", "he is prepared to lift the ban": a personal pronoun subject
    names someone (whom coreference would tell) and makes the trigger an event of theirs."""
    anchor = frame.main.anchor
    heads = [anchor, *([anchor.head] if anchor.dep_ in {"xcomp", "acomp", "pcomp"} else [])]
    return any(c.dep_ in {"nsubj", "nsubjpass"} and c.tag_ == "PRP" and c.lower_ not in {"you", "i", "we"}
               for h in heads for c in h.children)


def _apply_pending(events: list[Event], told_in: list[int], number: int, item: Pending) -> None:
    """A claim or blame about "the attack" goes to the latest asserted violent event told in the
    few sentences before it (further back, "the attack" may be another one)."""
    for i in range(len(events) - 1, -1, -1):
        if number - told_in[i] > _PENDING_REACH:
            return
        event = events[i]
        if event.type in _VIOLENT and event.status == "asserted":
            claimed = tuple(item.claimed_by) or event.claimed_by
            actors = event.actors or tuple(item.claimed_by)
            events[i] = dataclasses.replace(event, claimed_by=claimed, actors=actors,
                                            attributed_to=event.attributed_to + tuple(item.attributed))
            return
