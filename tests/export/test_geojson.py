"""GeoJSON of the located incidents: valid by the `geojson` package's own validation, points in
RFC 7946 order ([longitude, latitude]), one feature per incident with its grade and sources."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import geojson
import pytest

from sitrep.export.geojson import geojson_collection, incident_place, write_geojson
from sitrep.extract.default import build_pipeline
from sitrep.ingest.batch import ingest
from sitrep.resolve.picture import IncidentFilter, incidents, rebuild
from sitrep.resolve.titles import WithTitleEvents
from sitrep.store.records import StoredEvent
from sitrep.store.store import Store

MULTIDOC = Path(__file__).parents[1] / "fixtures" / "multidoc"
DOCUMENTS = ["brief-shabelle-2022.md", "news-afgooye-bomb.md", "news-afgooye-toll.txt",
             "news-baidoa-mortar.md", "news-jilib-strike.md"]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("geojson") / "store.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITREP_RELIABILITY", str(MULTIDOC / "reliability.yaml"))
        with Store.open(f"sqlite:///{path}") as opened:
            assert ingest(opened, [str(MULTIDOC / name) for name in DOCUMENTS],
                          pipeline=WithTitleEvents(build_pipeline())).ok
            rebuild(opened)
            yield opened


@pytest.fixture(scope="module")
def events(store: Store) -> dict[str, StoredEvent]:
    return {e.id: e for e in store.events(titles=True)}


def test_the_file_is_valid_geojson_with_one_point_per_incident(store: Store, events: dict[str, StoredEvent],
                                                               tmp_path: Path) -> None:
    path = write_geojson(geojson_collection(incidents(store), events), tmp_path / "incidents.geojson")
    text = path.read_text(encoding="utf-8")
    loaded = geojson.loads(text)
    assert isinstance(loaded, geojson.FeatureCollection)
    assert loaded.is_valid, loaded.errors()
    assert len(loaded["features"]) == 3
    for feature in loaded["features"]:
        assert geojson.Feature(**feature).is_valid
        assert feature["geometry"]["type"] == "Point"
    assert json.loads(text)["type"] == "FeatureCollection"


def test_points_are_longitude_then_latitude(store: Store, events: dict[str, StoredEvent]) -> None:
    collection = geojson_collection(incidents(store, IncidentFilter(place="Afgooye")), events).collection
    (feature,) = collection["features"]
    assert feature["geometry"]["coordinates"] == [45.1212, 2.1381]  # Afgooye: 45.1° E, 2.1° N


def test_properties_carry_the_picture(store: Store, events: dict[str, StoredEvent]) -> None:
    collection = geojson_collection(incidents(store, IncidentFilter(place="Afgooye")), events).collection
    properties = collection["features"][0]["properties"]
    assert (properties["type"], properties["mode"]) == ("ASSAULT", "explosives")
    assert (properties["date"], properties["date_precision"]) == ("2022-03-14", "day")
    where = (properties["place"], properties["admin1"], properties["country"])
    assert where == ("Afgooye", "Lower Shabeelle", "SO")
    assert properties["place_precision"] == 2
    assert (properties["killed"], properties["sources_differ"]) == (3, ["killed"])
    assert (properties["grade"], properties["sources"], properties["reports"]) == ("B2", 2, 5)
    assert properties["key"] == collection["features"][0]["id"]


def test_an_incident_without_coordinates_is_left_out_and_counted(store: Store,
                                                                 events: dict[str, StoredEvent]) -> None:
    found = incidents(store)
    unplaced = dict(events)
    for report in found[0].reports:
        stored = unplaced[report.event_id]
        unplaced[report.event_id] = replace(stored, event=replace(stored.event, place=None))
    assert incident_place(found[0], unplaced) is None
    export = geojson_collection(found, unplaced)
    assert (export.features, export.unlocated) == (2, 1)
    assert geojson.loads(json.dumps(export.collection)).is_valid
