"""Charts for a report: the timeline (incidents on a time axis, one row per type, coloured by type,
sized by the killed; a date known only to its week, month or year drawn as a bar across all the
days it may mean, never as a dot on its first day) and the trend (incidents per period as bars,
the killed as a line on a second axis). Milestones are labelled vertical lines on both.

PNG or SVG, by the file's suffix. Matplotlib (Agg, no display) is imported only when drawing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sitrep.analysis.milestones import Milestone
from sitrep.analysis.timeline import TimelineEntry
from sitrep.analysis.trends import Trend
from sitrep.errors import SitrepError

FORMATS: tuple[str, ...] = ("png", "svg")
# Colour-blind-safe (Okabe-Ito), in the order types are first met.
PALETTE: tuple[str, ...] = ("#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
                            "#F0E442", "#000000")
MILESTONE_COLOUR = "#555555"


def chart_format(path: Path) -> str:
    """``png`` or ``svg`` from the suffix; a clear error for anything else."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise SitrepError(f"{path}: a chart is written as .png or .svg, not {path.suffix or 'no suffix'!r}")
    return suffix


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _offset(nth: int) -> float:
    """0, +0.15, -0.15, +0.3, -0.3, … within a type's row (at most ±0.4)."""
    step = (nth + 1) // 2 * 0.15 * (1 if nth % 2 else -1)
    return max(-0.4, min(0.4, step))


def _size(killed: float | None) -> float:
    """Marker area (points²): a small dot for none or unknown, growing with the square root."""
    return 30.0 + 60.0 * (killed or 0.0) ** 0.5


