"""Knowledge packs: background knowledge as YAML data, loaded, checked and merged into one ``Knowledge``.

A pack is one YAML file (bundled ones live in ``sitrep/knowledge/packs/``; see README.md there for how
to write one). Every section is optional except ``pack``::

    pack: iraq-iran                  # the pack's name
    title: ...
    description: ...
    actors:      # id, name, kind (vocab.ACTOR_KINDS), country (ISO 3166-1 alpha-2), aliases [...],
                 # optional role (people), wikidata (only when certain), alias_combinations
                 # [[[word, ...], [word, ...]], ...] (every combination becomes an alias)
    facilities:  # id, name, type (base | camp | airport | crossing | ...), country, admin1, lat, lon, aliases
    weapons:     # id, name, aliases, plover_mode (an ASSAULT mode), acled: [event_type, sub_event_type]
    triggers:    # PLOVER type: [lemma | {lemma, mode, acled, pos: VERB | NOUN}, ...]
    relations:   # source, type (vocab.RELATION_TYPES), target (actor ids), since, until, note
    countries:   # code, name, the (true: "the United States"), names [...], demonyms [...]
    generic_actors:  # id, kind, name ("Military Forces of {the_country}"), words [...], state
    collective_nouns:  # nouns that take their class from a modifier ("militia networks", "police units")
    org_kinds:   # actor kind: [head words of organisation names, e.g. front, party]
    titles:      # words that make a person's role: general, ambassador, governor, ...
    honorifics:  # words written as part of a name (Seyyed, Sheikh): kept in it, and they mark a person

``load_packs`` reads packs by bundled name or by path and merges them; ``Knowledge`` answers the
lookups the extraction stages need; ``add_entity_ruler`` teaches a spaCy pipeline the pack's names.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pycountry
from rapidfuzz import fuzz, process

from sitrep.analysis.spelling import variant_edits
from sitrep.knowledge.model import (
    Country,
    Facility,
    GenericGroup,
    PackActor,
    PackRelation,
    Trigger,
    Weapon,
)
from sitrep.knowledge.names import alias_key
from sitrep.knowledge.schema import PackData, PackError, read_pack

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import EntityRuler

__all__ = [
    "Country", "Facility", "GenericGroup", "Knowledge", "PackActor", "PackError", "PackRelation", "Trigger",
    "Weapon", "add_entity_ruler", "bundled_packs", "load_packs",
]

PACKS_DIR = Path(__file__).parent / "packs"
CORE = "core"
_FUZZY_CUTOFF = 85.0
_FUZZY_CACHE = 65536  # fuzzy look-ups remembered (rapidfuzz over every alias is slow)


@dataclass(frozen=True)
class Knowledge:
    """Merged packs with their lookups. Build with ``load_packs``; ``Knowledge()`` knows nothing."""

    packs: tuple[str, ...] = ()
    actors: tuple[PackActor, ...] = ()
    facilities: tuple[Facility, ...] = ()
    weapons: tuple[Weapon, ...] = ()
    triggers: tuple[Trigger, ...] = ()
    relations: tuple[PackRelation, ...] = ()
    countries: tuple[Country, ...] = ()
    groups: tuple[GenericGroup, ...] = ()
    org_kinds: tuple[tuple[str, str], ...] = ()
    titles: frozenset[str] = frozenset()
    collective: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    _index: _Index = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", _Index(self))

    def actor(self, actor_id: str) -> PackActor | None:
        return self._index.actor_ids.get(actor_id)

    def actor_by_alias(self, text: str, *, fuzzy: bool = False) -> PackActor | None:
        """The actor one of whose names ``text`` is (case, apostrophes, hyphens, "al", diacritics and
        a plural ``s`` aside); with ``fuzzy``, also a one- or two-letter spelling variant of one."""
        key = alias_key(text)
        found = self._index.actors.get(key)
        if found is not None or not fuzzy or len(key) < 6:
            return found
        fuzzy_found = self._index.fuzzy_actors
        if key not in fuzzy_found:
            if len(fuzzy_found) >= _FUZZY_CACHE:
                fuzzy_found.clear()
            fuzzy_found[key] = self._fuzzy_actor(key)
        return fuzzy_found[key]

    def _fuzzy_actor(self, key: str) -> PackActor | None:
        hits = process.extract(key, self._index.actor_keys, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF,
                               limit=5)
        matches = {self._index.actors[alias].id: self._index.actors[alias] for alias, _, _ in hits
                   if variant_edits(key, alias) is not None}
        return next(iter(matches.values())) if len(matches) == 1 else None

    def facility_by_alias(self, text: str) -> Facility | None:
        return self._index.facilities.get(alias_key(text))

    def weapon_by_alias(self, text: str) -> Weapon | None:
        return self._index.weapons.get(alias_key(text))

    def triggers_for_lemma(self, lemma: str) -> list[Trigger]:
        """Triggers for a lemma, or for words joined by spaces ("crack down"), lower-cased."""
        return list(self._index.triggers.get(" ".join(lemma.lower().split()), ()))

    def relations_of(self, actor_id: str) -> list[PackRelation]:
        return [r for r in self.relations if actor_id in (r.source, r.target)]

    def country(self, code: str) -> Country | None:
        return self._index.country_codes.get(code.upper())

    def country_by_name(self, text: str) -> Country | None:
        """The country ``text`` names ("Iran", "the U.S.", "Syrian Arab Republic"); the pack's
        table first, then ISO 3166 names (never two- or three-letter codes, which are words too)."""
        key = alias_key(text)
        found = self._index.country_names.get(key)
        if found is not None or len(key) <= 3:
            return found
        if key not in self._index.iso_names:
            try:
                record: Any = pycountry.countries.lookup(text.strip())
            except LookupError:
                record = None
            self._index.iso_names[key] = None if record is None else self.country(record.alpha_2) or Country(
                code=record.alpha_2, name=getattr(record, "common_name", None) or record.name)
        return self._index.iso_names[key]

    def country_by_demonym(self, text: str) -> Country | None:
        """The country an adjective stands for ("Iranian", "U.S.", "Iraqi")."""
        return self._index.demonyms.get(alias_key(text))

    def group_for_word(self, word: str) -> GenericGroup | None:
        """The generic class a (lemmatised) noun names: "soldier" → military."""
        return self._index.group_words.get(word.lower())

    def group(self, group_id: str) -> GenericGroup | None:
        return next((g for g in self.groups if g.id == group_id), None)

    def org_kind(self, word: str) -> str | None:
        """The actor kind an organisation name's head word suggests ("Front" → rebel_group)."""
        return self._index.org_kinds.get(word.lower())

    def is_title(self, word: str) -> bool:
        return word.lower().rstrip(".") in self.titles

    def is_honorific(self, word: str) -> bool:
        return word.lower().rstrip(".") in self.honorifics


