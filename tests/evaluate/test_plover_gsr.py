"""PLOVER scoring: legacy labels, the choice of the sentence's event, and the per-record checks,
on invented records (tests/fixtures/eval/plover.json) and hand-built extractions (no spaCy)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import NotFound, SitrepError
from sitrep.evaluate.plover_gsr import evaluate_plover, gold_type, load_plover, score_plover
from sitrep.export.plover_coding import main_event, plover_type
from sitrep.model.facts import ActorRef, Event, Extraction, Place, Quantity
from sitrep.model.span import Span

S = Span(0, 5)


def actors(*texts: str) -> tuple[ActorRef, ...]:
    return tuple(ActorRef(text=t, span=S, name=t.upper()) for t in texts)


def event(type_: str, at: int, **kwargs: object) -> Event:
    return Event(type=type_, trigger="x", trigger_span=Span(at, at + 1), sentence=Span(0, 100),
                 **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def records(fixtures_dir: Path) -> list[dict[str, object]]:
    return load_plover(fixtures_dir / "eval" / "plover.json")


def fixture_extractions() -> list[Extraction]:
    return [
        Extraction("1", events=(event("AGREE", 19, actors=actors("Arland"), recipients=actors("Belmark")),)),
        # the first asserted event stands for the sentence, even when the gold codes a later one
        Extraction("2", events=(event("REQUEST", 25), event("PROTEST", 0))),
        Extraction("3", events=(event("ASSAULT", 18, actors=actors("Government troops"),
                                      recipients=actors("Dorvala rebels"), place=Place("Essen", S),
                                      quantities=(Quantity("killed", 12, "12", S),)),)),
        # no asserted event: the planned one stands in
        Extraction("4", events=(event("ACCUSE", 40, status="planned",
                                      actors=actors("The Belmark foreign ministry"),
                                      recipients=actors("Arland's new visa rules")),)),
    ]


def test_legacy_labels_map_to_todays_types() -> None:
    assert [gold_type(x) for x in ("DEMAND", "DISAPPROVE", "INVESTIGATE", "FIGHT", "AGREE")] == [
        "REQUEST", "ACCUSE", "ACCUSE", "ASSAULT", "AGREE"]


def test_the_main_event() -> None:
    later, earlier = event("AGREE", 30), event("REJECT", 10, status="hypothetical")
    assert main_event(Extraction("", events=(later, earlier))) is earlier  # first in text order
    attack = event("ASSAULT", 1, status="negated")
    assert main_event(Extraction("", events=(attack, later))) is later  # "did not attack": skipped
    refusal = event("CONSULT", 1, status="negated")
    assert main_event(Extraction("", events=(refusal, later))) is refusal  # "would not meet": a refusal
    assert main_event(Extraction("", events=(attack,))) is None
    assert main_event(Extraction("")) is None


def test_what_is_said_is_coded_as_the_statement() -> None:
    text = "Arland said Belmark must free the prisoners."
    at = text.index("free")
    free = Event(type="RETREAT", trigger="free", trigger_span=Span(at, at + 4), sentence=Span(0, len(text)),
                 status="hypothetical")
    assert plover_type(free, text) == "REQUEST"  # "Belmark must free"
    text = "Arland will withdraw its troops unless Belmark pays."
    at = text.index("withdraw")
    withdraw = Event(type="RETREAT", trigger="withdraw", trigger_span=Span(at, at + 8),
                     sentence=Span(0, len(text)), status="planned")
    assert plover_type(withdraw, text) == "THREATEN"  # a condition makes the promise a threat
    tried = "Gunmen tried to kill the mayor."
    kill = Event(type="ASSAULT", trigger="kill", trigger_span=Span(16, 20), sentence=Span(0, len(tried)),
                 status="planned")
    assert plover_type(kill, tried) == "ASSAULT"  # an attempted attack is the attack


def test_scoring_on_the_invented_records(records: list[dict[str, object]]) -> None:
    metrics = {m.name: m for m in score_plover(records, fixture_extractions())}
    accuracy = metrics["plover.type.accuracy"]
    assert (accuracy.value, accuracy.support) == (0.75, 4)
    assert "REQUEST 0/1" in accuracy.detail and "REQUEST→PROTEST 1" in accuracy.detail
    assert "ASSAULT 1/1" in accuracy.detail and "ACCUSE 1/1" in accuracy.detail
    assert metrics["plover.type.any_event"].value == 1.0  # record 2's REQUEST is there, just not first
    # sources: record 2's chosen event has no actor; "Belmark" overlaps "The Belmark foreign ministry"
    assert (metrics["plover.actor.match"].value, metrics["plover.actor.match"].support) == (0.75, 4)
    # targets: record 2 has none; "Arland" stands as a whole word in "Arland's new visa rules"
    assert (metrics["plover.target.match"].value, metrics["plover.target.match"].support) == (1.0, 3)
    assert (metrics["plover.dead.match"].value, metrics["plover.dead.match"].support) == (1.0, 1)
    assert (metrics["plover.location.match"].value, metrics["plover.location.match"].support) == (0.0, 1)


def test_a_sentence_without_events_counts_as_wrong(records: list[dict[str, object]]) -> None:
    metrics = {m.name: m for m in score_plover(records[:1], [Extraction("")])}
    assert metrics["plover.type.accuracy"].value == 0.0
    assert "AGREE→none 1" in metrics["plover.type.accuracy"].detail


def test_evaluate_runs_a_pipeline_over_the_sentences(fixtures_dir: Path,
                                                     records: list[dict[str, object]]) -> None:
    answers = dict(zip((r["text"] for r in records), fixture_extractions(), strict=True))
    metrics = {m.name: m.value for m in evaluate_plover(fixtures_dir / "eval" / "plover.json",
                                                        lambda text: answers[text])}
    assert metrics["plover.type.accuracy"] == 0.75


def test_bad_files_are_named(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match=r"absent\.json"):
        load_plover(tmp_path / "absent.json")
    other = tmp_path / "other.json"
    other.write_text('[{"text": "no label"}]')
    with pytest.raises(SitrepError, match="PLOVER records"):
        load_plover(other)
