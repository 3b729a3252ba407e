"""The incident map as a PNG (matplotlib's object API with an Agg canvas, imported when drawing).

Countries come from the packaged basemap, those with incidents shaded; markers are shaped and
coloured by place precision (hollow for an incident known only to its country) and sized by the
killed; a legend explains both and counts the incidents without coordinates, which are not drawn.
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from pathlib import Path
from typing import Any

from sitrep.analysis.basemap import ATTRIBUTION, country_of, load_countries
from sitrep.analysis.map import (
    R_MAX,
    Extent,
    IncidentMap,
    MapIncident,
    Tier,
    country_labels,
    output_path,
    radius,
    size_legend,
)

MARKERS = {"circle": "o", "diamond": "D", "triangle": "^", "square": "s"}
LAND, LAND_HIT, SEA, BORDER = "#ecebe4", "#d9d2bf", "#f4f8fb", "#9a9a9a"
MAX_LABELS = 25  # places labelled; beyond this only the deadliest


def write_png(found: IncidentMap, path: str | Path) -> Path:
    """Draw ``found`` to the PNG file ``path`` and return the path (NotFound: no such folder)."""
    out = output_path(path, "PNG")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    extent = found.extent
    width = 10.0
    height = max(3.5, min(9.0, width * (extent.north - extent.south) * extent.aspect
                          / (extent.east - extent.west)))
    figure = Figure(figsize=(width, height), dpi=120)
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    ax.set_facecolor(SEA)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph .* missing from", category=UserWarning)
        _draw_countries(ax, extent, set(found.countries))
        for name, lon, lat in country_labels(extent):
            ax.annotate(name, (lon, lat), xytext=(0, -12), textcoords="offset points", fontsize=9,
                        color="#8a8a8a", style="italic", ha="center", va="top", zorder=2,
                        annotation_clip=True)  # below the country's point, where country-level markers go
        _draw_points(ax, found)
        _label(ax, found.placed)
        ax.set_xlim(extent.west, extent.east)
        ax.set_ylim(extent.south, extent.north)
        ax.set_aspect(extent.aspect)
        _axes(ax)
        _legend(ax, found)
        ax.set_title(f"Incidents: {found.title}", loc="left", fontsize=11)
        figure.text(0.01, 0.005, ATTRIBUTION, fontsize=7, color="#666666")
        figure.savefig(out, format="png", bbox_inches="tight", metadata={"Software": None})
    return out


def _draw_countries(ax: Any, extent: Extent, shaded: set[str]) -> None:
    from matplotlib.collections import PathCollection
    from matplotlib.path import Path as MplPath

    hits = {id(c) for code in shaded if (c := country_of(code)) is not None}
    paths, colours = [], []
    for country in load_countries():
        for polygon in country.flat_polygons:
            lons = [p[0] for p in polygon[0]]
            lats = [p[1] for p in polygon[0]]
            if max(lons) < extent.west or min(lons) > extent.east or max(lats) < extent.south \
                    or min(lats) > extent.north:
                continue
            vertices = [p for ring in polygon for p in ring]
            codes = [code for ring in polygon for code in
                     [MplPath.MOVETO, *[MplPath.LINETO] * (len(ring) - 2), MplPath.CLOSEPOLY]]
            paths.append(MplPath(vertices, codes))
            colours.append(LAND_HIT if id(country) in hits else LAND)
    ax.add_collection(PathCollection(paths, facecolors=colours, edgecolors=BORDER, linewidths=0.5, zorder=1))


def _draw_points(ax: Any, found: IncidentMap) -> None:
    top = found.top_killed
    by_tier: dict[str, list[MapIncident]] = defaultdict(list)
    for incident in sorted(found.placed, key=lambda i: -(i.killed or 0)):  # small markers on top
        by_tier[incident.tier.key].append(incident)
    for tier, _count in found.tiers():
        group = by_tier[tier.key]
        sizes = [_area(radius(i.killed, top)) for i in group]
        ax.scatter([i.lon for i in group], [i.lat for i in group], s=sizes, **_style(tier), zorder=3)


def _style(tier: Tier) -> dict[str, Any]:
    if tier.hollow:
        return {"marker": MARKERS[tier.shape], "facecolors": "none", "edgecolors": tier.colour,
                "linewidths": 1.8}
    return {"marker": MARKERS[tier.shape], "c": tier.colour, "edgecolors": "white", "linewidths": 0.8,
            "alpha": 0.85}


def _area(r: float) -> float:
    return (2 * r) ** 2  # scatter sizes are points squared (the marker's width squared)


def _label(ax: Any, placed: tuple[MapIncident, ...]) -> None:
    at: dict[tuple[float | None, float | None], list[MapIncident]] = defaultdict(list)
    for incident in placed:
        at[(incident.lon, incident.lat)].append(incident)
    groups = sorted(at.values(), key=lambda g: -sum(i.killed or 0 for i in g))[:MAX_LABELS]
    for group in groups:
        first = group[0]
        ids = ", ".join(f"#{i.id}" for i in group[:4]) + (f" +{len(group) - 4}" if len(group) > 4 else "")
        name = (first.place or "").split(",")[0]
        ax.annotate(f"{name} ({ids})", (first.lon, first.lat), xytext=(7, 5), textcoords="offset points",
                    fontsize=8, zorder=5,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75})


def _axes(ax: Any) -> None:
    from matplotlib.ticker import FuncFormatter

    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: degrees(v, "E", "W")))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: degrees(v, "N", "S")))
    ax.tick_params(labelsize=7, colors="#555555")
    ax.grid(color="#bbbbbb", linewidth=0.3, alpha=0.6, zorder=0)


def degrees(value: float, positive: str, negative: str) -> str:
    """An axis label: 45°E, 2.5°S, 0°."""
    return f"{abs(value):g}°{positive if value > 0 else negative if value < 0 else ''}"


def _legend(ax: Any, found: IncidentMap) -> None:
    from matplotlib.lines import Line2D

    handles: list[Any] = []
    for tier, count in found.tiers():
        handles.append(Line2D([], [], linestyle="none", marker=MARKERS[tier.shape], markersize=8,
                              markerfacecolor="none" if tier.hollow else tier.colour,
                              markeredgecolor=tier.colour, markeredgewidth=1.8 if tier.hollow else 0.8,
                              label=f"{tier.label}: {count}"))
    top = found.top_killed
    for value in size_legend(top) if found.placed else []:
        handles.append(Line2D([], [], linestyle="none", marker="o", markerfacecolor="#bbbbbb",
                              markeredgecolor="#777777", markersize=2 * radius(value, top),
                              label=f"{value:g} killed"))
    if found.placed:
        handles.append(Line2D([], [], linestyle="none", marker="o", markerfacecolor="#bbbbbb",
                              markeredgecolor="#777777", markersize=2 * radius(None, top),
                              label="none or not reported"))
    unplaced = len(found.unplaced)
    handles.append(Line2D([], [], linestyle="none", marker="", label=(
        f"{unplaced} incident{'' if unplaced == 1 else 's'} without coordinates: not drawn"
        if unplaced else "every incident has coordinates")))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8, frameon=False,
              title="place precision (UCDP) · size: killed", title_fontsize=8, labelspacing=0.6,
              handleheight=2 * R_MAX / 8 * 0.8, handlelength=2 * R_MAX / 8 * 0.8, borderaxespad=0.0)
