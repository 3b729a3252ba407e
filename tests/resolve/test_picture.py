"""The picture across documents on the multi-document fixture set: ingested with the real
pipeline (and citation-title events) into a real store, then rebuilt, read, merged and split."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from sitrep.errors import NotFound
from sitrep.extract.default import build_pipeline
from sitrep.ingest.batch import ingest
from sitrep.resolve.event_store import DecisionError, record_decision
from sitrep.resolve.grading import ReliabilityTable, load_table
from sitrep.resolve.picture import IncidentFilter, IncidentView, decide, incident, incidents, rebuild
from sitrep.resolve.titles import WithTitleEvents
from sitrep.store import tables as t
from sitrep.store.store import Store

MULTIDOC = Path(__file__).parents[1] / "fixtures" / "multidoc"
DOCUMENTS = ["brief-shabelle-2022.md", "news-afgooye-bomb.md", "news-afgooye-toll.txt",
             "news-baidoa-mortar.md", "news-jilib-strike.md"]


@pytest.fixture(scope="module")
def table() -> ReliabilityTable:
    return load_table(MULTIDOC / "reliability.yaml")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, table: ReliabilityTable) -> Path:
    """A SQLite store holding the fixture set, extracted and with its picture rebuilt."""
    path = tmp_path_factory.mktemp("picture") / "store.db"
    with Store.open(f"sqlite:///{path}") as store:
        result = ingest(store, [str(MULTIDOC / name) for name in DOCUMENTS],
                        pipeline=WithTitleEvents(build_pipeline()))
        assert result.ok, result.outcomes
        rebuild(store, table=table)
    return path


@pytest.fixture
def store(built: Path, tmp_path: Path) -> Iterator[Store]:
    copy = tmp_path / "store.db"
    shutil.copy(built, copy)
    with Store.open(f"sqlite:///{copy}") as opened:
        yield opened


def at(views: list[IncidentView], place: str) -> IncidentView:
    (found,) = [v for v in views if v.place_name == place]
    return found


def documents_of(view: IncidentView) -> list[str]:
    return sorted({r.document for r in view.reports})


def test_the_fixture_set_makes_three_incidents(store: Store, table: ReliabilityTable) -> None:
    summary = rebuild(store, table=table)
    assert (summary.events.incidents, summary.events.reports, summary.events.merged) == (3, 10, 3)
    assert (summary.corroboration.corroborated, summary.corroboration.contradicted) == (3, 2)
    assert summary.grading.grades == {"B2": 1, "C2": 1, "C3": 1}


def test_the_bombing_with_its_five_reports_two_sources_and_differing_tolls(store: Store) -> None:
    bomb = at(incidents(store), "Afgooye")
    assert (bomb.type, bomb.mode, bomb.date_value, bomb.date_precision) == (
        "ASSAULT", "explosives", date(2022, 3, 14), "day")
    assert documents_of(bomb) == ["Roadside Bomb Kills 3 Soldiers Near Afgooye",
                                  "Shabaab Pressure South of Mogadishu, March 2022",
                                  "Toll in Afgooye Convoy Attack Rises"]
    titles = sorted(r.notes for r in bomb.reports if r.origin == "citation")
    assert titles == [(1,), (5,)]
    # the brief, its notes 1 and 5, and the two news items rest on two articles
    assert bomb.sources == 2
    assert bomb.source_labels == ("Mogadishu Wire, “Roadside Bomb Kills 3 Soldiers Near Afgooye”",
                                  "East Africa Ledger, “Toll in Afgooye Convoy Attack Rises”")
    assert bomb.killed == 3  # the most conservative figure
    assert [item["value"] for item in bomb.contradictions["killed"]] == [3, 5]
    assert bomb.grade == "B2"
    first = next(r for r in bomb.reports if r.reason == "first report")
    assert first.sentence.startswith("On March 14, 2022, a roadside bomb struck")
    joined = [r.reason for r in bomb.reports if r.reason != "first report"]
    assert all("same type ASSAULT" in reason for reason in joined)
    assert any("killed 3 vs 5 (sources differ)" in reason for reason in joined)


def test_the_mortar_attack_the_same_day_elsewhere_stays_apart(store: Store) -> None:
    mortars = at(incidents(store), "Baidoa")
    assert (mortars.date_value, mortars.place_admin1, mortars.killed, mortars.injured) == (
        date(2022, 3, 14), "Bay", 2, 4)
    assert mortars.sources == 2 and mortars.contradictions == {} and mortars.grade == "C2"
    ministry = "Somali Ministry of Information, “Statement on the Attack at Baidoa Airport”"
    assert ministry in mortars.source_labels


def test_the_airstrike_spelled_two_ways_and_dated_a_day_apart(store: Store) -> None:
    strike = at(incidents(store), "Jilib")
    assert len(strike.reports) == 3 and strike.sources == 2
    assert [item["value"] for item in strike.contradictions["date"]] == ["2022-03-17", "2022-03-18"]
    assert strike.date_value == date(2022, 3, 18)
    assert strike.grade == "C3"
    sentences = " ".join(r.sentence for r in strike.reports)
    assert "Mohamed Abdirahman Warsame" in sentences and "Mohammed Abdirahman Warsame" in sentences


def test_rebuilding_again_changes_nothing(store: Store, table: ReliabilityTable) -> None:
    def snapshot() -> list[tuple[object, ...]]:
        with store.connection() as conn:
            i = t.incidents.c
            rows = conn.execute(sa.select(i.key, i.sources, i.reliability, i.credibility,
                                          i.contradictions)).all()
            m = t.incident_events.c
            links = conn.execute(sa.select(m.event_id, i.key, m.reason)
                                 .join(t.incidents, i.id == m.incident_id)).all()
        return sorted(map(tuple, rows), key=str) + sorted(map(tuple, links), key=str)

    before = snapshot()
    rebuild(store, table=table)
    assert snapshot() == before


def test_split_and_merge_are_decisions_applied_after_every_rebuild(store: Store, table: ReliabilityTable
                                                                   ) -> None:
    bomb = at(incidents(store), "Afgooye")
    toll = next(r for r in bomb.reports if r.document == "Toll in Afgooye Convoy Attack Rises")
    decision, summary = decide(store, "split", toll.event_id[:10], table=table)
    assert summary.events.incidents == 4
    alone = incident(store, toll.event_id)
    assert [r.reason for r in alone.reports] == [f"split off by the user (decision {decision})"]
    rest = incident(store, bomb.key)
    assert len(rest.reports) == 4 and rest.sources == 2  # the brief still cites the Ledger in note 2
    rebuild(store, table=table)
    assert len(incidents(store)) == 4  # the decision stays
    _, summary = decide(store, "merge", bomb.key, toll.event_id, table=table)
    assert summary.events.incidents == 3
    again = incident(store, bomb.key)
    assert again.key == bomb.key and again.sources == 2 and len(again.reports) == 5


def test_filters_like_events(store: Store) -> None:
    def places(where: IncidentFilter) -> list[str | None]:
        return [v.place_name for v in incidents(store, where)]

    assert places(IncidentFilter(type="assault")) == ["Afgooye", "Baidoa", "Jilib"]
    assert places(IncidentFilter(type="PROTEST")) == []
    assert places(IncidentFilter(place="bay")) == ["Baidoa"]
    assert places(IncidentFilter(place="SO")) == ["Afgooye", "Baidoa", "Jilib"]
    assert places(IncidentFilter(actor="civilians")) == ["Baidoa"]
    assert places(IncidentFilter(since=date(2022, 3, 15))) == ["Jilib"]
    assert places(IncidentFilter(until=date(2022, 3, 14))) == ["Afgooye", "Baidoa"]


def test_one_incident_by_number_key_or_report_and_clear_errors(store: Store) -> None:
    views = incidents(store)
    first = views[0]
    assert incident(store, str(first.id)).key == first.key
    assert incident(store, first.key[:8]).key == first.key
    assert incident(store, first.reports[-1].event_id).key == first.key
    with pytest.raises(NotFound, match="no incident 'nothing-here'"):
        incident(store, "nothing-here")
    with store.transaction("test") as conn, pytest.raises(NotFound, match="no stored event 'zzzzzzzz'"):
        record_decision(conn, "split", "zzzzzzzz")
    with store.transaction("test") as conn, pytest.raises(DecisionError, match="two different events"):
        record_decision(conn, "merge", first.key, first.key)
    with store.transaction("test") as conn, pytest.raises(DecisionError, match="unknown decision 'join'"):
        record_decision(conn, "join", first.key)


def test_who_did_each_incident_is_kept_at_rebuild(store: Store) -> None:
    with store.connection() as conn:
        kept = set(conn.execute(sa.select(t.incident_actors.c.incident_id, t.incident_actors.c.canonical_id)))
        r, link, ie = t.event_roles.c, t.actor_links.c, t.incident_events.c
        named = set(conn.execute(
            sa.select(ie.incident_id, link.canonical_id)
            .select_from(t.event_roles.join(t.actor_links, link.actor_id == r.actor_id)
                         .join(t.incident_events, ie.event_id == r.event_id))
            .where(r.role.in_(("actor", "claimed_by")))))
    assert kept == named and kept  # every actor or claimant of a report, once per incident
