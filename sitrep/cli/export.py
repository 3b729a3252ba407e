"""`sitrep export FORMAT -o FILE`: the picture in the formats other tools read.

One row or record per incident (the merged picture, not each report) for acled, plover, stix and
geojson; the actor network for graphml and gexf. Filters as for `sitrep incidents`.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from sitrep.analysis.network import NetworkFilter, build_network, output_path, write_gexf, write_graphml
from sitrep.cli.context import AppContext, Day, pass_app
from sitrep.cli.render import console, counted
from sitrep.errors import SitrepError
from sitrep.export.acled import acled_export, write_acled
from sitrep.export.geojson import geojson_collection, write_geojson
from sitrep.export.plover import incident_records
from sitrep.export.stix import stix_export, write_stix
from sitrep.model.vocab import PLOVER_TYPES
from sitrep.resolve.picture import IncidentFilter, incidents

FORMATS = ("acled", "plover", "stix", "geojson", "graphml", "gexf")


@click.command("export")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(FORMATS, case_sensitive=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The file to write (its folder must exist).")
@click.option("--type", "event_type", type=click.Choice(PLOVER_TYPES, case_sensitive=False),
              help="Only incidents of this PLOVER type.")
@click.option("--actor", help="Only incidents naming this actor in any report (part of a name).")
@click.option("--place",
              help="Only incidents at this place (part of its name or province, or a country code).")
@click.option("--since", type=Day(),
              help="Only incidents on or after this date (YYYY, YYYY-MM, YYYY-MM-DD).")
@click.option("--until", type=Day(last=True), help="Only incidents on or before this date.")
@pass_app
def export_command(app: AppContext, fmt: str, output: Path, event_type: str | None, actor: str | None,
                   place: str | None, since: date | None, until: date | None) -> None:
    """Write the picture as FORMAT to FILE.

    \b
    acled    ACLED-shaped CSV: ACLED's columns and codes, one row per incident, the most
             conservative death toll, a note where sources differ (incidents ACLED does not
             code, such as meetings, are left out and counted)
    plover   PLOVER JSONL, one record per incident
    stix     STIX 2.1 bundle: reports with their footnotes, actors, places, relations, and
             incidents as the declared custom object x-sitrep-incident
    geojson  GeoJSON FeatureCollection of the located incidents (points)
    graphml  the actor network as GraphML (--since/--until/--actor apply)
    gexf     the actor network as GEXF, for Gephi (--since/--until/--actor apply)

    Run `sitrep resolve` first to bring the incidents up to date.
    """
    fmt = fmt.lower()
    where = IncidentFilter(event_type, actor, place, since, until)
    try:
        output_path(output, fmt.upper())  # a missing folder fails before any work
        lines = _export(app, fmt, where, output)
    except SitrepError as exc:  # one clear line, also when the command runs outside `sitrep`
        raise click.ClickException(str(exc)) from exc
    if where == IncidentFilter() and fmt not in ("graphml", "gexf") and not incidents(app.store) \
            and app.store.documents():
        lines.append("the store has no incidents yet: run `sitrep resolve` to build the picture")
    for line in lines:
        console.print(line, highlight=False, soft_wrap=True)


def _export(app: AppContext, fmt: str, where: IncidentFilter, output: Path) -> list[str]:
    store = app.store
    if fmt == "acled":
        acled = acled_export(store, where)
        path = write_acled(acled, output)
        lines = [f"wrote {counted(len(acled.rows), 'ACLED row')} to {path}"]
        if acled.left_out:
            reasons = ", ".join(f"{n} {why}" for why, n in sorted(acled.left_out.items()))
            lines.append(f"left out {counted(acled.left_out_total, 'incident')}: {reasons}")
        return lines
    if fmt == "plover":
        found = incidents(store, where)
        stored = {e.id: e for e in store.events(titles=True)}
        records = list(incident_records(found, stored))
        path = output_path(output, "PLOVER JSONL")
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        return [f"wrote {counted(len(records), 'PLOVER record')} (one per incident) to {path}"]
    if fmt == "stix":
        bundle = stix_export(store, where)
        path = write_stix(bundle, output)
        counts = ", ".join(f"{n} {kind}" for kind, n in bundle.counts.items())
        return [f"wrote a STIX 2.1 bundle of {sum(bundle.counts.values())} objects to {path}", counts]
    if fmt == "geojson":
        stored = {e.id: e for e in store.events(titles=True)}
        geo = geojson_collection(incidents(store, where), stored)
        path = write_geojson(geo, output)
        lines = [f"wrote {counted(geo.features, 'GeoJSON feature')} (located incidents) to {path}"]
        if geo.unlocated:
            lines.append(f"left out {counted(geo.unlocated, 'incident')} with no coordinates")
        return lines
    if where.type or where.place:
        raise click.UsageError(f"{fmt} exports the actor network: --type and --place do not apply "
                               "(use --actor, --since, --until)")
    network = build_network(store, NetworkFilter(since=where.since, until=where.until, actor=where.actor))
    path = write_graphml(network, output) if fmt == "graphml" else write_gexf(network, output)
    graph = network.graph
    links = graph.number_of_edges()
    return [f"wrote the actor network ({graph.number_of_nodes()} actors, {counted(links, 'link')}) "
            f"as {'GraphML' if fmt == 'graphml' else 'GEXF'} to {path}"]


COMMANDS = [export_command]
