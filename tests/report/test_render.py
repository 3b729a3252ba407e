"""The renderers: Markdown that sitrep can read back, self-contained HTML with superscript links
to the notes, and a PDF (Unicode font, superscript markers, notes at the end)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from sitrep.ingest.readers import read_source
from sitrep.ingest.reading import read_document
from sitrep.report.brief import build_brief
from sitrep.report.model import Brief, BriefNote, Paragraph, Section, Sentence, Source, Subject
from sitrep.report.render_html import render_html
from sitrep.report.render_md import render_md
from sitrep.report.render_pdf import render_pdf
from sitrep.store.store import Store


@pytest.fixture(scope="module")
def brief(store: Store) -> Brief:
    return build_brief(store, "SO")


JUDGMENT = "It is likely that Kata’ib Hezbollah directs “the campaign”."
RELATION = "Kata’ib Hezbollah directs Ḥarakat al-Nujabāʾ."


def unicode_brief() -> Brief:
    """A hand-made brief with the names and quotes a Latin-1 PDF font cannot print."""
    note = BriefNote(1, Source(title="Back Into the Shadows?"),
                     "Michael Knights, “Back Into the Shadows? The Future of Kata'ib Hezbollah,” CTC "
                     "Sentinel, October 2020, https://ctc.westpoint.edu/.")
    return Brief(title="Kata’ib Hezbollah — a test", scope="A hand-made brief.",
                 subject=Subject("actor", "Kata'ib Hezbollah", "Kata’ib Hezbollah"), since=None, until=None,
                 key_judgments=(Sentence(JUDGMENT, (1,)),),
                 sections=(Section("Support and direction", (Paragraph((Sentence(RELATION, (1,)),)),)),),
                 notes=(note,), incidents=0, relations=1)


def test_markdown_reads_back_as_a_footnoted_document(brief: Brief, tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_text(render_md(brief), encoding="utf-8")
    reading = read_document(read_source(str(path))[0])
    assert [n.number for n in reading.notes.notes] == [n.number for n in brief.notes]
    cited = {c.url for n in reading.notes.notes for c in n.citations}
    assert {n.source.url for n in brief.notes} <= cited
    markers = sum(len(s.notes) for s in brief.sentences())
    assert len(reading.notes.markers) == markers


def test_markdown_layout(brief: Brief) -> None:
    text = render_md(brief)
    assert text.startswith(f"# {brief.title}\n\n*")
    assert "\n## Key judgments\n\n- " in text
    assert "\n## Attacks\n\n" in text
    assert text.rstrip().splitlines()[-1].startswith(f"[{len(brief.notes)}] ")


def test_html_is_self_contained_with_superscript_links(brief: Brief) -> None:
    page = render_html(brief)
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert not re.search(r"<(script|link|img)\b", page)  # nothing fetched from elsewhere
    targets = set(re.findall(r'<sup class="fn"><a href="#note-(\d+)" id="ref-\1-\d+">\[\1\]</a></sup>', page))
    assert targets == {str(n.number) for n in brief.notes}
    for note in brief.notes:
        assert f'<li id="note-{note.number}" value="{note.number}">' in page
        if note.source.url:
            assert f'<a href="{note.source.url}">' in page


def test_html_escapes_text() -> None:
    page = render_html(unicode_brief())
    assert "Kata’ib Hezbollah directs Ḥarakat al-Nujabāʾ." in page
    assert "“the campaign”" in page


def test_pdf_is_valid_and_readable(brief: Brief) -> None:
    data = render_pdf(brief)
    assert data.startswith(b"%PDF-")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "[1]" in text
    assert "Roadside Bomb Kills 3 Soldiers Near Afgooye" in " ".join(text.split())
    assert "Key judgments" in text and "Notes" in text


def test_pdf_prints_unicode_names_and_quotes() -> None:
    data = render_pdf(unicode_brief())
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
    assert "Kata’ib Hezbollah" in text
    assert "“the campaign”" in text
