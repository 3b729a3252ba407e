"""Scoring actor resolution: pairwise precision and recall on a hand-built store, the gold
format, and the real pipeline on the multi-document fixtures and (when ../shared is there) the seed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sitrep.errors import NotFound, SitrepError
from sitrep.evaluate.actor_resolution import (
    FIXTURES,
    evaluate_actor_resolution,
    load_actor_gold,
    resolve_documents,
    score_resolution,
)
from sitrep.evaluate.gold import gold_document_path, load_seed_gold
from sitrep.extract.pipeline import Pipeline
from sitrep.ingest.reading import read_document
from sitrep.knowledge.names import alias_key
from sitrep.model.document import Document
from sitrep.model.facts import ActorRef, Extraction
from sitrep.model.span import Span
from sitrep.resolve.actor_store import canonical_of, merge_actors, resolve_actors
from sitrep.store import tables as t
from sitrep.store.store import Store

SEED_GOLD = Path(__file__).resolve().parents[3] / "shared" / "eval" / "seed" / "gold.yaml"
GOLD = [
    {"id": "wadi", "forms": ["Kata'ib al-Wadi", "Kataib al Wadi"]},
    {"id": "okafor", "forms": ["Jeffrey Okafor", "Okafor"]},
    {"id": "front", "forms": ["Harvest Front"]},
]


def _add(store: Store, text: str, refs: list[tuple[str, str, str]]) -> None:
    reading = read_document(Document(text=text, source=f"{len(text)}.txt", media_type="text/plain"))
    found = []
    for words, name, kind in refs:
        start = text.index(words)
        found.append(ActorRef(words, Span(start, start + len(words)), name, kind))
    store.add_reading(reading, extraction=Extraction(reading.id, actors=tuple(found)))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'eval.db'}") as opened:
        _add(opened, "Kata'ib al-Wadi fired rockets, said Jeffrey Okafor.",
             [("Kata'ib al-Wadi", "Kata'ib al-Wadi", "militia"),
              ("Jeffrey Okafor", "Jeffrey Okafor", "person")])
        _add(opened, "Kataib al Wadi denied it. Okafor said the Harvest Front did it.",
             [("Kataib al Wadi", "Kataib al Wadi", "militia"), ("Okafor", "Okafor", "person"),
              ("Harvest Front", "Harvest Front", "rebel_group")])
        with opened.transaction("resolve") as conn:
            resolve_actors(conn)
        yield opened


def test_a_right_resolution_scores_one(store: Store) -> None:
    with store.connection() as conn:
        metrics = {m.name: m for m in score_resolution(conn, GOLD)}
    assert [metrics[f"resolve.actors.pairwise.{n}"].value for n in ("precision", "recall", "f1")] == [1.0] * 3
    assert metrics["resolve.actors.pairwise.recall"].support == 2  # two pairs to find


def test_a_wrong_merge_lowers_precision_and_names_the_pairs(store: Store) -> None:
    merge_actors(store, "Harvest Front", "Kataib al Wadi")
    with store.connection() as conn:
        metrics = {m.name: m for m in score_resolution(conn, GOLD, name="x")}
    assert metrics["x.precision"].value == 0.5 and metrics["x.recall"].value == 1.0
    assert metrics["x.precision"].detail.startswith("2 pair(s) wrongly joined: 'Kata'ib al-Wadi' (")
    assert "'Harvest Front'" in metrics["x.precision"].detail


def test_a_form_two_gold_actors_share_is_not_scored(store: Store) -> None:
    gold = [*GOLD, {"id": "another", "forms": ["Okafor"]}]
    with store.connection() as conn:
        metrics = {m.name: m for m in score_resolution(conn, gold)}
    assert metrics["resolve.actors.pairwise.recall"].support == 1


def test_the_gold_file_lists_its_documents_or_takes_the_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One.")
    (tmp_path / "b.md").write_text("Two.")
    (tmp_path / "actors.gold.yaml").write_text("actors:\n  - {id: x, forms: [X]}\n")
    documents, actors = load_actor_gold(tmp_path / "actors.gold.yaml")
    assert [p.name for p in documents] == ["a.txt", "b.md"] and actors == [{"id": "x", "forms": ["X"]}]
    (tmp_path / "actors.gold.yaml").write_text("documents: [a.txt, c.txt]\nactors: []\n")
    with pytest.raises(NotFound, match=r"c\.txt"):
        load_actor_gold(tmp_path / "actors.gold.yaml")
    (tmp_path / "actors.gold.yaml").write_text("actors: {x: 1}\n")
    with pytest.raises(SitrepError, match="'actors' list"):
        load_actor_gold(tmp_path / "actors.gold.yaml")
    with pytest.raises(NotFound):
        load_actor_gold(tmp_path / "missing.yaml")


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    from sitrep.extract.default import build_pipeline

    return build_pipeline()


def test_the_fixture_set_is_scored_and_nothing_is_wrongly_joined(pipeline: Pipeline) -> None:
    metrics = {m.name: m for m in evaluate_actor_resolution(fixtures=FIXTURES, pipeline=pipeline)}
    assert set(metrics) == {"resolve.actors.pairwise.precision", "resolve.actors.pairwise.recall",
                            "resolve.actors.pairwise.f1"}
    precision = metrics["resolve.actors.pairwise.precision"]
    assert precision.value == 1.0, precision.detail
    assert metrics["resolve.actors.pairwise.recall"].support > 0


@pytest.mark.skipif(not SEED_GOLD.is_file(), reason="../shared/eval/seed is not beside the checkout")
def test_the_seeds_people_and_groups_resolve_as_its_gold_lists(pipeline: Pipeline, tmp_path: Path) -> None:
    gold = load_seed_gold(SEED_GOLD)
    store = resolve_documents([gold_document_path(SEED_GOLD, gold)], pipeline, db=tmp_path / "seed.db")
    try:
        with store.connection() as conn:
            canonical = canonical_of(conn)
            written = [(actor_id, alias_key(text)) for actor_id, text in conn.execute(
                t.actor_mentions.select().with_only_columns(t.actor_mentions.c.actor_id,
                                                            t.actor_mentions.c.text)).tuples()]
    finally:
        store.close()
    owners: dict[str, set[int]] = {}
    for actor in gold["actors"]:
        if actor["kind"] not in ("person", "militia", "party", "state_security"):
            continue
        forms = {alias_key(f) for f in actor["forms"]}
        owners[actor["id"]] = {canonical[a] for a, key in written if key in forms}
    assert all(len(found) <= 1 for found in owners.values()), owners  # one canonical actor per gold actor
    found = [next(iter(ids)) for ids in owners.values() if ids]
    assert len(found) == len(set(found))  # and different gold actors apart
    assert len(found) >= 8
