"""The timeline and trend charts, written as real PNG and SVG files from a real store."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from sitrep.analysis.charts import chart_format, timeline_chart, trend_chart
from sitrep.analysis.milestones import Milestone
from sitrep.analysis.timeline import timeline
from sitrep.analysis.trends import trends
from sitrep.errors import SitrepError
from sitrep.resolve.picture import IncidentFilter
from sitrep.store import tables
from sitrep.store.store import Store

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MARKS = [Milestone(1, date(2024, 3, 16), "Election day")]


def _add(store: Store, number: int, day: date | None, precision: str = "day", **fields: Any) -> None:
    with store.transaction("add a test incident") as conn:
        conn.execute(sa.insert(tables.incidents).values(
            id=number, key=f"{number:032x}", type=fields.pop("type", "ASSAULT"), date_value=day,
            date_precision=precision if day else None, sources=1, contradictions={}, **fields))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'store.db'}") as opened:
        _add(opened, 1, date(2024, 3, 14), killed=12)
        _add(opened, 2, date(2024, 3, 14), killed=1)
        _add(opened, 3, date(2024, 3, 1), "month", type="COERCE")
        _add(opened, 4, None)
        yield opened


def test_the_timeline_chart_as_svg_has_title_legend_spans_and_milestones(store: Store,
                                                                       tmp_path: Path) -> None:
    path = timeline_chart(timeline(store), tmp_path / "t.svg", title="March 2024", milestones=MARKS)
    text = path.read_text(encoding="utf-8")
    assert "<svg" in text
    for words in ("March 2024", "Election day (2024-03-16)", "ASSAULT", "COERCE",
                  "date known to a week, month or range", "3 incidents; 1 undated, not drawn"):
        assert words in text, words


def test_a_timeline_of_exact_days_has_no_span_in_its_legend(store: Store, tmp_path: Path) -> None:
    path = timeline_chart(timeline(store, IncidentFilter(type="ASSAULT")), tmp_path / "t.svg")
    text = path.read_text(encoding="utf-8")
    assert "date known to a week" not in text and "2 incidents" in text


def test_the_timeline_chart_as_png(store: Store, tmp_path: Path) -> None:
    path = timeline_chart(timeline(store), tmp_path / "t.png", milestones=MARKS)
    assert path.read_bytes().startswith(PNG_MAGIC) and path.stat().st_size > 10_000


def test_the_trend_chart_counts_and_says_what_it_left_out(store: Store, tmp_path: Path) -> None:
    path = trend_chart(trends(store, by="week"), tmp_path / "w.svg", title="Weekly", milestones=MARKS)
    text = path.read_text(encoding="utf-8")
    for words in ("Weekly", "incidents per week", "killed", "Election day",
                  "not counted: 1 dated too coarsely for a week, 1 undated"):
        assert words in text, words
    png = trend_chart(trends(store, by="month"), tmp_path / "m.png")
    assert png.read_bytes().startswith(PNG_MAGIC)


def test_bad_chart_requests_are_named(store: Store, tmp_path: Path) -> None:
    with pytest.raises(SitrepError, match=r"c\.jpg: a chart is written as \.png or \.svg, not '\.jpg'"):
        chart_format(tmp_path / "c.jpg")
    with pytest.raises(SitrepError, match="no dated incident to draw"):
        timeline_chart(timeline(store, IncidentFilter(type="PROTEST")), tmp_path / "t.png")
    with pytest.raises(SitrepError, match="could not write the chart"):
        timeline_chart(timeline(store), tmp_path / "missing" / "t.png")


def test_importing_the_analysis_does_not_import_matplotlib() -> None:
    import subprocess

    code = ("import sys, sitrep.analysis.charts, sitrep.analysis.alerts, sitrep.cli.timeline, "
            "sitrep.cli.trends, sitrep.cli.alerts; print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
