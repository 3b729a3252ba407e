"""The TopoJSON decoder on a hand-written topology, and the packaged Natural Earth basemap."""

from __future__ import annotations

import json
from typing import Any

import pytest

from sitrep.analysis.basemap import (
    DATA_FILE,
    BasemapError,
    Country,
    country_of,
    decode,
    flatten,
    load_countries,
)

# Quantized and delta-encoded: x = 10 + 0.5 q, y = -5 + 2 q. Arc 0 is the edge two squares share.
TINY: dict[str, Any] = {
    "type": "Topology",
    "transform": {"scale": [0.5, 2], "translate": [10, -5]},
    "arcs": [
        [[2, 0], [0, 2]],  # 0: (2,0) → (2,2)
        [[2, 2], [-2, 0], [0, -2], [2, 0]],  # 1: (2,2) → (0,2) → (0,0) → (2,0)
        [[2, 0], [2, 0], [0, 2], [-2, 0]],  # 2: (2,0) → (4,0) → (4,2) → (2,2)
        [[6, 0], [1, 0], [0, 1], [-1, 0], [0, -1]],  # 3: an island, closed
        [[10, 0], [6, 0], [0, 6], [-6, 0], [0, -6]],  # 4: a big square ...
        [[12, 2], [0, 2], [2, 0], [0, -2], [-2, 0]],  # 5: ... and a hole in it
    ],
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "id": "001", "properties": {"name": "West"}},
                {"type": "MultiPolygon", "arcs": [[[~0, 2]], [[3]]], "id": "002",
                 "properties": {"name": "East"}},
                {"type": None, "id": "003", "properties": {"name": "Nowhere"}},
                {"type": "GeometryCollection", "geometries": [
                    {"type": "Polygon", "arcs": [[4], [5]], "properties": {"name": "Holed"}},
                ]},
            ],
        },
    },
}


def q(x: float, y: float) -> tuple[float, float]:
    """A quantized position of TINY in degrees."""
    return 10 + 0.5 * x, -5 + 2 * y


def by_name(countries: tuple[Country, ...]) -> dict[str, Country]:
    return {c.name: c for c in countries}


def test_decodes_quantized_delta_encoded_arcs_with_the_transform() -> None:
    west = by_name(decode(TINY, "countries"))["West"]
    assert west.id == "001"
    assert west.polygons == ((tuple(q(*p) for p in [(2, 0), (2, 2), (0, 2), (0, 0), (2, 0)]),),)
    assert west.bbox == (10.0, -5.0, 11.0, -1.0)


def test_a_negative_index_reverses_the_arc_and_multipolygons_keep_each_part() -> None:
    east = by_name(decode(TINY, "countries"))["East"]
    outer, island = east.polygons
    assert outer == (tuple(q(*p) for p in [(2, 2), (2, 0), (4, 0), (4, 2), (2, 2)]),)
    assert island == (tuple(q(*p) for p in [(6, 0), (7, 0), (7, 1), (6, 1), (6, 0)]),)
    assert east.contains(*q(3, 1)) and east.contains(*q(6.5, 0.5))
    assert not east.contains(*q(1, 1)) and not east.contains(*q(5, 1))


def test_holes_null_geometries_and_nested_collections() -> None:
    countries = by_name(decode(TINY, "countries"))
    assert set(countries) == {"West", "East", "Holed"}  # the null geometry has nothing to draw
    holed = countries["Holed"]
    assert holed.id is None
    assert len(holed.polygons) == 1 and len(holed.polygons[0]) == 2
    assert holed.contains(*q(11, 1))  # in the square
    assert not holed.contains(*q(13, 3))  # in its hole


def test_plain_arcs_without_a_transform() -> None:
    topology = {"type": "Topology", "arcs": [[[0, 0], [4, 0], [4, 3], [0, 0]]],
                "objects": {"one": {"type": "Polygon", "arcs": [[0]], "id": 7}}}
    (found,) = decode(topology, "one")
    assert found.name == "7" and found.id == "7"
    assert found.polygons == ((((0.0, 0.0), (4.0, 0.0), (4.0, 3.0), (0.0, 0.0)),),)


def test_bad_topologies_are_clear_errors() -> None:
    with pytest.raises(BasemapError, match="not a TopoJSON topology"):
        decode({"type": "FeatureCollection"}, "countries")
    with pytest.raises(BasemapError, match=r"no object 'land'.*countries"):
        decode(TINY, "land")
    broken = json.loads(json.dumps(TINY))
    broken["objects"]["countries"]["geometries"][0]["arcs"] = [[0, 9]]
    with pytest.raises(BasemapError, match="arc 9 is not in the topology"):
        decode(broken, "countries")


def test_flatten_splits_a_ring_across_the_antimeridian_into_both_sides() -> None:
    ring = ((179.0, 0.0), (-179.0, 0.0), (-179.0, 1.0), (179.0, 1.0), (179.0, 0.0))
    flat = flatten((ring,))
    assert [p[0] for p in flat] == [((179.0, 0.0), (181.0, 0.0), (181.0, 1.0), (179.0, 1.0), (179.0, 0.0)),
                                       ((-181.0, 0.0), (-179.0, 0.0), (-179.0, 1.0), (-181.0, 1.0),
                                        (-181.0, 0.0))]
    island = Country("1", "Island", ((ring,),))
    assert island.contains(179.5, 0.5) and island.contains(-179.5, 0.5)
    assert not island.contains(0.0, 0.5)


def test_flatten_closes_a_ring_round_the_pole() -> None:
    ring = ((-180.0, -70.0), (0.0, -75.0), (180.0, -70.0), (-180.0, -70.0))
    (flat,) = flatten((ring,))
    xs = [p[0] for p in flat[0]]
    assert flat[0][-1] == flat[0][0] and (xs[0], -90.0) in flat[0]
    assert max(xs) - min(xs) == 360.0
    assert Country(None, "Pole", ((ring,),)).contains(90.0, -80.0)


def test_the_packaged_countries() -> None:
    countries = load_countries()
    assert load_countries() is countries  # decoded once
    assert len(countries) == 177
    named = by_name(countries)
    assert named["Somalia"].id == "706"
    assert DATA_FILE.endswith(".topo.json")


@pytest.mark.parametrize(("iso2", "name", "lon", "lat"), [
    ("SO", "Somalia", 45.34, 2.04),  # Mogadishu
    ("IQ", "Iraq", 44.36, 33.31),  # Baghdad
    ("RU", "Russia", 37.62, 55.75),  # Moscow
    ("RU", "Russia", 177.51, 64.73),  # Anadyr, east of the antimeridian's cut
    ("FJ", "Fiji", 178.44, -18.14),  # Suva
    ("US", "United States of America", -77.04, 38.90),  # Washington
    ("LS", "Lesotho", 27.48, -29.31),  # Maseru
])
def test_capitals_lie_in_their_countries(iso2: str, name: str, lon: float, lat: float) -> None:
    country = country_of(iso2)
    assert country is not None and country.name == name
    assert country.contains(lon, lat)


def test_holes_and_neighbours_in_the_packaged_data() -> None:
    south_africa, kenya = country_of("ZA"), country_of("ke")
    assert south_africa is not None and kenya is not None
    assert not south_africa.contains(27.48, -29.31)  # Maseru: Lesotho is a hole in South Africa
    assert south_africa.contains(28.19, -25.75)  # Pretoria
    assert not kenya.contains(45.34, 2.04)  # Mogadishu
    assert country_of("XX") is None and country_of(None) is None
