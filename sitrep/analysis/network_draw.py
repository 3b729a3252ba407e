"""A PNG of the actor network, or of one actor's neighbourhood (matplotlib, drawn off screen).

Only matplotlib's object API is used (``Figure`` with an Agg canvas), imported when a picture is
drawn: importing sitrep never loads matplotlib, picks a backend or touches pyplot's global state.

Nodes are coloured by actor kind and sized by degree, the chosen actor outlined; the layout is
deterministic (Kamada-Kawai from a fixed start), so the same network always gives the same
picture. Edges are arrows labelled with their type, the
evidence count and the grade ("supports ×3 B2"); parallel edges curve apart; a knowledge pack's
background is dashed and labelled "(background)", event interactions are dotted. A legend
explains colours and lines.
"""

from __future__ import annotations

import math
import textwrap
import warnings
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx

from sitrep.analysis.network import BACKGROUND, EVENT, RELATION, Network, NetworkError, output_path

MAX_DRAWN = 150  # actors: more than this is unreadable in one picture; choose an actor instead
SEED = 7

KIND_COLOURS: dict[str, str] = {
    "state": "#1f77b4",
    "state_military": "#4a90d9",
    "state_security": "#17becf",
    "militia": "#d62728",
    "rebel_group": "#ff7f0e",
    "terrorist_group": "#8c1c13",
    "party": "#9467bd",
    "company": "#8c564b",
    "igo": "#2ca02c",
    "ngo": "#98df8a",
    "media": "#e377c2",
    "person": "#bcbd22",
    "civilians": "#c5b0d5",
    "other": "#7f7f7f",
}
UNKNOWN_COLOUR = "#c7c7c7"
EDGE_STYLES: dict[str, tuple[str, str, str]] = {  # kind → (line style, colour, legend text)
    RELATION: ("solid", "#333333", "stated in documents (×evidence, grade)"),
    BACKGROUND: ("dashed", "#8a8a8a", "knowledge-pack background (not document evidence)"),
    EVENT: ("dotted", "#b22222", "event: actor → recipient (PLOVER type)"),
}


def draw_png(network: Network, path: str | Path) -> Path:
    """Draw ``network`` to the PNG file ``path`` and return the path.

    Raises NotFound when the folder of ``path`` does not exist, NetworkError when there is nothing
    to draw or too many actors to draw readably (choose one, and a depth).
    """
    out = output_path(path, "PNG")
    g = network.graph
    if g.number_of_nodes() == 0:
        raise NetworkError("nothing to draw: no actor links match; widen the filters")
    if g.number_of_nodes() > MAX_DRAWN and network.focus is None:
        raise NetworkError(
            f"{g.number_of_nodes()} actors are too many to draw readably (at most {MAX_DRAWN}); "
            "choose an actor (and a depth) to draw its neighbourhood"
        )
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    positions = layout(network)
    (x0, x1), (y0, y1) = _limits(positions)
    inches = min(2.4, 28.0 / max(x1 - x0, y1 - y0))  # per unit of the layout: at most 28 in a side
    figure = Figure(figsize=((x1 - x0) * inches, (y1 - y0) * inches), dpi=150 if inches > 1.2 else 110)
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    ax.set_aspect("equal")
    ax.axis("off")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph .* missing from", category=UserWarning)
        sizes = _draw_nodes(ax, network, positions)
        _draw_edges(ax, network, positions, sizes)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        _legend(ax, network)
        ax.set_title(_title(network), loc="left", fontsize=13)
        figure.savefig(out, format="png", bbox_inches="tight", metadata={"Software": None})
    return out


