from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli.main import cli

README = Path(__file__).resolve().parents[2] / "README.md"


def run(db_url: str, *args: str, input: bytes | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--db", db_url, *args], input=input, catch_exceptions=False)
    return result.exit_code, result.output


def test_ingest_then_list_show_notes_and_audit(db_url: str, brief_path: Path) -> None:
    code, out = run(db_url, "ingest", str(brief_path))
    assert code == 0, out
    assert "1 new, 0 already known, 0 failed" in out

    code, out = run(db_url, "ingest", str(brief_path))
    assert code == 0 and "0 new, 1 already known, 0 failed" in out

    code, out = run(db_url, "sources", "--json")
    docs = json.loads(out)
    assert [d["title"] for d in docs] == ["Smuggling Networks on the Eastern Border"]
    doc_id = docs[0]["id"]

    code, out = run(db_url, "show", doc_id[:8])
    assert code == 0 and "[6]" in out and "Dana Whitfield" in out

    code, out = run(db_url, "notes", str(brief_path), "--json")
    notes = json.loads(out)
    assert [n["number"] for n in notes] == [1, 2, 3, 4, 5, 7]
    assert notes[1]["citations"][0]["authors"] == ["Samir Haddad", "Lena Ortiz"]

    code, out = run(db_url, "audit", doc_id, "--json")
    report = json.loads(out)
    assert report["markers_without_note"] == [6]
    assert report["notes_without_marker"] == []
    assert sorted(tuple(r["notes"]) for r in report["repeated_sources"]) == [(1, 2), (2, 3)]
    pairs = [{v["a"], v["b"]} for v in report["name_variants"]]
    assert any({"Okafor", "Okaffor"} <= {w for side in p for w in side.split()} for p in pairs)


def test_audit_reads_a_file_that_is_not_in_the_store(db_url: str, brief_path: Path) -> None:
    code, out = run(db_url, "audit", str(brief_path))
    assert code == 0
    assert re.search(r"markers without a note: 6\b", out)
    code, out = run(db_url, "sources", "--json")
    assert json.loads(out) == []


def test_ingest_reports_each_failure_and_exits_non_zero(
    db_url: str, brief_path: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = CliRunner().invoke(cli, ["--db", db_url, "ingest", str(empty), str(brief_path)])
    assert result.exit_code == 1
    assert "1 new, 0 already known, 1 failed" in result.output
    assert f"error: {empty}" in result.output


def test_ingest_reads_standard_input(db_url: str, brief_path: Path) -> None:
    code, out = run(db_url, "ingest", "-", "--json", input=brief_path.read_bytes())
    assert code == 0
    assert json.loads(out)["new"] == 1


def test_unknown_document_is_a_clear_error(db_url: str) -> None:
    result = CliRunner().invoke(cli, ["--db", db_url, "show", "deadbeef"])
    assert result.exit_code == 1
    assert "deadbeef" in result.output


def test_eval_prints_metrics_and_enforces_floors(fixtures_dir: Path, tmp_path: Path) -> None:
    floors = tmp_path / "floors.yaml"
    floors.write_text("floors:\n  citations.notes.f1: 1.0\n  citations.markers_without_note.f1: 1.0\n")
    result = CliRunner().invoke(cli, ["eval", str(fixtures_dir / "gold.yaml"), "--floors", str(floors)])
    assert result.exit_code == 0, result.output
    assert "2/2 floors met" in result.output
    floors.write_text("floors:\n  no.such.metric: 0.5\n")
    result = CliRunner().invoke(cli, ["eval", str(fixtures_dir / "gold.yaml"), "--floors", str(floors)])
    assert result.exit_code == 1
    assert "below floor" in result.output


def _commands() -> list[str]:
    return sorted(cli.commands)


@pytest.mark.parametrize("name", _commands())
def test_every_command_has_help_and_is_in_the_readme(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert len(result.output.splitlines()) > 3
    assert f"sitrep {name}" in README.read_text(encoding="utf-8")
