"""`sitrep actors`, `sitrep actors merge|split` and `sitrep actor NAME` on a store of invented facts."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from click.testing import CliRunner

from sitrep.cli import actors as actors_cli
from sitrep.cli.main import cli
from sitrep.ingest.reading import read_document
from sitrep.model.document import Document
from sitrep.model.facts import ActorRef, Event, Extraction, Relation
from sitrep.model.span import Span
from sitrep.store.store import Store

Run = Callable[..., tuple[int, str]]

# `sitrep` with the actors commands, whether or not sitrep.cli.main lists them yet (a copy: the
# real group is left as it is, for the other tests that walk its commands)
SITREP = type(cli)(name=cli.name, params=cli.params, callback=cli.callback, help=cli.help,
                   context_settings=cli.context_settings,
                   commands={**cli.commands, **{c.name: c for c in actors_cli.COMMANDS if c.name}})

FIRST = ("Maj. Gen. Jeffrey Okafor said Kata'ib al-Wadi attacked the depot. "
         "The Harvest Front backs Kata'ib al-Wadi.")
SECOND = "Gen. Okafor blamed Kataib al Wadi again."


def _ref(text: str, words: str, name: str, kind: str, nth: int = 0) -> ActorRef:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return ActorRef(words, Span(start, start + len(words)), name, kind)


def _sentence(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words))


@pytest.fixture
def run(db_url: str) -> Run:
    def invoke(*args: str) -> tuple[int, str]:
        result = CliRunner().invoke(SITREP, ["--db", db_url, *args])
        return result.exit_code, result.output

    return invoke


@pytest.fixture
def stored(db_url: str) -> list[str]:
    ids = []
    with Store.open(db_url) as store:
        okafor = _ref(FIRST, "Jeffrey Okafor", "Jeffrey Okafor", "person")
        wadi = _ref(FIRST, "Kata'ib al-Wadi", "Kata'ib al-Wadi", "militia")
        front = _ref(FIRST, "Harvest Front", "Harvest Front", "rebel_group")
        wadi2 = _ref(FIRST, "Kata'ib al-Wadi", "Kata'ib al-Wadi", "militia", nth=1)
        attack = Event("ASSAULT", "attacked", _sentence(FIRST, "attacked"),
                       _sentence(FIRST, "Maj. Gen. Jeffrey Okafor said Kata'ib al-Wadi attacked the depot."),
                       actors=(wadi,))
        backs = Relation(front, "supports", wadi2, _sentence(FIRST, "backs"),
                         _sentence(FIRST, "The Harvest Front backs Kata'ib al-Wadi."))
        gen = _ref(SECOND, "Gen. Okafor", "Gen. Okafor", "person")
        wadi3 = _ref(SECOND, "Kataib al Wadi", "Kataib al Wadi", "militia")
        blamed = Event("ACCUSE", "blamed", _sentence(SECOND, "blamed"), Span(0, len(SECOND)), actors=(gen,),
                       recipients=(wadi3,))
        for text, refs, events, relations in ((FIRST, (okafor, wadi, front, wadi2), (attack,), (backs,)),
                                              (SECOND, (gen, wadi3), (blamed,), ())):
            reading = read_document(Document(text=text, source=f"doc{len(ids)}.txt", media_type="text/plain"))
            extraction = Extraction(reading.id, events=events, relations=relations, actors=refs)
            ids.append(store.add_reading(reading, extraction=extraction).document_id)
    return ids


def test_actors_lists_actors_across_documents(run: Run, stored: list[str]) -> None:
    code, out = run("actors", "--json")
    assert code == 0, out
    listed = {a["key"]: a for a in json.loads(out)}
    wadi = listed["group:kataib wadi"]
    assert (wadi["name"], wadi["kind"], wadi["aliases"], wadi["documents"], wadi["events"]) == (
        "Kata'ib al-Wadi", "militia", 2, 2, 2)
    assert listed["person:jeffrey okafor"]["documents"] == 2
    code, out = run("actors")
    assert code == 0 and "3 actors" in out and "Jeffrey Okafor" in out


def test_actor_shows_aliases_references_relations_and_events(run: Run, stored: list[str]) -> None:
    code, out = run("actor", "Kataib al Wadi", "--json")
    assert code == 0, out
    profile = json.loads(out)
    assert profile["key"] == "group:kataib wadi"
    aliases = {a["text"]: a["mentions"] for a in profile["aliases"]}
    assert aliases == {"Kata'ib al-Wadi": 2, "Kataib al Wadi": 1}
    evidence = {li["name"]: (li["rule"], li["evidence"]) for li in profile["links"]}
    assert evidence["Kataib al Wadi"] == (
        "same_name",
        "spelling: 'Kataib al Wadi' = 'Kata'ib al-Wadi' (case, apostrophes, hyphens, al-, plural)",
    )
    assert profile["relations"][0]["direction"] == "in"
    assert profile["relations"][0]["sentence"] == "The Harvest Front backs Kata'ib al-Wadi."
    assert {(e["type"], e["role"]) for e in profile["events"]} == {("ASSAULT", "actor"),
                                                                   ("ACCUSE", "recipient")}
    code, out = run("actor", "Gen. Okafor")
    assert code == 0, out
    assert "Jeffrey Okafor (key person:jeffrey okafor, person" in out
    assert "the title and surname of 'Jeffrey Okafor'" in " ".join(out.split())


def test_merge_then_split_prints_what_changed_and_why(run: Run, stored: list[str]) -> None:
    code, out = run("actors", "merge", "Harvest Front", "Kata'ib al-Wadi")
    assert code == 0, out
    flat = " ".join(out.split())
    assert "'Harvest Front' and 'Kata'ib al-Wadi' are now one actor, Kata'ib al-Wadi" in flat
    assert "merged by the user on" in flat
    code, out = run("actor", "Harvest Front", "--json")
    assert json.loads(out)["key"] == "group:kataib wadi"
    code, out = run("actors", "split", "Harvest Front", "--json")
    assert code == 0, out
    result = json.loads(out)
    assert result["status"] == "applied" and result["key"] == "group:harvest front"
    assert result["changed"][0]["evidence"].startswith("split by the user on ")
    code, out = run("actors", "split", "Harvest Front")
    assert code == 0 and "Nothing to change" in out


def test_unknown_names_fail_with_one_clear_line(run: Run, stored: list[str]) -> None:
    code, out = run("actors", "merge", "Nobody", "Harvest Front")
    assert code == 1 and "'Nobody' names no actor" in out
    code, out = run("actor", "Nobody")
    assert code == 1 and "no actor named 'Nobody'" in out


def test_every_actors_command_has_help(run: Run) -> None:
    for args in (["actors"], ["actors", "merge"], ["actors", "split"], ["actor"]):
        code, out = run(*args, "--help")
        assert code == 0 and "Usage:" in out and len(out.split("\n")) > 4
