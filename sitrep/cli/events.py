"""`sitrep events` and `sitrep relations`: what extraction stored, with the evidence for each."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from sitrep.cli.context import AppContext, Day, json_option, pass_app
from sitrep.cli.render import counted, emit_json, print_table, to_jsonable
from sitrep.export.plover import to_jsonl
from sitrep.model.dates import format_range
from sitrep.model.facts import ActorRef, DateValue, Event
from sitrep.model.vocab import PLOVER_TYPES, RELATION_TYPES
from sitrep.resolve.picture import event_grades, relation_grade_codes
from sitrep.store.records import StoredEvent, StoredRelation


@click.command("events")
@click.option(
    "--type",
    "event_type",
    type=click.Choice(PLOVER_TYPES, case_sensitive=False),
    help="Only events of this PLOVER type.",
)
@click.option("--actor", help="Only events naming this actor in any role (part of a name, or a pack id).")
@click.option("--place", help="Only events at this place (part of its name or province, or a country code).")
@click.option("--since", type=Day(), help="Only events on or after this date (YYYY, YYYY-MM, YYYY-MM-DD).")
@click.option("--until", type=Day(last=True), help="Only events on or before this date.")
@click.option("--doc", help="Only events of this document (id, id prefix or source).")
@click.option("--titles", is_flag=True,
              help="Also the events that the titles of cited pieces state (listed by `sitrep incidents` "
                   "as reports of the events they corroborate).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "plover"]),
    default="table",
    show_default=True,
    help="plover: PLOVER JSONL, asserted events only.",
)
@json_option
@pass_app
def events_command(
    app: AppContext,
    event_type: str | None,
    actor: str | None,
    place: str | None,
    since: date | None,
    until: date | None,
    doc: str | None,
    titles: bool,
    fmt: str,
    as_json: bool,
) -> None:
    """List stored events: when, what, who to whom, with what, where, and the notes behind each.

    `--json` gives every field of each event with its evidence: the document, the sentence that
    states it (words and span) and that sentence's notes with their citations.
    """
    document = app.store.resolve_document(doc) if doc else None
    events = app.store.events(
        type=event_type, actor=actor, place=place, since=since, until=until, document=document, titles=titles
    )
    if as_json or fmt == "json":
        grades = event_grades(app.store)
        emit_json([{**to_jsonable(e), "grade": grades.get(e.id)} for e in events])
    elif fmt == "plover":
        for line in to_jsonl(events):
            click.echo(line)
    else:
        grades = event_grades(app.store)
        print_table(
            counted(len(events), "event"),
            ["date", "type / mode", "actor → recipient", "weapon", "killed", "place", "notes", "grade",
             "document"],
            [_event_row(e, grades.get(e.id, "")) for e in events],
        )


@click.command("relations")
@click.option("--actor", help="Only relations whose source or target is this actor.")
@click.option(
    "--type",
    "relation_type",
    type=click.Choice(RELATION_TYPES, case_sensitive=False),
    help="Only relations of this type.",
)
@json_option
@pass_app
def relations_command(app: AppContext, actor: str | None, relation_type: str | None, as_json: bool) -> None:
    """List stored relations between actors: source → type → target, the sentence that states it,
    its notes, and where it comes from (the text, or a knowledge pack's background, shown as such)."""
    relations = app.store.relations(actor=actor, type=relation_type)
    grades = relation_grade_codes(app.store)
    if as_json:
        emit_json([{**to_jsonable(r), "grade": grades.get((r.document_id, r.position))} for r in relations])
        return
    print_table(
        counted(len(relations), "relation"),
        ["source", "type", "target", "evidence", "notes", "origin", "grade", "document"],
        [_relation_row(r, grades.get((r.document_id, r.position), "")) for r in relations],
    )


def _event_row(stored: StoredEvent, grade: str) -> list[Any]:
    e = stored.event
    kind = f"{e.type}/{e.mode}" if e.mode else e.type
    if e.status != "asserted":
        kind += f" ({e.status})"
    who = f"{_names(e.actors) or '?'} → {_names(e.recipients) or '?'}"
    place = (e.place.name or e.place.text) if e.place else ""
    if e.site is not None:
        place = f"{e.site.text}, {place}"  # "Central cafe, Kano"
    notes = f"title in {_notes(e.notes)}" if e.origin == "citation" else _notes(e.notes)
    return [_date(e.date), kind, who, e.weapon, _killed(e), place, notes, grade, _document(stored)]


def _relation_row(stored: StoredRelation, grade: str) -> list[Any]:
    r = stored.relation
    origin = f"background ({r.origin})" if stored.background else r.origin
    evidence = "" if stored.background else stored.sentence_text
    return [r.source.name, r.type, r.target.name, evidence, _notes(r.notes), origin, grade, _document(stored)]


def _date(value: DateValue | None) -> str:
    if value is None or value.value is None:
        return "unresolved"
    shown = format_range(value.value, value.end, value.precision)
    return f"~{shown}" if value.kind == "approximate" else shown


def _names(refs: tuple[ActorRef, ...]) -> str:
    return ", ".join(dict.fromkeys(ref.name for ref in refs))


def _killed(event: Event) -> str:
    value = event.count("killed")
    if value is None:
        return ""
    at_least = any(q.kind == "killed" and q.value == value and q.minimum for q in event.quantities)
    return f"{'≥' if at_least else ''}{value:g}"


def _notes(numbers: tuple[int, ...]) -> str:
    return " ".join(f"[{n}]" for n in numbers)


def _document(stored: StoredEvent | StoredRelation) -> str:
    return f"{stored.document_title or stored.document_source} ({stored.document_id[:8]})"


COMMANDS = [events_command, relations_command]
