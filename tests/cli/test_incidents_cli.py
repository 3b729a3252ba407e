"""`sitrep incidents`, `sitrep incident`, `sitrep incidents merge|split` and `sitrep resolve` on
the multi-document fixture set, ingested with the real pipeline into a real store."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

Run = Callable[..., tuple[int, str]]


@pytest.fixture
def run(multidoc_cli: Run) -> Run:
    """`sitrep ARGS…` on a copy of the multi-document store (tests/conftest.py)."""
    return multidoc_cli


def test_resolve_prints_a_summary(run: Run) -> None:
    code, out = run("resolve")
    assert code == 0, out
    assert "incidents: 3 from 10 reports (3 reported more than once)" in out
    assert "corroborated by 2+ independent sources: 3; sources differ: 2" in out
    assert "grades: B2 1, C2 1, C3 1" in out
    code, out = run("resolve", "--json")
    assert code == 0 and json.loads(out)["events"]["incidents"] == 3


def test_incidents_table_has_grades_sources_and_the_differing_toll(run: Run) -> None:
    assert run("resolve")[0] == 0
    code, out = run("incidents")
    assert code == 0, out
    assert out.startswith("3 incidents")
    assert "2022-03-14 (day)" in out and "Afgooye" in out and "Baidoa" in out and "Jilib" in out
    assert "3 (sources differ)" in out
    for grade in ("B2", "C2", "C3"):
        assert grade in out
    code, out = run("incidents", "--place", "Jilib")
    assert code == 0 and out.splitlines()[0].strip() == "1 incident"
    code, out = run("incidents", "--type", "PROTEST")
    assert (code, out.strip()) == (0, "0 incidents: none")


def test_incidents_json_has_every_report_and_the_contradictions(run: Run) -> None:
    run("resolve")
    code, out = run("incidents", "--json", "--place", "Afgooye")
    assert code == 0, out
    (bomb,) = json.loads(out)
    assert (bomb["grade"], bomb["sources"], bomb["killed"]) == ("B2", 2, 3.0)
    assert [v["value"] for v in bomb["contradictions"]["killed"]] == [3, 5]
    assert len(bomb["reports"]) == 5
    cited = [r for r in bomb["reports"] if r["origin"] == "citation"]
    assert {tuple(r["notes"]) for r in cited} == {(1,), (5,)}
    assert all(r["citations"][0]["outlet"] == "Mogadishu Wire" for r in cited)
    assert all(r["reason"] for r in bomb["reports"])


def test_the_plover_export_has_one_record_per_incident_with_the_lowest_toll(run: Run) -> None:
    run("resolve")
    code, out = run("incidents", "--format", "plover", "--place", "Afgooye")
    assert code == 0, out
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert (record["event"], record["date"], record["size"]["dead"]) == ("ASSAULT", "2022-03-14", 3)
    incident = record["sitrep"]["incident"]
    assert incident["sources_differ"] and [v["value"] for v in incident["contradictions"]["killed"]] == [3, 5]
    assert (incident["grade"], incident["sources"], len(incident["reports"])) == ("B2", 2, 5)
    assert record["sitrep"]["status"] == "asserted" and record["event_text"]  # a report's own words


def test_incident_shows_every_report_and_where_sources_differ(run: Run) -> None:
    run("resolve")
    code, out = run("incident", "1")
    assert code == 0, out
    assert out.startswith("incident 1 (key ")
    assert "grade B2: 2 independent sources" in out
    assert "5 reports" in out and "first report" in out
    assert "where the sources differ" in out and "killed" in out


def test_split_then_merge_back(run: Run) -> None:
    run("resolve")
    code, out = run("incidents", "--json", "--place", "Afgooye")
    (bomb,) = json.loads(out)
    toll = next(r for r in bomb["reports"] if r["document"] == "Toll in Afgooye Convoy Attack Rises")
    code, out = run("incidents", "split", toll["event_id"][:10], "--note", "a later toll, not the attack")
    assert code == 0, out
    assert "decision 1 recorded" in out and "incidents: 4 from 10 reports" in out
    code, out = run("incident", toll["event_id"], "--json")
    assert [r["reason"] for r in json.loads(out)["reports"]] == ["split off by the user (decision 1)"]
    code, out = run("incidents", "merge", bomb["key"], toll["event_id"])
    assert code == 0, out
    assert "decision 2 recorded" in out and "incidents: 3 from 10 reports" in out


def test_bad_references_are_one_clear_line(run: Run) -> None:
    run("resolve")
    code, out = run("incident", "nothing-here")
    assert code == 1
    assert "Error: no incident 'nothing-here'" in out
    code, out = run("incidents", "split", "zzzzzzzz")
    assert code == 1 and "no stored event 'zzzzzzzz'" in out


def test_a_bad_reliability_table_names_the_file(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "mine.yaml"
    bad.write_text("sources:\n  - {name: Horn Daily, grade: Z, reason: typo}\n", encoding="utf-8")
    code, out = run("resolve", "--reliability", str(bad))
    assert code == 1
    assert "mine.yaml: entry 1 (Horn Daily): grade 'Z' is not one of A, B, C, D, E, F" in out
