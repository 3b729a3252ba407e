"""The actor network: who directs, supports, funds, opposes whom, with the evidence for each link.

The graph is a ``networkx.MultiDiGraph``. Its nodes are canonical actors (one per actor across
the store); its edges are the stored relations grouped by (source, type, target, kind), so that
each edge is one typed, directed link with everything that supports it:

- ``kind`` "relation": documents state it. ``evidence`` counts the sentences that do;
  ``documents``, ``notes`` and ``statements`` say which; ``first_seen``/``last_seen`` are the
  earliest and latest dates of those statements (the date of an asserted event stated in the same
  sentence when there is one, else the document's publication date); ``grade`` is the Admiralty
  grade ("B2") that ``sitrep.resolve.grading.relation_grades`` gives the link, when that module is
  installed and grades it, else "" (``grade_reasons`` says why, in words).
- ``kind`` "background": a knowledge pack's background (relation origin ``pack:NAME``). It is a
  separate edge from any "relation" edge of the same type, has ``evidence`` 0, no documents, no
  dates and no grade, and ``packs`` names where it comes from: background never counts as what a
  document said.
- ``kind`` "event" (only when asked for): actor → recipient of asserted events, typed by PLOVER
  type (ASSAULT, COERCE, …), with the event reports as evidence and the best grade of their
  incidents (``incidents.reliability``/``credibility``) once the picture across documents has
  been rebuilt and graded (``sitrep.resolve.picture``); this module does not rebuild it.

Edge keys are ``"KIND:TYPE"`` ("relation:supports", "background:supports", "event:ASSAULT"); the
type itself is the ``relation`` attribute (not ``type``, which GEXF reserves).

Canonical actors come from ``canonical_actors``/``actor_links``. When they are stale (an ``actors``
row without a link: never resolved, or extracted since; ``needs_resolution`` says), ``build_network``
runs ``sitrep.resolve.actor_store.resolve_actors`` first if that module is installed. When links are
still missing, every actor is grouped without them: by pack id ("pack:ID"), else by the folded
name ("person:NAME" for people, "group:NAME" for the rest), and ``Network.resolution`` says
"fallback" so that callers can tell the user.

Centrality (``centrality``): in/out degree count typed edges; betweenness (normalised) runs on
the graph with parallel edges collapsed; PageRank follows edge direction with each pair's weight
the sum of its edges' evidence (a background edge weighs 1), so it ranks actors that well-ranked
actors direct, support, fund or belong to.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import sqlalchemy as sa

from sitrep.errors import NotFound, SitrepError
from sitrep.knowledge.names import alias_key
from sitrep.model.vocab import PLOVER_TYPES, RELATION_TYPES
from sitrep.resolve.actor_store import ensure_resolved
from sitrep.resolve.grading import relation_grades
from sitrep.store import tables as t
from sitrep.store.store import Store

RELATION = "relation"
BACKGROUND = "background"
EVENT = "event"
EDGE_KINDS: tuple[str, ...] = (RELATION, BACKGROUND, EVENT)

CANONICAL = "canonical"
FALLBACK = "fallback"



class NetworkError(SitrepError):
    """A network request that cannot be met: an ambiguous actor, a bad depth, a bad output path."""


@dataclass(frozen=True, slots=True)
class NetworkFilter:
    """Which part of the network to build; every field given must hold.

    ``types``: relation types (directs, supports, …) and, with ``events``, PLOVER types; any case.
    ``since``/``until``: only statements dated that day or later / earlier (undated statements then
    drop out; background, which has no date, stays unless ``text_only``). ``text_only``: leave out
    knowledge packs' background. ``events``: add actor → recipient edges of asserted events.
    ``actor``/``depth``: only the actor's neighbourhood, ``depth`` links away in either direction.
    """

    types: frozenset[str] = frozenset()
    since: date | None = None
    until: date | None = None
    text_only: bool = False
    events: bool = False
    actor: str | None = None
    depth: int = 1


@dataclass(frozen=True, slots=True)
class Statement:
    """One passage behind an edge: a relation a sentence states, or an event report."""

    document_id: str
    document_title: str | None
    sentence: str
    notes: tuple[int, ...]
    date: date | None
    date_source: str | None  # sentence (an event's date in that sentence) | event | published | None


@dataclass(frozen=True, slots=True)
class NetworkEdge:
    """One typed, directed link and what supports it (see the module's docstring)."""

    source: str
    type: str
    target: str
    kind: str
    evidence: int
    documents: tuple[str, ...]
    notes: tuple[str, ...]
    first_seen: date | None
    last_seen: date | None
    origin: str
    grade: str
    source_key: str
    target_key: str
    grade_reasons: tuple[str, ...] = ()
    statements: tuple[Statement, ...] = ()


@dataclass(frozen=True, slots=True)
class Centrality:
    """One actor's place in the network."""

    actor: str
    kind: str | None
    country: str | None
    in_degree: int
    out_degree: int
    betweenness: float
    pagerank: float
    key: str


@dataclass(frozen=True, slots=True)
class Network:
    """The graph and how it was made. ``focus``: the chosen actor's node, if one was chosen;
    ``resolution``: "canonical" (resolved actors) or "fallback" (grouped by pack id or name)."""

    graph: nx.MultiDiGraph
    resolution: str
    focus: str | None = None
    depth: int | None = None
    filter: NetworkFilter = field(default_factory=NetworkFilter)


# -- building ------------------------------------------------------------------------------------


def build_network(store: Store, where: NetworkFilter | None = None, *, resolve: bool = True) -> Network:
    """The actor network of everything in ``store`` that ``where`` selects.

    With ``resolve`` (default), actors not yet linked to a canonical actor are resolved first
    when ``sitrep.resolve`` is installed (a write). Raises NotFound for an actor no stored actor
    matches, NetworkError for an ambiguous one or a depth below 0, and for an unknown type.
    """
    where = where or NetworkFilter()
    _check_filter(where)
    if resolve:
        ensure_resolved(store)
    with store.connection() as conn:
        return load_network(conn, where)


def load_network(conn: sa.Connection, where: NetworkFilter | None = None) -> Network:
    """``build_network`` on a connection the caller holds, without resolving anything first."""
    where = where or NetworkFilter()
    _check_filter(where)
    actors, resolution = _actors(conn)
    graph = nx.MultiDiGraph(resolution=resolution)
    types = {s.lower() for s in where.types}
    _add_relations(graph, conn, actors, where, types)
    if where.events:
        _add_events(graph, conn, actors, where, types)
    if resolution == CANONICAL:
        _add_grades(graph, conn, actors)
    focus = None
    if where.actor:
        focus = _find_actor(where.actor, actors.nodes)
        if focus not in graph:
            graph.add_node(focus, **actors.nodes[focus])
        graph = _neighbourhood(graph, focus, where.depth)
    return Network(graph, resolution, focus, where.depth if focus else None, where)


def _check_filter(where: NetworkFilter) -> None:
    if where.depth < 0:
        raise NetworkError(
            f"depth {where.depth} is below 0; give 1 for an actor's direct links, 2 for theirs too, …"
        )
    valid = {*RELATION_TYPES, *(p.lower() for p in PLOVER_TYPES)} if where.events else set(RELATION_TYPES)
    unknown = sorted(s for s in where.types if s.lower() not in valid)
    if unknown:
        hint = "" if where.events else " (PLOVER types need events included)"
        raise NetworkError(
            f"unknown type {', '.join(map(repr, unknown))}{hint}; valid: {', '.join(sorted(valid))}"
        )
    if where.since and where.until and where.since > where.until:
        raise NetworkError(f"since {where.since} is after until {where.until}; no statement can match")


def _unlinked(conn: sa.Connection) -> int:
    a, link = t.actors.c, t.actor_links.c
    query = (
        sa.select(sa.func.count())
        .select_from(t.actors.outerjoin(t.actor_links, link.actor_id == a.id))
        .where(link.actor_id.is_(None))
    )
    return int(conn.execute(query).scalar_one())


# -- actors ---------------------------------------------------------------------------------------


@dataclass
class _Actors:
    """Canonical actors: node attributes by node key, and each ``actors`` row's node key."""

    nodes: dict[str, dict[str, Any]]
    of_row: dict[int, str]
    ids: dict[str, int]  # node key → canonical_actors.id (canonical resolution only)


def _actors(conn: sa.Connection) -> tuple[_Actors, str]:
    a = t.actors.c
    rows = list(conn.execute(sa.select(a.id, a.name, a.kind, a.country, a.pack_id).order_by(a.id)).mappings())
    if rows and _unlinked(conn) == 0:
        return _canonical_actors(conn, rows), CANONICAL
    return _fallback_actors(rows), (CANONICAL if not rows else FALLBACK)


def _canonical_actors(conn: sa.Connection, rows: Sequence[Mapping[str, Any]]) -> _Actors:
    link = t.actor_links.c
    canon = {r["id"]: r for r in conn.execute(sa.select(t.canonical_actors)).mappings()}
    links = dict(conn.execute(sa.select(link.actor_id, link.canonical_id)).tuples().all())
    names: dict[int, Counter[str]] = defaultdict(Counter)
    for row in rows:
        names[links[row["id"]]][row["name"]] += 1
    nodes, ids = {}, {}
    for cid, r in canon.items():
        nodes[r["key"]] = _node(r["key"], r["name"], r["kind"], r["country"], r["pack_id"], names[cid])
        nodes[r["key"]]["canonical_id"] = cid
        ids[r["key"]] = cid
    return _Actors(nodes, {row["id"]: canon[links[row["id"]]]["key"] for row in rows}, ids)


def _fallback_key(row: Mapping[str, Any]) -> str:
    if row["pack_id"]:
        return f"pack:{row['pack_id']}"
    return f"{'person' if row['kind'] == 'person' else 'group'}:{alias_key(row['name'])}"


def _fallback_actors(rows: Sequence[Mapping[str, Any]]) -> _Actors:
    groups: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[_fallback_key(row)].append(row)

    def common(values: Iterable[str | None]) -> str | None:
        counted = Counter(v for v in values if v)
        return counted.most_common(1)[0][0] if counted else None

    nodes = {}
    for key, members in groups.items():
        names = Counter(m["name"] for m in members)
        nodes[key] = _node(
            key,
            names.most_common(1)[0][0],
            common(m["kind"] for m in members),
            common(m["country"] for m in members),
            common(m["pack_id"] for m in members),
            names,
        )
    return _Actors(nodes, {row["id"]: _fallback_key(row) for row in rows}, {})


def _node(
    key: str, name: str, kind: str | None, country: str | None, pack_id: str | None, names: Counter[str]
) -> dict[str, Any]:
    return {
        "key": key,
        "name": name,
        "kind": kind,
        "country": country,
        "pack_id": pack_id,
        "names": tuple(n for n, _ in names.most_common()),
        "canonical_id": None,  # canonical_actors.id, under canonical resolution
    }


def _find_actor(query: str, nodes: Mapping[str, Mapping[str, Any]]) -> str:
    """The node key of the actor ``query`` names: its canonical key or pack id, or a name any of
    its rows carries (spelling folded), else the one actor whose name contains it."""
    wanted = alias_key(query)
    exact = [
        key
        for key, node in nodes.items()
        if query in (key, node["pack_id"])
        or any(alias_key(n) == wanted for n in (node["name"], *node["names"]))
    ]
    found = exact or [
        key for key, node in nodes.items() if wanted and any(wanted in alias_key(n) for n in node["names"])
    ]
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFound(f"no actor named {query!r} in the store; `sitrep network` lists the actors it has")
    shown = sorted(nodes[k]["name"] for k in found)
    more = f" and {len(shown) - 8} more" if len(shown) > 8 else ""
    raise NetworkError(
        f"actor {query!r} is ambiguous: it matches {'; '.join(shown[:8])}{more}; give a full name"
    )


# -- edges ----------------------------------------------------------------------------------------


@dataclass
class _Link:
    statements: list[Statement] = field(default_factory=list)
    origins: set[str] = field(default_factory=set)
    grades: set[tuple[str, int]] = field(default_factory=set)


def _in_range(day: date | None, where: NetworkFilter) -> bool:
    if where.since is None and where.until is None:
        return True
    if day is None:
        return False
    return (where.since is None or day >= where.since) and (where.until is None or day <= where.until)


def _sentence_text() -> sa.ColumnElement[str]:
    r, d = t.relations.c, t.documents.c
    return sa.func.substr(d.text, r.sentence_start + 1, r.sentence_end - r.sentence_start)


def _add_relations(
    graph: nx.MultiDiGraph, conn: sa.Connection, actors: _Actors, where: NetworkFilter, types: set[str]
) -> None:
    r, d, e = t.relations.c, t.documents.c, t.events.c
    dated = (
        sa.select(
            e.document_id, e.sentence_start, e.sentence_end, sa.func.min(e.date_value).label("sentence_date")
        )
        .where(e.date_value.is_not(None), e.status == "asserted")
        .group_by(e.document_id, e.sentence_start, e.sentence_end)
        .subquery()
    )
    query = (
        sa.select(
            r.document_id, r.source_actor_id, r.type, r.target_actor_id, r.notes, r.origin,
            d.title, d.published, dated.c.sentence_date, _sentence_text().label("sentence"),
        )
        .select_from(
            t.relations.join(t.documents, r.document_id == d.id).outerjoin(
                dated,
                sa.and_(
                    dated.c.document_id == r.document_id,
                    dated.c.sentence_start == r.sentence_start,
                    dated.c.sentence_end == r.sentence_end,
                ),
            )
        )
        .order_by(d.published, r.document_id, r.seq)
    )
    links: dict[tuple[str, str, str, str], _Link] = defaultdict(_Link)
    for row in conn.execute(query).mappings():
        if types and row["type"].lower() not in types:
            continue
        source, target = actors.of_row[row["source_actor_id"]], actors.of_row[row["target_actor_id"]]
        if row["origin"] != "text":
            if not where.text_only:
                links[(source, target, BACKGROUND, row["type"])].origins.add(row["origin"])
            continue
        day, how = (
            (row["sentence_date"], "sentence") if row["sentence_date"] else (row["published"], "published")
        )
        if not _in_range(day, where):
            continue
        link = links[(source, target, RELATION, row["type"])]
        link.origins.add("text")
        link.statements.append(
            Statement(row["document_id"], row["title"], row["sentence"], tuple(row["notes"]), day,
                      how if day else None)
        )
    _add_links(graph, actors, links)


def _add_events(
    graph: nx.MultiDiGraph, conn: sa.Connection, actors: _Actors, where: NetworkFilter, types: set[str]
) -> None:
    e, d, i, ie = t.events.c, t.documents.c, t.incidents.c, t.incident_events.c
    doer, done = t.event_roles.alias("doer"), t.event_roles.alias("done")
    query = (
        sa.select(
            e.id, e.document_id, e.type, e.date_value, e.notes, d.title, d.published,
            doer.c.actor_id.label("source_id"), done.c.actor_id.label("target_id"),
            i.reliability, i.credibility,
            sa.func.substr(d.text, e.sentence_start + 1, e.sentence_end - e.sentence_start).label("sentence"),
        )
        .select_from(
            t.events.join(t.documents, e.document_id == d.id)
            .join(doer, sa.and_(doer.c.event_id == e.id, doer.c.role == "actor"))
            .join(done, sa.and_(done.c.event_id == e.id, done.c.role == "recipient"))
            .outerjoin(t.incident_events, ie.event_id == e.id)
            .outerjoin(t.incidents, i.id == ie.incident_id)
        )
        .where(e.status == "asserted")
        .order_by(e.date_value, d.published, e.document_id, e.seq, doer.c.position, done.c.position)
    )
    links: dict[tuple[str, str, str, str], _Link] = defaultdict(_Link)
    seen: set[tuple[str, str, str]] = set()
    for row in conn.execute(query).mappings():
        if types and row["type"].lower() not in types:
            continue
        source, target = actors.of_row[row["source_id"]], actors.of_row[row["target_id"]]
        day, how = (row["date_value"], "event") if row["date_value"] else (row["published"], "published")
        if (row["id"], source, target) in seen or not _in_range(day, where):
            continue
        seen.add((row["id"], source, target))
        link = links[(source, target, EVENT, row["type"])]
        link.origins.add("text")
        if row["reliability"] and row["credibility"]:
            link.grades.add((row["reliability"], int(row["credibility"])))
        link.statements.append(
            Statement(row["document_id"], row["title"], row["sentence"], tuple(row["notes"]), day,
                      how if day else None)
        )
    _add_links(graph, actors, links)


def _add_links(
    graph: nx.MultiDiGraph, actors: _Actors, links: Mapping[tuple[str, str, str, str], _Link]
) -> None:
    for (source, target, kind, relation), link in links.items():
        for node in (source, target):
            if node not in graph:
                graph.add_node(node, **actors.nodes[node])
        dates = sorted(s.date for s in link.statements if s.date is not None)
        documents = tuple(dict.fromkeys(s.document_id for s in link.statements))
        best = min(link.grades) if link.grades else None
        graph.add_edge(
            source,
            target,
            key=f"{kind}:{relation}",
            kind=kind,
            relation=relation,
            evidence=len(link.statements),
            documents=documents,
            notes=tuple(dict.fromkeys(
                f"{s.document_id[:8]}[{n}]" for s in link.statements for n in s.notes
            )),
            first_seen=dates[0] if dates else None,
            last_seen=dates[-1] if dates else None,
            origin=", ".join(sorted(link.origins)),
            packs=tuple(sorted(o for o in link.origins if o != "text")),
            grade=f"{best[0]}{best[1]}" if best else "",
            grade_reasons=(),
            statements=tuple(link.statements),
        )


def _add_grades(graph: nx.MultiDiGraph, conn: sa.Connection, actors: _Actors) -> None:
    """Grades of "relation" edges (``sitrep.resolve.grading.relation_grades``)."""
    if not any(data["kind"] == RELATION for _, _, data in graph.edges(data=True)):
        return
    grades = relation_grades(conn)
    for source, target, data in graph.edges(data=True):
        if data["kind"] != RELATION:
            continue
        grade = grades.get((actors.ids.get(source), data["relation"], actors.ids.get(target)))
        if grade is not None:
            data["grade"] = grade_text(grade)
            data["grade_reasons"] = tuple(str(r) for r in getattr(grade, "reasons", ()))


def grade_text(grade: Any) -> str:
    """A grade written "B2": a string as it is, or an object's reliability and credibility."""
    if grade is None:
        return ""
    if isinstance(grade, str):
        return grade
    reliability, credibility = getattr(grade, "reliability", None), getattr(grade, "credibility", None)
    if reliability is not None and credibility is not None:
        return f"{reliability}{credibility}"
    for name in ("code", "label", "text"):
        value = getattr(grade, name, None)
        if isinstance(value, str):
            return value
    return str(grade)


def _neighbourhood(graph: nx.MultiDiGraph, focus: str, depth: int) -> nx.MultiDiGraph:
    near = nx.ego_graph(graph, focus, radius=depth, undirected=True)
    return graph.subgraph(near.nodes).copy()


# -- tables ---------------------------------------------------------------------------------------


def edges(network: Network) -> list[NetworkEdge]:
    """The network's edges: most evidence first, then by source, type and target names."""
    g = network.graph
    rows = [
        NetworkEdge(
            source=g.nodes[u]["name"],
            type=data["relation"],
            target=g.nodes[v]["name"],
            kind=data["kind"],
            evidence=data["evidence"],
            documents=data["documents"],
            notes=data["notes"],
            first_seen=data["first_seen"],
            last_seen=data["last_seen"],
            origin=data["origin"],
            grade=data["grade"],
            grade_reasons=data["grade_reasons"],
            source_key=u,
            target_key=v,
            statements=data["statements"],
        )
        for u, v, data in g.edges(data=True)
    ]
    order = {kind: i for i, kind in enumerate(EDGE_KINDS)}
    return sorted(rows, key=lambda r: (order[r.kind], -r.evidence, r.source, r.type, r.target))


def weighted(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """``graph`` with parallel edges collapsed: each pair's ``weight`` is the sum of its edges'
    evidence, a background edge weighing 1."""
    simple = nx.DiGraph()
    simple.add_nodes_from(graph.nodes(data=True))
    for u, v, data in graph.edges(data=True):
        weight = max(data["evidence"], 1)
        if simple.has_edge(u, v):
            simple[u][v]["weight"] += weight
        else:
            simple.add_edge(u, v, weight=weight)
    return simple


def centrality(network: Network) -> list[Centrality]:
    """Each actor's in/out degree, betweenness and PageRank; highest PageRank first."""
    g = network.graph
    if g.number_of_nodes() == 0:
        return []
    simple = weighted(g)
    between = nx.betweenness_centrality(simple)
    rank = nx.pagerank(simple, weight="weight") if simple.number_of_edges() else dict.fromkeys(g, 1 / len(g))
    rows = [
        Centrality(
            actor=data["name"],
            kind=data["kind"],
            country=data["country"],
            in_degree=g.in_degree(node),
            out_degree=g.out_degree(node),
            betweenness=round(between[node], 4),
            pagerank=round(rank[node], 4),
            key=node,
        )
        for node, data in g.nodes(data=True)
    ]
    return sorted(rows, key=lambda r: (-r.pagerank, -(r.in_degree + r.out_degree), r.actor, r.key))


# -- exports --------------------------------------------------------------------------------------


def output_path(path: str | Path, what: str) -> Path:
    """``path`` checked for writing ``what``: its folder must exist and it must not be a folder."""
    out = Path(path).expanduser()
    if out.is_dir():
        raise NetworkError(f"{what} output {str(path)!r} is a folder; give a file name in it")
    if not out.parent.is_dir():
        raise NotFound(
            f"{what} output {str(path)!r}: folder {str(out.parent)!r} does not exist; create it first"
        )
    return out


def _scalar(value: Any) -> str | int | float | bool:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list | set | frozenset):
        return "; ".join(str(_scalar(v)) for v in value)
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)


