"""`sitrep trends`: incidents and killed per week or month, as a table and (--png/--svg) a chart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from sitrep.analysis import milestones
from sitrep.analysis.timeline_query import PERIODS
from sitrep.analysis.trends import trends
from sitrep.cli.context import AppContext, json_option, pass_app
from sitrep.cli.render import console, emit_json, print_table
from sitrep.cli.timeline import filter_options, title_of
from sitrep.resolve.picture import IncidentFilter

_PATH = click.Path(dir_okay=False, writable=True, path_type=Path)


@click.command("trends")
@click.option("--by", type=click.Choice(PERIODS), default="month", show_default=True,
              help="Count per week (Monday to Sunday) or calendar month.")
@filter_options()
@click.option("--png", "png", type=_PATH, help="Also draw the chart to this PNG file.")
@click.option("--svg", "svg", type=_PATH, help="Also draw the chart to this SVG file.")
@click.option("--title", help="The chart's title (default: what the filters select).")
@json_option
@pass_app
def trends_command(app: AppContext, by: str, event_type: str | None, actor: str | None, place: str | None,
                   since: date | None, until: date | None, png: Path | None, svg: Path | None,
                   title: str | None, as_json: bool) -> None:
    """Incidents and killed per period (periods with none as 0): one attack reported five times
    counts once.

    An incident counts in a period only when its whole date lies in it: a month-precision incident
    counts in its month, and in no week of weekly trends; those left out are counted under the
    table ("dated too coarsely"), never spread or guessed."""
    where = IncidentFilter(event_type, actor, place, since, until)
    found = trends(app.store, where, by=by)
    charts = [path for path in (png, svg) if path is not None]
    if charts:
        from sitrep.analysis.charts import trend_chart

        marks = milestones.listed(app.store)
        for path in charts:
            trend_chart(found, path, title=title or title_of(f"Incidents per {by}", where), milestones=marks)
    if as_json:
        emit_json(found)
        return
    print_table(f"{found.incidents} incidents, {found.killed:g} killed, per {by}",
                [by, "from", "to", "incidents", "killed"],
                [[p.label, p.start.isoformat(), p.end.isoformat(), p.incidents, f"{p.killed:g}"]
                 for p in found.periods])
    if found.imprecise:
        console.print(f"not counted: {found.imprecise} dated too coarsely for one {by} "
                      f"(a month or year, or a range across two {by}s)")
    if found.undated:
        console.print(f"not counted: {found.undated} undated")
    for path in charts:
        console.print(f"chart: {path}")


COMMANDS = [trends_command]
