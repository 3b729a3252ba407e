"""Read one pack file and check it: every error names the file, the entry and the bad value, and
lists the valid options. The schema is described in ``sitrep.knowledge.pack`` and packs/README.md."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

import pycountry
import yaml

from sitrep.errors import SitrepError
from sitrep.knowledge.model import Country, Facility, GenericGroup, PackActor, PackRelation, Trigger, Weapon
from sitrep.model.vocab import ACLED_TYPES, ACTOR_KINDS, PLOVER_MODES, PLOVER_TYPES, RELATION_TYPES

SECTIONS = ("pack", "title", "description", "actors", "facilities", "weapons", "triggers", "relations",
            "countries", "generic_actors", "collective_nouns", "org_kinds", "titles", "honorifics")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_QID = re.compile(r"^Q[1-9][0-9]*$")


class PackError(SitrepError):
    """A knowledge pack that cannot be used: the message names the file, entry and value."""


@dataclass
class PackData:
    """One pack file, checked."""

    name: str
    path: Path
    title: str = ""
    description: str = ""
    actors: list[PackActor] = field(default_factory=list)
    facilities: list[Facility] = field(default_factory=list)
    weapons: list[Weapon] = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)
    relations: list[PackRelation] = field(default_factory=list)
    countries: list[Country] = field(default_factory=list)
    groups: list[GenericGroup] = field(default_factory=list)
    org_kinds: dict[str, str] = field(default_factory=dict)
    titles: list[str] = field(default_factory=list)
    collective: list[str] = field(default_factory=list)
    honorifics: list[str] = field(default_factory=list)


class _Entry:
    """One mapping in a section, with what to say when a field is wrong."""

    def __init__(self, path: Path, where: str, data: object) -> None:
        self.path, self.where = path, where
        if not isinstance(data, dict):
            self.fail(f"expected a mapping, got {type(data).__name__} {data!r}")
        self.data: dict[str, Any] = data
        ident = self.data.get("id") or self.data.get("lemma") or self.data.get("code")
        self.label = f"{where} ({ident})" if ident else where

    def fail(self, message: str) -> NoReturn:
        raise PackError(f"{self.path}: {getattr(self, 'label', self.where)}: {message}")

    def text(self, key: str, *, required: bool = True) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.fail(f"missing {key!r}")
            return None
        if not isinstance(value, str | int | float) or not str(value).strip():
            self.fail(f"{key} must be non-empty text, got {value!r}")
        return str(value).strip()

    def choice(self, key: str, options: tuple[str, ...] | list[str], *, required: bool = True) -> str | None:
        value = self.text(key, required=required)
        if value is not None and value not in options:
            self.fail(f"{key} {value!r} is not valid; valid: {', '.join(options)}")
        return value

    def words(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(f"{key} must be a list of text, got {value!r}")
        return tuple(v.strip() for v in value if v.strip())

    def country(self, key: str = "country", *, required: bool = False) -> str | None:
        value = self.text(key, required=required)
        if value is not None and (len(value) != 2 or pycountry.countries.get(alpha_2=value.upper()) is None):
            self.fail(f"{key} {value!r} is not an ISO 3166-1 alpha-2 code (e.g. IQ, IR, US)")
        return value.upper() if value else None

    def number(self, key: str, low: float, high: float) -> float | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
            self.fail(f"{key} {value!r} must be a number from {low} to {high}")
        return float(value)

    def day(self, key: str) -> date | None:
        value = self.data.get(key)
        if value is None or isinstance(value, date):
            return value
        if isinstance(value, int):  # a bare year
            return date(value, 1, 1)
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{key} {value!r} is not a date (YYYY, or YYYY-MM-DD)")
        return None

    def acled(self) -> tuple[str, str | None] | None:
        value = self.data.get("acled")
        if value is None:
            return None
        if not isinstance(value, list) or len(value) not in (1, 2):
            self.fail(f"acled must be [event_type, sub_event_type], got {value!r}")
        event_type, sub = value[0], value[1] if len(value) == 2 else None
        if event_type not in ACLED_TYPES:
            self.fail(f"acled event_type {event_type!r} is not valid; valid: {', '.join(ACLED_TYPES)}")
        if sub is not None and sub not in ACLED_TYPES[event_type]:
            self.fail(f"acled sub_event_type {sub!r} is not valid for {event_type}; "
                      f"valid: {', '.join(ACLED_TYPES[event_type])}")
        return (event_type, sub)

    def ident(self) -> str:
        value = self.text("id") or ""
        if not _ID.match(value):
            self.fail(f"id {value!r} must be letters, digits, '-' or '_'")
        return value


def read_pack(path: Path) -> PackData:
    """Parse and check one pack file."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PackError(f"{path}: cannot read pack ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        raise PackError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("pack"), str):
        raise PackError(f"{path}: a pack is a mapping with a 'pack: NAME' line")
    unknown = sorted(set(raw) - set(SECTIONS))
    if unknown:
        raise PackError(f"{path}: unknown section(s) {unknown}; valid: {', '.join(SECTIONS)}")
    data = PackData(name=raw["pack"], path=path, title=str(raw.get("title") or ""),
                    description=str(raw.get("description") or ""))
    for i, item in enumerate(_section(path, raw, "actors")):
        data.actors.append(_actor(_Entry(path, f"actors[{i}]", item), data.name))
    for i, item in enumerate(_section(path, raw, "facilities")):
        data.facilities.append(_facility(_Entry(path, f"facilities[{i}]", item), data.name))
    for i, item in enumerate(_section(path, raw, "weapons")):
        data.weapons.append(_weapon(_Entry(path, f"weapons[{i}]", item), data.name))
    for i, item in enumerate(_section(path, raw, "relations")):
        data.relations.append(_relation(_Entry(path, f"relations[{i}]", item), data.name))
    for i, item in enumerate(_section(path, raw, "countries")):
        data.countries.append(_country(_Entry(path, f"countries[{i}]", item)))
    for i, item in enumerate(_section(path, raw, "generic_actors")):
        data.groups.append(_group(_Entry(path, f"generic_actors[{i}]", item)))
    data.triggers = _triggers(path, raw.get("triggers") or {}, data.name)
    data.org_kinds = _org_kinds(path, raw.get("org_kinds") or {})
    data.titles = _word_list(path, raw, "titles")
    data.collective = _word_list(path, raw, "collective_nouns")
    data.honorifics = _word_list(path, raw, "honorifics")
    return data


