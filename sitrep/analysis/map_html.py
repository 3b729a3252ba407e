"""The incident map as one self-contained HTML file: inline SVG, inline CSS, a few lines of plain
JavaScript, the data inline. It references nothing outside itself: it opens offline.

The basemap is the packaged Natural Earth countries, projected as in the PNG (longitude and
latitude, latitude stretched by 1/cos of the middle latitude). Hovering or clicking a marker (or
a row of the table) shows the incident: date, precision, type, place, killed, grade, sources and
each report with its sentence. Incidents without coordinates are listed under the map.
"""

from __future__ import annotations

import json
from collections import defaultdict
from html import escape
from pathlib import Path
from typing import Any

from sitrep.analysis.basemap import ATTRIBUTION, country_of, load_countries
from sitrep.analysis.map import (
    IncidentMap,
    MapIncident,
    Tier,
    country_labels,
    number,
    output_path,
    radius,
    size_legend,
)

WIDTH = 960.0  # the SVG's width in its own units (px at full size)
MAX_LABELS = 25
LAND, LAND_HIT, SEA, BORDER = "#ecebe4", "#d9d2bf", "#f4f8fb", "#9a9a9a"


class _Projection:
    def __init__(self, found: IncidentMap) -> None:
        e = found.extent
        self.west, self.north = e.west, e.north
        self.scale = WIDTH / (e.east - e.west)
        self.stretch = e.aspect
        self.height = (e.north - e.south) * e.aspect * self.scale

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.west) * self.scale, (self.north - lat) * self.stretch * self.scale


def write_html(found: IncidentMap, path: str | Path) -> Path:
    """Write ``found`` as one self-contained HTML file at ``path`` and return the path."""
    out = output_path(path, "HTML")
    out.write_text(render_html(found), encoding="utf-8")
    return out


def render_html(found: IncidentMap) -> str:
    """The whole HTML page."""
    project = _Projection(found)
    title = f"Incidents: {found.title}"
    unplaced = len(found.unplaced)
    svg = (f'<svg viewBox="0 0 {WIDTH:.0f} {project.height:.1f}" role="img" aria-label="{escape(title)}">'
           f'<rect class="sea" width="100%" height="100%"/>{_countries(found, project)}'
           f'{_markers(found, project)}{_labels(found, project)}</svg>')
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="note">{len(found.placed)} placed on the map, {unplaced} without coordinates'
        f"{' (listed below the map)' if unplaced else ''}. Hover or click a marker or a row for its details."
        "</p>",
        f'<div class="wrap"><div class="map">{svg}</div>',
        '<aside id="details"><p class="hint">Hover or click a marker.</p></aside></div>',
        _legend(found),
        _table("On the map", found.placed, placed=True),
        _table("Without coordinates (not on the map)", found.unplaced, placed=False),
        f'<p class="attr">{escape(ATTRIBUTION)}. Made by sitrep, offline.</p>',
        f'<script type="application/json" id="incidents">{_data(found)}</script>',
        f"<script>{_JS}</script>",
        "</body></html>",
        "",
    ])


def _countries(found: IncidentMap, project: _Projection) -> str:
    e = found.extent
    hits = {id(c) for code in found.countries if (c := country_of(code)) is not None}
    parts = []
    for country in load_countries():
        rings = []
        for polygon in country.flat_polygons:
            lons = [p[0] for p in polygon[0]]
            lats = [p[1] for p in polygon[0]]
            if max(lons) < e.west or min(lons) > e.east or max(lats) < e.south or min(lats) > e.north:
                continue
            for ring in polygon:
                xy = [project(lon, lat) for lon, lat in ring[:-1]]
                rings.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in xy) + "Z")
        if rings:
            cls = "land hit" if id(country) in hits else "land"
            name = escape(country.name)
            parts.append(f'<path class="{cls}" d="{"".join(rings)}"><title>{name}</title></path>')
    for name, lon, lat in country_labels(e):
        x, y = project(lon, lat)
        parts.append(f'<text class="country" x="{x:.1f}" y="{y + 22:.1f}">{escape(name)}</text>')
    return f'<g class="countries">{"".join(parts)}</g>'


def _markers(found: IncidentMap, project: _Projection) -> str:
    top = found.top_killed
    shapes = []
    for incident in sorted(found.placed, key=lambda i: -(i.killed or 0)):  # small markers on top
        assert incident.lon is not None and incident.lat is not None
        x, y = project(incident.lon, incident.lat)
        tip = escape(f"{incident.label}: {incident.type}, {incident.date or 'undated'}, killed "
                     f"{number(incident.killed)}")
        shapes.append(_shape(incident.tier, x, y, radius(incident.killed, top),
                             f'class="pt {incident.tier.key}" data-id="{incident.id}" tabindex="0"',
                             f"<title>{tip}</title>"))
    return f'<g class="points">{"".join(shapes)}</g>'