def layout(network: Network) -> dict[str, tuple[float, float]]:
    """Node positions, the chosen actor at (0, 0): each connected group of actors laid out on its
    own (Kamada-Kawai: linked actors near, the rest apart), the groups side by side in rows,
    largest first. Nodes go in a fixed order from a fixed start, so the same network always
    gets the same positions; a group too large for Kamada-Kawai gets a seeded spring layout."""
    g = network.graph
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(g, key=lambda n: (g.nodes[n]["name"], n)))
    ordered.add_edges_from(sorted({(min(u, v), max(u, v)) for u, v in g.edges() if u != v}))
    groups = sorted(
        (ordered.subgraph(c).copy() for c in nx.connected_components(ordered)),
        key=lambda c: (-len(c), min(c)),
    )
    laid = [_group_layout(group) for group in groups]
    offsets = _pack([radius for _, radius in laid])
    placed = {
        node: (ox + px, oy + py)
        for (local, _), (ox, oy) in zip(laid, offsets, strict=True)
        for node, (px, py) in local.items()
    }
    ox, oy = placed.get(network.focus or "", (0.0, 0.0))
    return {node: (px - ox, py - oy) for node, (px, py) in placed.items()}


GAP = 0.6  # between groups, in layout units


def _pack(radii: list[float]) -> list[tuple[float, float]]:
    """Centres for groups of these radii, left to right in rows, the row width chosen so that the
    whole is about 3:2 (wider than high)."""

    def rows(width: float) -> tuple[list[tuple[float, float]], float, float]:
        centres, x, y, row_height, widest = [], 0.0, 0.0, 0.0, 0.0
        for r in radii:
            if x > 0 and x + 2 * r > width:
                x, y, row_height = 0.0, y - row_height - GAP, 0.0
            centres.append((x + r, y - r))
            widest = max(widest, x + 2 * r)
            x += 2 * r + GAP
            row_height = max(row_height, 2 * r)
        return centres, widest, row_height - y

    candidates = {sum(2 * r + GAP for r in radii[: i + 1]) for i in range(len(radii))}

    def misfit(width: float) -> tuple[float, float]:
        _, wide, high = rows(width)
        return abs(math.log(wide / high / 1.5)), width

    return rows(min(candidates, key=misfit))[0]


def _group_layout(group: nx.Graph) -> tuple[dict[str, tuple[float, float]], float]:
    """One connected group's positions around (0, 0), scaled to its size, and its radius."""
    if len(group) == 1:
        return {next(iter(group)): (0.0, 0.0)}, 0.3
    if len(group) <= MAX_DRAWN:
        raw = nx.kamada_kawai_layout(group, pos=nx.circular_layout(group))
    else:
        raw = nx.spring_layout(group, seed=SEED, k=2.0 / math.sqrt(len(group)), iterations=100)
    radius = 1.05 * math.sqrt(len(group)) - 0.8  # nx layouts fit in [-1, 1]: bigger groups get more room
    cx = sum(float(p[0]) for p in raw.values()) / len(raw)
    cy = sum(float(p[1]) for p in raw.values()) / len(raw)
    scaled = {n: ((float(p[0]) - cx) * radius, (float(p[1]) - cy) * radius) for n, p in raw.items()}
    return scaled, radius * 1.1


def _draw_nodes(ax: Any, network: Network, positions: dict[str, tuple[float, float]]) -> dict[str, float]:
    g = network.graph
    nodes = sorted(g, key=lambda n: (g.nodes[n]["name"], n))
    sizes = {n: 260.0 + 90.0 * min(g.degree(n), 12) + (300.0 if n == network.focus else 0.0) for n in nodes}
    ax.scatter(
        [positions[n][0] for n in nodes],
        [positions[n][1] for n in nodes],
        s=[sizes[n] for n in nodes],
        c=[KIND_COLOURS.get(g.nodes[n]["kind"] or "", UNKNOWN_COLOUR) for n in nodes],
        edgecolors=["black" if n == network.focus else "white" for n in nodes],
        linewidths=[3.0 if n == network.focus else 1.2 for n in nodes],
        zorder=3,
    )
    for n in nodes:
        x, y = positions[n]
        radius = math.sqrt(sizes[n]) / 2
        ax.annotate(
            textwrap.fill(g.nodes[n]["name"], 22),
            (x, y),
            xytext=(0, -radius - 3),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=9,
            fontweight="bold" if n == network.focus else "normal",
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.8},
            zorder=5,
        )
    return sizes


