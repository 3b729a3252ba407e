"""The incident map on the multi-document fixtures, ingested with the real pipeline into a real
store: what is placed and how precisely, the PNG, and the self-contained HTML."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
import sqlalchemy as sa

from sitrep.analysis.map import (
    MIN_SPAN,
    R_MAX,
    R_MIN,
    WORLD,
    IncidentMap,
    MapError,
    fit_extent,
    incident_map,
    radius,
    size_legend,
    tier_of,
)
from sitrep.analysis.map_html import render_html, write_html
from sitrep.analysis.map_png import write_png
from sitrep.errors import NotFound
from sitrep.extract.default import build_pipeline
from sitrep.ingest.batch import ingest
from sitrep.resolve.grading import load_table
from sitrep.resolve.picture import IncidentFilter, rebuild
from sitrep.resolve.titles import WithTitleEvents
from sitrep.store import tables as t
from sitrep.store.store import Store

MULTIDOC = Path(__file__).parents[1] / "fixtures" / "multidoc"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("map") / "store.db"
    documents = sorted(str(p) for p in MULTIDOC.iterdir() if p.suffix in (".md", ".txt"))
    with Store.open(f"sqlite:///{path}") as store:
        result = ingest(store, documents, pipeline=WithTitleEvents(build_pipeline()))
        assert result.ok, result.outcomes
        rebuild(store, table=load_table(MULTIDOC / "reliability.yaml"))
    return path


@pytest.fixture(scope="module")
def found(stored: Path) -> IncidentMap:
    with Store.open(f"sqlite:///{stored}") as store:
        return incident_map(store)


@pytest.fixture
def store_copy(stored: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "store.db"
    shutil.copy(stored, copy)
    return copy


# -- what is placed --------------------------------------------------------------------------------

def test_every_incident_is_placed_with_its_precision_and_toll(found: IncidentMap) -> None:
    assert not found.unplaced
    by_place = {i.place.split(",")[0]: i for i in found.placed if i.place}
    assert set(by_place) == {"Afgooye", "Baidoa", "Jilib"}
    afgooye, baidoa, jilib = by_place["Afgooye"], by_place["Baidoa"], by_place["Jilib"]
    assert afgooye.place == "Afgooye, Lower Shabeelle, SO" and afgooye.country == "SO"
    assert (round(afgooye.lat or 0, 2), round(afgooye.lon or 0, 2)) == (2.14, 45.12)
    assert afgooye.precision == 2 and afgooye.tier.key == "site"
    assert afgooye.killed == 3 and afgooye.killed_note == "sources differ: 3, 5"  # the conservative toll
    assert baidoa.precision == 1 and baidoa.killed == 2
    assert jilib.killed is None and "date: 2022-03-17 / 2022-03-18" in jilib.differ
    assert all(i.sources == 2 and i.reports and i.grade for i in found.placed)
    assert found.countries == ("SO",)
    assert found.title == "3 incidents, 2022-03-14 to 2022-03-18"


def test_the_extent_holds_every_point_with_a_margin(found: IncidentMap) -> None:
    e = found.extent
    for i in found.placed:
        assert i.lon is not None and i.lat is not None
        assert e.west + 1 < i.lon < e.east - 1 and e.south + 1 < i.lat < e.north - 1
    assert e.east - e.west < 20 and e.north - e.south < 20  # Somalia, not the world


def test_filters_narrow_the_map(stored: Path) -> None:
    with Store.open(f"sqlite:///{stored}") as store:
        baidoa = incident_map(store, IncidentFilter(place="Baidoa"))
        later = incident_map(store, IncidentFilter(since=date(2023, 1, 1)))
    assert [i.place for i in baidoa.placed] == ["Baidoa, Bay, SO"] and "place 'Baidoa'" in baidoa.title
    assert not later.placed and not later.unplaced
    assert (later.extent.west, later.extent.east, later.extent.south, later.extent.north) == WORLD


def test_incidents_without_coordinates_are_listed_and_country_ones_marked(store_copy: Path) -> None:
    url = f"sqlite:///{store_copy}"
    with Store.open(url) as store, store.transaction("test: unplace and coarsen") as conn:
        i = t.incidents.c
        ids = {row.place_name: row.id for row in conn.execute(sa.select(i.id, i.place_name))}
        conn.execute(sa.update(t.incidents).where(i.id == ids["Jilib"])
                     .values(place_lat=None, place_lon=None, place_precision=None))
        conn.execute(sa.update(t.incidents).where(i.id == ids["Baidoa"])
                     .values(place_name="Somalia", place_admin1=None, place_lat=6.0, place_lon=48.0,
                             place_precision=6))
    with Store.open(url) as store:
        found = incident_map(store)
    assert [i.id for i in found.unplaced] == [ids["Jilib"]]
    assert {i.id: i.tier.key for i in found.placed} == {ids["Afgooye"]: "site", ids["Baidoa"]: "country"}
    assert [(tier.key, count) for tier, count in found.tiers()] == [("site", 1), ("country", 1)]
    page = render_html(found)
    unplaced = page.split('<table class="unplaced">')[1].split("</table>")[0]
    assert f"#{ids['Jilib']}" in unplaced and "Jilib" in unplaced and "no coordinates" in unplaced
    assert "1 incident without coordinates: not on the map, listed below" in page
    hollow = re.search(rf'<circle [^>]*fill="none"[^>]*class="pt country" data-id="{ids["Baidoa"]}"', page)
    assert hollow, "a country-level incident is a hollow marker"
    assert "country only: at the country&#x27;s point (precision 6): 1" in page


# -- the pieces ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("precision", "key"), [(1, "site"), (2, "site"), (3, "area"), (4, "area"),
                                                (5, "area"), (6, "country"), (7, "water"), (None, "unknown")])
def test_tiers_follow_ucdp_precision(precision: int | None, key: str) -> None:
    assert tier_of(precision).key == key
    assert tier_of(6).hollow and not tier_of(1).hollow


def test_fit_extent() -> None:
    assert (fit_extent([]).west, fit_extent([]).north) == (WORLD[0], WORLD[3])
    one = fit_extent([(45.0, 2.0)])
    assert one.contains(45.0, 2.0) and one.east - one.west >= MIN_SPAN and one.north - one.south >= MIN_SPAN
    assert abs((one.west + one.east) / 2 - 45.0) < 1e-9
    edge = fit_extent([(179.0, 10.0), (170.0, 12.0)])
    assert edge.east == 180.0 and edge.contains(179.0, 10.0) and edge.contains(170.0, 12.0)
    wide = fit_extent([(-170.0, 0.0), (170.0, 1.0)])
    assert (wide.west, wide.east) == (-180.0, 180.0)
    ratio = (one.east - one.west) / one.aspect / (one.north - one.south)
    assert 1.0 - 1e-9 <= ratio <= 2.0 + 1e-9  # between square and twice as wide on the page


def test_marker_sizes_grow_with_the_toll() -> None:
    assert radius(None, 10) == radius(0, 10) == R_MIN and radius(10, 10) == R_MAX
    assert R_MIN < radius(2, 10) < radius(5, 10) < R_MAX
    assert size_legend(3) == [3] and size_legend(120) == [5, 20, 120]


# -- the PNG --------------------------------------------------------------------------------------

def test_png_is_written(found: IncidentMap, tmp_path: Path) -> None:
    out = write_png(found, tmp_path / "map.png")
    data = out.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 10_000
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width > 800 and height > 300


def test_an_empty_map_is_the_world(tmp_path: Path) -> None:
    empty = IncidentMap((), (), fit_extent([]), IncidentFilter())
    assert write_png(empty, tmp_path / "world.png").read_bytes().startswith(PNG_MAGIC)
    assert "0 placed on the map, 0 without coordinates" in render_html(empty)


def test_output_paths_are_checked(found: IncidentMap, tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="does not exist; create it first"):
        write_png(found, tmp_path / "missing" / "map.png")
    with pytest.raises(NotFound, match="does not exist"):
        write_html(found, tmp_path / "missing" / "map.html")
    with pytest.raises(MapError, match="is a folder"):
        write_html(found, tmp_path)


def test_drawing_is_lazy() -> None:
    code = ("import sys, sitrep.analysis.map, sitrep.analysis.map_png, sitrep.analysis.map_html, "
            "sitrep.cli.map; print('matplotlib' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


# -- the HTML -------------------------------------------------------------------------------------

class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_html_is_self_contained(found: IncidentMap, tmp_path: Path) -> None:
    page = write_html(found, tmp_path / "map.html").read_text(encoding="utf-8")
    parser = _Collect()
    parser.feed(page)
    for tag, attrs in parser.tags:
        assert not {"src", "href", "xlink:href", "action", "srcset"} & set(attrs), (tag, attrs)
        assert not any(v and re.search(r"(https?:)?//", v) for v in attrs.values()), (tag, attrs)
    assert "http" not in page and "@import" not in page and "url(" not in page
    assert {tag for tag, _ in parser.tags} >= {"svg", "path", "circle", "script", "style", "table"}
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")


def test_html_shows_each_placed_incident(found: IncidentMap) -> None:
    page = render_html(found)
    data = json.loads(re.search(r'<script type="application/json" id="incidents">(.*?)</script>',
                                page, re.S).group(1))  # type: ignore[union-attr]
    svg = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    for incident in found.placed:
        assert re.search(rf'class="pt site" data-id="{incident.id}"', svg)
        assert (incident.place or "").split(",")[0] in svg  # labelled
        shown = data[str(incident.id)]
        fields = dict(shown["fields"])
        assert fields["date"] == incident.date and fields["precision"].startswith(f"{incident.precision}: ")
        assert fields["place"] == incident.place and fields["grade"] == incident.grade
        assert fields["sources"].startswith("2 independent: ")
        assert len(shown["reports"]) == len(incident.reports)
        assert all(r["sentence"] for r in shown["reports"])
    assert "Somalia" in svg and 'class="land hit"' in svg  # the basemap, its incidents' country shaded
    assert "Natural Earth" in page
    assert '["killed", "3 (sources differ: 3, 5)"]' in page


def test_html_escapes_what_the_sources_say(found: IncidentMap) -> None:
    evil = replace(found.placed[0], place="<script>alert(1)</script>", type="ASSAULT")
    page = render_html(replace(found, placed=(evil, *found.placed[1:])))
    assert "<script>alert(1)</script>" not in page
    assert page.count("<script") == 2  # the data and the code, nothing else


def test_html_names_the_other_incidents_at_the_same_point(found: IncidentMap) -> None:
    first, second, *rest = found.placed
    stacked = replace(found, placed=(first, replace(second, lat=first.lat, lon=first.lon), *rest))
    page = render_html(stacked)
    data = json.loads(re.search(r'id="incidents">(.*?)</script>', page, re.S).group(1))  # type: ignore[union-attr]
    assert data[str(first.id)]["here"] == [str(second.id)] and data[str(second.id)]["here"] == [str(first.id)]
    assert all(not data[str(i.id)]["here"] for i in rest)
    assert f"(#{first.id}, #{second.id})" in page  # one label for both
