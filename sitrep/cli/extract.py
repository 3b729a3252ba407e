"""`sitrep extract`: run extraction again on stored documents, or on a file without storing it."""

from __future__ import annotations

from pathlib import Path

import click

from sitrep.cli.context import AppContext, json_option, pass_app, read_input
from sitrep.cli.incidents import print_summary
from sitrep.cli.render import console, emit_json, err_console, table
from sitrep.export.plover import to_jsonl
from sitrep.ingest.extraction import ExtractOutcome, extract, extract_stored
from sitrep.ingest.preview import preview
from sitrep.model.reading import Reading
from sitrep.resolve.picture import rebuild


@click.command("extract")
@click.argument("target", required=False, metavar="DOC|FILE")
@click.option("--all", "every", is_flag=True, help="Extract every stored document again.")
@click.option("--missing", is_flag=True, help="Extract the stored documents never extracted yet.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "plover"]),
    help="Extract FILE (or - for standard input) without storing anything; print JSON "
    "(one entry per document) or PLOVER JSONL (asserted events only).",
)
@json_option
@pass_app
def extract_command(
    app: AppContext, target: str | None, every: bool, missing: bool, fmt: str | None, as_json: bool
) -> None:
    """Extract events, actors, relations and quotes.

    `sitrep extract DOC` extracts stored document DOC (id, id prefix or source) again and replaces
    its facts; `--all` does so for every stored document, `--missing` for those never extracted.
    `sitrep extract FILE --format json|plover` reads FILE, extracts and prints, and leaves the
    store untouched. Exits 1 if any document failed.
    """
    if fmt is not None:
        if target is None or every or missing:
            raise click.UsageError("--format takes one FILE (or -), and neither --all nor --missing")
        _print_unstored(app, target, fmt)
        return
    if sum((target is not None, every, missing)) != 1:
        raise click.UsageError("name one stored document DOC, or --all, or --missing")
    store = app.store
    if every:
        ids = [d.id for d in reversed(store.documents())]
    elif missing:
        ids = store.unextracted()
    else:
        ids = [store.resolve_document(target or "")]
    outcomes = extract_stored(store, ids, extractor=app.pipeline)
    _report(outcomes, as_json=as_json)
    if any(o.status != "failed" for o in outcomes):
        summary = rebuild(store)  # incidents and actors follow the new facts
        if not as_json:
            print_summary(summary)
    if any(o.status == "failed" for o in outcomes):
        raise SystemExit(1)


def _print_unstored(app: AppContext, target: str, fmt: str) -> None:
    readings = _readings(app, target)
    previews = [preview(reading, extract(app.pipeline, reading)) for reading in readings]
    if fmt == "json":
        emit_json(previews)
        return
    for item in previews:
        for line in to_jsonl(item.events):
            click.echo(line)


def _readings(app: AppContext, target: str) -> list[Reading]:
    """FILE or - read on the fly; anything else names a stored document, read (never written)."""
    if target == "-" or Path(target).exists():
        return read_input(target)
    return [app.store.load_reading(app.store.resolve_document(target))]


def _report(outcomes: list[ExtractOutcome], *, as_json: bool) -> None:
    if as_json:
        emit_json(outcomes)
        return
    rows = [
        [
            o.status,
            o.document_id[:12],
            *(
                [o.info.events, o.info.relations, o.info.quotes, o.info.actors]
                if o.info
                else ["", "", "", ""]
            ),
            o.reason or "",
        ]
        for o in outcomes
    ]
    console.print(table(None, ["status", "id", "events", "relations", "quotes", "actors", "reason"], rows))
    failed = sum(o.status == "failed" for o in outcomes)
    console.print(f"{len(outcomes) - failed} extracted, {failed} failed")
    for o in outcomes:
        if o.status == "failed":
            err_console.print(f"error: {o.document_id}: {o.reason} ({o.error_kind})")


COMMANDS = [extract_command]
