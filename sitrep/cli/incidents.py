"""`sitrep incidents`, `sitrep incident ID` and `sitrep resolve`: one event as all its sources
report it, how many independent sources say so, where they differ, and the grade ("B2")."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import click

from sitrep.cli.context import AppContext, Day, json_option, pass_app
from sitrep.cli.render import console, counted, emit_json, print_table
from sitrep.export.plover import incident_records
from sitrep.model.dates import format_range
from sitrep.model.vocab import PLOVER_TYPES
from sitrep.resolve.grading import load_table
from sitrep.resolve.picture import (
    IncidentFilter,
    IncidentView,
    PictureSummary,
    decide,
    incident,
    incidents,
    rebuild,
)

DIFFER = "sources differ"


@click.group("incidents", invoke_without_command=True)
@click.option("--type", "event_type", type=click.Choice(PLOVER_TYPES, case_sensitive=False),
              help="Only incidents of this PLOVER type.")
@click.option("--actor", help="Only incidents naming this actor in any report (part of a name).")
@click.option("--place",
              help="Only incidents at this place (part of its name or province, or a country code).")
@click.option("--since", type=Day(),
              help="Only incidents on or after this date (YYYY, YYYY-MM, YYYY-MM-DD).")
@click.option("--until", type=Day(last=True), help="Only incidents on or before this date.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "plover"]), default="table",
              show_default=True,
              help="plover: PLOVER JSONL, one record per incident with the most conservative figures "
                   "and, under sitrep.incident, its sources, grade and where they differ.")
@json_option
@click.pass_context
def incidents_command(ctx: click.Context, event_type: str | None, actor: str | None, place: str | None,
                      since: date | None, until: date | None, fmt: str, as_json: bool) -> None:
    """List incidents: one event as every source reports it.

    Columns: the date (to its precision), type, place, who did it to whom, the killed (the most
    conservative figure; "sources differ" where they do), the independent sources, the grade
    (Admiralty reliability A-F and credibility 1-6, "B2") and how many reports. `--json` gives
    every report with its evidence and the contradictions side by side. Run `sitrep resolve`
    after ingesting to bring the incidents up to date.
    """
    if ctx.invoked_subcommand is not None:
        return
    app = ctx.find_object(AppContext)
    assert app is not None
    found = incidents(app.store, IncidentFilter(event_type, actor, place, since, until))
    if as_json or fmt == "json":
        emit_json(found)
        return
    if fmt == "plover":
        stored = {e.id: e for e in app.store.events(titles=True)}
        for record in incident_records(found, stored):
            click.echo(json.dumps(record, ensure_ascii=False))
        return
    print_table(counted(len(found), "incident"),
                ["#", "date", "type", "place", "actors → recipients", "killed", "sources", "grade",
                 "reports"],
                [_row(view) for view in found])


@incidents_command.command("merge")
@click.argument("first")
@click.argument("second")
@click.option("--note", help="Why, in your words (kept with the decision).")
@json_option
@pass_app
def merge_command(app: AppContext, first: str, second: str, note: str | None, as_json: bool) -> None:
    """Make the events FIRST and SECOND (ids or 6+ leading characters) one incident, and rebuild.

    The decision is kept and applied after every rebuild; `sitrep incidents split` undoes it."""
    decision, summary = decide(app.store, "merge", first, second, note=note)
    _after_decision(app, decision, summary, first, as_json)


@incidents_command.command("split")
@click.argument("event")
@click.option("--note", help="Why, in your words (kept with the decision).")
@json_option
@pass_app
def split_command(app: AppContext, event: str, note: str | None, as_json: bool) -> None:
    """Take EVENT out of its incident into one of its own, and rebuild. The decision is kept."""
    decision, summary = decide(app.store, "split", event, note=note)
    _after_decision(app, decision, summary, event, as_json)


@click.command("incident")
@click.argument("ref")
@json_option
@pass_app
def incident_command(app: AppContext, ref: str, as_json: bool) -> None:
    """Show one incident (its number, key, or the id of any of its reports): every report with its
    document, sentence, notes and citations and the reason it joined; where the sources differ."""
    view = incident(app.store, ref)
    if as_json:
        emit_json(view)
        return
    _show(view)


@click.command("resolve")
@click.option("--reliability", type=click.Path(dir_okay=False, path_type=Path),
              help="Your reliability table (YAML, as sitrep/resolve/data/reliability.yaml); default "
                   "$SITREP_RELIABILITY or ~/.config/sitrep/reliability.yaml over sitrep's defaults.")
@json_option
@pass_app
def resolve_command(app: AppContext, reliability: Path | None, as_json: bool) -> None:
    """Rebuild the picture across documents: canonical actors, incidents, corroboration, grades."""
    summary = rebuild(app.store, table=load_table(reliability) if reliability else None)
    if as_json:
        emit_json(summary)
        return
    print_summary(summary)


def print_summary(summary: PictureSummary) -> None:
    """The picture a rebuild made, in four lines (also printed after `sitrep ingest` and `extract`)."""
    events, corroboration, grading = summary.events, summary.corroboration, summary.grading
    actors = summary.actors
    console.print(f"actors: {actors.actors} from {actors.links} references "
                  f"({actors.across_documents} named in more than one document)")
    console.print(f"incidents: {events.incidents} from {events.reports} reports "
                  f"({events.merged} reported more than once)")
    console.print(f"corroborated by 2+ independent sources: {corroboration.corroborated}; "
                  f"sources differ: {corroboration.contradicted}")
    grades = ", ".join(f"{code} {n}" for code, n in grading.grades.items()) or "none"
    console.print(f"grades: {grades}")
    if events.skipped_decisions:
        console.print(f"decisions naming events no longer stored (skipped): "
                      f"{', '.join(map(str, events.skipped_decisions))}")


def _after_decision(app: AppContext, decision: int, summary: PictureSummary, ref: str,
                    as_json: bool) -> None:
    view = incident(app.store, ref)
    if as_json:
        emit_json({"decision": decision, "summary": summary, "incident": view})
        return
    console.print(f"decision {decision} recorded")
    print_summary(summary)
    _show(view)


def _row(view: IncidentView) -> list[Any]:
    who = f"{', '.join(view.actors) or '?'} → {', '.join(view.recipients) or '?'}"
    kind = f"{view.type}/{view.mode}" if view.mode else view.type
    return [view.id, _date(view), kind, _place(view), who, _killed(view), view.sources, view.grade,
            len(view.reports)]


def _show(view: IncidentView) -> None:
    console.print(f"incident {view.id} (key {view.key}): {view.type}"
                  f"{'/' + view.mode if view.mode else ''}, {_date(view) or 'undated'}, "
                  f"{_place(view) or 'place unknown'}")
    console.print(f"actors → recipients: {', '.join(view.actors) or '?'} → "
                  f"{', '.join(view.recipients) or '?'}")
    console.print(f"killed: {_killed(view) or 'not given'}; injured: {_number(view.injured) or 'not given'}")
    console.print(f"grade {view.grade}: {view.sources} independent source{'s' if view.sources != 1 else ''}"
                  + (f" ({'; '.join(view.source_labels)})" if view.source_labels else ""))
    print_table(counted(len(view.reports), "report"),
                ["event", "document", "words", "notes / cited", "date", "killed", "rests on",
                 "why it joined"],
                [[r.event_id[:12] + (" (title)" if r.origin == "citation" else ""), r.document, r.sentence,
                  _cited(r), r.date or "", _number(r.killed), "; ".join(r.sources), r.reason]
                 for r in view.reports])
    rows = [[field, _value(item["value"]), "; ".join(item["sources"]), len(item["reports"])]
            for field, items in view.contradictions.items() for item in items]
    print_table("where the sources differ", ["field", "value", "sources", "reports"], rows)


def _cited(report: Any) -> str:
    pieces = [f"[{c.note}] {c.outlet + ', ' if c.outlet else ''}{c.title or c.url or ''}".strip()
              for c in report.citations]
    return "; ".join(pieces) or " ".join(f"[{n}]" for n in report.notes)


def _date(view: IncidentView) -> str:
    shown = format_range(view.date_value, view.date_end, view.date_precision)
    return f"{shown} ({view.date_precision})" if shown and view.date_precision else shown


def _place(view: IncidentView) -> str:
    parts = [p for p in (view.place_name, view.place_admin1, view.place_country) if p]
    return ", ".join(dict.fromkeys(parts))


def _killed(view: IncidentView) -> str:
    shown = _number(view.killed)
    if "killed" in view.contradictions:
        shown = f"{shown} ({DIFFER})" if shown else DIFFER
    return shown


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _value(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


COMMANDS = [incidents_command, incident_command, resolve_command]
