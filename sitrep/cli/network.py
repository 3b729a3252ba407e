"""`sitrep network`: the actor network as tables, GraphML/GEXF files and a PNG picture."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from sitrep.analysis.network import (
    BACKGROUND,
    EVENT,
    FALLBACK,
    Centrality,
    Network,
    NetworkEdge,
    NetworkFilter,
    build_network,
    centrality,
    edges,
    write_gexf,
    write_graphml,
)
from sitrep.cli.context import AppContext, Day, json_option, pass_app
from sitrep.cli.render import console, emit_json, format_date, print_table
from sitrep.errors import SitrepError
from sitrep.model.vocab import PLOVER_TYPES, RELATION_TYPES

_SHOWN_DOCUMENTS = 3


@click.command("network")
@click.option("--actor", help="Only this actor's neighbourhood (its name, part of it, or its pack id).")
@click.option(
    "--depth", type=click.IntRange(min=0), help="With --actor: how many links away to go (default 1)."
)
@click.option(
    "--type",
    "types",
    multiple=True,
    type=click.Choice([*RELATION_TYPES, *PLOVER_TYPES], case_sensitive=False),
    help="Only links of this type (repeat for more); PLOVER types with --events.",
)
@click.option("--since", type=Day(), help="Only statements dated on or after this day (YYYY[-MM[-DD]]).")
@click.option("--until", type=Day(last=True), help="Only statements dated on or before this day.")
@click.option("--text-only", is_flag=True, help="Leave out knowledge packs' background relations.")
@click.option("--events", is_flag=True, help="Add actor → recipient links of asserted events (PLOVER types).")
@click.option("--graphml", type=click.Path(dir_okay=False, path_type=Path), help="Write GraphML here.")
@click.option("--gexf", type=click.Path(dir_okay=False, path_type=Path), help="Write GEXF (Gephi) here.")
@click.option("--png", type=click.Path(dir_okay=False, path_type=Path), help="Draw the network to this PNG.")
@json_option
@pass_app
def network_command(
    app: AppContext,
    actor: str | None,
    depth: int | None,
    types: tuple[str, ...],
    since: date | None,
    until: date | None,
    text_only: bool,
    events: bool,
    graphml: Path | None,
    gexf: Path | None,
    png: Path | None,
    as_json: bool,
) -> None:
    """The actor network: who directs, supports, funds, opposes whom, with the evidence.

    Lists each link (source → type → target) with its evidence count (sentences stating it), the
    documents, when it was first and last seen, its origin and its grade; a knowledge pack's
    background is listed as such and never counted as evidence. Then each actor's centrality in
    the network shown: in/out links, betweenness and PageRank. `--graphml`, `--gexf` and `--png`
    write files and print their paths; `--png` with `--actor` draws that actor's neighbourhood.
    """
    if depth is not None and not actor:
        raise click.UsageError("--depth needs --actor: the neighbourhood of which actor?")
    where = NetworkFilter(
        types=frozenset(types), since=since, until=until, text_only=text_only, events=events,
        actor=actor, depth=1 if depth is None else depth,
    )
    try:
        network = build_network(app.store, where)
        written = _write_files(network, graphml=graphml, gexf=gexf, png=png)
    except SitrepError as exc:  # one clear line, also when the command runs outside `sitrep`
        raise click.ClickException(str(exc)) from exc
    links, ranks = edges(network), centrality(network)
    if as_json:
        emit_json(
            {
                "resolution": network.resolution,
                "focus": network.focus,
                "depth": network.depth,
                "edges": links,
                "centrality": ranks,
                "files": {kind: str(path) for kind, path in written.items()},
            }
        )
        return
    if network.resolution == FALLBACK:
        console.print("actors are not resolved across documents yet: grouped by pack id, else by name")
    print_table(_title(network, len(links)), _EDGE_COLUMNS, [_edge_row(e) for e in links])
    print_table("centrality", _RANK_COLUMNS, [_rank_row(r) for r in ranks])
    for kind, path in written.items():
        console.print(f"wrote {kind}: {path}")


def _write_files(
    network: Network, *, graphml: Path | None, gexf: Path | None, png: Path | None
) -> dict[str, Path]:
    written: dict[str, Path] = {}
    if graphml:
        written["GraphML"] = write_graphml(network, graphml)
    if gexf:
        written["GEXF"] = write_gexf(network, gexf)
    if png:
        from sitrep.analysis.network_draw import draw_png  # loads matplotlib: only when drawing

        written["PNG"] = draw_png(network, png)
    return written


_EDGE_COLUMNS = ["source", "type", "target", "evidence", "documents", "first seen", "last seen", "origin",
                 "grade"]
_RANK_COLUMNS = ["actor", "kind", "in", "out", "betweenness", "pagerank"]


def _title(network: Network, count: int) -> str:
    noun = f"{count} link{'' if count == 1 else 's'}"
    if network.focus is None:
        return noun
    name = network.graph.nodes[network.focus]["name"]
    return f"{noun} around {name} (depth {network.depth})"


def _edge_row(edge: NetworkEdge) -> list[Any]:
    shown = [d[:8] for d in edge.documents[:_SHOWN_DOCUMENTS]]
    if len(edge.documents) > _SHOWN_DOCUMENTS:
        shown.append(f"+{len(edge.documents) - _SHOWN_DOCUMENTS} more")
    if edge.kind == BACKGROUND:
        origin = f"background ({edge.origin})"
    elif edge.kind == EVENT:
        origin = "event"
    else:
        origin = edge.origin
    return [
        edge.source, edge.type, edge.target, edge.evidence, " ".join(shown), format_date(edge.first_seen),
        format_date(edge.last_seen), origin, edge.grade,
    ]


def _rank_row(rank: Centrality) -> list[Any]:
    return [rank.actor, rank.kind, rank.in_degree, rank.out_degree, f"{rank.betweenness:.3f}",
            f"{rank.pagerank:.3f}"]


COMMANDS = [network_command]
