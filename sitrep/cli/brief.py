"""`sitrep brief`: a written, footnoted brief about an actor, a place or a topic."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from sitrep.cli.context import AppContext, Day, pass_app
from sitrep.report.brief import build_brief
from sitrep.report.render_html import render_html
from sitrep.report.render_md import render_md
from sitrep.report.render_pdf import render_pdf

FORMATS = ("md", "html", "pdf")


@click.command("brief")
@click.option("--about", metavar="TEXT",
              help="What the brief is about: an actor (any of its names), a place (its name, province "
                   "or country code) or a topic (a PLOVER type such as ASSAULT, or a word such as "
                   "\"airstrike\"); tried in that order.")
@click.option("--actor", metavar="NAME", help="The brief is about this actor (any of its names).")
@click.option("--place", metavar="NAME", help="The brief is about this place (name, province, country code).")
@click.option("--topic", metavar="WORD", help="The brief is about this PLOVER type or word.")
@click.option("--since", type=Day(),
              help="Only what happened on or after this date (YYYY, YYYY-MM, YYYY-MM-DD).")
@click.option("--until", type=Day(last=True), help="Only what happened on or before this date.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="md, html or pdf; default: from the file's extension, else md.")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The file to write.")
@pass_app
def brief_command(app: AppContext, about: str | None, actor: str | None, place: str | None,
                  topic: str | None, since: date | None, until: date | None, fmt: str | None,
                  output: Path) -> None:
    """Write a footnoted brief: key judgments first, then paragraphs of events and relations.

    Every sentence carries footnote markers; the notes give full citations (author, title, outlet,
    date, URL) of the pieces the sources cite, or of the ingested document itself. Likelihood words
    come from the ICD 203 scale, tied to grades and corroboration; confidence is stated apart.
    Run `sitrep resolve` first so that incidents and grades are up to date.
    """
    given = [(kind, text) for kind, text in (("about", about), ("actor", actor), ("place", place),
                                             ("topic", topic)) if text]
    if len(given) != 1:
        raise click.UsageError("give exactly one of --about, --actor, --place, --topic")
    kind, text = given[0]
    if since and until and since > until:
        raise click.UsageError(f"--since {since} is after --until {until}")
    folder = output.parent
    if not folder.is_dir():
        raise click.ClickException(f"cannot write {output}: the folder {folder} does not exist")
    fmt = fmt or (output.suffix.lstrip(".").lower() if output.suffix.lstrip(".").lower() in FORMATS else "md")
    brief = build_brief(app.store, text, kind=None if kind == "about" else kind, since=since, until=until)
    if fmt == "pdf":
        output.write_bytes(render_pdf(brief))
    else:
        output.write_text(render_html(brief) if fmt == "html" else render_md(brief), encoding="utf-8")
    click.echo(f"{output}: brief about {brief.subject.label} ({brief.subject.kind}), {fmt}")
    click.echo(f"incidents: {brief.incidents}; relations: {brief.relations}; notes: {len(brief.notes)}")


COMMANDS = [brief_command]
