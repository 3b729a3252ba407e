"""Stage ``places``: every place name the text gives, resolved where the gazetteer or a pack knows it.

Names come from spaCy's GPE, LOC and FAC entities (and ORG ones that name a base or an airport)
and from the ``place``/``facility`` mentions. A pack facility takes the pack's record; any other
name is looked up in the gazetteer in three passes: first to learn which countries the document is
about (names that resolve one way only, demonyms, and towns the text names in passing:
``town_clues``), then ranked with those countries, then again with the points of the towns the
second pass located, so that of two namesakes the one near the document's other towns wins. A
village (no population figure) more than ``REMOTE_KM`` from all of those is taken for a namesake of
a street, building or region and left unplaced.

Precision (UCDP where_prec) follows the text: a city 1, "near/outside/north of X" 2, a province 4,
a region 5, a country 6, a sea 7. A facility the gazetteer does not know keeps its name and takes
the place of the "in X" that follows it. A name nothing resolves is kept as text (precision None).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, ClassVar

from sitrep.extract.doc import ExtractDoc
from sitrep.extract.stages.places_focus import document_focus, located_towns, town_clues
from sitrep.knowledge.distance import remote
from sitrep.knowledge.gazetteer import Candidate, Gazetteer, load_gazetteer
from sitrep.model.facts import Place
from sitrep.model.span import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["LABELS", "PlacesStage", "document_focus"]

LABELS = frozenset({"GPE", "LOC", "FAC"})
_DESIGNATORS = frozenset({"province", "governorate", "oblast", "prefecture", "region"})
_NEAR = frozenset({"near", "outside", "nearby", "around", "outskirts", "vicinity", "from"})
_COMPASS = re.compile(r"^(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?$|^(?:ne|nw|se|sw)$", re.I)
_SITE = re.compile(r"\b(?:camp|base|airbase|airport|airfield|air field|barracks|fob|prison|port|crossing"
                   r"|checkpoint|refinery|dam)\b", re.I)
_LEADING = re.compile(r"^(?:the|a)\s+", re.I)
_TRAILING = re.compile(r"(?:['’]s|['’])$")
_UNAMBIGUOUS_GAP = 1.5
_WORDS_BEFORE = re.compile(r"(?:[A-Z][\w’'.-]*[ \t]+){1,2}$")
_WORDS_AFTER = re.compile(r"(?:[ \t]+[A-Z][\w’'.-]*){1,3}")
_LISTED = frozenset({",", "and", ", and", "or", ", or", "&"})


@dataclass(frozen=True, slots=True)
class _Name:
    span: Span
    text: str
    label: str  # GPE | LOC | FAC | facility | place
    key: str | None = None  # pack facility id


class PlacesStage:
    name: ClassVar[str] = "places"
    requires: ClassVar[tuple[str, ...]] = ("spacy", "mentions")
    assigns: ClassVar[tuple[str, ...]] = ("places",)

    def __init__(self, knowledge: Any = None, gazetteer: Gazetteer | None = None) -> None:
        self.knowledge = knowledge
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer()
        return self._gazetteer

    def __call__(self, doc: ExtractDoc) -> ExtractDoc:
        names = _names(doc, self.knowledge, self.gazetteer)
        pairs = self._pairs(doc, names)
        countries, areas, own = self._context(doc, names, pairs)
        doc.user_data["place_countries"] = dict(countries)
        doc.user_data["place_admin1"] = dict(areas)
        places: list[Place] = []
        for near in (False, True):  # second pass: towns near the other places the document names
            points = located_towns([_key(n.text) for n in names], places) if near else {}
            places = []
            for i, name in enumerate(names):  # a name is no context for itself ("Tripoli" for Libya)
                if i in pairs:
                    places.append(self._reading(doc, name, pairs[i]))
                    continue
                key = _key(name.text)
                mine = own.get(key, (Counter(), Counter()))
                others = [p for k, held in points.items() if k != key for p in held]
                places.append(self._resolve(doc, name, countries - mine[0], areas - mine[1], others))
        doc.places = _locate_sites(doc, names, places)
        return doc

    def _pairs(self, doc: ExtractDoc, names: list[_Name]) -> dict[int, Candidate]:
        """Readings fixed by "TOWN, AREA" ("Parkland, Florida", "Tacoma, Washington"): a town and
        the province or country right after it, read together (``Gazetteer.nested``)."""
        found: dict[int, tuple[Candidate, Candidate]] = {}
        for i, (first, second) in enumerate(itertools.pairwise(names)):
            if i - 1 in found or _between(doc, first, second) != "," \
                    or self._facility(first) is not None or self._facility(second) is not None:
                continue
            alone = self.gazetteer.lookup(_stem(first.text), limit=1)
            if alone and alone[0].kind not in ("city", "admin2"):
                continue  # "Jordan, Lebanon": a list of countries, not a village of one
            pair = self.gazetteer.nested(_stem(first.text), _stem(second.text))
            if pair is not None and pair[0].kind == "city":
                found[i] = pair
        fixed: dict[int, Candidate] = {}
        for i, pair in found.items():
            before = i - 1 >= 0 and i - 2 not in found and _between(doc, names[i - 1], names[i]) in _LISTED
            after = i + 2 < len(names) and i + 2 not in found \
                and _between(doc, names[i + 1], names[i + 2]) in _LISTED
            if not (before or after):  # "Washington, New York and Boston": a list, not a town and its state
                fixed[i], fixed[i + 1] = pair
        return fixed

    def _reading(self, doc: ExtractDoc, name: _Name, best: Candidate) -> Place:
        precision = 2 if best.kind == "city" and _near(doc.spacy, name.span) else None
        return best.to_place(name.text, name.span, precision=precision)

    # -- context -----------------------------------------------------------------------------
    def context(self, doc: ExtractDoc, names: list[_Name] | None = None
                ) -> tuple[Counter[str], Counter[tuple[str, str]]]:
        """Countries and provinces the document is about, with how often it names them: those of
        names that resolve one way only (or whose best reading is well ahead, or that a "TOWN,
        AREA" pair fixes), of pack facilities, and (countries) of demonyms."""
        names = _names(doc, self.knowledge, self.gazetteer) if names is None else names
        counts, areas, _ = self._context(doc, names, self._pairs(doc, names))
        return counts, areas

    def _context(self, doc: ExtractDoc, names: list[_Name], pairs: dict[int, Candidate] | None = None
                 ) -> tuple[Counter[str], Counter[tuple[str, str]],
                            dict[str, tuple[Counter[str], Counter[tuple[str, str]]]]]:
        counts: Counter[str] = Counter()
        areas: Counter[tuple[str, str]] = Counter()
        own: dict[str, tuple[Counter[str], Counter[tuple[str, str]]]] = {}
        pairs = pairs or {}
        for i, name in enumerate(names):
            facility = self._facility(name)
            found = self.gazetteer.lookup(_stem(name.text), limit=2) if facility is None and i not in pairs \
                else []
            if i in pairs:
                country, admin1 = pairs[i].country, pairs[i].admin1
                if country is None:
                    continue
            elif facility is not None:
                country, admin1 = facility.country, getattr(facility, "admin1", None)
            elif found and (len(found) == 1 or found[0].kind == "country"
                            or found[0].score - found[1].score >= _UNAMBIGUOUS_GAP) and found[0].country:
                country, admin1 = found[0].country, found[0].admin1
            else:
                continue
            mine = own.setdefault(_key(name.text), (Counter(), Counter()))
            counts[country] += 1
            mine[0][country] += 1
            if admin1:
                areas[(country, admin1)] += 1
                mine[1][(country, admin1)] += 1
        if doc.spacy is not None:
            for ent in doc.spacy.ents:
                if ent.label_ in ("NORP", "GPE"):
                    country = self._demonym(ent.text)
                    if country:
                        counts[country] += 1
        for town in town_clues(self.gazetteer, doc.analysis_text, [n.span for n in names]):
            counts[town.country or ""] += 1
        counts.pop("", None)
        return counts, areas, own

    def _demonym(self, text: str) -> str | None:
        found = self.gazetteer.demonym(text)
        if found is not None and found.country:
            return found.country
        by_demonym = getattr(self.knowledge, "country_by_demonym", None)
        country = by_demonym(text) if by_demonym else None
        return getattr(country, "code", None)

    def _facility(self, name: _Name) -> Any:
        find = getattr(self.knowledge, "facility_by_alias", None)
        if find is None or name.label not in ("facility", "FAC", "ORG"):
            return None
        return find(name.text)

    # -- resolution --------------------------------------------------------------------------
    def _resolve(self, doc: ExtractDoc, name: _Name, countries: Counter[str],
                 areas: Counter[tuple[str, str]], near: list[tuple[float, float]] | None = None) -> Place:
        facility = self._facility(name)
        if facility is not None:
            return self._facility_place(name, facility)
        found = self.gazetteer.lookup(_stem(name.text), context_countries=countries, context_admin1=areas,
                                      limit=1, near=near or ())
        best = found[0] if found else None
        if best is not None and near and best.kind == "city" and not best.population \
                and remote(best.lat, best.lon, near):
            best = None  # a village far from all the other places: a namesake of a street or region
        if name.label == "FAC" and best is not None and (not best.primary or (best.kind == "city"
                                                          and not best.population)):
            best = None  # a building or street is not the village of its name
        if best is None:
            town = self.gazetteer.within(name.text, context_countries=countries, context_admin1=areas)
            if town is None:
                return Place(text=name.text, span=name.span)
            return _site(town.to_place(name.text, name.span), name.text, town.precision)
        precision = 2 if best.kind == "city" and _near(doc.spacy, name.span) else None
        return best.to_place(name.text, name.span, precision=precision)

    def _facility_place(self, name: _Name, facility: Any) -> Place:
        lat, lon = getattr(facility, "lat", None), getattr(facility, "lon", None)
        admin1, country = getattr(facility, "admin1", None), getattr(facility, "country", None)
        if lat is not None and lon is not None:
            if admin1 is None:
                admin1, found_country = self.gazetteer.admin1_of(lat, lon)
                country = country or found_country
            return Place(text=name.text, span=name.span, name=facility.name, admin1=admin1, country=country,
                         lat=lat, lon=lon, precision=1, source="pack")
        nation = [country] if country else []
        area = self.gazetteer.lookup(admin1, kinds=("admin1",), context_countries=nation, limit=1) \
            if admin1 else []
        if area and area[0].country == country:
            return Place(text=name.text, span=name.span, name=facility.name, admin1=admin1, country=country,
                         lat=area[0].lat, lon=area[0].lon, precision=4, source="pack")
        whole = self.gazetteer.country(country) if country else None
        return Place(text=name.text, span=name.span, name=facility.name, admin1=admin1, country=country,
                     lat=whole.lat if whole else None, lon=whole.lon if whole else None,
                     precision=6 if whole else None, source="pack")


def _names(doc: ExtractDoc, knowledge: Any, gazetteer: Gazetteer) -> list[_Name]:
    """Place names in text order: the mentions stage's places and facilities (with a "province"
    that follows), then spaCy's place entities that no mention covers. An entity that the mentions
    stage took for something else (a person, an organisation) stays that."""
    found: list[_Name] = []
    others: list[Span] = []
    for mention in doc.mentions:
        if mention.kind in ("facility", "place"):
            found.append(_widen(doc, mention.span, mention.text, mention.kind, mention.key))
        elif mention.kind in ("person", "actor"):
            others.append(mention.span)
    spacy_doc = doc.spacy
    if spacy_doc is not None:
        for ent in spacy_doc.ents:
            label = ent.label_
            if label == "ORG" and _SITE.search(ent.text):
                label = "FAC"
            if label not in LABELS:
                continue
            name = _clean(doc, spacy_doc, ent.start, ent.end, label)
            if name and not any(name.span.overlaps(t) for t in [*(f.span for f in found), *others]) \
                    and not _is_demonym(name.text, knowledge, gazetteer):
                found.append(name)
    return _join(doc, sorted(found, key=lambda n: n.span.start), others, gazetteer)


def _join(doc: ExtractDoc, names: list[_Name], others: list[Span], gazetteer: Gazetteer) -> list[_Name]:
    """Names with the capitalised words around them that make a longer name the gazetteer knows
    ("Boa" + "Vista", "Baja" + "California", "U.S." + "Virgin Islands"): a split entity joined,
    the parts it covers dropped."""
    out: list[_Name] = []
    for name in names:
        if out and out[-1].span.start <= name.span.start and name.span.end <= out[-1].span.end:
            continue  # a part of the name before, joined
        if name.key is None and name.label in ("GPE", "LOC", "place"):
            name = _joined(doc, name, others, gazetteer)
            while out and out[-1].key is None and name.span.start <= out[-1].span.start:
                out.pop()
        out.append(name)
    return out


def _joined(doc: ExtractDoc, name: _Name, others: list[Span], gazetteer: Gazetteer) -> _Name:
    before = _WORDS_BEFORE.search(doc.text, max(0, name.span.start - 60), name.span.start)
    after = _WORDS_AFTER.match(doc.text, name.span.end, name.span.end + 60)
    starts = [name.span.start]
    if before:
        starts += [before.start() + m.start() for m in re.finditer(r"\S+", before.group())]
    ends = [name.span.end]
    if after:
        ends += [name.span.end + m.end() for m in re.finditer(r"\S+", after.group())]
    for start, end in sorted(((s, e) for s in starts for e in ends), key=lambda se: se[0] - se[1]):
        if (start, end) == (name.span.start, name.span.end):
            break
        span = Span(start, end)
        if any(span.overlaps(o) for o in others):
            continue
        text = doc.text[start:end]
        if gazetteer.notable(text) and not gazetteer.same_name(text, name.text):  # not "The Baghdad"
            return _Name(span, text, name.label, name.key)
    return name


def _widen(doc: ExtractDoc, span: Span, text: str, label: str, key: str | None) -> _Name:
    """A mention with the designator after it ("Wasit" + " province")."""
    after = re.match(r"\s+(\w+)", doc.text[span.end:span.end + 20])
    if after and after.group(1).lower() in _DESIGNATORS and label == "place":
        end = span.end + after.end()
        return _Name(Span(span.start, end), doc.text[span.start:end], label, key)
    return _Name(span, text, label, key)


def _clean(doc: ExtractDoc, spacy_doc: Doc, start: int, end: int, label: str) -> _Name | None:
    """The entity without a leading article or a trailing possessive, with a following "province"."""
    if end < len(spacy_doc) and spacy_doc[end].lower_ in _DESIGNATORS and label == "GPE":
        end += 1
    first, last = spacy_doc[start].idx, spacy_doc[end - 1].idx + len(spacy_doc[end - 1].text)
    text = doc.text[first:last]
    lead = _LEADING.match(text)
    if lead:
        first += lead.end()
    trail = _TRAILING.search(doc.text[first:last])
    if trail:
        last = first + trail.start()
    text = doc.text[first:last].strip()
    if not text or not any(c.isalpha() for c in text) or "\n" in text:
        return None
    return _Name(Span(first, first + len(text)), text, label)


def _is_demonym(text: str, knowledge: Any, gazetteer: Gazetteer) -> bool:
    """An adjective for a people ("Iraqi") that spaCy took for a place: never a place here."""
    by_demonym = getattr(knowledge, "country_by_demonym", None)
    if gazetteer.demonym(text) is None and (by_demonym is None or by_demonym(text) is None):
        return False
    return not any(c.primary for c in gazetteer.lookup(text, limit=3))


def _between(doc: ExtractDoc, first: _Name, second: _Name) -> str:
    return " ".join(doc.text[first.span.end:second.span.start].split()).lower()


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _stem(text: str) -> str:
    return " ".join(text.split())


def _near(spacy_doc: Doc | None, span: Span) -> bool:
    """Whether the words before a name put the event near it, not in it: "near X", "outside X",
    "10 km north of X", "on the outskirts of X"."""
    if spacy_doc is None:
        return False
    # the (at most four) tokens that end by the name's start: token ends only grow along the doc
    count = bisect_right(spacy_doc, span.start, key=lambda t: t.idx + len(t.text))
    before = list(spacy_doc[max(0, count - 4):count])
    words = [t.lower_ for t in before if t.lower_ not in ("the", "a")]
    if not words:
        return False
    if words[-1] in _NEAR and words[-1] != "from":
        return True
    return words[-1] == "of" and len(words) >= 2 and (_COMPASS.match(words[-2]) is not None
                                                      or words[-2] in ("outskirts", "vicinity"))


def _locate_sites(doc: ExtractDoc, names: list[_Name], places: list[Place]) -> list[Place]:
    """A facility left unresolved takes the place of the "in X" right after it ("Camp Victory in
    Baghdad"): X's admin1, country and point, with precision 2 when X is a town."""
    out = list(places)
    for i, (name, place) in enumerate(zip(names, places, strict=True)):
        if place.precision is not None or name.label not in ("FAC", "facility") or i + 1 >= len(names):
            continue
        following = places[i + 1]
        between = doc.text[name.span.end:names[i + 1].span.start].strip(" ,").lower()
        if following.precision is None or between not in ("in", "at", "near", "outside", "in the city of",
                                                           "in the province of"):
            continue
        out[i] = _site(replace(following, text=place.text, span=place.span), place.text, following.precision)
    return out


def _site(place: Place, name: str, precision: int | None) -> Place:
    """A site placed by the town (or area) it is in or named after: the town's point, precision 2."""
    return replace(place, name=name, precision=2 if precision in (1, 2) else precision, geonameid=None,
                   feature_code=None)

