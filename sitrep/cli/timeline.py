"""`sitrep timeline`: incidents in date order, each with its date to its precision, grade and
independent sources; `--png/--svg` draws the timeline chart with the user's milestones."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from sitrep.analysis import milestones
from sitrep.analysis.timeline import TimelineEntry, timeline
from sitrep.cli.context import AppContext, Day, json_option, pass_app
from sitrep.cli.render import console, emit_json, print_table
from sitrep.model.vocab import PLOVER_TYPES
from sitrep.resolve.picture import IncidentFilter

F = TypeVar("F", bound=Callable[..., Any])

_PATH = click.Path(dir_okay=False, writable=True, path_type=Path)


def filter_options(*, type_default: str | None = None) -> Callable[[F], F]:
    """--type, --actor, --place, --since, --until: as `sitrep incidents`."""
    def decorate(command: F) -> F:
        for option in reversed([
            click.option("--type", "event_type", type=click.Choice(PLOVER_TYPES, case_sensitive=False),
                         default=type_default, show_default=type_default is not None,
                         help="Only incidents of this PLOVER type."),
            click.option("--actor", help="Only incidents naming this actor in any report, as actor, "
                                         "recipient or claimant (part of a name, or a pack id)."),
            click.option("--place", help="Only incidents at this place (part of its name or province, "
                                         "or a country code)."),
            click.option("--since", type=Day(),
                         help="Only incidents on or after this date (YYYY, YYYY-MM, YYYY-MM-DD)."),
            click.option("--until", type=Day(last=True), help="Only incidents on or before this date."),
        ]):
            command = option(command)
        return command
    return decorate


def title_of(what: str, where: IncidentFilter) -> str:
    """'Timeline: ASSAULT, actor Shabaab, in Bay, 2022-03-01 to 2022-03-31'."""
    parts = [where.type.upper()] if where.type else []
    parts += [f"actor {where.actor}"] if where.actor else []
    parts += [f"in {where.place}"] if where.place else []
    if where.since or where.until:
        parts.append(f"{where.since.isoformat() if where.since else '…'} to "
                     f"{where.until.isoformat() if where.until else '…'}")
    return f"{what}: {', '.join(parts)}" if parts else what


@click.command("timeline")
@filter_options()
@click.option("--limit", type=click.IntRange(min=1), help="At most this many incidents (the first).")
@click.option("--png", "png", type=_PATH, help="Also draw the timeline chart to this PNG file.")
@click.option("--svg", "svg", type=_PATH, help="Also draw the timeline chart to this SVG file.")
@click.option("--title", help="The chart's title (default: what the filters select).")
@json_option
@pass_app
def timeline_command(app: AppContext, event_type: str | None, actor: str | None, place: str | None,
                     since: date | None, until: date | None, limit: int | None, png: Path | None,
                     svg: Path | None, title: str | None, as_json: bool) -> None:
    """Incidents in date order: the date to its precision (2022-03 is a month, not 1 March; undated
    last), type, place, who did it to whom, the killed, independent sources and the grade.

    --png/--svg draw them on a time axis (colour: type; size: killed; a date known only to its
    week, month or range as a bar across it) with `sitrep milestones` as labelled lines."""
    where = IncidentFilter(event_type, actor, place, since, until)
    entries = timeline(app.store, where, limit=limit)
    charts = [path for path in (png, svg) if path is not None]
    if charts:
        from sitrep.analysis.charts import timeline_chart

        marks = milestones.listed(app.store)
        for path in charts:
            timeline_chart(entries, path, title=title or title_of("Timeline", where), milestones=marks)
    if as_json:
        emit_json(entries)
        return
    print_table(f"{len(entries)} incident{'' if len(entries) == 1 else 's'}",
                ["#", "date", "precision", "type", "place", "actors → recipients", "killed", "sources",
                 "grade"],
                [_row(entry) for entry in entries])
    for path in charts:
        console.print(f"chart: {path}")


def _row(entry: TimelineEntry) -> list[Any]:
    who = f"{', '.join(entry.actors) or '?'} → {', '.join(entry.recipients) or '?'}"
    kind = f"{entry.type}/{entry.mode}" if entry.mode else entry.type
    killed = "" if entry.killed is None else f"{entry.killed:g}"
    return [entry.id, entry.date, entry.date_precision or "", kind, entry.place, who, killed, entry.sources,
            entry.grade]


COMMANDS = [timeline_command]
