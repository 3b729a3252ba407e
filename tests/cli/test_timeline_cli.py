"""`sitrep timeline`, `sitrep trends`, `sitrep alerts` and `sitrep milestones` on the multi-document
fixtures, ingested with the real pipeline into a real store and resolved into incidents."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

Run = Callable[..., tuple[int, str]]


@pytest.fixture
def run(multidoc_cli: Run) -> Run:
    """`sitrep ARGS…` on a copy of the multi-document store (tests/conftest.py)."""
    return multidoc_cli


def test_timeline_lists_incidents_in_date_order_with_precision_grade_and_sources(run: Run) -> None:
    code, out = run("timeline")
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0].strip() == "3 incidents"
    header = next(line for line in lines if line.startswith("┃"))
    for column in ("date", "precision", "actors → recipients", "sources", "grade"):
        assert column in header
    rows = [line for line in lines if line.startswith("│")]
    assert ["Afgooye" in rows[0], "Baidoa" in rows[1], "Jilib" in rows[2]] == [True, True, True]
    assert "2022-03-14" in rows[0] and "day" in rows[0] and "B2" in rows[0] and "Al-Shabaab →" in rows[0]
    code, out = run("timeline", "--actor", "shabaab", "--since", "2022-03-15")
    assert code == 0 and out.splitlines()[0].strip() == "1 incident" and "Jilib" in out


def test_timeline_json_and_charts(run: Run, tmp_path: Path) -> None:
    code, out = run("timeline", "--place", "SO", "--json")
    assert code == 0, out
    entries = json.loads(out)
    assert [e["date"] for e in entries] == ["2022-03-14", "2022-03-14", "2022-03-18"]
    assert {e["grade"] for e in entries} == {"B2", "C2", "C3"} and all(e["sources"] == 2 for e in entries)
    assert run("milestones", "add", "2022-03-16", "Election day")[0] == 0
    png, svg = tmp_path / "timeline.png", tmp_path / "timeline.svg"
    code, out = run("timeline", "--png", str(png), "--svg", str(svg), "--title", "Somalia, March 2022")
    assert code == 0, out
    assert f"chart: {png}" in out
    assert png.read_bytes().startswith(PNG_MAGIC)
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    assert "Election day" in text and "Somalia, March 2022" in text and "ASSAULT" in text


def test_a_chart_needs_a_png_or_svg_name(run: Run, tmp_path: Path) -> None:
    code, out = run("timeline", "--png", str(tmp_path / "chart.pdf"))
    assert code == 1
    assert "chart.pdf: a chart is written as .png or .svg, not '.pdf'" in out


def test_milestones_add_list_remove(run: Run) -> None:
    code, out = run("milestones", "add", "2011-12-31", "US withdrawal deadline")
    assert (code, out.strip()) == (0, "milestone 1: 2011-12-31 US withdrawal deadline")
    assert run("milestones", "add", "2011-10-21", "Withdrawal announced")[0] == 0
    code, out = run("milestones", "add", "2011-10-21", "Withdrawal announced")
    assert (code, out.strip()) == (0, "milestone 2: 2011-10-21 Withdrawal announced (already declared)")
    code, out = run("milestones", "list", "--json")
    assert [m["label"] for m in json.loads(out)] == ["Withdrawal announced", "US withdrawal deadline"]
    code, out = run("milestones")
    assert code == 0 and out.splitlines()[0].strip() == "2 milestones"
    code, out = run("milestones", "remove", "1")
    assert (code, out.strip()) == (0, "removed milestone 1: 2011-12-31 US withdrawal deadline")
    code, out = run("milestones", "remove", "1")
    assert code == 1 and "no milestone 1: the milestones are 2" in out
    code, out = run("milestones", "add", "31/12/2011", "deadline")
    assert code == 2 and "'31/12/2011' is not a day: give YYYY-MM-DD" in out


def test_trends_count_per_period_with_a_chart(run: Run, tmp_path: Path) -> None:
    code, out = run("trends", "--by", "week", "--type", "ASSAULT")
    assert code == 0, out
    assert out.splitlines()[0].strip() == "3 incidents, 5 killed, per week"
    assert "2022-W11" in out and "2022-03-14" in out
    code, out = run("trends", "--since", "2022-01", "--until", "2022-04", "--json")
    assert code == 0, out
    found = json.loads(out)
    assert [(p["label"], p["incidents"]) for p in found["periods"]] == [
        ("2022-01", 0), ("2022-02", 0), ("2022-03", 3), ("2022-04", 0)]
    chart = tmp_path / "trend.png"
    code, out = run("trends", "--png", str(chart))
    assert code == 0 and chart.read_bytes().startswith(PNG_MAGIC)


def test_alerts_state_the_rule_and_name_unknown_series(run: Run) -> None:
    code, out = run("alerts")
    assert code == 0, out
    assert "alert when P(X >= count | baseline) < 0.01 and count >= 3" in out
    assert "0 alerts: none" in out
    assert "(a month is judged after 4 months of history: 1 is too few to judge any)" in out
    code, out = run("alerts", "--by", "week", "--json")
    assert code == 0 and json.loads(out)["alerts"] == []
    code, out = run("alerts", "--actor", "Nobody At All")
    assert code == 1 and "actor 'Nobody At All': no canonical actor is named so" in out
