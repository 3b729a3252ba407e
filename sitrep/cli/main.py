"""The `sitrep` command: a thin shell over the library (see `sitrep --help`)."""

from __future__ import annotations

from typing import Any

import click

from sitrep import __version__
from sitrep.cli import (
    actors,
    alerts,
    audit,
    brief,
    evaluate,
    events,
    export,
    extract,
    import_,
    incidents,
    ingest,
    milestones,
    network,
    sources,
    timeline,
    trends,
)
from sitrep.cli import map as map_cli
from sitrep.cli.context import AppContext
from sitrep.errors import SitrepError


class _Group(click.Group):
    """Turns sitrep's own errors into one clear line on stderr and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SitrepError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db", envvar="SITREP_DB", metavar="URL",
              help="Store: a SQLAlchemy URL or a SQLite file path. Default: $SITREP_DB, else "
                   "${XDG_DATA_HOME:-~/.local/share}/sitrep/sitrep.db.")
@click.version_option(__version__, prog_name="sitrep")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """sitrep: turn footnoted reports, news and feeds into a sourced picture."""
    if isinstance(ctx.obj, AppContext):  # handed in by a script or a test (say, with its own pipeline)
        ctx.obj.db_url = db or ctx.obj.db_url
    else:
        ctx.obj = AppContext(db_url=db)
    ctx.call_on_close(ctx.obj.close)


_MODULES = (ingest, import_, extract, sources, events, incidents, actors, network, timeline, trends, alerts,
            milestones, map_cli, brief, export, audit, evaluate)
for _module in _MODULES:
    for _command in _module.COMMANDS:
        cli.add_command(_command)

main = cli