def export_graph(network: Network, *, timed: bool = False) -> nx.MultiDiGraph:
    """A copy of the graph whose attributes are all scalars (lists joined with "; ", dates ISO,
    missing values ""), as GraphML and GEXF need. Edges get ``label`` (the type) and ``weight``
    (evidence, at least 1); with ``timed``, dated edges get GEXF's ``start``/``end`` (first and
    last seen). The statements' sentences are left out (they are in the JSON output)."""
    g = network.graph
    out = nx.MultiDiGraph(resolution=network.resolution, focus=network.focus or "")
    for node, data in g.nodes(data=True):
        out.add_node(node, label=data["name"], **{k: _scalar(v) for k, v in data.items()})
    for u, v, key, data in g.edges(keys=True, data=True):
        attrs = {k: _scalar(v) for k, v in data.items() if k != "statements"}
        attrs.update(label=data["relation"], weight=max(data["evidence"], 1))
        if timed and data["first_seen"] and data["last_seen"]:
            attrs.update(start=data["first_seen"].isoformat(), end=data["last_seen"].isoformat())
        out.add_edge(u, v, key=key, **attrs)
    return out


def write_graphml(network: Network, path: str | Path) -> Path:
    """Write the network as GraphML (readable with ``networkx.read_graphml``, Gephi, yEd)."""
    out = output_path(path, "GraphML")
    nx.write_graphml(export_graph(network), out)
    return out


def write_gexf(network: Network, path: str | Path) -> Path:
    """Write the network as GEXF (Gephi); dated edges carry start/end for Gephi's timeline."""
    out = output_path(path, "GEXF")
    nx.write_gexf(export_graph(network, timed=True), out)
    return out
