"""`sitrep actors` (with `merge` and `split`) and `sitrep actor NAME`: actors across documents,
each alias with where it was seen and each merge with its evidence."""

from __future__ import annotations

from collections.abc import Sequence

import click

from sitrep.cli.context import AppContext, json_option, pass_app
from sitrep.cli.render import console, emit_json, format_date, print_table
from sitrep.resolve.actor_store import (
    ActorProfile,
    DecisionResult,
    actor_profile,
    canonical_actors,
    ensure_resolved,
    merge_actors,
    split_actor,
)
from sitrep.resolve.picture import event_grades, relation_grade_codes

_SHOWN_DOCUMENTS = 3


@click.group("actors", invoke_without_command=True)
@json_option
@click.pass_context
def actors_group(ctx: click.Context, as_json: bool) -> None:
    """List actors across documents: name, kind, country, and how many aliases, documents and events.

    References that name one actor in different ways or documents (aliases, transliterations,
    a title and surname) are one actor; `sitrep actor NAME` shows why. `merge` and `split` correct
    resolution; each undoes the other, and both survive every rebuild.
    """
    if ctx.invoked_subcommand is not None:
        return
    app = ctx.find_object(AppContext)
    assert app is not None
    ensure_resolved(app.store)
    with app.store.connection() as conn:
        found = canonical_actors(conn)
    if as_json:
        emit_json(found)
        return
    print_table(
        f"{len(found)} actor{'' if len(found) == 1 else 's'}",
        ["name", "kind", "country", "aliases", "documents", "events", "key"],
        [[s.name, s.kind, s.country, s.aliases, s.documents, s.events, s.key] for s in found],
    )


@actors_group.command("merge")
@click.argument("a")
@click.argument("b")
@click.option("--note", help="Why, in your words (kept with the decision).")
@json_option
@pass_app
def merge_command(app: AppContext, a: str, b: str, note: str | None, as_json: bool) -> None:
    """Make actors A and B one actor (a key, a name, or words as written).

    The decision is kept and applied on every rebuild; undo it with `sitrep actors split B`.
    """
    _report(merge_actors(app.store, a, b, note=note), as_json)


@actors_group.command("split")
@click.argument("name")
@click.option("--from", "within", metavar="ACTOR", help="Only out of this actor (its key or name).")
@click.option("--note", help="Why, in your words (kept with the decision).")
@json_option
@pass_app
def split_command(app: AppContext, name: str, within: str | None, note: str | None, as_json: bool) -> None:
    """Take the references named NAME out of their actor, into an actor of their own.

    The decision is kept and applied on every rebuild; undo it with `sitrep actors merge`.
    """
    _report(split_actor(app.store, name, within=within, note=note), as_json)


@click.command("actor")
@click.argument("name")
@json_option
@pass_app
def actor_command(app: AppContext, name: str, as_json: bool) -> None:
    """Show one actor: its aliases and where each was seen, why each reference belongs to it, its
    relations with their evidence (a document's words, or a pack's background, shown apart) and
    its events as actor, recipient, claimant or the one blamed.

    NAME is a key (`sitrep actors` lists them), a pack id, a name, or words as written.
    """
    ensure_resolved(app.store)
    with app.store.connection() as conn:
        profile = actor_profile(conn, name)
    if as_json:
        emit_json(profile)
    else:
        _print_profile(profile, event_grades(app.store), relation_grade_codes(app.store))


def _report(result: DecisionResult, as_json: bool) -> None:
    if as_json:
        emit_json(result)
        return
    console.print(result.message if result.status == "applied" else f"Nothing to change: {result.message}")
    if result.key:
        console.print(f"Now: {result.name} [{result.key}]", markup=False)
    if result.changed:
        print_table("Moved", ["name", "document", "rule", "evidence"],
                    [[c.name, c.document_id[:8], c.rule, c.evidence] for c in result.changed])


def _print_profile(p: ActorProfile, event_grade: dict[str, str], relation_grade: dict[tuple[str, int], str]
                   ) -> None:
    facts = [f"key {p.key}", p.kind or "kind unknown", p.country or "country unknown"]
    if p.pack_id:
        facts.append(f"pack {p.pack_id}")
    console.print(f"{p.name} ({', '.join(facts)})", markup=False)
    if p.roles:
        console.print(f"Roles: {'; '.join(p.roles)}", markup=False)
    print_table("Aliases", ["alias", "mentions", "documents"],
                [[al.text, al.mentions, _documents([f"{s.title or s.source} ({s.document_id[:8]})"
                                                    for s in al.documents])] for al in p.aliases])
    print_table("References", ["name", "document", "rule", "evidence"],
                [[li.name, f"{li.document_title or ''} ({li.document_id[:8]})", li.rule, li.evidence]
                 for li in p.links])
    print_table("Relations", ["", "type", "other", "evidence", "notes", "origin", "grade", "document"],
                [["→" if r.direction == "out" else "←", r.type, r.other,
                  "" if r.background else r.sentence, " ".join(f"[{n}]" for n in r.notes),
                  f"background ({r.origin})" if r.background else "document",
                  "" if r.background else relation_grade.get((r.document_id, r.position), ""),
                  f"{r.document_title or ''} ({r.document_id[:8]})"] for r in p.relations])
    print_table("Events", ["date", "type", "role", "trigger", "place", "status", "grade", "document"],
                [[format_date(e.date, e.date_precision) or "unresolved",
                  f"{e.type}/{e.mode}" if e.mode else e.type, e.role, e.trigger, e.place, e.status,
                  event_grade.get(e.event_id, ""), f"{e.document_title or ''} ({e.document_id[:8]})"]
                 for e in p.events])


def _documents(names: Sequence[str]) -> str:
    more = f" and {len(names) - _SHOWN_DOCUMENTS} more" if len(names) > _SHOWN_DOCUMENTS else ""
    return "; ".join(names[:_SHOWN_DOCUMENTS]) + more


COMMANDS = [actors_group, actor_command]
