"""Scoring actor resolution against an invented mini gold (no NLP model: the references are given)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.evaluate.actors import METRIC, score_actor_forms
from sitrep.extract.doc import ExtractDoc, from_text
from sitrep.knowledge import Knowledge, load_packs
from sitrep.model.facts import ActorRef
from sitrep.model.span import Span

TEXT = ("The Varden Guard shelled Osterby. Later the VG and the Varden Guards’ allies withdrew. "
        "Marek Hollis spoke; Hollis then left. Osterby’s mayor Ilse Marov stayed.")
GOLD = {"actors": [
    {"id": "varden-guard", "name": "Varden Guard", "forms": ["Varden Guard", "VG", "Varden Guards’ allies"]},
    {"id": "marek-hollis", "name": "Marek Hollis", "forms": ["Marek Hollis", "Hollis"]},
    {"id": "ilse-marov", "name": "Ilse Marov", "forms": ["Ilse Marov", "Marov"]},
    {"id": "nowhere-front", "name": "Nowhere Front", "forms": ["Nowhere Front"]},  # not in the text
]}


def _ref(doc: ExtractDoc, text: str, name: str, *, nth: int = 0, actor_id: str | None = None) -> ActorRef:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(text, start + 1)
    return ActorRef(text=text, span=Span(start, start + len(text)), name=name, actor_id=actor_id)


@pytest.fixture
def knowledge() -> Knowledge:
    return load_packs(["core"])


def test_forms_resolve_by_name_form_or_not_at_all(knowledge: Knowledge) -> None:
    doc = from_text(TEXT)
    doc.actors = [
        _ref(doc, "Varden Guard", "Varden Guard"),            # the gold name
        _ref(doc, "VG", "VG"),                                # a gold form of the same actor
        _ref(doc, "Varden Guards’ allies", "Marek Hollis"),   # resolved to the wrong actor
        _ref(doc, "Marek Hollis", "Marek Hollis"),
        _ref(doc, "Ilse Marov", "Ilse Marov"),
    ]                                                         # "Hollis" alone: not found
    [metric] = score_actor_forms(GOLD, doc, knowledge=knowledge)
    assert metric.name == METRIC
    # forms in the text: Varden Guard, VG, Varden Guards’ allies, Marek Hollis, Hollis, Ilse Marov;
    # "Marov" only stands inside "Ilse Marov", and "Nowhere Front" is not in the text
    assert metric.support == 6
    assert metric.value == pytest.approx(4 / 6)
    assert "'Varden Guards’ allies' (varden-guard): resolved as" in metric.detail
    assert "'Hollis' (marek-hollis): no actor found at its 1 occurrence(s)" in metric.detail


def test_a_longer_name_of_another_actor_does_not_cover_a_form(knowledge: Knowledge) -> None:
    doc = from_text("The Osterby Council of Varden met. Varden Guard units left.")
    gold = {"actors": [{"id": "varden", "name": "Government of Varden", "forms": ["Varden"]},
                       {"id": "varden-guard", "name": "Varden Guard", "forms": ["Varden Guard"]}]}
    doc.actors = [_ref(doc, "Osterby Council of Varden", "Osterby Council of Varden"),
                  _ref(doc, "Varden Guard", "Varden Guard")]
    [metric] = score_actor_forms(gold, doc, knowledge=knowledge)
    assert "'Varden' (varden): no actor found" in metric.detail  # not "resolved as Osterby Council"
    assert metric.value == pytest.approx(1 / 2)


def test_pack_resolution_counts_through_the_pack_actors_names(tmp_path: Path) -> None:
    pack = tmp_path / "varden.yaml"
    pack.write_text("pack: varden\nactors:\n  - {id: vhg, name: Varden Home Guard, kind: militia, "
                    "aliases: [Varden Guard, VG]}\n", encoding="utf-8")
    knowledge = load_packs([str(pack)])
    doc = from_text(TEXT)
    doc.actors = [_ref(doc, "Varden Guard", "Varden Home Guard", actor_id="vhg"),
                  _ref(doc, "VG", "Varden Home Guard", actor_id="vhg")]
    [metric] = score_actor_forms({"actors": GOLD["actors"][:1]}, doc, knowledge=knowledge)
    assert metric.detail.startswith("'Varden Guards’ allies'")  # the only miss: nothing found there
    assert metric.value == pytest.approx(2 / 3)


def test_blanked_notes_are_not_scored(knowledge: Knowledge) -> None:
    doc = from_text("Hollis spoke.\n\n[1] Marek Hollis, interview.")
    doc.body_end = doc.text.index("[1]")
    [metric] = score_actor_forms(GOLD, doc, knowledge=knowledge)
    assert metric.support == 1 and metric.value == 0.0
