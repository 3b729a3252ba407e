"""`sitrep milestones add DATE LABEL | list | remove ID`: the dated decision points that timelines,
trends and alerts are read against."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import click

from sitrep.analysis import milestones
from sitrep.cli.context import AppContext, json_option, pass_app
from sitrep.cli.render import console, emit_json, print_table


class _Date(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return datetime.strptime(str(value).strip(), "%Y-%m-%d").date()
        except ValueError:
            self.fail(f"{value!r} is not a day: give YYYY-MM-DD (a milestone falls on one day)", param, ctx)


@click.group("milestones", invoke_without_command=True)
@json_option
@click.pass_context
def milestones_command(ctx: click.Context, as_json: bool) -> None:
    """Milestones: the dated decision points you declare ("US withdrawal deadline"). Timeline and
    trend charts draw them; `sitrep alerts` says how far each alert is from the nearest ones.
    Without a subcommand: list them."""
    if ctx.invoked_subcommand is None:
        app = ctx.find_object(AppContext)
        assert app is not None
        _list(app, as_json)


@milestones_command.command("add")
@click.argument("day", type=_Date())
@click.argument("label")
@json_option
@pass_app
def add_command(app: AppContext, day: date, label: str, as_json: bool) -> None:
    """Declare a milestone: DAY (YYYY-MM-DD) and what happens then (LABEL). Declaring one again
    changes nothing."""
    known = milestones.find(app.store, day, label)
    found = milestones.add(app.store, day, label)
    if as_json:
        emit_json(found)
        return
    console.print(f"milestone {found.id}: {found.day.isoformat()} {found.label}"
                  + (" (already declared)" if known else ""))


@milestones_command.command("list")
@json_option
@pass_app
def list_command(app: AppContext, as_json: bool) -> None:
    """Every milestone, by day."""
    _list(app, as_json)


@milestones_command.command("remove")
@click.argument("milestone_id", metavar="ID", type=int)
@json_option
@pass_app
def remove_command(app: AppContext, milestone_id: int, as_json: bool) -> None:
    """Remove milestone ID (as `sitrep milestones list` numbers them)."""
    gone = milestones.remove(app.store, milestone_id)
    if as_json:
        emit_json(gone)
        return
    console.print(f"removed milestone {gone.id}: {gone.day.isoformat()} {gone.label}")


def _list(app: AppContext, as_json: bool) -> None:
    found = milestones.listed(app.store)
    if as_json:
        emit_json(found)
        return
    print_table(f"{len(found)} milestone{'' if len(found) == 1 else 's'}", ["id", "day", "label"],
                [[m.id, m.day.isoformat(), m.label] for m in found])


COMMANDS = [milestones_command]
