"""The picture across documents on the test store backend: SQLite by default, PostgreSQL when
``SITREP_TEST_PG_URL`` is set (``make test-postgres``), with the same assertions, so that the
resolve layer's SQL (actor links, incidents, grades, the network) is checked on both."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sitrep.analysis.alerts import alerts
from sitrep.analysis.network import build_network
from sitrep.analysis.trends import trends
from sitrep.extract.default import build_pipeline
from sitrep.ingest.batch import ingest
from sitrep.resolve.grading import load_table
from sitrep.resolve.picture import event_grades, incidents, rebuild, relation_grade_codes
from sitrep.resolve.titles import WithTitleEvents
from sitrep.store.store import Store

MULTIDOC = Path(__file__).parents[1] / "fixtures" / "multidoc"


@pytest.fixture(scope="module")
def pipeline() -> WithTitleEvents:
    return WithTitleEvents(build_pipeline())


@pytest.fixture
def store(store_url: str, pipeline: WithTitleEvents) -> Iterator[Store]:
    with Store.open(store_url) as opened:
        paths = sorted(str(p) for p in MULTIDOC.iterdir() if p.suffix in {".md", ".txt"})
        assert ingest(opened, paths, pipeline=pipeline).ok
        yield opened


def test_the_picture_is_the_same_on_every_backend(store: Store) -> None:
    summary = rebuild(store, table=load_table(MULTIDOC / "reliability.yaml"))
    assert (summary.events.incidents, summary.events.reports) == (3, 10)
    assert summary.grading.grades == {"B2": 1, "C2": 1, "C3": 1}
    (bomb,) = [v for v in incidents(store) if v.place_name == "Afgooye"]
    assert (bomb.killed, bomb.sources, bomb.grade) == (3, 2, "B2")
    assert [v["value"] for v in bomb.contradictions["killed"]] == [3, 5]
    assert {event_grades(store)[r.event_id] for r in bomb.reports} == {"B2"}
    assert rebuild(store, table=load_table(MULTIDOC / "reliability.yaml")).events == summary.events
    assert all(len(code) == 2 for code in relation_grade_codes(store).values())
    assert build_network(store).graph.number_of_nodes() > 0
    # the analyst queries' SQL: trends and alerts group by period in the database
    assert trends(store, by="week").incidents == 3
    by_place = alerts(store, by="week", kinds=("place",))
    assert by_place.series >= 3 and by_place.alerts == ()  # three incidents: no history to judge