def _shape(tier: Tier, x: float, y: float, r: float, attrs: str, inner: str = "") -> str:
    if tier.hollow:
        style = f'fill="none" stroke="{tier.colour}" stroke-width="2"'
    else:
        style = f'fill="{tier.colour}" fill-opacity="0.85" stroke="#ffffff" stroke-width="1"'
    if tier.shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {style} {attrs}>{inner}</circle>'
    if tier.shape == "square":
        return (f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" {style} '
                f"{attrs}>{inner}</rect>")
    if tier.shape == "diamond":
        points = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    else:  # triangle
        points = [(x, y - r), (x + r, y + r * 0.8), (x - r, y + r * 0.8)]
    coords = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
    return f'<polygon points="{coords}" {style} {attrs}>{inner}</polygon>'


def _labels(found: IncidentMap, project: _Projection) -> str:
    at: dict[tuple[float | None, float | None], list[MapIncident]] = defaultdict(list)
    for incident in found.placed:
        at[(incident.lon, incident.lat)].append(incident)
    groups = sorted(at.values(), key=lambda g: -sum(i.killed or 0 for i in g))[:MAX_LABELS]
    texts = []
    for group in groups:
        first = group[0]
        assert first.lon is not None and first.lat is not None
        x, y = project(first.lon, first.lat)
        r = radius(max((i.killed for i in group if i.killed), default=None), found.top_killed)
        name = (first.place or "").split(",")[0]
        ids = ", ".join(f"#{i.id}" for i in group[:4]) + (f" +{len(group) - 4}" if len(group) > 4 else "")
        texts.append(f'<text x="{x + r + 3:.1f}" y="{y - 3:.1f}">{escape(f"{name} ({ids})")}</text>')
    return f'<g class="labels">{"".join(texts)}</g>'


def _legend(found: IncidentMap) -> str:
    items = []
    for tier, count in found.tiers():
        items.append(f"<li>{_icon(tier, 7)} {escape(tier.label)}: {count}</li>")
    top = found.top_killed
    sizes = [f"<li>{_icon(_GREY, radius(v, top))} {v:g} killed</li>" for v in size_legend(top)]
    sizes.append(f"<li>{_icon(_GREY, radius(None, top))} none or not reported</li>")
    unplaced = len(found.unplaced)
    missing = (f"{unplaced} incident{'' if unplaced == 1 else 's'} without coordinates: not on the map, "
               "listed below" if unplaced else "every incident listed has coordinates")
    shown = "".join(sizes) if found.placed else ""
    return (f'<section class="legend"><div><h2>Place precision (UCDP)</h2><ul>{"".join(items)}</ul>'
            f"<p>{escape(missing)}</p></div>"
            f"<div><h2>Size: killed (most conservative figure)</h2><ul>{shown}</ul></div></section>")


_GREY = Tier("size", "size", "#9a9a9a", "circle", False)


def _icon(tier: Tier, r: float) -> str:
    side = 2 * r + 4
    return (f'<svg class="icon" width="{side:.0f}" height="{side:.0f}" viewBox="0 0 {side:.1f} {side:.1f}">'
            f'{_shape(tier, side / 2, side / 2, r, "")}</svg>')


