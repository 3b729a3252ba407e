"""`sitrep brief` on the multi-document fixture set, ingested with the real pipeline into a real store."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

Run = Callable[..., tuple[int, str]]


@pytest.fixture
def run(multidoc_cli: Run) -> Run:
    """`sitrep ARGS…` on a copy of the multi-document store (tests/conftest.py)."""
    return multidoc_cli


def test_a_markdown_brief_about_a_place(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "somalia.md"
    code, printed = run("brief", "--about", "SO", "--format", "md", "-o", str(out))
    assert code == 0, printed
    assert printed.splitlines() == [f"{out}: brief about Somalia (place), md",
                                    "incidents: 3; relations: 0; notes: 6"]
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Somalia, 14 to 18 March 2022\n")
    assert "sources differ on the toll (3 to 5).[1][2]" in text
    assert "\n## Notes\n\n[1] Amina Yusuf, “Roadside Bomb Kills 3 Soldiers Near Afgooye,”" in text


def test_html_and_pdf(run: Run, tmp_path: Path) -> None:
    page = tmp_path / "shabaab.html"
    code, printed = run("brief", "--actor", "al-Shabab", "--format", "html", "-o", str(page))
    assert code == 0, printed
    assert re.search(r"incidents: [12]; relations: 1; notes: [34]", printed)
    assert '<sup class="fn"><a href="#note-1"' in page.read_text(encoding="utf-8")
    pdf = tmp_path / "shabaab.pdf"
    code, printed = run("brief", "--about", "Shabaab", "-o", str(pdf))  # the format from the extension
    assert code == 0, printed
    assert "(actor), pdf" in printed
    assert pdf.read_bytes().startswith(b"%PDF-")


def test_topic_and_date_range(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    code, printed = run("brief", "--topic", "ASSAULT", "--since", "2022-03-15", "--until", "2022-03",
                        "-o", str(out))
    assert code == 0, printed
    assert "brief about ASSAULT (topic), md" in printed
    assert "incidents: 1;" in printed
    assert "Jilib" in out.read_text(encoding="utf-8")


def test_nothing_matches(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "none.md"
    code, printed = run("brief", "--about", "Hezbollah", "-o", str(out))
    assert code == 1
    assert "nothing in the store about 'Hezbollah'" in printed and "`sitrep actors`" in printed
    assert not out.exists()
    code, printed = run("brief", "--about", "SO", "--since", "2023", "-o", str(out))
    assert code == 1 and "since 2023-01-01" in printed


def test_a_missing_folder(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "brief.md"
    code, printed = run("brief", "--about", "SO", "-o", str(out))
    assert code == 1
    assert f"the folder {out.parent} does not exist" in printed


def test_one_subject_exactly(run: Run, tmp_path: Path) -> None:
    out = str(tmp_path / "brief.md")
    code, printed = run("brief", "-o", out)
    assert code == 2 and "exactly one of --about, --actor, --place, --topic" in printed
    code, printed = run("brief", "--about", "SO", "--actor", "al-Shabab", "-o", out)
    assert code == 2
    code, printed = run("brief", "--about", "SO", "--since", "2022-04", "--until", "2022-03", "-o", out)
    assert code == 2 and "is after --until" in printed
