"""`sitrep sources`, `sitrep show`, `sitrep notes`: what is in the store."""

from __future__ import annotations

import click
from rich.text import Text

from sitrep.cli.context import AppContext, json_option, load_reading, pass_app
from sitrep.cli.render import console, emit_json, format_date, print_table, table
from sitrep.model.citation import Citation
from sitrep.model.reading import Reading


@click.command("sources")
@json_option
@pass_app
def sources_command(app: AppContext, as_json: bool) -> None:
    """List the documents in the store, newest first."""
    documents = app.store.documents()
    if as_json:
        emit_json(documents)
        return
    rows = [[d.id[:12], d.published, d.title, d.source, d.notes, d.markers, d.citations] for d in documents]
    console.print(table(f"{len(documents)} documents in {app.store.url}",
                        ["id", "published", "title", "source", "notes", "markers", "citations"], rows))


@click.command("show")
@click.argument("doc")
@json_option
@pass_app
def show_command(app: AppContext, doc: str, as_json: bool) -> None:
    """Show document DOC (id, id prefix or source): metadata, text with its markers, and its notes."""
    reading = load_reading(app, doc)
    if as_json:
        emit_json(reading)
        return
    d = reading.document
    console.print(f"[bold]{d.title or '(untitled)'}[/bold]")
    meta = [("id", d.id), ("source", d.source), ("published", d.published), ("authors", ", ".join(d.authors)),
            ("publisher", d.publisher), ("url", d.url)]
    for key, value in meta:
        if value:
            console.print(f"{key:>10}: {value}")
    console.print()
    console.print(_marked_body(reading))
    _print_notes(reading)


@click.command("notes")
@click.argument("doc")
@json_option
@pass_app
def notes_command(app: AppContext, doc: str, as_json: bool) -> None:
    """List the notes of document DOC and the sources each one cites."""
    reading = load_reading(app, doc)
    if as_json:
        emit_json(reading.notes.notes)
        return
    _print_notes(reading)


def _marked_body(reading: Reading) -> Text:
    """The body (before the notes section) with markers in bold and boilerplate dimmed."""
    text = reading.document.text
    end = reading.notes.section.start if reading.notes.section else len(text)
    out = Text(text[:end].rstrip())
    for marker in reading.notes.markers:
        out.stylize("bold cyan", marker.span.start, marker.span.end)
    for item in reading.boilerplate:
        if item.span.end <= end:
            out.stylize("dim strike", item.span.start, item.span.end)
    return out


def _print_notes(reading: Reading) -> None:
    rows = []
    for note in reading.notes.notes:
        for citation in note.citations or (None,):
            rows.append([note.number, *(_citation_cells(citation) if citation else ["", "", "", "", ""])])
    print_table(f"{len(reading.notes.notes)} notes, {len(reading.notes.markers)} markers",
                ["note", "authors", "title", "outlet", "date", "url"], rows)


def _citation_cells(c: Citation) -> list[str]:
    return ["; ".join(c.authors), c.title or (c.commentary or "")[:80], c.outlet or "",
            format_date(c.date, c.date_precision), c.url or ""]


COMMANDS = [sources_command, show_command, notes_command]
