"""`sitrep import acled FILE`: put ACLED's events beside your own sources."""

from __future__ import annotations

from pathlib import Path

import click

from sitrep.cli.context import AppContext, json_option, pass_app
from sitrep.cli.incidents import print_summary
from sitrep.cli.render import console, emit_json
from sitrep.errors import SitrepError
from sitrep.ingest.acled import import_acled


@click.group("import")
def import_group() -> None:
    """Import other datasets' events into the store."""


@import_group.command("acled")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@json_option
@pass_app
def acled_command(app: AppContext, file: Path, as_json: bool) -> None:
    """Import an ACLED CSV export: each row a document (source acled:EVENT_ID_CNTY, publisher ACLED,
    text its notes) with its event, then rebuild the picture so that ACLED's events join the
    incidents your sources report. A bad row is named with its line and the rest go on; importing
    the same file again changes nothing. Exit status 1 when any row failed."""
    try:
        result = import_acled(app.store, file)
    except SitrepError as exc:  # one clear line, also when the command runs outside `sitrep`
        raise click.ClickException(str(exc)) from exc
    if as_json:
        emit_json(result)
    else:
        console.print(f"{file}: {result.count('new')} new, {result.count('known')} already known, "
                      f"{result.count('skipped')} skipped, {result.count('failed')} failed "
                      f"({len(result.outcomes)} rows)", highlight=False, soft_wrap=True)
        for outcome in result.outcomes:
            if outcome.status == "skipped":
                console.print(f"skipped line {outcome.line} ({outcome.event_id}): {outcome.reason}",
                              highlight=False, soft_wrap=True)
        if result.picture is not None:
            print_summary(result.picture)
    for outcome in result.outcomes:
        if outcome.status == "failed":
            click.echo(f"error: {outcome.reason}", err=True)
    if not result.ok:
        raise SystemExit(1)


COMMANDS = [import_group]
