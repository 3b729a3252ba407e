"""The evaluation suite: format detection, one pipeline for every file, and `sitrep eval` over
several gold files (a fake pipeline stands in for spaCy)."""

from __future__ import annotations

import importlib.machinery
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli.main import cli
from sitrep.errors import NotFound, SitrepError
from sitrep.evaluate import seed, suite
from sitrep.evaluate.metrics import Metric
from sitrep.evaluate.suite import detect_format, evaluate_each, run_evaluation
from sitrep.extract.doc import ExtractDoc, from_text
from sitrep.model.facts import Event, Extraction
from sitrep.model.span import Span


class FakePipeline:
    """Finds one asserted ASSAULT in every text; counts how often it was built and called."""

    builds = 0

    def __init__(self) -> None:
        FakePipeline.builds += 1
        self.calls = 0

    def __call__(self, source: object) -> Extraction:
        return self.run(from_text(str(source))).to_extraction()

    def run(self, doc: ExtractDoc) -> ExtractDoc:
        self.calls += 1
        doc.events.append(Event("ASSAULT", "attacked", Span(0, 8), Span(0, 20)))
        return doc


@pytest.fixture
def gold_files(fixtures_dir: Path) -> dict[str, Path]:
    return {"seed": fixtures_dir / "gold.yaml", "wikievents": fixtures_dir / "eval" / "wikievents.gold.jsonl",
            "plover": fixtures_dir / "eval" / "plover.json"}


@pytest.fixture
def fake_default(monkeypatch: pytest.MonkeyPatch) -> type[FakePipeline]:
    FakePipeline.builds = 0
    monkeypatch.setattr(suite, "_default_pipeline", FakePipeline)
    monkeypatch.setattr(seed, "extraction_scorers", list)  # the seed scorers of other stages: none here
    return FakePipeline


def test_formats_are_told_from_the_files(gold_files: dict[str, Path], tmp_path: Path) -> None:
    for kind, path in gold_files.items():
        assert detect_format(path) == kind
    (tmp_path / "GWN.xml").write_text("<articles/>")
    assert detect_format(tmp_path) == "geowebnews"
    assert detect_format(tmp_path / "GWN.xml") == "geowebnews"
    other = tmp_path / "other.json"
    other.write_text('[{"sentence": "no event label"}]')
    with pytest.raises(SitrepError, match="unrecognised gold format"):
        detect_format(other)
    foreign = tmp_path / "foreign.yaml"
    foreign.write_text("schema: something-else/2\n")
    with pytest.raises(SitrepError, match="unsupported gold format 'something-else/2'"):
        detect_format(foreign)
    with pytest.raises(NotFound, match=r"absent\.jsonl"):
        detect_format(tmp_path / "absent.jsonl")
    (tmp_path / "empty-folder").mkdir()
    with pytest.raises(SitrepError, match=r"neither GeoWebNews .* nor a multi-document set"):
        detect_format(tmp_path / "empty-folder")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "events.gold.yaml").write_text("incidents: []\n")
    assert detect_format(tmp_path / "reports") == "picture"


def test_every_file_is_scored_with_one_pipeline(gold_files: dict[str, Path], fake_default: type) -> None:
    results = list(evaluate_each(list(gold_files.values())))
    assert [kind for _, kind, _ in results] == ["seed", "wikievents", "plover"]
    names = {m.name for _, _, found in results for m in found}
    assert {"citations.notes.f1", "wikievents.category.f1", "wikievents.roles.f1",
            "plover.type.accuracy"} <= names
    assert fake_default.builds == 1


def test_a_seed_only_run_builds_no_pipeline(gold_files: dict[str, Path], fake_default: type) -> None:
    metrics = run_evaluation([gold_files["seed"]])
    assert any(m.name == "citations.notes.f1" for m in metrics)
    assert fake_default.builds == 0


def test_seed_calls_the_extraction_scorers_when_present(gold_files: dict[str, Path],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[object] = []

    def score_events(gold: dict[str, object], extraction: Extraction) -> list[Metric]:
        seen.append(extraction)
        return [Metric("events.f1", 0.5, 2)]

    def score_actor_forms(gold: dict[str, object], doc: ExtractDoc) -> list[Metric]:
        seen.append(doc)
        return [Metric("actors.forms_resolved", 0.25, 4)]

    monkeypatch.setattr(seed, "extraction_scorers", lambda: [(score_events, "extraction"),
                                                             (score_actor_forms, "doc")])
    # the metrics across documents have their own tests (tests/evaluate/test_picture.py)
    monkeypatch.setattr(suite, "_picture", lambda lazy, **_: [])
    pipeline = FakePipeline()
    metrics = {m.name: m.value for m in run_evaluation([gold_files["seed"]], pipeline=pipeline)}
    assert metrics["events.f1"] == 0.5 and metrics["actors.forms_resolved"] == 0.25
    assert metrics["citations.notes.f1"] == 1.0  # the old metrics stay
    assert pipeline.calls == 1  # one extraction for both scorers
    assert isinstance(seen[0], Extraction) and len(seen[0].events) == 1
    assert isinstance(seen[1], ExtractDoc) and seen[1].reading is not None


def test_a_name_measured_twice_is_told_apart(gold_files: dict[str, Path]) -> None:
    metrics = run_evaluation([gold_files["plover"], gold_files["plover"]], pipeline=FakePipeline())
    names = [m.name for m in metrics]
    assert "plover.type.accuracy" in names and "plover.type.accuracy@plover" in names


def test_geowebnews_is_handed_to_the_geoparsing_module(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "GWN.xml").write_text("<articles/>")
    module = types.ModuleType("sitrep.evaluate.geoparsing")
    module.__spec__ = importlib.machinery.ModuleSpec("sitrep.evaluate.geoparsing", None)
    calls: list[tuple[Path, int | None]] = []

    def evaluate_geowebnews(folder: Path, *, limit: int | None = None) -> list[Metric]:
        calls.append((folder, limit))
        return [Metric("geoparsing.places.f1", 0.9, 10)]

    module.evaluate_geowebnews = evaluate_geowebnews  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sitrep.evaluate.geoparsing", module)
    metrics = run_evaluation([tmp_path / "GWN.xml"], pipeline=FakePipeline(), limit=3)
    assert [m.name for m in metrics] == ["geoparsing.places.f1"]
    assert calls == [(tmp_path / "GWN.xml", 3)]


def test_sitrep_eval_takes_several_gold_files_and_checks_every_floor(
        gold_files: dict[str, Path], fake_default: type, tmp_path: Path) -> None:
    floors = tmp_path / "floors.yaml"
    floors.write_text("floors:\n  citations.notes.f1: 1.0\n  plover.type.accuracy: 0.25\n"
                      "  wikievents.category.recall: 0.2\n")  # the fake finds attacks only: 1 of 5
    args = ["eval", *map(str, gold_files.values()), "--floors", str(floors)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "3/3 floors met" in result.output and "(wikievents)" in result.output
    floors.write_text("floors:\n  plover.type.accuracy: 0.9\n")
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert "below floor" in result.output and "plover.type.accuracy" in result.output
    assert fake_default.builds == 2  # once per run
    result = CliRunner().invoke(cli, ["eval", str(gold_files["plover"]), "--json", "--limit", "2"])
    assert result.exit_code == 0, result.output
    assert '"plover"' in result.output and '"support": 2' in result.output