def _table(caption: str, incidents: tuple[MapIncident, ...], *, placed: bool) -> str:
    if not incidents:
        return f"<h2>{escape(caption)}</h2><p>none</p>"
    head = ["#", "date", "type", "place", "precision", "killed", "grade", "sources", "reports"]
    rows = []
    for i in incidents:
        cells = [f"#{i.id}", i.date or "undated", i.type, i.place or "not given", _precision(i),
                 _killed(i), i.grade, str(i.sources), str(len(i.reports))]
        rows.append(f'<tr data-id="{i.id}" tabindex="0">' + "".join(f"<td>{escape(c)}</td>" for c in cells)
                    + "</tr>")
    cls = "placed" if placed else "unplaced"
    return (f'<h2>{escape(caption)}</h2><table class="{cls}"><thead><tr>'
            + "".join(f"<th>{h}</th>" for h in head) + f"</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _precision(incident: MapIncident) -> str:
    if incident.precision is None:
        return "not recorded" if incident.placed else "no coordinates"
    return f"{incident.precision}: {incident.tier.label.split(' (')[0]}"


def _killed(incident: MapIncident) -> str:
    shown = number(incident.killed)
    return f"{shown} ({incident.killed_note})" if incident.killed_note else shown


def _data(found: IncidentMap) -> str:
    data: dict[str, Any] = {}
    at: dict[tuple[float | None, float | None], list[int]] = defaultdict(list)
    for i in found.placed:
        at[(i.lon, i.lat)].append(i.id)
    for i in (*found.placed, *found.unplaced):
        where = f"{i.lat:.4f}, {i.lon:.4f}" if i.lat is not None and i.lon is not None else "no coordinates"
        data[str(i.id)] = {
            "title": f"#{i.id} {i.type}" + (f" ({i.mode})" if i.mode else ""),
            "fields": [
                ["date", i.date or "undated"], ["precision", _precision(i)],
                ["place", i.place or "not given"],
                ["coordinates", where], ["killed", _killed(i)], ["grade", i.grade],
                ["sources", f"{i.sources} independent" + (": " + "; ".join(i.source_labels)
                                                          if i.source_labels else "")],
                ["reports", str(len(i.reports))],
                *(["sources differ", d] for d in i.differ),
            ],
            "reports": [{"document": r.document,
                         "meta": ", ".join(x for x in (r.date, r.place, f"killed {number(r.killed)}") if x),
                         "sentence": r.sentence} for r in i.reports],
            "here": [str(n) for n in at.get((i.lon, i.lat), []) if n != i.id] if i.placed else [],
        }
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


_CSS = f"""
body{{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.2em;color:#222;max-width:1400px}}
h1{{font-size:1.3em;margin:0 0 .2em}} h2{{font-size:1em;margin:1.2em 0 .4em}}
.note,.attr{{color:#555}} .attr{{font-size:.85em}}
.wrap{{display:flex;gap:1em;align-items:flex-start;flex-wrap:wrap}}
.map{{flex:3 1 600px;border:1px solid #ccc}} .map svg{{display:block;width:100%;height:auto}}
.sea{{fill:{SEA}}} .land{{fill:{LAND};stroke:{BORDER};stroke-width:.6}} .land.hit{{fill:{LAND_HIT}}}
.country{{font-size:12px;fill:#8a8a8a;font-style:italic;text-anchor:middle;pointer-events:none}}
.pt{{cursor:pointer;pointer-events:visible}} .pt.sel{{stroke:#000;stroke-width:3}}
.labels text{{font-size:11px;fill:#222;paint-order:stroke;stroke:#fff;stroke-width:3px;pointer-events:none}}
#details{{flex:1 1 280px;border:1px solid #ccc;padding:.6em .8em;min-height:8em;background:#fafafa}}
#details h3{{margin:0 0 .4em;font-size:1.05em}} #details dl{{display:grid;grid-template-columns:auto 1fr;
gap:.1em .8em;margin:0}} #details dt{{color:#666}} #details dd{{margin:0}}
#details ol{{padding-left:1.2em}} #details q{{display:block;color:#444;font-style:italic}}
.legend{{display:flex;gap:2em;flex-wrap:wrap}} .legend ul{{list-style:none;padding:0;margin:0}}
.legend li{{display:flex;align-items:center;gap:.4em}} .icon{{flex:none}}
table{{border-collapse:collapse}} th,td{{border-bottom:1px solid #ddd;padding:.2em .6em;text-align:left}}
tr[data-id]{{cursor:pointer}} tr.sel{{background:#fff3c4}}
"""

_JS = """
(function () {
  var data = JSON.parse(document.getElementById("incidents").textContent);
  var box = document.getElementById("details");
  function add(parent, tag, text) {
    var el = document.createElement(tag);
    if (text !== undefined) { el.textContent = text; }
    parent.appendChild(el);
    return el;
  }
  function show(id) {
    var d = data[id];
    if (!d) { return; }
    box.replaceChildren();
    add(box, "h3", d.title);
    var dl = add(box, "dl");
    d.fields.forEach(function (f) { add(dl, "dt", f[0]); add(dl, "dd", f[1]); });
    var ol = add(box, "ol");
    d.reports.forEach(function (r) {
      var li = add(ol, "li");
      add(li, "strong", r.document);
      add(li, "span", " (" + r.meta + ")");
      add(li, "q", r.sentence);
    });
    if (d.here.length) {
      var p = add(box, "p", "Also at this point: ");
      d.here.forEach(function (other) {
        var b = add(p, "button", "#" + other);
        b.type = "button";
        b.addEventListener("click", function () { show(other); });
      });
    }
    document.querySelectorAll(".sel").forEach(function (el) { el.classList.remove("sel"); });
    document.querySelectorAll('[data-id="' + id + '"]').forEach(function (el) { el.classList.add("sel"); });
  }
  document.querySelectorAll("[data-id]").forEach(function (el) {
    var id = el.getAttribute("data-id");
    el.addEventListener("mouseenter", function () { show(id); });
    el.addEventListener("click", function () { show(id); });
    el.addEventListener("focus", function () { show(id); });
  });
})();
"""
