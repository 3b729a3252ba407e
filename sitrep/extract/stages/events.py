"""Stage ``events``: who did what to whom, when, where, with what, how many killed.

Per sentence: triggers from the pack lexicon (by lemma) and the multiword grammar; roles from the
dependency parse; date, place, numbers and weapon attached by the parse; status (asserted,
negated, hypothetical, planned, threatened); triggers that tell one incident merged; generic and
habitual mentions dropped; claims and attributions applied; simple pronouns resolved within the
document ("They killed ...": those who did the act of force just before; "she was arrested": the
person named just before). See ``sitrep.extract.events``.
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
    from spacy.tokens import Token

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
        starts: list[int] = []  # where each sentence begins
        for number, sent in enumerate(doc.spacy.sents):
            starts.append(sent.start_char)
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
                    event = to_event(sentence, frame)
                    event = _resolve_pronoun(event, frame, events, told_in, number)
                    reach = starts[max(0, number - _PERSON_REACH)]
                    before = [a for a in doc.actors if a.span.start >= reach]
                    events.append(_resolve_person(event, frame, before))
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


_PLURAL_PRONOUNS = {"they"}
_SINGULAR_PRONOUNS = {"he", "she"}


def _resolve_pronoun(event: Event, frame: Frame, events: list[Event], told_in: list[int], number: int
                     ) -> Event:
    """"Gunmen stormed the camp. They killed 23 soldiers": an act of force whose subject is "they"
    (or "he", "she") and that names no actor was done by those who did the latest act of force told
    in this sentence or the one before, when they agree in number."""
    if event.type not in _VIOLENT or event.actors:
        return event
    pronoun = _active_pronoun(frame)
    if pronoun is None:
        return event
    for i in range(len(events) - 1, -1, -1):
        if number - told_in[i] > 1:
            break
        earlier = events[i]
        if earlier.type not in _VIOLENT or not earlier.actors or earlier.status != "asserted":
            continue
        plural = len(earlier.actors) > 1 or any(_plural(a) for a in earlier.actors)
        if (pronoun in _PLURAL_PRONOUNS) != plural:
            return event
        return dataclasses.replace(event, actors=earlier.actors)
    return event


_PERSON_REACH = 2  # sentences back to look for the person "he" or "she" names


def _resolve_person(event: Event, frame: Frame, actors: list[ActorRef]) -> Event:
    """"Take Jane Roe, a teacher. In May, she was arrested": an act of force done to "he" or "she"
    (the passive subject, or "his arrest") that names no one it was done to was done to the latest
    person named before the pronoun, in this sentence or the two before, who is not its actor."""
    if event.type not in _VIOLENT or event.recipients:
        return event
    pronoun = _undergoer_pronoun(frame)
    if pronoun is None:
        return event
    taken = {a.span for a in event.actors}
    people = [a for a in actors if a.kind == "person" and a.span.end <= pronoun.idx and a.span not in taken]
    if not people:
        return event
    return dataclasses.replace(event, recipients=(max(people, key=lambda a: a.span.start),))


def _undergoer_pronoun(frame: Frame) -> Token | None:
    """"she was arrested", "after his arrest": the pronoun naming the one the act was done to."""
    hit = frame.main
    if hit.nominal and hit.anchor is hit.token:
        return next((c for c in hit.token.children if c.dep_ == "poss" and c.lower_ in {"his", "her"}
                     and undergone(hit.token)), None)
    return next((c for c in hit.anchor.children if c.dep_ == "nsubjpass" and c.lower_ in _SINGULAR_PRONOUNS),
                None)


def _active_pronoun(frame: Frame) -> str | None:
    """The personal pronoun that is the active subject of the frame's verb (or the verb above it)."""
    anchor = frame.main.anchor
    if frame.main.nominal and anchor is frame.main.token:
        return None
    for head in (anchor, *([anchor.head] if anchor.dep_ in {"xcomp", "conj"} else [])):
        for child in head.children:
            if child.dep_ == "nsubj" and child.lower_ in _PLURAL_PRONOUNS | _SINGULAR_PRONOUNS:
                return child.lower_
        if any(c.dep_ in {"nsubj", "nsubjpass", "auxpass"} for c in head.children):
            return None
    return None


def _plural(actor: ActorRef) -> bool:
    """"gunmen", "the rebels": a group noun in the plural (not a person, not "Reuters's")."""
    words = actor.text.split()
    last = words[-1].lower() if words else ""
    return actor.kind != "person" and (last.endswith("s") or last.endswith("men")) and not last.endswith("'s")


def _in_reach(events: list[Event], told_in: list[int], number: int) -> list[int]:
    """The events told in the few sentences before sentence ``number``, the latest first."""
    return [i for i in range(len(events) - 1, -1, -1) if number - told_in[i] <= _PENDING_REACH]


def _placed_at(event: Event, names: tuple[str, ...], *, province: bool = False) -> bool:
    """The event happened at one of ``names`` (or, with ``province``, in the province named so)."""
    if event.place is None:
        return False
    where = (event.place.admin1,) if province else (event.place.text, event.place.name)
    known = {n.lower() for n in where if n}
    return any(name.lower() in known for name in names)


def _apply_pending(events: list[Event], told_in: list[int], number: int, item: Pending) -> None:
    """A claim or blame about "the attack" goes to the latest asserted violent event told in the
    few sentences before it (further back, "the attack" may be another one); a claim of
    responsibility goes to an attack (no one claims an arrest); "the Afgooye bombing" goes to the
    one at Afgooye when an event in reach was told there, before the latest."""
    reach = _in_reach(events, told_in, number)
    at = [i for i in reach if _placed_at(events[i], item.places)]
    within = [i for i in reach if _placed_at(events[i], item.places, province=True)]
    for i in at + within + reach:
        event = events[i]
        if item.claimed_by and event.type != "ASSAULT":
            continue
        if event.type in _VIOLENT and event.status == "asserted":
            claimed = tuple(item.claimed_by) or event.claimed_by
            actors = event.actors or tuple(item.claimed_by)
            events[i] = dataclasses.replace(event, claimed_by=claimed, actors=actors,
                                            attributed_to=event.attributed_to + tuple(item.attributed))
            return
