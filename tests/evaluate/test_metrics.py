from __future__ import annotations

import pytest

from sitrep.evaluate.floors import check_floors, load_floors
from sitrep.evaluate.metrics import Metric, accuracy, prf, prf_metrics


def test_prf_counts_hits_misses_and_extras() -> None:
    assert prf({1, 2, 3}, {2, 3, 4, 5}) == pytest.approx((2 / 3, 2 / 4, 4 / 7))


def test_two_empty_sets_are_perfect_and_missing_everything_is_zero() -> None:
    assert prf(set(), set()) == (1.0, 1.0, 1.0)
    assert prf(set(), {1}) == (0.0, 0.0, 0.0)


def test_prf_metrics_name_what_was_missed_and_extra() -> None:
    metrics = {m.name: m for m in prf_metrics("x", {1, 9}, {1, 2})}
    assert metrics["x.recall"].value == 0.5
    assert "missed ['2']" in metrics["x.f1"].detail and "extra ['9']" in metrics["x.f1"].detail


def test_accuracy_of_nothing_is_one() -> None:
    assert accuracy("a", 0, 0).value == 1.0
    assert accuracy("a", 3, 4).value == 0.75


def test_a_floor_fails_below_its_value_and_when_unmeasured(tmp_path) -> None:
    path = tmp_path / "floors.yaml"
    path.write_text("floors:\n  a: 0.9\n  b: 0.5\n  c: 0.1\n")
    measured = [Metric("a", 0.95), Metric("b", 0.4)]
    checks = {c.metric: c.passed for c in check_floors(measured, load_floors(path))}
    assert checks == {"a": True, "b": False, "c": False}


def test_a_floors_file_without_floors_is_an_error(tmp_path) -> None:
    path = tmp_path / "floors.yaml"
    path.write_text("something: else\n")
    with pytest.raises(Exception, match=r"floors\.yaml"):
        load_floors(path)
