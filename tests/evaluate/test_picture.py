"""Scoring event merging, corroboration and grading: the gold format on an invented gold, the
real pipeline on the multi-document fixtures and (when ../shared is there) the seed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import NotFound, SitrepError
from sitrep.evaluate.picture import (
    FIXTURES,
    SEED_METRIC,
    evaluate_event_merging,
    expected_title_corroborations,
    load_event_gold,
)
from sitrep.extract.default import build_pipeline
from sitrep.extract.pipeline import Pipeline

SEED_GOLD = Path(__file__).resolve().parents[3] / "shared" / "eval" / "seed" / "gold.yaml"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return build_pipeline()


def test_the_fixture_gold_lists_its_documents_and_incidents() -> None:
    documents, gold = load_event_gold(FIXTURES / "events.gold.yaml")
    assert sorted(p.name for p in documents) == ["brief-shabelle-2022.md", "news-afgooye-bomb.md",
                                                  "news-afgooye-toll.txt", "news-baidoa-mortar.md",
                                                  "news-jilib-strike.md"]
    assert [i["key"] for i in gold["incidents"]] == ["afgooye-bomb", "baidoa-mortars", "jilib-strike"]


def test_bad_gold_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="event gold not found"):
        load_event_gold(tmp_path / "events.gold.yaml")
    (tmp_path / "events.gold.yaml").write_text("incidents: 3\n", encoding="utf-8")
    with pytest.raises(SitrepError, match="expected a mapping with an 'incidents' list"):
        load_event_gold(tmp_path / "events.gold.yaml")
    (tmp_path / "events.gold.yaml").write_text("documents: [gone.txt]\nincidents: []\n", encoding="utf-8")
    with pytest.raises(NotFound, match="documents not found"):
        load_event_gold(tmp_path / "events.gold.yaml")


def test_expected_title_corroborations_come_from_the_gold() -> None:
    gold = {
        "citations": {"checked": [
            {"note": 2, "title": "Blast kills 4 at market", "date": date(2020, 5, 3)},
            {"note": 7, "title": "Bomb hits market, 4 killed", "date": date(2020, 5, 6)},
            {"note": 9, "title": "Market reopens", "date": date(2020, 8, 1)},
        ]},
        "events": [
            {"id": "market-blast", "types": ["ASSAULT"], "killed": 4, "notes": [2],
             "date": {"value": date(2020, 5, 2), "precision": "day"}},
            {"id": "vague", "types": ["ASSAULT"], "notes": [9],
             "date": {"value": "2020-05", "precision": "month"}},
        ],
    }
    pairs = [(event["id"], note) for event, note in expected_title_corroborations(gold)]
    assert pairs == [("market-blast", 2), ("market-blast", 7)]


def test_the_fixtures_merge_corroborate_and_grade_as_the_gold_says(pipeline: Pipeline) -> None:
    metrics = {m.name: m for m in evaluate_event_merging(fixtures=FIXTURES, pipeline=pipeline)}
    for name in ("resolve.events.pairwise.precision", "resolve.events.pairwise.recall",
                 "resolve.events.reports.recall", "resolve.sources.accuracy",
                 "resolve.contradictions.accuracy", "resolve.grades.accuracy"):
        assert metrics[name].value == 1.0, metrics[name]
    assert metrics["resolve.events.pairwise.f1"].support == 14


@pytest.mark.skipif(not SEED_GOLD.is_file(), reason="../shared/eval/seed is not beside the checkout")
def test_the_seed_attack_is_corroborated_by_the_titles_its_notes_cite(pipeline: Pipeline) -> None:
    (metric,) = evaluate_event_merging(seed_gold=SEED_GOLD, fixtures=None, pipeline=pipeline)
    assert metric.name == SEED_METRIC
    assert metric.support >= 2
    assert metric.value == 1.0, metric.detail
