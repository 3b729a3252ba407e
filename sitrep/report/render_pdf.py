"""A brief as PDF (fpdf2): a Unicode TrueType font (DejaVu Sans, shipped with matplotlib) so
names like "Kata'ib" and curly quotes print, footnote markers as superscripts, the notes at the end."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from sitrep.errors import SitrepError
from sitrep.report.model import Brief, Sentence

FAMILY = "DejaVu"
LINE = 5.5


def font_dir() -> Path:
    """matplotlib's bundled TrueType fonts (DejaVu)."""
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def _new_pdf(brief: Brief) -> FPDF:
    fonts = font_dir()
    regular, bold = fonts / "DejaVuSans.ttf", fonts / "DejaVuSans-Bold.ttf"
    if not regular.is_file() or not bold.is_file():
        raise SitrepError(f"no DejaVu Sans font under {fonts}: matplotlib's fonts are needed for PDF briefs")
    pdf = FPDF(format="A4")
    pdf.add_font(FAMILY, "", str(regular))
    pdf.add_font(FAMILY, "B", str(bold))
    pdf.set_title(brief.title)
    pdf.set_creator("sitrep")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    return pdf


def _heading(pdf: FPDF, text: str, size: float) -> None:
    pdf.ln(3)
    pdf.set_font(FAMILY, "B", size)
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)
    pdf.set_font(FAMILY, "", 10.5)


def _sentence(pdf: FPDF, sentence: Sentence, links: dict[int, int]) -> None:
    pdf.write(LINE, sentence.text)
    pdf.char_vpos = "SUP"
    for number in sentence.notes:
        pdf.write(LINE, f"[{number}]", link=links[number])
    pdf.char_vpos = "LINE"


def render_pdf(brief: Brief) -> bytes:
    pdf = _new_pdf(brief)
    links = {note.number: pdf.add_link() for note in brief.notes}
    _heading(pdf, brief.title, 16)
    pdf.set_font(FAMILY, "", 9.5)
    pdf.multi_cell(0, 4.8, brief.scope, new_x="LMARGIN", new_y="NEXT")
    _heading(pdf, "Key judgments", 12.5)
    for judgment in brief.key_judgments:
        pdf.write(LINE, "• ")
        _sentence(pdf, judgment, links)
        pdf.ln(LINE + 1)
    for section in brief.sections:
        _heading(pdf, section.heading, 12.5)
        for paragraph in section.paragraphs:
            for i, sentence in enumerate(paragraph.sentences):
                if i:
                    pdf.write(LINE, " ")
                _sentence(pdf, sentence, links)
            pdf.ln(LINE + 2)
    _heading(pdf, "Notes", 12.5)
    pdf.set_font(FAMILY, "", 9)
    for note in brief.notes:
        pdf.set_link(links[note.number], y=pdf.get_y(), page=pdf.page)
        pdf.multi_cell(0, 4.5, f"[{note.number}] {note.text}", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(0.8)
    return bytes(pdf.output())
