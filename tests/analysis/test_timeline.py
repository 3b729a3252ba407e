"""The timeline on a real SQLite store: the multi-document fixtures ingested with the real pipeline
and resolved into incidents, and incidents written directly for dates of every precision."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from sitrep.analysis.timeline import date_span, shown_date, timeline
from sitrep.errors import SitrepError
from sitrep.extract.default import build_pipeline
from sitrep.ingest.batch import ingest
from sitrep.resolve.picture import IncidentFilter, incidents, rebuild
from sitrep.resolve.titles import WithTitleEvents
from sitrep.store import tables
from sitrep.store.store import Store

MULTIDOC = Path(__file__).parents[1] / "fixtures" / "multidoc"
DOCUMENTS = ["brief-shabelle-2022.md", "news-afgooye-bomb.md", "news-afgooye-toll.txt",
             "news-baidoa-mortar.md", "news-jilib-strike.md"]


@pytest.fixture(scope="module")
def picture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The fixture documents, ingested and resolved (their own reliability table)."""
    path = tmp_path_factory.mktemp("timeline") / "store.db"
    before = os.environ.get("SITREP_RELIABILITY")
    os.environ["SITREP_RELIABILITY"] = str(MULTIDOC / "reliability.yaml")
    try:
        with Store.open(f"sqlite:///{path}") as store:
            result = ingest(store, [str(MULTIDOC / name) for name in DOCUMENTS],
                            pipeline=WithTitleEvents(build_pipeline()))
            assert result.ok, result.outcomes
            rebuild(store)
            yield store
    finally:
        if before is None:
            os.environ.pop("SITREP_RELIABILITY", None)
        else:
            os.environ["SITREP_RELIABILITY"] = before


def add_incident(store: Store, number: int, day: date | None, precision: str | None = "day", *,
                 end: date | None = None, type: str = "ASSAULT", **fields: Any) -> None:
    """An incident row as `sitrep resolve` writes one (without reports)."""
    with store.transaction("add a test incident") as conn:
        conn.execute(sa.insert(tables.incidents).values(
            id=number, key=f"{number:032x}", type=type, date_value=day, date_end=end,
            date_precision=precision if day else None, sources=fields.pop("sources", 1),
            contradictions={}, **fields))


@pytest.fixture
def dated(tmp_path: Path) -> Iterator[Store]:
    """Incidents dated to a day, a range, a week, a month, a year, and one undated."""
    with Store.open(f"sqlite:///{tmp_path / 'dated.db'}") as store:
        add_incident(store, 1, None, place_name="Nowhere")
        add_incident(store, 2, date(2022, 3, 1), "month", place_name="Baidoa", place_admin1="Bay",
                     place_country="SO", killed=7)
        add_incident(store, 3, date(2022, 3, 14), place_name="Afgooye", place_admin1="Lower Shabeelle",
                     place_country="SO", killed=3, reliability="B", credibility=2, sources=2)
        add_incident(store, 4, date(2022, 3, 3), end=date(2022, 3, 5), type="PROTEST", place_country="KE")
        add_incident(store, 5, date(2022, 1, 1), "year", place_country="SO")
        add_incident(store, 6, date(2022, 2, 25), "week", end=date(2022, 3, 3), place_country="SO")
        yield store


def test_the_timeline_agrees_with_the_incidents_it_lists(picture: Store) -> None:
    views = incidents(picture)
    entries = timeline(picture)
    assert [e.id for e in entries] == [v.id for v in views]
    for entry, view in zip(entries, views, strict=True):
        assert (entry.type, entry.date_value, entry.killed, entry.sources, entry.grade) == (
            view.type, view.date_value, view.killed, view.sources, view.grade)
        assert entry.actors == view.actors
        assert entry.place.startswith(view.place_name or "")
    afgooye = next(e for e in entries if e.place.startswith("Afgooye"))
    assert afgooye.date == "2022-03-14" and afgooye.date_precision == "day"
    assert afgooye.sources == 2 and afgooye.grade == "B2" and afgooye.killed == 3
    assert afgooye.actors == ("Al-Shabaab",) and "African Union" in afgooye.recipients


@pytest.mark.parametrize("where", [
    IncidentFilter(actor="shabaab"), IncidentFilter(place="bay"), IncidentFilter(place="SO"),
    IncidentFilter(type="assault", since=date(2022, 3, 15)), IncidentFilter(until=date(2022, 3, 14)),
    IncidentFilter(actor="united states", place="jilib"), IncidentFilter(actor="no such group"),
])
def test_filters_select_what_sitrep_incidents_selects(picture: Store, where: IncidentFilter) -> None:
    assert [e.id for e in timeline(picture, where)] == [v.id for v in incidents(picture, where)]


def test_dates_in_order_to_their_precision_and_undated_last(dated: Store) -> None:
    entries = timeline(dated)
    assert [(e.id, e.date) for e in entries] == [
        (5, "2022"), (6, "week 2022-02-25 – 2022-03-03"), (2, "2022-03"), (4, "2022-03-03 – 2022-03-05"),
        (3, "2022-03-14"), (1, "undated")]
    month = entries[2]
    assert (month.first, month.last) == (date(2022, 3, 1), date(2022, 3, 31))
    assert entries[4].grade == "B2" and entries[4].place == "Afgooye, Lower Shabeelle, SO"
    assert entries[-1].grade == "—"


def test_a_month_touches_every_day_of_it_and_a_range_its_days(dated: Store) -> None:
    mid_march = IncidentFilter(since=date(2022, 3, 10), until=date(2022, 3, 12))
    assert [e.id for e in timeline(dated, mid_march)] == [5, 2]  # the year and the month contain it
    early = IncidentFilter(since=date(2022, 3, 4), until=date(2022, 3, 4))
    assert [e.id for e in timeline(dated, early)] == [5, 2, 4]
    week = IncidentFilter(since=date(2022, 3, 2), until=date(2022, 3, 2))
    assert [e.id for e in timeline(dated, week)] == [5, 6, 2]


def test_pages_follow_on_into_the_undated(dated: Store) -> None:
    everything = [e.id for e in timeline(dated)]
    pages = [[e.id for e in timeline(dated, limit=2, offset=start)] for start in (0, 2, 4, 6)]
    assert pages == [everything[0:2], everything[2:4], everything[4:6], []]


def test_bad_filters_are_named(dated: Store) -> None:
    with pytest.raises(SitrepError, match="'BOMB' is not a PLOVER type"):
        timeline(dated, IncidentFilter(type="BOMB"))
    with pytest.raises(SitrepError, match="since 2022-04-01 is after until 2022-03-01"):
        timeline(dated, IncidentFilter(since=date(2022, 4, 1), until=date(2022, 3, 1)))


def test_date_span_and_shown_date() -> None:
    assert date_span(date(2024, 2, 1), None, "month") == (date(2024, 2, 1), date(2024, 2, 29))
    assert date_span(date(2023, 12, 20), None, "month") == (date(2023, 12, 1), date(2023, 12, 31))
    assert date_span(date(2024, 1, 1), None, "year") == (date(2024, 1, 1), date(2024, 12, 31))
    assert date_span(None, None, None) == (None, None)
    assert shown_date(date(2024, 1, 1), date(2024, 1, 1), "day") == "2024-01-01"
    assert shown_date(date(2024, 1, 1), date(2024, 3, 1), "month") == "2024-01 – 2024-03"
