"""`sitrep map` on the multi-document fixtures, ingested with the real pipeline into a real store."""

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


def test_out_folder_gets_a_png_and_an_html_map(run: Run, tmp_path: Path) -> None:
    code, out = run("map", "-o", str(tmp_path))
    assert code == 0, out
    assert out.splitlines() == [
        "3 incidents: 3 placed on the map, 0 without coordinates",
        "  exact place or town (precision 1-2): 3",
        f"wrote PNG: {tmp_path / 'map.png'}",
        f"wrote HTML: {tmp_path / 'map.html'}",
    ]
    assert (tmp_path / "map.png").read_bytes().startswith(PNG_MAGIC)
    page = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert all(name in page for name in ("Afgooye", "Baidoa", "Jilib")) and "http" not in page


def test_one_file_and_filters(run: Run, tmp_path: Path) -> None:
    code, out = run("map", "--place", "Baidoa", "--html", str(tmp_path / "baidoa.html"))
    assert code == 0, out
    assert out.startswith("1 incident: 1 placed on the map, 0 without coordinates")
    assert not (tmp_path / "map.png").exists()
    page = (tmp_path / "baidoa.html").read_text(encoding="utf-8")
    assert "Baidoa" in page and "Jilib (#" not in page


def test_json_says_what_was_written(run: Run, tmp_path: Path) -> None:
    code, out = run("map", "--since", "2022-03-15", "--png", str(tmp_path / "late.png"), "--json")
    assert code == 0, out
    found = json.loads(out)
    assert (found["placed"], found["unplaced"], found["by_precision"]) == (1, 0, {"site": 1})
    assert found["files"] == {"png": str(tmp_path / "late.png")}
    assert found["extent"]["west"] < 42.79 < found["extent"]["east"]  # Jilib


def test_nothing_matching_still_draws_the_world(run: Run, tmp_path: Path) -> None:
    code, out = run("map", "--since", "2030", "-o", str(tmp_path))
    assert code == 0, out
    assert out.startswith("0 incidents: 0 placed on the map, 0 without coordinates")
    assert (tmp_path / "map.png").read_bytes().startswith(PNG_MAGIC)


def test_clear_errors(run: Run, tmp_path: Path) -> None:
    code, out = run("map")
    assert code == 2 and "nothing to write: give --png FILE, --html FILE or -o DIR" in out
    code, out = run("map", "-o", str(tmp_path / "missing"))
    assert code == 1 and f"output folder {str(tmp_path / 'missing')!r} does not exist; create it first" in out
    code, out = run("map", "--png", str(tmp_path / "missing" / "map.png"))
    assert code == 1 and "PNG output" in out and "does not exist; create it first" in out
    (tmp_path / "file").write_text("x")
    code, out = run("map", "-o", str(tmp_path / "file"))
    assert code == 2 and "is a file" in out
    assert not list(tmp_path.glob("*.png"))
