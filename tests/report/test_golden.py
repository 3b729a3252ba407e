"""Golden files: briefs from the multi-document fixture store, rendered to Markdown and HTML, must
match tests/report/golden/ byte for byte.

When a change to extraction, resolution or the brief's wording is intended, regenerate them and
review the diff:

    SITREP_UPDATE_GOLDEN=1 .venv/bin/pytest tests/report/test_golden.py
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from sitrep.report.brief import build_brief
from sitrep.report.model import Brief
from sitrep.report.render_html import render_html
from sitrep.report.render_md import render_md
from sitrep.store.store import Store

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("SITREP_UPDATE_GOLDEN") == "1"

BRIEFS = {"somalia": ("SO", None), "al-shabaab": ("al-Shabab", "actor"), "assault": ("ASSAULT", "topic")}
RENDERERS: dict[str, Callable[[Brief], str]] = {"md": render_md, "html": render_html}


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
@pytest.mark.parametrize("name", sorted(BRIEFS))
def test_brief_matches_its_golden_file(store: Store, name: str, fmt: str) -> None:
    about, kind = BRIEFS[name]
    written = RENDERERS[fmt](build_brief(store, about, kind=kind))
    path = GOLDEN / f"{name}.{fmt}"
    if UPDATE:
        path.write_text(written, encoding="utf-8")
    assert path.is_file(), f"{path} is missing: run with SITREP_UPDATE_GOLDEN=1 to write it"
    assert written == path.read_text(encoding="utf-8"), (
        f"{path.name} differs; if the change is intended, rerun with SITREP_UPDATE_GOLDEN=1 and review")
