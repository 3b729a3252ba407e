"""The ICD 203 scale, sitrep's mapping from grades to it, and likelihood kept apart from confidence."""

from __future__ import annotations

import pytest

from sitrep.report.likelihood import (
    CONFIDENCE_LEVELS,
    SCALE,
    band_of,
    check_sentence,
    check_sentences,
    confidence_for,
    likelihood_for,
    likelihood_terms,
)


def test_the_scale_is_exactly_icd_203() -> None:
    assert [(b.term, b.alternative) for b in SCALE] == [
        ("almost no chance", "remote"),
        ("very unlikely", "highly improbable"),
        ("unlikely", "improbable"),
        ("roughly even chance", "roughly even odds"),
        ("likely", "probable"),
        ("very likely", "highly probable"),
        ("almost certain", "nearly certain"),
    ]
    assert [(b.low, b.high) for b in SCALE] == [(1, 5), (5, 20), (20, 45), (45, 55), (55, 80), (80, 95),
                                                (95, 99)]
    assert CONFIDENCE_LEVELS == ("low", "moderate", "high")


@pytest.mark.parametrize(("written", "term"), [
    ("remote", "almost no chance"), ("Highly improbable", "very unlikely"), ("probable", "likely"),
    ("almost certainly", "almost certain"), ("nearly certain", "almost certain"),
    ("roughly even odds", "roughly even chance"),
])
def test_every_wording_belongs_to_its_band(written: str, term: str) -> None:
    assert band_of(written).term == term


def test_words_off_the_scale_are_refused() -> None:
    with pytest.raises(ValueError, match="not on the ICD 203 scale"):
        band_of("possible")


@pytest.mark.parametrize(("credibility", "reliability", "sources", "term"), [
    (1, "C", 1, "very likely"),
    (1, "A", 3, "almost certain"),
    (2, "B", 2, "very likely"),       # B2 from two independent sources, as the Afgooye bombing
    (2, "C", 2, "likely"),
    (3, "C", 2, "roughly even chance"),
    (4, "C", 1, "unlikely"),
    (5, "B", 1, "very unlikely"),
    (5, "F", 1, "almost no chance"),
    (2, "E", 1, "roughly even chance"),
])
def test_the_mapping_from_grades(credibility: int, reliability: str, sources: int, term: str) -> None:
    band = likelihood_for(credibility, reliability, sources)
    assert band is not None and band.term == term


def test_credibility_that_cannot_be_judged_gets_no_term() -> None:
    assert likelihood_for(6, "F", 1) is None
    assert likelihood_for(None, None, 0) is None


def test_the_mapping_only_ever_gives_terms_of_the_scale() -> None:
    terms = {b.term for b in SCALE}
    for credibility in range(1, 6):
        for reliability in "ABCDEF":
            for sources in range(4):
                band = likelihood_for(credibility, reliability, sources)
                assert band is not None and band.term in terms


def test_confidence_levels() -> None:
    assert confidence_for([("B", 3)]) == "high"
    assert confidence_for([("C", 2), ("C", 1)]) == "moderate"
    assert confidence_for([("B", 1)]) == "low"


def test_likelihood_terms_are_found_as_words() -> None:
    assert likelihood_terms("It is very likely that X; it is unlikely that Y.") == ["very likely", "unlikely"]
    assert likelihood_terms("The likelihood of it") == []
    assert likelihood_terms("Al-Shabaab almost certainly did it.") == ["almost certainly"]


def test_no_likelihood_and_confidence_in_one_sentence() -> None:
    assert check_sentence("It is likely that X did it.") == []
    assert check_sentence("We have moderate confidence in these judgments.") == []
    problems = check_sentence("We judge with high confidence that X is likely behind it.")
    assert problems and "likelihood (likely) and confidence in one sentence" in problems[0]
    assert check_sentences(["It is almost certain that X did it.", "We have low confidence in this."]) == []
    assert check_sentences(["It is very unlikely, with moderate confidence, that X did it."])


def test_estimative_words_off_the_scale_are_flagged() -> None:
    assert check_sentence("X possibly did it.")
    assert check_sentence("X might be behind it.")
    assert check_sentence("It is almost certain that X did it.") == []


def test_names_may_hold_any_word_where_nothing_is_estimated() -> None:
    assert check_sentence("On 2 May 2024, militants attacked Mighty Possibly Village.", off_scale=False) == []
    assert check_sentence("It is likely, with high confidence, that X did it.", off_scale=False)
