"""Canonical actors in a real SQLite store: rebuilt from stored facts, decisions that outlive
rebuilds and re-extraction, and the profile of one actor with its evidence."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import sqlalchemy as sa

from sitrep.errors import NotFound
from sitrep.ingest.reading import read_document
from sitrep.model.document import Document
from sitrep.model.facts import ActorRef, Event, Extraction, Relation
from sitrep.model.span import Span
from sitrep.resolve.actor_store import (
    actor_profile,
    canonical_actors,
    canonical_of,
    ensure_resolved,
    merge_actors,
    needs_resolution,
    resolve_actors,
    split_actor,
)
from sitrep.store import tables as t
from sitrep.store.store import Store

FIRST = ("Rockets hit the Zarqan depot, wounding two soldiers. Maj. Gen. Jeffrey Okafor said Kata'ib al-Wadi "
         "(KaW) fired them. Gen. Okafor said the Harvest Front supports Kata'ib al-Wadi.")
SECOND = "Okafor blamed Kataib al Wadi for the rocket attack on the depot. KaW denied it."
THIRD = ("The Harvest Front denied any part. Okafor, a colonel named Grace Okafor, was not involved. "
         "No soldiers were hurt.")


@dataclass
class _Doc:
    """An invented document and the facts extraction would find in it."""

    text: str
    refs: list[ActorRef] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def span(self, words: str, nth: int = 0) -> Span:
        start = -1
        for _ in range(nth + 1):
            start = self.text.index(words, start + 1)
        return Span(start, start + len(words))

    def ref(self, words: str, name: str, kind: str | None = None, *, nth: int = 0, **extra: str) -> ActorRef:
        found = ActorRef(words, self.span(words, nth), name, kind, **extra)  # type: ignore[arg-type]
        self.refs.append(found)
        return found



def _store_doc(store: Store, doc: _Doc, source: str) -> str:
    reading = read_document(Document(text=doc.text, source=source, media_type="text/plain"))
    extraction = Extraction(reading.id, events=tuple(doc.events), relations=tuple(doc.relations),
                            actors=tuple(doc.refs))
    return store.add_reading(reading, extraction=extraction).document_id


def _first() -> _Doc:
    doc = _Doc(FIRST)
    okafor = doc.ref("Jeffrey Okafor", "Jeffrey Okafor", "person", role="Maj. Gen.")
    wadi = doc.ref("Kata'ib al-Wadi", "Kata'ib al-Wadi", "militia", country="QX")
    doc.ref("KaW", "KaW", "militia")
    gen = doc.ref("Gen. Okafor", "Gen. Okafor", "person")
    front = doc.ref("Harvest Front", "Harvest Front", "rebel_group")
    wadi2 = doc.ref("Kata'ib al-Wadi", "Kata'ib al-Wadi", "militia", nth=1, country="QX")
    doc.ref("soldiers", "soldiers", "state_military")
    said = doc.span("Maj. Gen. Jeffrey Okafor said Kata'ib al-Wadi (KaW) fired them.")
    supports = doc.span("Gen. Okafor said the Harvest Front supports Kata'ib al-Wadi.")
    doc.events.append(Event("ASSAULT", "fired", doc.span("fired"), said, actors=(wadi,)))
    doc.relations.append(Relation(front, "supports", wadi2, doc.span("supports"), supports))
    doc.relations.append(Relation(front, "allied_with", wadi2, front.span, supports, origin="pack:test"))
    del okafor, gen
    return doc


def _second() -> _Doc:
    doc = _Doc(SECOND)
    okafor = doc.ref("Okafor", "Okafor", "person")
    wadi = doc.ref("Kataib al Wadi", "Kataib al Wadi", "militia")
    doc.ref("KaW", "KaW", "militia")
    sentence = doc.span("Okafor blamed Kataib al Wadi for the rocket attack on the depot.")
    doc.events.append(Event("ACCUSE", "blamed", doc.span("blamed"), sentence, actors=(okafor,),
                            recipients=(wadi,)))
    return doc


def _third() -> _Doc:
    doc = _Doc(THIRD)
    doc.ref("Harvest Front", "Harvest Front", "rebel_group")
    doc.ref("Okafor", "Okafor", "person")
    doc.ref("Grace Okafor", "Grace Okafor", "person", role="colonel")
    doc.ref("soldiers", "soldiers", "state_military")
    return doc


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'sitrep.db'}") as opened:
        yield opened


@pytest.fixture
def documents(store: Store) -> list[str]:
    return [_store_doc(store, _first(), "first.txt"), _store_doc(store, _second(), "second.txt")]


def _groups(store: Store) -> dict[str, set[tuple[str, str]]]:
    """Canonical key → {(actor name, document id)} of its references."""
    a, link, ca = t.actors.c, t.actor_links.c, t.canonical_actors.c
    joined = t.actor_links.join(t.actors, a.id == link.actor_id).join(t.canonical_actors,
                                                                    ca.id == link.canonical_id)
    query = sa.select(ca.key, a.name, a.document_id).select_from(joined)
    found: dict[str, set[tuple[str, str]]] = {}
    with store.connection() as conn:
        for key, name, doc in conn.execute(query).tuples():
            found.setdefault(key, set()).add((name, doc))
    return found


def _rows(store: Store) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    with store.connection() as conn:
        actors = conn.execute(sa.select(t.canonical_actors).order_by(t.canonical_actors.c.id)).tuples().all()
        links = conn.execute(sa.select(t.actor_links).order_by(t.actor_links.c.actor_id)).tuples().all()
    return [tuple(r) for r in actors], [tuple(r) for r in links]


def _resolve(store: Store) -> None:
    with store.transaction("resolve") as conn:
        resolve_actors(conn)


def test_a_rebuild_resolves_across_documents_and_twice_gives_the_same_rows(
        store: Store, documents: list[str]) -> None:
    first, second = documents
    with store.connection() as conn:
        assert needs_resolution(conn)
    with store.transaction("resolve") as conn:
        summary = resolve_actors(conn)
    assert (summary.actors, summary.across_documents, summary.outcomes) == (4, 2, ())
    groups = _groups(store)
    assert groups["person:jeffrey okafor"] == {("Jeffrey Okafor", first), ("Gen. Okafor", first),
                                              ("Okafor", second)}
    assert groups["group:kataib wadi:qx"] == {("Kata'ib al-Wadi", first), ("Kataib al Wadi", second),
                                             ("KaW", first), ("KaW", second)}
    before = _rows(store)
    _resolve(store)
    assert _rows(store) == before
    with store.connection() as conn:
        assert not needs_resolution(conn)
        mapping = canonical_of(conn)
        assert len(mapping) == conn.execute(sa.select(sa.func.count()).select_from(t.actors)).scalar_one()


def test_links_say_which_rule_and_why(store: Store, documents: list[str]) -> None:
    _resolve(store)
    with store.connection() as conn:
        profile = actor_profile(conn, "Gen. Okafor")
    rules = {link.name: (link.rule, link.evidence) for link in profile.links}
    assert rules["Gen. Okafor"] == ("surname", "'Gen. Okafor' is the title and surname of 'Jeffrey Okafor', "
                                               "named in the same document, the only person there with that "
                                               "surname")
    assert rules["Okafor"][0] == "surname"
    with store.connection() as conn:
        kaw = actor_profile(conn, "KaW")
    evidence = {link.evidence for link in kaw.links if link.rule == "acronym"}
    assert evidence == {"acronym: the text defines 'Kata'ib al-Wadi (KaW)' in the same document",
                        f"acronym: the text defines 'Kata'ib al-Wadi (KaW)' in document {documents[0][:12]}"}


def test_a_second_person_with_the_surname_stops_a_bare_surname_from_merging(
        store: Store, documents: list[str]) -> None:
    third = _store_doc(store, _third(), "third.txt")
    _resolve(store)
    groups = _groups(store)
    assert ("Okafor", documents[1]) not in groups["person:jeffrey okafor"]  # two Okafors in the store now
    assert groups["person:grace okafor"] == {("Grace Okafor", third), ("Okafor", third)}
    with store.connection() as conn:
        profile = actor_profile(conn, f"person:okafor@{documents[1][:12]}")
    assert profile.links[0].evidence == ("not merged: 'Okafor' is the surname of 2 people: Grace Okafor, "
                                         "Jeffrey Okafor")


def test_merge_and_split_outlive_rebuilds_and_reextraction(store: Store, documents: list[str]) -> None:
    third = _store_doc(store, _third(), "third.txt")
    ensure_resolved(store)
    result = merge_actors(store, "Harvest Front", "Kataib al Wadi", note="same group, per analyst")
    assert result.status == "applied" and result.key == "group:kataib wadi:qx"
    assert {c.name for c in result.changed} == {"Harvest Front"}
    assert all(c.rule == "user" and c.evidence.startswith("merged by the user on ") for c in result.changed)
    _resolve(store)
    assert ("Harvest Front", third) in _groups(store)["group:kataib wadi:qx"]
    # re-extracting a document gives its actors new rows: the decision still applies to them
    store.replace_extraction(third, Extraction(third, actors=tuple(_third().refs)))
    with store.connection() as conn:
        assert needs_resolution(conn)
    assert ensure_resolved(store) is not None
    assert ("Harvest Front", third) in _groups(store)["group:kataib wadi:qx"]
    # undo: split the name out again
    undone = split_actor(store, "Harvest Front")
    assert undone.status == "applied" and undone.key == "group:harvest front"
    _resolve(store)
    groups = _groups(store)
    assert groups["group:harvest front"] == {("Harvest Front", documents[0]), ("Harvest Front", third)}
    with store.connection() as conn:
        decisions = conn.execute(sa.select(t.decisions.c.action, t.decisions.c.a, t.decisions.c.b,
                                           t.decisions.c.note)).tuples().all()
    assert [tuple(d) for d in decisions] == [
        ("merge", "Harvest Front", "Kataib al Wadi", "same group, per analyst"),
        ("split", "Harvest Front", None, None),
    ]


def test_a_decision_on_an_unknown_name_is_refused_and_not_recorded(
        store: Store, documents: list[str]) -> None:
    with pytest.raises(NotFound, match="'Nobody' names no actor"):
        merge_actors(store, "Nobody", "Okafor")
    with pytest.raises(NotFound, match="no actor is named 'Nobody'"):
        split_actor(store, "Nobody")
    unchanged = merge_actors(store, "Gen. Okafor", "Jeffrey Okafor")
    assert unchanged.status == "unchanged"
    with store.connection() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(t.decisions)).scalar_one() == 0


def test_the_profile_gives_aliases_relations_and_events_with_their_evidence(
        store: Store, documents: list[str]) -> None:
    first, second = documents
    ensure_resolved(store)
    with store.connection() as conn:
        profile = actor_profile(conn, "kataib al-wadi")
    assert profile.key == "group:kataib wadi:qx" and profile.kind == "militia" and profile.country == "QX"
    aliases = {a.text: (a.mentions, [s.document_id for s in a.documents]) for a in profile.aliases}
    assert aliases == {"Kata'ib al-Wadi": (2, [first]), "KaW": (2, sorted([first, second])),
                       "Kataib al Wadi": (1, [second])}
    stated = next(r for r in profile.relations if not r.background)
    assert (stated.direction, stated.type, stated.other) == ("in", "supports", "Harvest Front")
    assert stated.sentence == "Gen. Okafor said the Harvest Front supports Kata'ib al-Wadi."
    background = next(r for r in profile.relations if r.background)
    assert (background.type, background.origin) == ("allied_with", "pack:test")
    assert {(e.type, e.role, e.document_id) for e in profile.events} == {
        ("ASSAULT", "actor", first), ("ACCUSE", "recipient", second)}
    with store.connection() as conn:
        listed = {s.key: s for s in canonical_actors(conn)}
    wadi = listed["group:kataib wadi:qx"]
    assert (wadi.aliases, wadi.documents, wadi.mentions, wadi.events) == (3, 2, 5, 2)


def test_a_name_of_several_actors_asks_for_a_key(store: Store, documents: list[str]) -> None:
    _store_doc(store, _third(), "third.txt")
    ensure_resolved(store)
    with store.connection() as conn, pytest.raises(NotFound, match=r"'soldiers' names 2 actors: .*key"):
        actor_profile(conn, "soldiers")
    with store.connection() as conn:  # a canonical name before the names of references
        assert actor_profile(conn, "Okafor").key == f"person:okafor@{documents[1][:12]}"
    with store.connection() as conn, pytest.raises(NotFound, match="no actor named 'Nobody'"):
        actor_profile(conn, "Nobody")
