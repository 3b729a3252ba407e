"""`sitrep ingest`: read sources into the store, with a progress bar and a summary."""

from __future__ import annotations

import sys

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from sitrep.cli.context import AppContext, json_option, pass_app
from sitrep.cli.incidents import print_summary
from sitrep.cli.render import console, emit_json, err_console, table
from sitrep.ingest.batch import IngestResult, SourceOutcome, ingest
from sitrep.ingest.readers import ReadOptions
from sitrep.resolve.picture import rebuild

_MIB = 1024 * 1024


@click.command("ingest")
@click.argument("sources", nargs=-1)
@click.option("--list", "list_files", multiple=True, type=click.Path(), metavar="FILE",
              help="A file listing paths or URLs, one a line (# comments allowed). Repeatable.")
@click.option("--max-mb", type=float, default=20.0, show_default=True, help="Size cap per input, in MiB.")
@click.option("--timeout", type=float, default=20.0, show_default=True, help="Seconds to wait for a URL.")
@click.option("--no-extract", is_flag=True,
              help="Store documents without extracting events (run `sitrep extract --missing` later).")
@json_option
@pass_app
def ingest_command(app: AppContext, sources: tuple[str, ...], list_files: tuple[str, ...],
                   max_mb: float, timeout: float, no_extract: bool, as_json: bool) -> None:
    """Read SOURCES (files, folders, URLs, or - for standard input) into the store.

    Each new document is parsed (boilerplate, notes, citations, markers), its events, actors,
    relations and quotes extracted, and all of it written in one transaction; a document already
    in the store is reported as known. Exits 1 if any input failed.
    """
    if not sources and not list_files:
        raise click.UsageError("name at least one source (a path, folder, URL or -) or --list FILE")
    options = ReadOptions(max_bytes=int(max_mb * _MIB), timeout=timeout)
    stdin = sys.stdin.buffer if "-" in sources else None
    with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                  MofNCompleteColumn(), console=err_console, transient=True,
                  disable=as_json or not err_console.is_terminal) as progress:
        task = progress.add_task("ingesting", total=None)

        def on_outcome(outcome: SourceOutcome) -> None:
            progress.update(task, advance=1, description=f"ingesting {outcome.source[-40:]}")

        result = ingest(app.store, sources, list_files=list_files, options=options, stdin=stdin,
                        on_outcome=on_outcome, on_total=lambda n: progress.update(task, total=n),
                        pipeline=None if no_extract else app.pipeline)
    _report(result, as_json=as_json)
    if result.count("new") and not no_extract:
        summary = rebuild(app.store)  # the picture across documents takes in the new ones
        if not as_json:
            print_summary(summary)
    if not result.ok:
        raise SystemExit(1)


def _report(result: IngestResult, *, as_json: bool) -> None:
    if as_json:
        emit_json({"run": result.run_id, "new": result.count("new"), "known": result.count("known"),
                   "failed": result.count("failed"), "extraction_unavailable": result.extraction_unavailable,
                   "outcomes": result.outcomes})
        return
    rows = [[o.status, o.source, (o.document_id or "")[:12], "" if o.events is None else o.events,
             o.title or o.reason or ""]
            for o in result.outcomes]
    console.print(table(None, ["status", "source", "id", "events", "title / reason"], rows))
    console.print(f"run {result.run_id}: {result.count('new')} new, {result.count('known')} already known, "
                  f"{result.count('failed')} failed")
    for o in result.outcomes:
        if o.status == "failed":
            err_console.print(f"error: {o.source}: {o.reason} ({o.error_kind})")
    if result.extraction_unavailable:
        err_console.print(f"warning: new documents were stored without extraction: "
                          f"{result.extraction_unavailable}; once fixed, run `sitrep extract --missing`")


COMMANDS = [ingest_command]
