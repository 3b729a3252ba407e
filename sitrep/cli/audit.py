"""`sitrep audit`: the citation audit of one document."""

from __future__ import annotations

import click

from sitrep.analysis.audit import AuditReport, audit
from sitrep.cli.context import AppContext, json_option, load_reading, pass_app
from sitrep.cli.render import console, emit_json, print_table


@click.command("audit")
@click.argument("doc")
@json_option
@pass_app
def audit_command(app: AppContext, doc: str, as_json: bool) -> None:
    """Audit the citations of DOC (id, id prefix, source, or a file not yet ingested).

    Reports markers without a note, notes without a marker, the same published piece cited under
    several notes, boilerplate found, and names spelled two ways in the document.
    """
    reading = load_reading(app, doc)
    report = audit(reading)
    if as_json:
        emit_json(report)
        return
    _render(report, title=reading.document.title or reading.document.source)


def _render(report: AuditReport, *, title: str) -> None:
    console.print(f"[bold]Citation audit:[/bold] {title}")
    console.print(f"markers without a note: {_numbers(report.markers_without_note)}")
    console.print(f"notes without a marker: {_numbers(report.notes_without_marker)}")
    print_table("the same source cited under several notes", ["notes", "title", "url"],
                [[_numbers(r.notes), r.title, r.url] for r in report.repeated_sources])
    print_table("boilerplate (kept in the original, left out of the body)", ["kind", "text"],
                [[b.kind, b.text] for b in report.boilerplate])
    print_table("names spelled two ways", ["name", "variant", "kind", "times"],
                [[v.a, v.b, v.label, f"{v.counts[0]} / {v.counts[1]}"] for v in report.name_variants])


def _numbers(values: tuple[int, ...]) -> str:
    return ", ".join(str(v) for v in values) if values else "none"


COMMANDS = [audit_command]
