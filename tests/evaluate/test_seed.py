from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import NotFound, SitrepError
from sitrep.evaluate.seed import evaluate_seed


def test_the_invented_brief_scores_perfectly_on_its_gold(fixtures_dir: Path) -> None:
    metrics = {m.name: m for m in evaluate_seed(fixtures_dir / "gold.yaml")}
    for name in ("document.title", "document.published", "boilerplate.recall", "citations.notes.f1",
                 "citations.markers.f1", "citations.markers_without_note.f1", "citations.sources_per_note",
                 "citations.repeated_sources.f1", "citations.checked_fields", "audit.name_variants.recall"):
        assert metrics[name].value == 1.0, (name, metrics[name].detail)


def test_a_wrong_gold_lowers_the_metric_and_says_why(fixtures_dir: Path, tmp_path: Path) -> None:
    gold = (fixtures_dir / "gold.yaml").read_text().replace("notes_present: [1, 2, 3, 4, 5, 7]",
                                                           "notes_present: [1, 2, 3, 4, 5, 6, 7]")
    (tmp_path / "brief.txt").write_bytes((fixtures_dir / "brief.txt").read_bytes())
    (tmp_path / "gold.yaml").write_text(gold)
    metrics = {m.name: m for m in evaluate_seed(tmp_path / "gold.yaml")}
    assert metrics["citations.notes.recall"].value == pytest.approx(6 / 7)
    assert "missed ['6']" in metrics["citations.notes.recall"].detail


def test_missing_or_foreign_gold_files_are_named(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match=r"nothing\.yaml"):
        evaluate_seed(tmp_path / "nothing.yaml")
    other = tmp_path / "other.yaml"
    other.write_text("schema: something-else/2\n")
    with pytest.raises(SitrepError, match="unsupported gold format"):
        evaluate_seed(other)
