"""Importing an ACLED CSV export (tests/fixtures/acled/somalia-2022.csv, invented rows with ACLED's
columns): good rows stored as documents with their events, bad rows named with their line while the
rest go on, a re-import changes nothing, and an imported event joins the incident a text reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.export.acled import acled_export
from sitrep.extract.default import build_pipeline
from sitrep.ingest.acled import SOURCE_PREFIX, import_acled, row_document
from sitrep.ingest.batch import ingest
from sitrep.resolve.picture import IncidentFilter, incidents
from sitrep.store.store import Store

ACLED = Path(__file__).parents[1] / "fixtures" / "acled" / "somalia-2022.csv"
MULTIDOC = Path(__file__).parents[1] / "fixtures" / "multidoc"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv("SITREP_RELIABILITY", str(MULTIDOC / "reliability.yaml"))
    return Store.open(f"sqlite:///{tmp_path / 'store.db'}")


def test_good_rows_are_stored_and_bad_ones_named_with_their_line(store: Store) -> None:
    result = import_acled(store, ACLED)
    statuses = {o.event_id: (o.line, o.status) for o in result.outcomes}
    assert statuses == {"SOM90001": (2, "new"), "SOM90002": (3, "new"), "SOM90003": (4, "failed"),
                        "SOM90004": (5, "skipped"), "SOM90005": (6, "failed"), "SOM90006": (7, "new")}
    failed = {o.event_id: o.reason for o in result.outcomes if o.status == "failed"}
    assert failed["SOM90003"] == (f"{ACLED}, line 4: event_date '2022-03-32' is not a date; "
                                  "expected YYYY-MM-DD or '14 March 2022'")
    assert failed["SOM90005"].startswith(
        f"{ACLED}, line 6: event_type 'Skirmish' is not ACLED's; valid: Battles")
    assert not result.ok
    assert [f.source for f in store.failures(result.run_id)] == [f"{ACLED}:4", f"{ACLED}:6"]
    sources = {d.source: d for d in store.documents()}
    assert set(sources) == {f"{SOURCE_PREFIX}SOM9000{n}" for n in (1, 2, 6)}
    bomb = sources[f"{SOURCE_PREFIX}SOM90001"]
    assert (bomb.publisher, bomb.published.isoformat()) == ("ACLED", "2022-03-14")


def test_each_row_becomes_one_event_with_its_fields(store: Store) -> None:
    import_acled(store, ACLED)
    (bomb,) = store.events(place="Afgooye")
    event = bomb.event
    assert (event.type, event.mode, event.acled) == ("ASSAULT", "explosives", (
        "Explosions/Remote violence", "Remote explosive/landmine/IED"))
    assert event.date is not None and event.date.value is not None
    assert (event.date.value.isoformat(), event.date.precision) == ("2022-03-14", "day")
    assert event.place is not None
    place = event.place
    assert (place.name, place.admin1, place.country, place.lat, place.lon, place.precision) == (
        "Afgooye", "Lower Shabeelle", "SO", 2.1381, 45.1212, 2)
    assert [(a.name, a.kind) for a in event.actors] == [("Al Shabaab", "rebel_group")]
    assert [(a.name, a.kind) for a in event.recipients] == [
        ("AMISOM: African Union Mission in Somalia", "other")]
    assert event.count("killed") == 3
    assert bomb.sentence_text.startswith("On 14 March 2022, Al Shabaab detonated")
    (abduction,) = store.events(type="ASSAULT", place="Baidoa")
    assert abduction.event.mode == "abduct"
    assert [(a.name, a.kind) for a in abduction.event.recipients] == [
        ("Civilians (Somalia)", "civilians"), ("Teachers (Somalia)", None)]
    assert abduction.event.count("killed") is None  # ACLED's 0 is no toll
    (protest,) = store.events(type="PROTEST")
    assert (protest.event.mode, protest.event.recipients) == ("demo", ())


def test_re_importing_the_same_file_changes_nothing(store: Store) -> None:
    first = import_acled(store, ACLED)
    assert first.picture is not None
    before = [(d.id, d.source) for d in store.documents()]
    again = import_acled(store, ACLED)
    assert (again.count("new"), again.count("known")) == (0, 3)
    assert again.picture is None
    assert [(d.id, d.source) for d in store.documents()] == before


def test_a_missing_column_is_named(tmp_path: Path, store: Store) -> None:
    bad = tmp_path / "export.csv"
    header = ACLED.read_text(encoding="utf-8").splitlines()[0]
    header = header.replace(",fatalities", "").replace("latitude,", "")
    bad.write_text(header + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing columns latitude, fatalities") as caught:
        import_acled(store, bad)
    assert str(bad) in str(caught.value)
    assert store.documents() == []


def test_an_unreadable_file_is_named(tmp_path: Path, store: Store) -> None:
    with pytest.raises(InputError, match="no such file"):
        import_acled(store, tmp_path / "nope.csv")
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="is empty"):
        import_acled(store, empty)


def test_a_row_with_no_plover_equivalent_is_skipped() -> None:
    row = dict.fromkeys(("event_id_cnty", "event_date", "notes"), "x")
    row.update(event_type="Strategic developments", sub_event_type="Change to group/activity")
    assert row_document(row) is None


def test_an_imported_event_joins_the_incident_a_text_reports(store: Store) -> None:
    assert ingest(store, [str(MULTIDOC / "news-afgooye-bomb.md")], pipeline=build_pipeline()).ok
    result = import_acled(store, ACLED)
    assert result.picture is not None and result.picture.events.merged == 1
    (bomb,) = incidents(store, IncidentFilter(place="Afgooye"))
    assert bomb.documents == 2 and bomb.sources == 2
    assert any(label.startswith("ACLED") for label in bomb.source_labels)
    assert any(label.startswith("Mogadishu Wire") for label in bomb.source_labels)
    assert bomb.killed == 3
    # the ACLED export of that incident keeps ACLED's own id
    rows = acled_export(store, IncidentFilter(place="Afgooye")).rows
    assert [r["event_id_cnty"] for r in rows] == ["SOM90001"]


def test_a_protest_round_trips_with_acleds_protester_code(store: Store) -> None:
    import_acled(store, ACLED)
    (row,) = acled_export(store, IncidentFilter(type="PROTEST")).rows
    assert (row["event_id_cnty"], row["event_type"], row["sub_event_type"]) == (
        "SOM90002", "Protests", "Peaceful protest")
    codes = (row["actor1"], row["inter1"], row["inter2"], row["interaction"])
    assert codes == ("Protesters (Somalia)", "6", "0", "60")
    assert (row["location"], row["geo_precision"], row["fatalities"]) == ("Mogadishu", "1", "0")
