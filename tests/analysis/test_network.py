"""The actor network, built from a real SQLite store holding three invented reports."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
import sqlalchemy as sa

from sitrep.analysis import network as net
from sitrep.analysis.network import (
    BACKGROUND,
    CANONICAL,
    EVENT,
    FALLBACK,
    RELATION,
    NetworkError,
    NetworkFilter,
    build_network,
    centrality,
    edges,
    grade_text,
    load_network,
    write_gexf,
    write_graphml,
)
from sitrep.analysis.network_draw import draw_png, layout
from sitrep.errors import NotFound
from sitrep.model.document import Document
from sitrep.model.facts import ActorRef, DateValue, Event, Extraction, Relation
from sitrep.model.reading import NotesReading, Reading
from sitrep.model.span import Span
from sitrep.resolve.grading import relation_grades
from sitrep.store import tables
from sitrep.store.store import Store

Who = tuple[str, str, str | None]  # name, kind, pack id

NORTH = ("Northern Council", "state", "northern-council")
VALLEY = ("Valley Brigades", "militia", "valley-brigades")
FUND = ("Southern Fund", "company", None)
HARBOR = ("Harbor Guard", "state_security", None)
RAMI = ("Rami Tarek", "person", None)


@dataclass
class Report:
    """An invented report written sentence by sentence, with the facts each sentence states."""

    title: str
    published: date | None
    text: str = ""
    sentences: list[Span] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    actors: dict[str, ActorRef] = field(default_factory=dict)

    def sentence(self, words: str) -> Report:
        start = len(self.text) + (1 if self.text else 0)
        self.text = f"{self.text} {words}" if self.text else words
        self.sentences.append(Span(start, len(self.text)))
        return self

    def _span(self, phrase: str) -> Span:
        sentence = self.sentences[-1]
        start = self.text.index(phrase, sentence.start)
        return Span(start, start + len(phrase))

    def _ref(self, phrase: str, who: Who) -> ActorRef:
        name, kind, pack = who
        ref = ActorRef(phrase, self._span(phrase), name, kind=kind, country="ZZ", actor_id=pack,
                       origin="pack" if pack else "parse")
        self.actors.setdefault(name, ref)
        return ref

    def relation(
        self, source: Who, phrase: str, type: str, target: Who,
        *, names: tuple[str, str] | None = None, notes: tuple[int, ...] = (), origin: str = "text",
    ) -> Report:
        source_words, target_words = names or (source[0], target[0])
        self.relations.append(
            Relation(self._ref(source_words, source), type, self._ref(target_words, target),
                     self._span(phrase), self.sentences[-1], notes, origin)
        )
        return self

    def assault(self, actor: Who, target: Who,
                day: date, when: str) -> Report:
        self.events.append(
            Event(type="ASSAULT", trigger="shelled", trigger_span=self._span("shelled"),
                  sentence=self.sentences[-1], actors=(self._ref(actor[0], actor),),
                  recipients=(self._ref(target[0], target),),
                  date=DateValue(when, self._span(when), day, "day"))
        )
        return self

    def store_in(self, store: Store) -> str:
        document = Document(text=self.text, source=f"{self.title}.txt", media_type="text/plain",
                            title=self.title, published=self.published)
        reading = Reading(document, (), NotesReading(None, (), (), tuple(self.sentences)))
        doc_id = store.add_reading(reading).document_id
        store.replace_extraction(
            doc_id,
            Extraction(doc_id, events=tuple(self.events), relations=tuple(self.relations),
                       actors=tuple(self.actors.values())),
        )
        return doc_id


def report_a() -> Report:
    return (
        Report("Ridge Watch brief", date(2020, 3, 1))
        .sentence("The Northern Council directs the Valley Brigades.")
        .relation(NORTH, "directs", "directs", VALLEY, notes=(1,))
        .sentence("The Southern Fund funds the Valley Brigades.")
        .relation(FUND, "funds", "funds", VALLEY)
        .sentence("On 12 February 2020 the Valley Brigades shelled the Harbor Guard, their old enemy.")
        .relation(VALLEY, "enemy", "opposes", HARBOR)
        .assault(VALLEY, HARBOR, date(2020, 2, 12), "12 February 2020")
    )


def report_b() -> Report:
    return (
        Report("Coast Monitor", date(2020, 5, 10))
        .sentence("Officials said the Northern Council directs the Valley Brigades.")
        .relation(NORTH, "directs", "directs", VALLEY, notes=(2, 3))
        .relation(NORTH, "directs", "directs", VALLEY, origin="pack:test")
        .sentence("The Northern Council hosted the Southern Fund.")
        .relation(NORTH, "hosted", "allied_with", FUND, origin="pack:test")
    )


def report_c() -> Report:
    return (
        Report("Delta Dispatch", date(2020, 8, 20))
        .sentence("Again the Southern Fund funds the Valley Brigades.")
        .relation(FUND, "funds", "funds", VALLEY, names=("the Southern Fund", "Valley Brigades"))
        .sentence("Colonel Rami Tarek commands the Harbor Guard.")
        .relation(RAMI, "commands", "commands", HARBOR)
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'network.db'}") as opened:
        yield opened


@pytest.fixture
def docs(store: Store) -> dict[str, str]:
    """The three reports stored; their document ids by letter."""
    return {letter: build().store_in(store) for letter, build in (("a", report_a), ("b", report_b),
                                                                    ("c", report_c))}


def _load(store: Store, **where: object) -> net.Network:
    """The network read as stored, without running any resolver (the fallback grouping)."""
    with store.connection() as conn:
        return load_network(conn, NetworkFilter(**where))  # type: ignore[arg-type]


def _by_link(network: net.Network) -> dict[tuple[str, str, str, str], net.NetworkEdge]:
    return {(e.source, e.type, e.target, e.kind): e for e in edges(network)}


def test_edges_aggregate_evidence_across_documents(store: Store, docs: dict[str, str]) -> None:
    network = _load(store)
    assert network.resolution == FALLBACK
    links = _by_link(network)
    directs = links[("Northern Council", "directs", "Valley Brigades", RELATION)]
    assert directs.evidence == 2 and directs.documents == (docs["a"], docs["b"])
    assert directs.notes == (f"{docs['a'][:8]}[1]", f"{docs['b'][:8]}[2]", f"{docs['b'][:8]}[3]")
    assert (directs.first_seen, directs.last_seen) == (date(2020, 3, 1), date(2020, 5, 10))
    assert directs.origin == "text" and directs.grade == ""
    assert [s.sentence for s in directs.statements] == [
        "The Northern Council directs the Valley Brigades.",
        "Officials said the Northern Council directs the Valley Brigades.",
    ]
    # Two reports name the fund differently ("Southern Fund", "the Southern Fund"): one actor.
    funds = links[("Southern Fund", "funds", "Valley Brigades", RELATION)]
    assert funds.evidence == 2 and funds.documents == (docs["a"], docs["c"])
    assert (funds.first_seen, funds.last_seen) == (date(2020, 3, 1), date(2020, 8, 20))
    # An event stated in the same sentence dates the relation, not the publication.
    opposes = links[("Valley Brigades", "opposes", "Harbor Guard", RELATION)]
    assert (opposes.first_seen, opposes.last_seen) == (date(2020, 2, 12), date(2020, 2, 12))
    assert opposes.statements[0].date_source == "sentence"
    assert edges(network)[0].evidence == 2  # most evidence first
    assert not any(e.kind == EVENT for e in edges(network))  # events only when asked for


def test_pack_background_is_a_separate_flagged_edge_not_evidence(store: Store, docs: dict[str, str]) -> None:
    links = _by_link(_load(store))
    background = links[("Northern Council", "directs", "Valley Brigades", BACKGROUND)]
    assert background.evidence == 0 and background.documents == () and background.statements == ()
    assert background.origin == "pack:test" and background.first_seen is None and background.grade == ""
    assert links[("Northern Council", "directs", "Valley Brigades", RELATION)].evidence == 2
    assert ("Northern Council", "allied_with", "Southern Fund", BACKGROUND) in links
    text_only = _by_link(_load(store, text_only=True))
    assert {kind for *_, kind in text_only} == {RELATION}
    assert len(text_only) == 4


def test_filters_by_type_and_date(store: Store, docs: dict[str, str]) -> None:
    assert list(_by_link(_load(store, types=frozenset({"FUNDS"})))) == [
        ("Southern Fund", "funds", "Valley Brigades", RELATION)
    ]
    later = _by_link(_load(store, since=date(2020, 4, 1)))
    assert later[("Northern Council", "directs", "Valley Brigades", RELATION)].documents == (docs["b"],)
    assert later[("Southern Fund", "funds", "Valley Brigades", RELATION)].evidence == 1
    assert ("Valley Brigades", "opposes", "Harbor Guard", RELATION) not in later
    assert ("Northern Council", "directs", "Valley Brigades", BACKGROUND) in later  # undated background stays
    early = _by_link(_load(store, until=date(2020, 3, 31), text_only=True))
    assert sorted((s, t, n.evidence) for (s, _, t, _), n in early.items()) == [
        ("Northern Council", "Valley Brigades", 1),
        ("Southern Fund", "Valley Brigades", 1),
        ("Valley Brigades", "Harbor Guard", 1),
    ]


def test_event_interaction_edges_when_asked(store: Store, docs: dict[str, str]) -> None:
    links = _by_link(_load(store, events=True))
    assault = links[("Valley Brigades", "ASSAULT", "Harbor Guard", EVENT)]
    assert assault.evidence == 1 and assault.documents == (docs["a"],)
    assert assault.first_seen == date(2020, 2, 12) and assault.statements[0].date_source == "event"
    only = _by_link(_load(store, events=True, types=frozenset({"assault"})))
    assert list(only) == [("Valley Brigades", "ASSAULT", "Harbor Guard", EVENT)]


def test_centrality_ranks_the_hub(store: Store, docs: dict[str, str]) -> None:
    rows = {r.actor: r for r in centrality(_load(store))}
    assert set(rows) == {"Northern Council", "Valley Brigades", "Southern Fund", "Harbor Guard", "Rami Tarek"}
    valley = rows["Valley Brigades"]
    # in: directs, directs (background), funds; out: opposes
    assert (valley.in_degree, valley.out_degree) == (3, 1)
    assert (rows["Northern Council"].in_degree, rows["Northern Council"].out_degree) == (0, 3)
    # Everything flows into the brigades and on to the guard: they rank first, the sources last.
    order = [r.actor for r in centrality(_load(store))]
    assert order[:2] == ["Harbor Guard", "Valley Brigades"]
    assert valley.betweenness == max(r.betweenness for r in rows.values()) > 0
    assert rows["Rami Tarek"].pagerank == rows["Northern Council"].pagerank == min(
        r.pagerank for r in rows.values()
    )
    assert abs(sum(r.pagerank for r in rows.values()) - 1) < 0.01


def test_neighbourhood_by_depth(store: Store, docs: dict[str, str]) -> None:
    def names(network: net.Network) -> set[str]:
        return {network.graph.nodes[n]["name"] for n in network.graph}

    one = _load(store, actor="harbor guard", depth=1)
    assert names(one) == {"Harbor Guard", "Valley Brigades", "Rami Tarek"}
    assert one.graph.nodes[one.focus]["name"] == "Harbor Guard" and one.depth == 1
    assert names(_load(store, actor="Harbor Guard", depth=2)) == names(_load(store))
    assert names(_load(store, actor="Rami", depth=1)) == {"Rami Tarek", "Harbor Guard"}
    assert names(_load(store, actor="valley-brigades", depth=0)) == {"Valley Brigades"}  # by pack id
    # A known actor with no links that match still gets its (lonely) node.
    alone = _load(store, actor="Rami Tarek", types=frozenset({"funds"}))
    assert names(alone) == {"Rami Tarek"} and edges(alone) == []


def test_bad_requests_name_the_input(store: Store, docs: dict[str, str]) -> None:
    with pytest.raises(NotFound, match="no actor named 'Nobody'"):
        _load(store, actor="Nobody")
    with pytest.raises(NetworkError, match="'ern' is ambiguous: it matches Northern Council; Southern Fund"):
        _load(store, actor="ern")
    with pytest.raises(NetworkError, match="unknown type 'bribes'"):
        _load(store, types=frozenset({"bribes"}))
    with pytest.raises(NetworkError, match="PLOVER types need events"):
        _load(store, types=frozenset({"ASSAULT"}))
    with pytest.raises(NetworkError, match="depth -1 is below 0"):
        _load(store, actor="Rami", depth=-1)
    with pytest.raises(NetworkError, match="is after until"):
        _load(store, since=date(2021, 1, 1), until=date(2020, 1, 1))


def test_canonical_actors_are_the_nodes_once_all_are_linked(store: Store, docs: dict[str, str]) -> None:
    a = tables.actors.c
    with store.transaction("link actors") as conn:
        rows = conn.execute(sa.select(a.id, a.name).order_by(a.id)).all()
        keys: dict[str, int] = {}
        for actor_id, name in rows:
            key = "group:fund" if "Fund" in name else f"name:{name}"
            if key not in keys:
                shown = "Fund of the South" if key == "group:fund" else name
                keys[key] = conn.execute(
                    tables.canonical_actors.insert().values(key=key, name=shown, kind="company", country="QQ")
                ).inserted_primary_key[0]
            conn.execute(tables.actor_links.insert().values(
                actor_id=actor_id, canonical_id=keys[key], rule="test", evidence="invented"
            ))
    network = build_network(store, NetworkFilter(actor="southern fund"))
    assert network.resolution == CANONICAL
    assert network.focus == "group:fund" and network.graph.nodes["group:fund"]["country"] == "QQ"
    funds = _by_link(network)[("Fund of the South", "funds", "Valley Brigades", RELATION)]
    assert funds.evidence == 2
    # A report extracted after resolution leaves actors unlinked: without a resolver, the fallback.
    report = Report("Late note", date(2021, 1, 1)).sentence("The Harbor Guard opposes Rami Tarek.")
    report.relation(HARBOR, "opposes", "opposes", RAMI).store_in(store)
    assert _load(store).resolution == FALLBACK
    assert _by_link(_load(store))[("Southern Fund", "funds", "Valley Brigades", RELATION)].evidence == 2


def test_grade_text_writes_admiralty_grades() -> None:
    @dataclass
    class Grade:
        reliability: str
        credibility: int

    assert grade_text(Grade("B", 2)) == "B2"
    assert grade_text("C3") == "C3" and grade_text(None) == ""


def test_graphml_and_gexf_round_trip(store: Store, docs: dict[str, str], tmp_path: Path) -> None:
    network = _load(store)
    graphml = nx.read_graphml(write_graphml(network, tmp_path / "net.graphml"), force_multigraph=True)
    assert graphml.number_of_nodes() == 5 and graphml.number_of_edges() == 6
    assert graphml.nodes["pack:valley-brigades"]["label"] == "Valley Brigades"
    assert graphml.nodes["pack:valley-brigades"]["kind"] == "militia"
    directs = graphml["pack:northern-council"]["pack:valley-brigades"]
    assert directs["relation:directs"]["evidence"] == 2
    assert directs["relation:directs"]["documents"] == f"{docs['a']}; {docs['b']}"
    assert directs["relation:directs"]["first_seen"] == "2020-03-01"
    assert directs["background:directs"]["kind"] == BACKGROUND
    assert directs["background:directs"]["packs"] == "pack:test"

    gexf = nx.read_gexf(write_gexf(network, tmp_path / "net.gexf"))
    assert gexf.number_of_nodes() == 5 and gexf.number_of_edges() == 6
    by_relation = {(d["relation"], d["kind"]): d for _, _, d in gexf.edges(data=True)}
    assert by_relation[("funds", RELATION)]["evidence"] == 2
    assert by_relation[("funds", RELATION)]["start"] == "2020-03-01"
    assert by_relation[("funds", RELATION)]["end"] == "2020-08-20"
    assert "start" not in by_relation[("allied_with", BACKGROUND)]


def test_exports_refuse_a_missing_folder(store: Store, docs: dict[str, str], tmp_path: Path) -> None:
    network = _load(store)
    with pytest.raises(NotFound, match=r"folder '.*nowhere' does not exist"):
        write_graphml(network, tmp_path / "nowhere" / "net.graphml")
    with pytest.raises(NetworkError, match="is a folder"):
        write_gexf(network, tmp_path)


def test_png_of_a_neighbourhood(store: Store, docs: dict[str, str], tmp_path: Path) -> None:
    network = _load(store, actor="Valley Brigades", depth=1, events=True)
    out = draw_png(network, tmp_path / "valley.png")
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    # The same network gives the same picture: the layout is deterministic.
    assert draw_png(network, tmp_path / "again.png").read_bytes() == data
    positions = layout(network)
    assert positions[network.focus] == pytest.approx((0.0, 0.0))
    whole = draw_png(_load(store), tmp_path / "all.png")
    assert whole.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_png_refuses_nothing_to_draw(store: Store, docs: dict[str, str], tmp_path: Path) -> None:
    with pytest.raises(NetworkError, match="nothing to draw"):
        draw_png(_load(store, types=frozenset({"trains"})), tmp_path / "empty.png")
    with pytest.raises(NotFound, match="does not exist"):
        draw_png(_load(store), tmp_path / "missing" / "x.png")


def test_importing_sitrep_analysis_does_not_load_matplotlib() -> None:
    import subprocess
    import sys

    code = "import sys, sitrep.analysis.network_draw; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_resolution_and_grades_come_from_sitrep_resolve(store: Store, docs: dict[str, str]) -> None:
    network = build_network(store)  # resolves the actors first: none is linked yet
    assert network.resolution == CANONICAL
    g = network.graph
    assert {g.nodes[n]["name"] for n in g} >= {"Northern Council", "Valley Brigades", "Harbor Guard"}
    with store.connection() as conn:
        grades = relation_grades(conn)
    for u, v, data in g.edges(data=True):
        key = (g.nodes[u]["canonical_id"], data["relation"], g.nodes[v]["canonical_id"])
        expected = str(grades[key]) if data["kind"] == RELATION and key in grades else ""
        assert data["grade"] == expected, (u, v, data["relation"])
    assert any(e.grade for e in edges(network) if e.kind == RELATION)
    assert all(e.grade == "" and e.evidence == 0 for e in edges(network) if e.kind == BACKGROUND)