def timeline_chart(entries: Sequence[TimelineEntry], path: Path, *, title: str = "Timeline",
                   milestones: Sequence[Milestone] = ()) -> Path:
    """Draw the dated ``entries`` (undated ones cannot be placed; the caption counts them)."""
    fmt = chart_format(path)
    dated = [e for e in entries if e.first is not None and e.last is not None]
    if not dated:
        raise SitrepError(f"{path}: no dated incident to draw (the timeline has {len(entries)} incidents, "
                          "none with a date)")
    plt = _pyplot()
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    types = list(dict.fromkeys(e.type for e in dated))
    colours = {kind: PALETTE[n % len(PALETTE)] for n, kind in enumerate(types)}
    rows = {kind: n for n, kind in enumerate(reversed(types))}
    fig, ax = plt.subplots(figsize=(11, max(3.2, 1.6 + 0.7 * len(types))), dpi=150)
    spans = False
    stacked: dict[tuple[str, date, date], int] = {}
    for entry in dated:
        assert entry.first is not None and entry.last is not None
        # Incidents of one type on the same days are stacked a little apart, not drawn over each other.
        same = (entry.type, entry.first, entry.last)
        nth = stacked[same] = stacked.get(same, -1) + 1
        y, colour = rows[entry.type] + _offset(nth), colours[entry.type]
        if entry.last > entry.first:
            spans = True
            width = (entry.last - entry.first) + timedelta(days=1)
            ax.barh(y, width, left=entry.first, height=0.35, color=colour, alpha=0.35,
                    edgecolor=colour, linewidth=0.8, zorder=2)
            middle = entry.first + width / 2
            ax.scatter([middle], [y], s=_size(entry.killed), facecolors="none", edgecolors=colour,
                       linewidths=1.2, zorder=3)
        else:
            ax.scatter([datetime.combine(entry.first, time(12))], [y], s=_size(entry.killed), color=colour,
                       alpha=0.8, edgecolors="white", linewidths=0.6, zorder=3)
    first = min(e.first for e in dated if e.first)
    last = max(e.last for e in dated if e.last)
    pad = max(timedelta(days=2), (last - first) / 30)
    ax.set_xlim(first - pad, last + pad + timedelta(days=1))
    _milestones(ax, milestones, first - pad, last + pad)
    ax.set_yticks(list(rows.values()), list(rows.keys()))
    ax.set_ylim(-0.8, len(types) - 0.2)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6, zorder=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.autofmt_xdate()
    handles: list[Any] = [Patch(color=colours[k], label=k) for k in types]
    handles += [Line2D([], [], linestyle="none", marker="o", markersize=(_size(k) ** 0.5) / 1.4,
                       color="#777777", label=f"{k:g} killed") for k in (0, 10, 50)]
    if spans:
        handles.append(Patch(facecolor="#777777", alpha=0.35, label="date known to a week, month or range"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
    undated = len(entries) - len(dated)
    caption = f"{len(dated)} incidents" + (f"; {undated} undated, not drawn" if undated else "")
    ax.set_title(title, loc="left", fontsize=12, fontweight="bold")
    _caption(ax, caption + ". Size: killed (most conservative figure).")
    return _save(fig, plt, path, fmt)


def trend_chart(trend: Trend, path: Path, *, title: str = "Trend",
                milestones: Sequence[Milestone] = ()) -> Path:
    """Incidents per period as bars, the killed as a line (right axis)."""
    fmt = chart_format(path)
    if not trend.periods:
        raise SitrepError(f"{path}: no period to draw (no dated incident matches)")
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(11, 4.2), dpi=150)
    starts = [p.start for p in trend.periods]
    widths = [(p.end - p.start) + timedelta(days=1) for p in trend.periods]
    ax.bar(starts, [p.incidents for p in trend.periods], width=[w * 0.85 for w in widths], align="edge",
           color="#0072B2", label="incidents", zorder=2)
    ax.set_ylabel(f"incidents per {trend.by}")
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    killed = ax.twinx()
    middles = [datetime.combine(p.start, time()) + w / 2 for p, w in zip(trend.periods, widths, strict=True)]
    killed.plot(middles,
                [p.killed for p in trend.periods], color="#D55E00", marker="o", markersize=3,
                linewidth=1.4, label="killed", zorder=3)
    killed.set_ylabel("killed")
    killed.set_ylim(bottom=0)
    ax.set_ylim(bottom=0)
    first, last = trend.periods[0].start, trend.periods[-1].end
    ax.set_xlim(first, last + timedelta(days=1))
    _milestones(ax, milestones, first, last)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6, zorder=0)
    bars, labels = ax.get_legend_handles_labels()
    line, line_label = killed.get_legend_handles_labels()
    ax.legend(bars + line, labels + line_label, loc="upper left", frameon=False, fontsize=8)
    fig.autofmt_xdate()
    ax.set_title(title, loc="left", fontsize=12, fontweight="bold")
    left_out = [f"{trend.imprecise} dated too coarsely for a {trend.by}"] if trend.imprecise else []
    left_out += [f"{trend.undated} undated"] if trend.undated else []
    caption = f"{trend.incidents} incidents, {trend.killed:g} killed" + (
        f" (not counted: {', '.join(left_out)})" if left_out else "")
    _caption(ax, caption + ".")
    return _save(fig, plt, path, fmt)


def _milestones(ax: Any, milestones: Sequence[Milestone], first: date, last: date) -> None:
    """Each milestone within the axis as a dashed vertical line labelled at the top."""
    for milestone in milestones:
        if not first <= milestone.day <= last:
            continue
        noon = datetime.combine(milestone.day, time(12))  # where that day's incidents are drawn
        ax.axvline(noon, color=MILESTONE_COLOUR, linestyle="--", linewidth=1.0, zorder=4)
        ax.annotate(f"{milestone.label} ({milestone.day.isoformat()})", xy=(noon, 1.0),
                    xycoords=("data", "axes fraction"), xytext=(3, -3), textcoords="offset points",
                    rotation=90, va="top", ha="left", fontsize=7, color=MILESTONE_COLOUR, zorder=5,
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none",
                          "alpha": 0.8})


def _caption(ax: Any, text: str) -> None:
    """A line under the chart, below the dates."""
    ax.set_xlabel(text, fontsize=7, color="#555555", loc="left", labelpad=8)


def _save(fig: Any, plt: Any, path: Path, fmt: str) -> Path:
    try:
        fig.savefig(path, format=fmt, bbox_inches="tight")
    except OSError as exc:
        raise SitrepError(f"{path}: could not write the chart: {exc.strerror or exc}") from exc
    finally:
        plt.close(fig)
    return path
