"""A brief as one self-contained HTML page: footnote markers as superscript links to the notes,
each note linking back to where it is first cited, URLs as links; the style sheet inline."""

from __future__ import annotations

import re
from html import escape

from sitrep.report.model import Brief, Sentence

STYLE = """
body { font-family: Georgia, "DejaVu Serif", serif; max-width: 44em; margin: 2em auto; padding: 0 1em;
       line-height: 1.5; color: #1b1b1b; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
h2 { font-size: 1.15em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
p.scope { font-style: italic; color: #444; }
sup.fn a { text-decoration: none; }
ol.notes { font-size: .92em; }
ol.notes li:target { background: #fff4c2; }
""".strip()

_URL = re.compile(r"https?://[^\s<>\"]+?(?=[.,;]?(?:\s|$))")


class _Anchors:
    """The id of each marker, so each note can link back to its first use."""

    def __init__(self) -> None:
        self.count = 0
        self.first: dict[int, str] = {}

    def marker(self, number: int) -> str:
        self.count += 1
        anchor = f"ref-{number}-{self.count}"
        self.first.setdefault(number, anchor)
        return (f'<sup class="fn"><a href="#note-{number}" id="{anchor}">[{number}]</a></sup>')


def _sentence(sentence: Sentence, anchors: _Anchors) -> str:
    return escape(sentence.text, quote=False) + "".join(anchors.marker(n) for n in sentence.notes)


def _linked(text: str) -> str:
    """The note's text, escaped, with its URLs as links."""
    out, last = [], 0
    for match in _URL.finditer(text):
        out.append(escape(text[last:match.start()], quote=False))
        url = match.group(0)
        out.append(f'<a href="{escape(url)}">{escape(url, quote=False)}</a>')
        last = match.end()
    out.append(escape(text[last:], quote=False))
    return "".join(out)


def render_html(brief: Brief) -> str:
    anchors = _Anchors()
    body = [f"<h1>{escape(brief.title, quote=False)}</h1>",
            f'<p class="scope">{escape(brief.scope, quote=False)}</p>',
            "<h2>Key judgments</h2>", '<ul class="judgments">']
    body += [f"<li>{_sentence(s, anchors)}</li>" for s in brief.key_judgments]
    body.append("</ul>")
    for section in brief.sections:
        body.append(f"<h2>{escape(section.heading, quote=False)}</h2>")
        body += ["<p>" + " ".join(_sentence(s, anchors) for s in p.sentences) + "</p>"
                 for p in section.paragraphs]
    body += ["<h2>Notes</h2>", '<ol class="notes">']
    for note in brief.notes:
        back = anchors.first.get(note.number)
        link = f' <a href="#{back}" class="back" aria-label="back to the text">↩</a>' if back else ""
        body.append(f'<li id="note-{note.number}" value="{note.number}">{_linked(note.text)}{link}</li>')
    body.append("</ol>")
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        f"<title>{escape(brief.title, quote=False)}</title>", f"<style>\n{STYLE}\n</style>", "</head>",
        "<body>", *body, "</body>", "</html>", ""])
