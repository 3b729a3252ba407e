"""What extraction finds in a document: mentions, dates, places, quantities, actors, events,
relations and quotes. Every value carries the span of the words it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sitrep.model.span import Span


@dataclass(frozen=True, slots=True)
class Mention:
    """A phrase that names something. ``kind``: actor, person, place, facility, weapon, date,
    quantity. ``label``: the spaCy label or pack kind; ``key``: the pack id when one matched."""

    kind: str
    span: Span
    text: str
    label: str | None = None
    key: str | None = None


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date as the text gives it (ONTOLOGY.md "Precision is data").

    ``precision``: day | week | month | year; ``kind``: exact | approximate | range | unresolved;
    ``end`` closes a range; ``future`` when the text speaks of it as ahead ("ahead of the December
    deadline"). ``value`` is None when unresolved.
    """

    text: str
    span: Span
    value: date | None
    precision: str | None
    kind: str = "exact"
    end: date | None = None
    future: bool = False


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved (or kept-as-text) place. ``precision`` is UCDP where_prec: 1 exact place, 2 near
    a named place, 3 district, 4 province, 5 larger area, 6 country, 7 water/air; None if unresolved."""

    text: str
    span: Span
    name: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: int | None = None
    geonameid: int | None = None
    feature_code: str | None = None
    source: str | None = None  # gazetteer | pack


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number attached to a kind of count. ``kind``: killed, injured, arrested, size, money,
    other. ``minimum`` when the text says "at least"/"more than"; ``unit`` a currency for money."""

    kind: str
    value: float
    text: str
    span: Span
    minimum: bool = False
    approximate: bool = False
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor as one passage names it. ``name`` is canonical when ``actor_id`` (a pack id)
    resolved it, else the surface text normalised. ``kind``: ONTOLOGY actor kinds. ``role``: a
    person's title ("U.S. Ambassador to Iraq"). ``origin``: pack | ner | parse."""

    text: str
    span: Span
    name: str
    kind: str | None = None
    country: str | None = None
    actor_id: str | None = None
    role: str | None = None
    origin: str = "ner"


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a source blames for an event (``actor``), and who does the blaming (``by``, if named)."""

    actor: ActorRef
    by: ActorRef | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    """One event with its evidence: the sentence that states it and that sentence's notes.

    ``type``/``mode``: PLOVER; ``acled``: (event_type, sub_event_type) or None; ``status``:
    asserted | negated | hypothetical | planned | threatened (only asserted ones happened).
    ``site``: the building, street or facility the text names within ``place`` ("the Central cafe"
    in Kano), unresolved, when ``place`` is a town or larger; None when the text names none or
    the site is itself the place.
    ``origin``: "text" when the document's own words state it, "citation" when the title of a
    source it cites does (a footnoted "Bomb Kills 2 Soldiers"; ``notes`` then names that note).
    """

    type: str
    trigger: str
    trigger_span: Span
    sentence: Span
    mode: str | None = None
    acled: tuple[str, str | None] | None = None
    actors: tuple[ActorRef, ...] = ()
    recipients: tuple[ActorRef, ...] = ()
    claimed_by: tuple[ActorRef, ...] = ()
    attributed_to: tuple[Attribution, ...] = ()
    weapon: str | None = None
    date: DateValue | None = None
    place: Place | None = None
    site: Place | None = None
    quantities: tuple[Quantity, ...] = ()
    status: str = "asserted"
    notes: tuple[int, ...] = ()
    context: tuple[str, ...] = ()
    origin: str = "text"

    def count(self, kind: str) -> float | None:
        """The figure of this kind (killed, injured, arrested, size, money), if the text gives one."""
        values = [q.value for q in self.quantities if q.kind == kind]
        return min(values) if values else None  # the most conservative figure (ACLED's rule)


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation between two actors that a sentence states (``origin`` text), or background
    knowledge from a named pack (``origin`` "pack:NAME", never shown as a document's words)."""

    source: ActorRef
    type: str
    target: ActorRef
    span: Span
    sentence: Span
    notes: tuple[int, ...] = ()
    origin: str = "text"


@dataclass(frozen=True, slots=True)
class Quote:
    """Words attributed to a speaker, with the sentence that carries them."""

    text: str
    span: Span
    sentence: Span
    speaker: ActorRef | None = None
    notes: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extraction found in one document."""

    document_id: str
    events: tuple[Event, ...] = ()
    relations: tuple[Relation, ...] = ()
    quotes: tuple[Quote, ...] = ()
    actors: tuple[ActorRef, ...] = ()
    mentions: tuple[Mention, ...] = field(default=())
