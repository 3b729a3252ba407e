"""`sitrep network`, run with click's test runner on a real SQLite store of two invented reports."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from sitrep.cli.context import AppContext
from sitrep.cli.network import network_command
from sitrep.model.document import Document
from sitrep.model.facts import ActorRef, Extraction, Relation
from sitrep.model.reading import NotesReading, Reading
from sitrep.model.span import Span
from sitrep.store.store import Store

Run = Callable[..., tuple[int, str]]
Fact = tuple[str, str, str, str, str]

# (sentence, source, type, target, origin) of each invented report; published dates differ.
REPORTS = {
    "Lake Bulletin": (date(2021, 4, 2), [
        ("The Lake Authority supplies weapons to the Reed Militia.", "Lake Authority", "supplies_weapons",
         "Reed Militia", "text"),
        ("The Reed Militia opposes the Dune Front.", "Reed Militia", "opposes", "Dune Front", "text"),
    ]),
    "Shore Weekly": (date(2021, 6, 9), [
        ("Again the Lake Authority supplies weapons to the Reed Militia.", "Lake Authority",
         "supplies_weapons", "Reed Militia", "text"),
        ("The Dune Front is part of the Sand Coalition.", "Dune Front", "part_of", "Sand Coalition",
         "pack:test"),
    ]),
}
KINDS = {"Lake Authority": "state", "Reed Militia": "militia", "Dune Front": "rebel_group",
         "Sand Coalition": "party"}


def _store_report(store: Store, title: str, published: date, facts: list[Fact]) -> str:
    text = " ".join(sentence for sentence, *_ in facts)
    document = Document(text=text, source=f"{title}.txt", media_type="text/plain", title=title,
                        published=published)
    spans, relations, actors = [], [], {}
    for sentence, source, type, target, origin in facts:
        start = text.index(sentence)
        spans.append(Span(start, start + len(sentence)))

        def ref(name: str, sentence_start: int = start) -> ActorRef:
            at = text.index(name, sentence_start)
            return actors.setdefault(name, ActorRef(name, Span(at, at + len(name)), name, kind=KINDS[name]))

        relations.append(Relation(ref(source), type, ref(target), spans[-1], spans[-1], (1,), origin))
    doc_id = store.add_reading(Reading(document, (), NotesReading(None, (), (), tuple(spans)))).document_id
    store.replace_extraction(doc_id, Extraction(doc_id, relations=tuple(relations),
                                                actors=tuple(actors.values())))
    return doc_id


@pytest.fixture
def run(db_url: str) -> Run:
    with Store.open(db_url) as store:
        for title, (published, facts) in REPORTS.items():
            _store_report(store, title, published, facts)

    def invoke(*args: str) -> tuple[int, str]:
        app = AppContext(db_url=db_url)
        try:
            result = CliRunner().invoke(network_command, list(args), obj=app, catch_exceptions=False)
        finally:
            app.close()
        return result.exit_code, result.output

    return invoke


def _row(out: str, *cells: str) -> bool:
    """Whether a table row holds these cells, in this order."""
    return any(all(c in line for c in cells) and line.index(cells[0]) < line.index(cells[-1])
               for line in out.splitlines())


def test_tables_list_links_with_evidence_and_centrality(run: Run) -> None:
    code, out = run()
    assert code == 0, out
    assert re.search(r"^3 links\s*$", out, re.M)
    assert _row(out, "Lake Authority", "supplies_weapons", "Reed Militia", "2", "2021-04-02", "2021-06-09",
                "text")
    assert _row(out, "Dune Front", "part_of", "Sand Coalition", "0", "background (pack:test)")
    # Until sitrep.resolve can link the actors, they are grouped by pack id or name, and it says so.
    code, report = run("--json")
    assert ("grouped by pack id, else by name" in out) == (json.loads(report)["resolution"] == "fallback")
    centrality = out[out.index("centrality"):]
    assert _row(centrality, "Reed Militia", "militia", "2", "1")
    first = next(line for line in centrality.splitlines() if "│" in line)
    assert first.split("│")[1].strip() == "Sand Coalition"  # where everything flows: top PageRank


def test_filters_and_neighbourhood(run: Run) -> None:
    code, out = run("--actor", "reed militia", "--depth", "1", "--text-only")
    assert code == 0, out
    assert "2 links around Reed Militia (depth 1)" in out and "Sand Coalition" not in out
    code, out = run("--type", "OPPOSES", "--since", "2021-04", "--until", "2021-04")
    assert code == 0 and re.search(r"^1 link\s*$", out, re.M) and "Dune Front" in out
    code, out = run("--since", "2022")
    assert "supplies_weapons" not in out and "background (pack:test)" in out


def test_json_gives_every_field(run: Run) -> None:
    code, out = run("--json")
    assert code == 0, out
    report = json.loads(out)
    assert report["resolution"] in ("canonical", "fallback")
    assert report["focus"] is None and report["files"] == {}
    supplies = report["edges"][0]
    assert (supplies["source"], supplies["type"], supplies["kind"], supplies["evidence"]) == (
        "Lake Authority", "supplies_weapons", "relation", 2)
    assert [s["sentence"] for s in supplies["statements"]] == [
        "The Lake Authority supplies weapons to the Reed Militia.",
        "Again the Lake Authority supplies weapons to the Reed Militia.",
    ]
    assert supplies["statements"][0]["date"] == "2021-04-02"
    assert {r["actor"] for r in report["centrality"]} == set(KINDS)


def test_writes_graphml_gexf_and_png(run: Run, tmp_path: Path) -> None:
    files = {ext: tmp_path / f"net.{ext}" for ext in ("graphml", "gexf", "png")}
    code, out = run("--actor", "Dune Front", "--graphml", str(files["graphml"]), "--gexf", str(files["gexf"]),
                    "--png", str(files["png"]))
    assert code == 0, out
    for kind, path in (("GraphML", files["graphml"]), ("GEXF", files["gexf"]), ("PNG", files["png"])):
        assert f"wrote {kind}: {path}" in out.replace("\n", "")
    graph = nx.read_graphml(files["graphml"], force_multigraph=True)
    assert {graph.nodes[n]["label"] for n in graph} == {"Dune Front", "Reed Militia", "Sand Coalition"}
    assert nx.read_gexf(files["gexf"]).number_of_edges() == 2
    assert files["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_bad_input_gets_one_clear_line(run: Run, tmp_path: Path) -> None:
    code, out = run("--actor", "Nobody")
    assert code == 1 and "Error: no actor named 'Nobody' in the store" in out
    code, out = run("--graphml", str(tmp_path / "absent" / "x.graphml"))
    assert code == 1 and "does not exist; create it first" in out
    code, out = run("--type", "ASSAULT")
    assert code == 1 and "PLOVER types need events included" in out
    code, out = run("--depth", "2")
    assert code == 2 and "--depth needs --actor" in out
    code, out = run("--since", "soon")
    assert code == 2 and "is not a date" in out
