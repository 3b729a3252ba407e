"""A brief as Markdown, in the style of the footnoted documents sitrep reads: "[1]" markers after
each sentence and a "Notes" section of full citations (so sitrep can read its own briefs back)."""

from __future__ import annotations

from sitrep.report.model import Brief, Sentence


def markers(numbers: tuple[int, ...]) -> str:
    return "".join(f"[{n}]" for n in numbers)


def sentence_md(sentence: Sentence) -> str:
    return f"{sentence.text}{markers(sentence.notes)}"


def render_md(brief: Brief) -> str:
    lines = [f"# {brief.title}", "", f"*{brief.scope}*", "", "## Key judgments", ""]
    lines += [f"- {sentence_md(s)}" for s in brief.key_judgments]
    for section in brief.sections:
        lines += ["", f"## {section.heading}", ""]
        for i, paragraph in enumerate(section.paragraphs):
            if i:
                lines.append("")
            lines.append(" ".join(sentence_md(s) for s in paragraph.sentences))
    lines += ["", "## Notes", ""]
    lines += [f"[{note.number}] {note.text}" for note in brief.notes]
    return "\n".join(lines) + "\n"