class _Index:
    """The lookup tables, built once per Knowledge; a clash between two entries is a pack error."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.actor_ids = {a.id: a for a in knowledge.actors}
        self.actors = _by_key(knowledge.actors, "actor")
        self.actor_keys = list(self.actors)
        self.facilities = _by_key(knowledge.facilities, "facility")
        self.weapons = _by_key(knowledge.weapons, "weapon")
        triggers: dict[str, list[Trigger]] = defaultdict(list)
        for trigger in knowledge.triggers:
            triggers[trigger.lemma].append(trigger)
        self.triggers = dict(triggers)
        self.country_codes = {c.code: c for c in knowledge.countries}
        self.country_names = {alias_key(n): c for c in knowledge.countries for n in (c.name, *c.names)}
        self.demonyms = {alias_key(d): c for c in knowledge.countries for d in c.demonyms}
        self.iso_names: dict[str, Country | None] = {}  # ISO 3166 look-ups met so far
        self.fuzzy_actors: dict[str, PackActor | None] = {}  # fuzzy actor look-ups met so far
        self.group_words = {w.lower(): g for g in knowledge.groups for w in g.words}
        self.org_kinds = dict(knowledge.org_kinds)


def _by_key(items: Iterable[Any], what: str) -> dict[str, Any]:
    index: dict[str, Any] = {}
    for item in items:
        for name in item.names:
            key = alias_key(name)
            other = index.get(key)
            if other is not None and other.id != item.id:
                raise PackError(f"{what} name {name!r} ({item.pack} pack, id {item.id}) is also a name of "
                                f"{other.id} ({other.pack} pack); give it to one of them only")
            index[key] = item
    return index


def bundled_packs() -> list[str]:
    """Names of the packs that ship with sitrep, ``core`` first."""
    names = sorted(p.stem for p in PACKS_DIR.glob("*.yaml"))
    return sorted(names, key=lambda n: n != CORE)


def load_packs(names: Sequence[str] | None = None, *, core: bool = True) -> Knowledge:
    """Load and merge packs: ``None`` loads every bundled pack, ``[]`` none; a name is a bundled
    pack or a path to a pack file. ``core`` (the generic lexicon) comes first unless ``core=False``."""
    if names is None:
        chosen = tuple(bundled_packs())
    elif not names:
        return Knowledge()
    else:
        chosen = tuple(dict.fromkeys([CORE, *names] if core else names))
    if all(not _is_path(n) for n in chosen):
        return _load_bundled(chosen)
    return _merge([read_pack(_pack_path(n)) for n in chosen])


@lru_cache(maxsize=8)
def _load_bundled(names: tuple[str, ...]) -> Knowledge:
    return _merge([read_pack(_pack_path(n)) for n in names])


def _is_path(name: str) -> bool:
    return name.endswith((".yaml", ".yml")) or "/" in name or "\\" in name


def _pack_path(name: str) -> Path:
    if _is_path(name):
        path = Path(name).expanduser()
        if not path.is_file():
            raise PackError(f"{name}: pack file not found")
        return path
    path = PACKS_DIR / f"{name}.yaml"
    if not path.is_file():
        raise PackError(f"unknown pack {name!r}; bundled packs: {', '.join(bundled_packs())}, "
                        "or give the path to a pack file")
    return path


def _merge(packs: list[PackData]) -> Knowledge:
    seen: dict[str, Path] = {}
    for pack in packs:
        if pack.name in seen:
            raise PackError(f"{pack.path}: pack name {pack.name!r} is also the name of {seen[pack.name]}")
        seen[pack.name] = pack.path
    _check_ids(packs)
    _check_names(packs)
    countries: dict[str, Country] = {}
    for pack in packs:
        countries.update({c.code: c for c in pack.countries})
    knowledge = Knowledge(
        packs=tuple(p.name for p in packs), actors=tuple(a for p in packs for a in p.actors),
        facilities=tuple(f for p in packs for f in p.facilities),
        weapons=tuple(w for p in packs for w in p.weapons),
        triggers=tuple(t for p in packs for t in p.triggers),
        relations=tuple(r for p in packs for r in p.relations),
        countries=tuple(countries.values()), groups=tuple(g for p in packs for g in p.groups),
        org_kinds=tuple((w, k) for p in packs for w, k in p.org_kinds.items()),
        titles=frozenset(t.lower().rstrip(".") for p in packs for t in p.titles),
        collective=frozenset(w.lower() for p in packs for w in p.collective),
        honorifics=frozenset(h.lower().rstrip(".") for p in packs for h in p.honorifics))
    for pack in packs:
        for i, rel in enumerate(pack.relations):
            for end in (rel.source, rel.target):
                if knowledge.actor(end) is None:
                    raise PackError(f"{pack.path}: relations[{i}]: unknown actor id {end!r}; "
                                    "use the id of an actor in this pack or one loaded with it")
    return knowledge


def _check_ids(packs: list[PackData]) -> None:
    for section in ("actors", "facilities", "weapons", "groups"):
        owners: dict[str, Path] = {}
        for pack in packs:
            for item in getattr(pack, section):
                if item.id in owners:
                    raise PackError(f"{pack.path}: {section}: id {item.id!r} is used twice "
                                    f"(also in {owners[item.id]})")
                owners[item.id] = pack.path


def _check_names(packs: list[PackData]) -> None:
    """Two entries may not share a name: which one would the text mean?"""
    for section in ("actors", "facilities", "weapons"):
        owners: dict[str, tuple[str, Path]] = {}
        for pack in packs:
            for item in getattr(pack, section):
                for name in item.names:
                    owner = owners.setdefault(alias_key(name), (item.id, pack.path))
                    if owner[0] != item.id:
                        raise PackError(f"{pack.path}: {section} ({item.id}): name {name!r} is also a "
                                        f"name of {owner[0]} (in {owner[1]}); give it to one of them only")


def add_entity_ruler(nlp: Language, knowledge: Knowledge) -> EntityRuler:
    """Put an ``entity_ruler`` before spaCy's ``ner`` that labels the pack's actors (ORG / PERSON /
    NORP), facilities (FAC) and weapons (WEAPON), with the pack id as the entity id."""
    from sitrep.knowledge.ruler import install_ruler

    return install_ruler(nlp, knowledge)
