"""WikiEvents scoring: category mapping, the README's role-matching rule and the arithmetic,
on invented gold (tests/fixtures/eval) and hand-built extractions (no spaCy)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import NotFound, SitrepError
from sitrep.evaluate.wikievents import (
    categories_of,
    evaluate_wikievents,
    fills,
    load_wikievents,
    match_fillers,
    normalise,
    predicted_roles,
    score_wikievents,
    victims,
    weapon_text,
)
from sitrep.model.facts import ActorRef, Attribution, Event, Extraction, Mention, Place, Quantity
from sitrep.model.span import Span

S = Span(0, 10)


def actor(text: str, name: str | None = None) -> ActorRef:
    return ActorRef(text=text, span=S, name=name or text)


def event(type_: str, trigger: str, *, at: int = 0, **kwargs: object) -> Event:
    return Event(type=type_, trigger=trigger, trigger_span=Span(at, at + len(trigger)), sentence=Span(0, 200),
                 **kwargs)  # type: ignore[arg-type]


def killed(n: int) -> tuple[Quantity, ...]:
    return (Quantity("killed", n, str(n), S),)


@pytest.fixture
def gold_path(fixtures_dir: Path) -> Path:
    return fixtures_dir / "eval" / "wikievents.gold.jsonl"


def fixture_extractions() -> list[Extraction]:
    attack = Extraction("1", events=(
        event("ASSAULT", "attacked", at=7, actors=(actor("Gunmen"),),
              recipients=(actor("a police checkpoint"),), place=Place("Dorvala", S)),
        event("ASSAULT", "killing", at=60, recipients=(actor("two officers"),)),
        event("ASSAULT", "wounded", at=100, recipients=(actor("Three bystanders"),)),
        event("COERCE", "arrested", at=130, mode="arrest", actors=(actor("Police"),),
              recipients=(actor("a suspect"),)),
        event("ASSAULT", "attack", at=150, status="threatened", actors=(actor("Someone else"),)),
    ))
    meeting = Extraction("2", events=(
        event("CONSULT", "met", at=40, actors=(actor("The ministers of Arland and Belmark"),),
              recipients=(actor("ministers"),), place=Place("Cashel", S)),
        event("ASSAULT", "attacked", at=60, actors=(actor("Arland"),)),
    ))
    return [attack, meeting, Extraction("3")]


def test_normalise_lowercases_and_drops_leading_articles_and_outer_punctuation() -> None:
    assert normalise("  The  Islamic State ") == "islamic state"
    assert normalise("an a the bomb,") == "bomb"
    assert normalise("“Theatre”") == "theatre"  # an article must be a whole word
    assert normalise("U.S.") == normalise("U.S")


def test_the_readme_filling_rule() -> None:
    assert fills("The soldiers", ["soldiers"])  # equal once the article goes
    assert fills("three Russian soldiers", ["Soldiers"])  # short and contains it as whole words
    assert not fills("Isis", ["is"])  # not a whole word
    assert not fills("soldiers' barracks near the old bridge in the north of the town", ["barracks"])  # > 8
    assert fills("soldiers' barracks near the old bridge in the north of the town",
                 ["Soldiers' barracks near the old bridge in the north of the town"])  # equality has no limit
    assert not fills(" , ", [","])  # nothing left to match


def test_matching_is_one_to_one_and_maximal() -> None:
    # both strings fill entity 0 → only one of them counts
    assert len(match_fillers(["ministers", "the ministers of Arland"], [["ministers"]])) == 1
    # "Arland troops" fills both entities, "troops" only the first: the maximum matching uses both
    pairs = match_fillers(["Arland troops", "troops"], [["troops"], ["Arland"]])
    assert pairs == [(0, 1), (1, 0)]


def test_category_table() -> None:
    assert categories_of(event("ASSAULT", "bombing")) == ["attack"]
    assert categories_of(event("ASSAULT", "were killed")) == ["killing"]  # a killing, not an attack
    assert categories_of(event("ASSAULT", "bombing", quantities=killed(3))) == ["attack", "killing"]
    assert categories_of(event("ASSAULT", "wounded")) == ["injury"]
    assert categories_of(event("COERCE", "seized", mode="arrest")) == ["arrest"]
    assert categories_of(event("COERCE", "detained")) == ["arrest"]
    assert categories_of(event("CONSULT", "met")) == ["meeting"]
    assert categories_of(event("CONSULT", "telephoned", mode="phone")) == []  # a call is no meeting
    assert categories_of(event("PROTEST", "killed", quantities=killed(1))) == ["killing"]
    assert categories_of(event("THREATEN", "threatened to kill")) == []  # kill words count for ASSAULT only
    assert categories_of(event("ASSAULT", "bombing", status="planned")) == []  # only asserted events
    assert categories_of(event("ASSAULT", "diesel")) == ["attack"]  # "die" is a whole word
    assert categories_of(event("ASSAULT", "assassination attempt")) == ["attack"]  # an attempt kills no one
    assert categories_of(event("COERCE", "captured", mode="seize")) == []  # a town, not a person
    assert categories_of(event("PROTEST", "rioted", mode="riot"), extended=True) == ["riot"]
    assert categories_of(event("ASSAULT", "razed", mode="destroy"), extended=True) == [
        "attack", "property_damage"]


def test_weapon_keeps_the_surface_text_of_the_mention() -> None:
    bomb = Mention("weapon", Span(20, 28), "car bomb", key="vbied")
    rifle = Mention("weapon", Span(60, 66), "rifles", key="small_arms")
    elsewhere = Mention("weapon", Span(300, 305), "mines", key="landmine")
    extraction = Extraction("x", mentions=(bomb, rifle, elsewhere))
    assert weapon_text(event("ASSAULT", "attack", at=50, weapon="vbied"), extraction) == ["car bomb"]
    assert weapon_text(event("ASSAULT", "attack", at=50, weapon="knife"), extraction) == ["rifles"]  # nearest
    assert weapon_text(event("ASSAULT", "attack", at=50), extraction) == []  # the event names no weapon
    assert weapon_text(event("ASSAULT", "attack", weapon="grenade"), Extraction("y")) == ["grenade"]


def test_a_weapon_name_ending_in_a_person_noun_is_no_weapon_filler() -> None:
    bomber = Mention("weapon", Span(2, 16), "suicide bomber", key="suicide_bomb")
    extraction = Extraction("x", mentions=(bomber,))
    assert weapon_text(event("ASSAULT", "blew up", at=20, weapon="suicide_bomb"), extraction) == []


def test_a_plural_person_noun_is_no_weapon_filler_either() -> None:
    bombers = Mention("weapon", Span(2, 17), "suicide bombers", key="suicide_bomb")
    extraction = Extraction("x", mentions=(bombers,))
    assert weapon_text(event("ASSAULT", "attacked", at=20, weapon="suicide_bomb"), extraction) == []


def test_shot_dead_is_an_attack_and_a_killing() -> None:
    assert categories_of(event("ASSAULT", "shot dead")) == ["attack", "killing"]
    assert categories_of(event("ASSAULT", "beaten to death")) == ["attack", "killing"]
    assert categories_of(event("ASSAULT", "killed")) == ["killing"]


def test_a_building_within_the_place_is_the_target() -> None:
    cafe = event("ASSAULT", "bombing", place=Place("Lisbon", S), site=Place("Aurora cafe", Span(20, 31)),
                 quantities=killed(3))
    street = event("ASSAULT", "bombing", at=50, place=Place("Porto", S),
                   site=Place("Elm Street", Span(60, 70)))
    roles = predicted_roles(Extraction("x", events=(cafe, street)))
    assert roles[("attack", "target")] == ["Aurora cafe"]  # a street is no target
    assert roles[("attack", "place")] == ["Lisbon", "Porto"]
    assert roles[("killing", "victim")] == ["3"]  # the count, not the cafe


def test_a_named_base_is_no_victim() -> None:
    camp = ActorRef("Camp Falcon", Span(0, 11), "Camp Falcon")
    guards = ActorRef("guards", Span(22, 28), "guards")
    raid = event("ASSAULT", "attacked", recipients=(camp, guards),
                 quantities=(Quantity("killed", 2, "two", Span(18, 21)),))
    assert victims("killed")(raid, Extraction("")) == ["two guards"]


def test_attackers_are_actors_claimants_and_those_blamed() -> None:
    blamed = Attribution(actor=actor("the Basque Front"), by=actor("police"))
    extraction = Extraction("x", events=(
        event("ASSAULT", "bombing", actors=(actor("gunmen"),), claimed_by=(actor("Red Cell"),),
              attributed_to=(blamed,)),
    ))
    assert predicted_roles(extraction)[("attack", "attacker")] == ["gunmen", "Red Cell", "the Basque Front"]


def test_victims_join_the_count_written_before_them() -> None:
    counts = (Quantity("killed", 13, "13", Span(10, 12)),
              Quantity("injured", 71, "more than 71", Span(30, 42)))
    people = ActorRef("people", Span(13, 19), "people")
    bombing = event("ASSAULT", "bombing", recipients=(people,), quantities=counts)
    assert victims("killed")(bombing, Extraction("")) == ["13 people"]
    assert victims("injured")(bombing, Extraction("")) == ["more than 71"]  # the people were killed
    six = event("ASSAULT", "killed", recipients=(ActorRef("at least six people", Span(0, 19), "people"),),
                quantities=(Quantity("killed", 6, "at least six", Span(0, 12)),))
    assert victims("killed")(six, Extraction("")) == ["at least six people"]  # the count is inside
    wounded = event("ASSAULT", "wounded", quantities=(Quantity("injured", 15, "15", Span(0, 2)),))
    assert victims("injured")(wounded, Extraction("")) == ["15"]


def test_each_outcome_keeps_its_own_victims() -> None:
    counts = (Quantity("killed", 5, "5", Span(8, 9)), Quantity("injured", 12, "12", Span(30, 32)))
    soldiers = ActorRef("soldiers", Span(10, 18), "soldiers")
    civilians = ActorRef("civilians", Span(33, 42), "civilians")
    checkpoint = ActorRef("a checkpoint", Span(60, 72), "checkpoint")
    raid = event("ASSAULT", "raid", recipients=(soldiers, civilians, checkpoint), quantities=counts)
    assert victims("killed")(raid, Extraction("")) == ["5 soldiers"]  # a checkpoint is a site
    assert victims("injured")(raid, Extraction("")) == ["12 civilians"]
    assert predicted_roles(Extraction("x", events=(raid,)))[("attack", "target")] == ["a checkpoint"]


def test_a_repeated_figure_is_not_a_second_victim_group() -> None:
    counts = (Quantity("killed", 7, "7", Span(0, 1)), Quantity("killed", 7, "Seven", Span(40, 45)),
              Quantity("killed", 3, "three", Span(80, 85)))
    blast = event("ASSAULT", "blast", recipients=(ActorRef("militants", Span(2, 11), "militants"),),
                  quantities=counts)
    assert victims("killed")(blast, Extraction("")) == ["7 militants", "three"]


def test_a_figure_repeated_in_another_report_and_a_site_are_no_victims() -> None:
    first = event("ASSAULT", "ambush", recipients=(ActorRef("rangers", Span(5, 12), "rangers"),),
                  quantities=(Quantity("killed", 4, "four", Span(0, 4)),))
    later = event("ASSAULT", "killed", at=90, recipients=(ActorRef("the school", Span(80, 90), "school"),),
                  quantities=(Quantity("killed", 4, "four", Span(70, 74)),))
    extraction = Extraction("x", events=(first, later))
    assert victims("killed")(later, extraction) == []
    assert predicted_roles(extraction)[("killing", "victim")] == ["four rangers"]


def test_predicted_roles_are_distinct_surface_texts() -> None:
    extraction = Extraction("x", events=(
        event("ASSAULT", "attacked", actors=(actor("the militia", name="Militia X"),)),
        event("ASSAULT", "struck", at=50, actors=(actor("The Militia"),),
              place=Place("Essen", S, name="Essen City")),
    ))
    assert predicted_roles(extraction) == {("attack", "attacker"): ["the militia"],
                                           ("attack", "place"): ["Essen"]}


def test_a_filler_written_inside_another_of_the_same_role_is_one_entity() -> None:
    extraction = Extraction("x", events=(
        event("ASSAULT", "killed", recipients=(actor("soldiers"),),
              quantities=(Quantity("killed", 6, "six", S),)),
        event("ASSAULT", "killed", at=50, recipients=(actor("six Malian soldiers"),),
              quantities=(Quantity("killed", 6, "six", S),)),
    ))
    assert predicted_roles(extraction)[("killing", "victim")] == ["six Malian soldiers"]


def test_a_group_told_twice_with_its_count_is_one_entity() -> None:
    extraction = Extraction("x", events=(
        event("ASSAULT", "killed", recipients=(actor("six soldiers"),)),
        event("ASSAULT", "killed", at=50, recipients=(actor("Six Malian soldiers"),)),
        event("ASSAULT", "killed", at=90, recipients=(actor("six villagers"),)),
    ))
    assert predicted_roles(extraction)[("killing", "victim")] == ["six soldiers", "six villagers"]


def test_scoring_arithmetic_on_the_invented_gold(gold_path: Path) -> None:
    metrics = {m.name: m for m in score_wikievents(load_wikievents(gold_path), fixture_extractions())}
    # categories: 5 gold (doc 1: attack, killing, injury, arrest; doc 2: meeting); doc 2's attack is extra
    assert metrics["wikievents.category.precision"].value == pytest.approx(5 / 6)
    assert metrics["wikievents.category.recall"].value == 1.0
    assert "attack 1/1 +1 extra" in metrics["wikievents.category.f1"].detail
    # all categories: doc 1's crime has no sitrep counterpart
    assert metrics["wikievents.category_all.recall"].value == pytest.approx(5 / 6)
    # roles: 8 gold entities (arrest.actor and meeting.topic are not scored, an empty weapon list is none);
    # 9 predicted: the 8 right ones and "Arland" extra; "ministers", written inside "the ministers of
    # Arland and Belmark", is the same participant and is given once
    assert metrics["wikievents.roles.recall"].support == 8
    assert metrics["wikievents.roles.precision"].support == 9
    assert metrics["wikievents.roles.recall"].value == 1.0
    assert metrics["wikievents.roles.precision"].value == pytest.approx(8 / 9)
    assert metrics["wikievents.roles.f1"].value == pytest.approx(2 * (8 / 9) / (1 + 8 / 9))
    assert "meeting.participant 1/1 gold, 1 predicted" in metrics["wikievents.roles.f1"].detail


class FakePipeline:
    """Answers each text with a prepared extraction; counts the batch calls."""

    def __init__(self, answers: dict[str, Extraction]) -> None:
        self.answers = answers
        self.batches = 0

    def __call__(self, text: str) -> Extraction:
        return self.answers.get(text, Extraction(""))

    def pipe(self, texts: list[str]) -> list[Extraction]:
        self.batches += 1
        return [self(t) for t in texts]


def test_evaluate_runs_the_pipeline_in_one_batch(gold_path: Path) -> None:
    records = load_wikievents(gold_path)
    fake = FakePipeline({r["text"]: e for r, e in zip(records, fixture_extractions(), strict=True)})
    metrics = {m.name: m.value for m in evaluate_wikievents(gold_path, fake)}
    assert fake.batches == 1
    assert metrics["wikievents.roles.precision"] == pytest.approx(8 / 9)
    limited = {m.name: m for m in evaluate_wikievents(gold_path, fake, limit=1)}
    assert limited["wikievents.category.recall"].support == 4


def test_bad_files_are_named(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match=r"absent\.jsonl"):
        load_wikievents(tmp_path / "absent.jsonl")
    wrong = tmp_path / "wrong.jsonl"
    wrong.write_text('{"doc_id": "x", "text": "no gold here"}\n')
    with pytest.raises(SitrepError, match=r"wrong\.jsonl:1"):
        load_wikievents(wrong)
    with pytest.raises(SitrepError, match="2 gold documents but 1 extractions"):
        score_wikievents([{"doc_gold": {}, "text": ""}] * 2, [Extraction("")])