def _edge_label(data: dict[str, Any]) -> str:
    if data["kind"] == BACKGROUND:
        return f"{data['relation']} (background)"
    label = f"{data['relation']} ×{data['evidence']}"
    return f"{label} {data['grade']}" if data["grade"] else label


def _draw_edges(
    ax: Any, network: Network, positions: dict[str, tuple[float, float]], sizes: dict[str, float]
) -> None:
    from matplotlib.patches import FancyArrowPatch

    g = network.graph
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for u, v, _key, data in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        if u != v:  # an actor linked to itself cannot be drawn as an arrow; the tables list it
            pairs[(u, v)].append(data)
    for (u, v), links in pairs.items():
        (x1, y1), (x2, y2) = positions[u], positions[v]
        for i, data in enumerate(links):
            rad = 0.1 + 0.25 * i
            style, colour, _ = EDGE_STYLES[data["kind"]]
            ax.add_patch(
                FancyArrowPatch(
                    (x1, y1),
                    (x2, y2),
                    connectionstyle=f"arc3,rad={rad}",
                    arrowstyle="-|>",
                    mutation_scale=16,
                    linestyle=style,
                    linewidth=1.2 + 0.5 * min(data["evidence"], 6),
                    color=colour,
                    shrinkA=math.sqrt(sizes[u]) / 2 + 1,
                    shrinkB=math.sqrt(sizes[v]) / 2 + 1,
                    zorder=2,
                )
            )
            # A point on matplotlib's arc3 curve (a quadratic Bézier); parallel edges' labels staggered.
            cx, cy = (x1 + x2) / 2 + rad * (y2 - y1), (y1 + y2) / 2 - rad * (x2 - x1)
            at = 0.5 - 0.12 * i
            mx = (1 - at) ** 2 * x1 + 2 * (1 - at) * at * cx + at**2 * x2
            my = (1 - at) ** 2 * y1 + 2 * (1 - at) * at * cy + at**2 * y2
            ax.text(
                mx, my, _edge_label(data), fontsize=8, color=colour, ha="center", va="center",
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": colour, "lw": 0.5, "alpha": 0.9},
                zorder=4,
            )


def _limits(positions: dict[str, tuple[float, float]]) -> tuple[tuple[float, float], tuple[float, float]]:
    """The layout's extent with room for labels: ((left, right), (bottom, top)), at least 3 wide."""
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    width, height = max(max(xs) - min(xs) + 1.6, 3.0), max(max(ys) - min(ys) + 1.4, 3.0)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return (cx - width / 2, cx + width / 2), (cy - height / 2 - 0.1, cy + height / 2 - 0.1)


def _legend(ax: Any, network: Network) -> None:
    from matplotlib.lines import Line2D

    g = network.graph
    kinds = sorted({data["kind"] or "unknown" for _, data in g.nodes(data=True)})
    handles = [
        Line2D([], [], marker="o", linestyle="none", markersize=10, label=kind.replace("_", " "),
               markerfacecolor=KIND_COLOURS.get(kind, UNKNOWN_COLOUR), markeredgecolor="white")
        for kind in kinds
    ]
    present = {data["kind"] for _, _, data in g.edges(data=True)}
    for kind, (style, colour, text) in EDGE_STYLES.items():
        if kind in present:
            handles.append(Line2D([], [], linestyle=style, color=colour, linewidth=2, label=text))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9, frameon=False,
              title="actor kinds and links", title_fontsize=10, alignment="left")


def _title(network: Network) -> str:
    g = network.graph
    counts = f"{g.number_of_nodes()} actors, {g.number_of_edges()} links"
    if network.focus is None:
        return f"Actor network: {counts}"
    depth = network.depth or 0
    return f"Neighbourhood of {g.nodes[network.focus]['name']} ({depth} link{'' if depth == 1 else 's'} " \
           f"away): {counts}"
