"""`sitrep map`: the incidents on a map, as a PNG and a self-contained HTML file (offline basemap)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from sitrep.analysis.map import IncidentMap, MapIncident, incident_map, number, output_path
from sitrep.cli.context import AppContext, Day, json_option, pass_app
from sitrep.cli.render import emit_json
from sitrep.errors import SitrepError
from sitrep.model.vocab import PLOVER_TYPES
from sitrep.resolve.picture import IncidentFilter

SHOWN_UNPLACED = 10  # incidents without coordinates listed by name; the HTML map lists them all


@click.command("map")
@click.option("--type", "event_type", type=click.Choice(PLOVER_TYPES, case_sensitive=False),
              help="Only incidents of this PLOVER type.")
@click.option("--actor", help="Only incidents naming this actor in any report (part of a name).")
@click.option("--place",
              help="Only incidents at this place (part of its name or province, or a country code).")
@click.option("--since", type=Day(),
              help="Only incidents on or after this date (YYYY, YYYY-MM, YYYY-MM-DD).")
@click.option("--until", type=Day(last=True), help="Only incidents on or before this date.")
@click.option("--png", type=click.Path(dir_okay=False, path_type=Path), help="Draw the map to this PNG.")
@click.option("--html", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the map as one self-contained HTML file (opens offline).")
@click.option("-o", "--out", "out_dir", metavar="DIR", type=click.Path(file_okay=False, path_type=Path),
              help="Write DIR/map.png and DIR/map.html (the folder must exist).")
@json_option
@pass_app
def map_command(app: AppContext, event_type: str | None, actor: str | None, place: str | None,
                since: date | None, until: date | None, png: Path | None, html: Path | None,
                out_dir: Path | None, as_json: bool) -> None:
    """Map the incidents: points by place precision, sized by the killed.

    Writes a PNG (`--png FILE`), a self-contained HTML map with hover and click details (`--html
    FILE`), or both into a folder (`-o DIR`: DIR/map.png and DIR/map.html). The basemap is Natural
    Earth's countries, packaged with sitrep: nothing is fetched. Markers show how precisely each
    incident is placed (UCDP precision: a town, a province, only the country) and are sized by the
    most conservative toll. Incidents without coordinates are counted and listed, not drawn.
    """
    png, html = _targets(png, html, out_dir)
    found = incident_map(app.store, IncidentFilter(event_type, actor, place, since, until))
    written: dict[str, Path] = {}
    try:
        if png:
            from sitrep.analysis.map_png import write_png  # loads matplotlib: only when drawing

            written["PNG"] = write_png(found, png)
        if html:
            from sitrep.analysis.map_html import write_html

            written["HTML"] = write_html(found, html)
    except SitrepError as exc:  # one clear line, also when the command runs outside `sitrep`
        raise click.ClickException(str(exc)) from exc
    if as_json:
        emit_json({"placed": len(found.placed), "unplaced": len(found.unplaced),
                   "by_precision": {tier.key: count for tier, count in found.tiers()},
                   "extent": found.extent, "unplaced_incidents": [i.id for i in found.unplaced],
                   "files": {kind.lower(): str(path) for kind, path in written.items()}})
        return
    _summary(found)
    for kind, path in written.items():
        click.echo(f"wrote {kind}: {path}")


def _targets(png: Path | None, html: Path | None, out_dir: Path | None) -> tuple[Path | None, Path | None]:
    if out_dir is not None:
        folder = out_dir.expanduser()
        if not folder.is_dir():  # click has refused a file already
            raise click.ClickException(f"output folder {str(out_dir)!r} does not exist; create it first")
        png, html = png or folder / "map.png", html or folder / "map.html"
    if png is None and html is None:
        raise click.UsageError("nothing to write: give --png FILE, --html FILE or -o DIR")
    try:
        return (output_path(png, "PNG") if png else None), (output_path(html, "HTML") if html else None)
    except SitrepError as exc:
        raise click.ClickException(str(exc)) from exc


def _summary(found: IncidentMap) -> None:
    total = len(found.placed) + len(found.unplaced)
    click.echo(f"{total} incident{'' if total == 1 else 's'}: {len(found.placed)} placed on the map, "
                  f"{len(found.unplaced)} without coordinates")
    for tier, count in found.tiers():
        click.echo(f"  {tier.label}: {count}")
    for incident in found.unplaced[:SHOWN_UNPLACED]:
        click.echo(f"  not placed: {_line(incident)}")
    if len(found.unplaced) > SHOWN_UNPLACED:
        more = len(found.unplaced) - SHOWN_UNPLACED
        click.echo(f"  … and {more} more not placed (the HTML map lists them all)")


def _line(incident: MapIncident) -> str:
    return (f"#{incident.id} {incident.date or 'undated'} {incident.type} "
            f"{incident.place or 'place not given'} (killed {number(incident.killed)})")


COMMANDS = [map_command]
