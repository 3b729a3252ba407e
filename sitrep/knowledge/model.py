"""What a knowledge pack holds: actors, facilities, weapons, triggers, relations, countries and the
generic words that name state forces and groups. Frozen values, read from YAML by ``schema``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class PackActor:
    """An actor the pack knows. ``aliases``: every other way it is written (spellings,
    transliterations, translations, abbreviations); ``role``: a person's office."""

    id: str
    name: str
    kind: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    role: str | None = None
    wikidata: str | None = None
    pack: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Facility:
    """A named base, camp, airport, crossing or other site, with where it is."""

    id: str
    name: str
    type: str
    country: str
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    aliases: tuple[str, ...] = ()
    pack: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Weapon:
    """A weapon class: its PLOVER ASSAULT mode and ACLED (event_type, sub_event_type)."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    plover_mode: str | None = None
    acled: tuple[str, str | None] | None = None
    pack: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word (or words: "crack down") whose lemma signals a PLOVER event type. ``pos``: VERB or
    NOUN when the sense holds for one part of speech only."""

    type: str
    lemma: str
    mode: str | None = None
    acled: tuple[str, str | None] | None = None
    pos: str | None = None
    pack: str = ""

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.lemma.split())


@dataclass(frozen=True, slots=True)
class PackRelation:
    """Background knowledge: ``source`` ``type`` ``target`` (pack actor ids), over a time span."""

    source: str
    type: str
    target: str
    since: date | None = None
    until: date | None = None
    note: str | None = None
    pack: str = ""


@dataclass(frozen=True, slots=True)
class Country:
    """A country as writers name it: ISO 3166-1 alpha-2 ``code``, a short ``name``, other
    ``names`` and the ``demonyms`` (adjectives) that stand for it ("Iranian", "U.S.")."""

    code: str
    name: str
    the: bool = False
    names: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()

    @property
    def of_name(self) -> str:
        """The name after "of": "the United States", "Iran"."""
        return f"the {self.name}" if self.the else self.name


@dataclass(frozen=True, slots=True)
class GenericGroup:
    """A class of common nouns that name an actor of one ``kind`` ("soldiers", "troops" →
    state_military). ``name`` is the canonical-name template: ``{country}`` or ``{the_country}``."""

    id: str
    kind: str
    name: str
    words: tuple[str, ...] = ()
    state: bool = False

    def canonical(self, country: Country) -> str:
        return self.name.format(country=country.name, the_country=country.of_name)