def _word_list(path: Path, raw: dict[str, Any], name: str) -> list[str]:
    return list(_Entry(path, name, {name: raw.get(name) or []}).words(name))


def _section(path: Path, raw: dict[str, Any], name: str) -> list[Any]:
    value = raw.get(name) or []
    if not isinstance(value, list):
        raise PackError(f"{path}: {name} must be a list of entries, got {type(value).__name__}")
    return value


def _actor(entry: _Entry, pack: str) -> PackActor:
    aliases = list(entry.words("aliases"))
    combos = entry.data.get("alias_combinations") or []
    if not isinstance(combos, list):
        entry.fail(f"alias_combinations must be a list of lists of word lists, got {combos!r}")
    for combo in combos:
        if not isinstance(combo, list) or not all(isinstance(part, list) for part in combo):
            entry.fail(f"each alias combination is a list of word lists, got {combo!r}")
        for parts in itertools.product(*combo):
            aliases.append(" ".join(str(p).strip() for p in parts if str(p).strip()))
    wikidata = entry.text("wikidata", required=False)
    if wikidata is not None and not _QID.match(wikidata):
        entry.fail(f"wikidata {wikidata!r} is not a Wikidata id such as Q42")
    return PackActor(id=entry.ident(), name=entry.text("name") or "",
                     kind=entry.choice("kind", ACTOR_KINDS) or "", country=entry.country(),
                     aliases=tuple(dict.fromkeys(a for a in aliases if a)),
                     role=entry.text("role", required=False), wikidata=wikidata, pack=pack)


