"""The ACLED-shaped CSV: exactly ACLED's columns (2023 layout) and codes, one row per incident of
the multi-document fixture set, the most conservative toll and a note where the sources differ."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from sitrep.export.acled import (
    COLUMNS,
    AcledExport,
    acled_export,
    acled_rows,
    coded_date,
    interaction,
    write_acled,
)
from sitrep.extract.default import build_pipeline
from sitrep.ingest.batch import ingest
from sitrep.model.vocab import ACLED_TYPES
from sitrep.resolve.picture import IncidentFilter, IncidentView, incidents, rebuild
from sitrep.resolve.titles import WithTitleEvents
from sitrep.store.store import Store

MULTIDOC = Path(__file__).parents[1] / "fixtures" / "multidoc"
DOCUMENTS = ["brief-shabelle-2022.md", "news-afgooye-bomb.md", "news-afgooye-toll.txt",
             "news-baidoa-mortar.md", "news-jilib-strike.md"]
AT = datetime(2024, 5, 1, tzinfo=UTC)
# ACLED's columns, 2023 layout, in ACLED's order (ONTOLOGY.md, "ACLED export").
SPEC = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Protests": "Demonstrations",
            "Riots": "Demonstrations", "Strategic developments": "Strategic developments"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("acled") / "store.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITREP_RELIABILITY", str(MULTIDOC / "reliability.yaml"))
        with Store.open(f"sqlite:///{path}") as opened:
            result = ingest(opened, [str(MULTIDOC / name) for name in DOCUMENTS],
                            pipeline=WithTitleEvents(build_pipeline()))
            assert result.ok, result.outcomes
            rebuild(opened)
            yield opened


@pytest.fixture(scope="module")
def written(store: Store, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    path = write_acled(acled_export(store, at=AT), tmp_path_factory.mktemp("out") / "acled.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == SPEC
        return list(reader)


def by_location(rows: list[dict[str, str]], location: str) -> dict[str, str]:
    (row,) = [r for r in rows if r["location"] == location]
    return row


def test_the_columns_are_exactly_acleds_in_acleds_order() -> None:
    assert list(COLUMNS) == SPEC


def test_one_row_per_incident_with_acleds_codes(store: Store, written: list[dict[str, str]]) -> None:
    assert len(written) == len(incidents(store)) == 3
    for row in written:
        assert set(row) == set(SPEC)
        assert row["sub_event_type"] in ACLED_TYPES[row["event_type"]]
        assert row["disorder_type"] == DISORDER[row["event_type"]]
        day = date.fromisoformat(row["event_date"])
        assert row["year"] == str(day.year)
        assert row["time_precision"] in {"1", "2", "3"}
        assert row["geo_precision"] in {"1", "2", "3"}
        for column in ("inter1", "inter2"):
            assert row[column] == "" or 0 <= int(row[column]) <= 8
        if row["inter1"] and row["inter2"]:
            assert row["interaction"] == "".join(sorted((row["inter1"], row["inter2"]))) or (
                row["inter2"] == "0" and row["interaction"] == row["inter1"] + "0")
        assert (row["iso"], row["country"], row["region"]) == ("706", "Somalia", "Eastern Africa")
        assert -90 <= float(row["latitude"]) <= 90 and -180 <= float(row["longitude"]) <= 180
        assert row["fatalities"].isdigit()
        assert row["event_id_cnty"].startswith("SOMS")
        assert row["timestamp"] == str(int(AT.timestamp()))
        assert row["tags"].startswith("sitrep grade=")


def test_the_most_conservative_toll_and_a_note_that_sources_differ(written: list[dict[str, str]]) -> None:
    bomb = by_location(written, "Afgooye")
    assert (bomb["event_type"], bomb["sub_event_type"]) == ("Explosions/Remote violence",
                                                           "Remote explosive/landmine/IED")
    assert (bomb["event_date"], bomb["time_precision"], bomb["geo_precision"]) == ("2022-03-14", "1", "2")
    assert bomb["fatalities"] == "3"  # one source says five, the other three
    assert "sources differ: 5 vs 3" in bomb["notes"]
    assert bomb["source"] == "Mogadishu Wire; East Africa Ledger"
    assert bomb["admin1"] == "Lower Shabeelle" and bomb["tags"] == "sitrep grade=B2"


def test_actor_codes_come_from_the_actors_kinds(written: list[dict[str, str]]) -> None:
    mortar = by_location(written, "Baidoa")
    assert (mortar["actor1"], mortar["inter1"], mortar["actor2"], mortar["inter2"]) == (
        "militants", "2", "civilians", "7")
    assert (mortar["interaction"], mortar["civilian_targeting"]) == ("27", "Civilian targeting")
    strike = by_location(written, "Jilib")
    assert (strike["sub_event_type"], strike["inter1"]) == ("Air/drone strike", "1")
    assert "sources differ on date: 2022-03-17 vs 2022-03-18" in strike["notes"]


def test_ids_are_stable_and_filters_apply(store: Store, written: list[dict[str, str]]) -> None:
    again = acled_export(store, at=AT)
    assert [r["event_id_cnty"] for r in again.rows] == [r["event_id_cnty"] for r in written]
    assert len({r["event_id_cnty"] for r in written}) == 3
    only = acled_export(store, IncidentFilter(place="Jilib"), at=AT)
    assert [r["location"] for r in only.rows] == ["Jilib"]


def test_incidents_acled_does_not_code_are_left_out_and_counted(store: Store) -> None:
    events = {e.id: e for e in store.events(titles=True)}
    found = incidents(store)
    meeting = replace(found[0], type="CONSULT", mode="visit")
    for report in meeting.reports:  # the same reports, as a meeting with no ACLED type
        events[report.event_id] = replace(events[report.event_id],
                                          event=replace(events[report.event_id].event, acled=None,
                                                        type="CONSULT", mode="visit"))
    undated = replace(found[1], date_value=None, date_precision=None)
    export = acled_rows([meeting, undated, found[2]], events, at=AT)
    assert isinstance(export, AcledExport)
    assert len(export.rows) == 1
    assert export.left_out == {"no ACLED event type": 1, "no date to the month or better": 1}
    assert export.left_out_total == 2


def _dated(view: IncidentView, value: date, precision: str, end: date | None = None) -> IncidentView:
    return replace(view, date_value=value, date_precision=precision, date_end=end)


def test_time_precision_follows_the_dates_precision(store: Store) -> None:
    view = incidents(store)[0]
    assert coded_date(_dated(view, date(2022, 3, 14), "day")) == (date(2022, 3, 14), 1)
    assert coded_date(_dated(view, date(2022, 3, 14), "week")) == (date(2022, 3, 14), 2)
    assert coded_date(_dated(view, date(2022, 3, 1), "month")) == (date(2022, 3, 15), 3)
    assert coded_date(_dated(view, date(2022, 3, 10), "day", date(2022, 3, 14))) == (date(2022, 3, 12), 2)
    assert coded_date(_dated(view, date(2022, 3, 1), "day", date(2022, 3, 25))) == (date(2022, 3, 13), 3)
    assert coded_date(_dated(view, date(2022, 1, 1), "year")) is None


def test_interaction_codes() -> None:
    assert interaction(2, 1) == "12"
    assert interaction(6, 0) == "60"
    assert interaction(3, 3) == "33"
    assert interaction(None, 1) == ""