def _facility(entry: _Entry, pack: str) -> Facility:
    return Facility(id=entry.ident(), name=entry.text("name") or "", type=entry.text("type") or "",
                    country=entry.country(required=True) or "", admin1=entry.text("admin1", required=False),
                    lat=entry.number("lat", -90, 90), lon=entry.number("lon", -180, 180),
                    aliases=entry.words("aliases"), pack=pack)


def _weapon(entry: _Entry, pack: str) -> Weapon:
    return Weapon(id=entry.ident(), name=entry.text("name") or "", aliases=entry.words("aliases"),
                  plover_mode=entry.choice("plover_mode", PLOVER_MODES["ASSAULT"], required=False),
                  acled=entry.acled(), pack=pack)


def _relation(entry: _Entry, pack: str) -> PackRelation:
    return PackRelation(source=entry.text("source") or "", type=entry.choice("type", RELATION_TYPES) or "",
                        target=entry.text("target") or "", since=entry.day("since"), until=entry.day("until"),
                        note=entry.text("note", required=False), pack=pack)


def _country(entry: _Entry) -> Country:
    the = entry.data.get("the", False)
    if not isinstance(the, bool):
        entry.fail(f"the must be true or false, got {the!r}")
    return Country(code=entry.country("code", required=True) or "", name=entry.text("name") or "",
                   the=the, names=entry.words("names"), demonyms=entry.words("demonyms"))


def _group(entry: _Entry) -> GenericGroup:
    name = entry.text("name") or ""
    if "{country}" not in name and "{the_country}" not in name:
        entry.fail(f"name {name!r} must contain {{country}} or {{the_country}}")
    state = entry.data.get("state", False)
    if not isinstance(state, bool):
        entry.fail(f"state must be true or false, got {state!r}")
    return GenericGroup(id=entry.ident(), kind=entry.choice("kind", ACTOR_KINDS) or "", name=name,
                        words=entry.words("words"), state=state)


def _triggers(path: Path, raw: object, pack: str) -> list[Trigger]:
    if not isinstance(raw, dict):
        raise PackError(f"{path}: triggers must map PLOVER types to lists of words, got {type(raw).__name__}")
    found = []
    for event_type, items in raw.items():
        if event_type not in PLOVER_TYPES:
            raise PackError(f"{path}: triggers: unknown PLOVER type {event_type!r}; "
                            f"valid: {', '.join(PLOVER_TYPES)}")
        if not isinstance(items, list):
            raise PackError(f"{path}: triggers.{event_type} must be a list, got {type(items).__name__}")
        modes = PLOVER_MODES.get(event_type, ())
        for i, item in enumerate(items):
            item = {"lemma": item} if isinstance(item, str) else item
            entry = _Entry(path, f"triggers.{event_type}[{i}]", item)
            mode = entry.text("mode", required=False)
            if mode is not None and mode not in modes:
                valid = ", ".join(modes) or "none"
                entry.fail(f"mode {mode!r} is not valid for {event_type}; valid: {valid}")
            lemma = " ".join((entry.text("lemma") or "").lower().split())
            found.append(Trigger(type=event_type, lemma=lemma, mode=mode, acled=entry.acled(),
                                 pos=entry.choice("pos", ("VERB", "NOUN"), required=False), pack=pack))
    return found


def _org_kinds(path: Path, raw: object) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise PackError(f"{path}: org_kinds must map actor kinds to lists of words, got {type(raw).__name__}")
    found: dict[str, str] = {}
    for kind, words in raw.items():
        if kind not in ACTOR_KINDS:
            raise PackError(f"{path}: org_kinds: unknown actor kind {kind!r}; "
                            f"valid: {', '.join(ACTOR_KINDS)}")
        for word in _Entry(path, f"org_kinds.{kind}", {"words": words}).words("words"):
            found[word.lower()] = kind
    return found
