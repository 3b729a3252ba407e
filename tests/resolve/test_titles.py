"""Events stated by cited titles (sitrep.resolve.titles), with the real extraction pipeline."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.extract.default import build_pipeline
from sitrep.extract.pipeline import Pipeline
from sitrep.ingest.extraction import LazyPipeline
from sitrep.ingest.readers import read_source
from sitrep.ingest.readers.text import text_document
from sitrep.ingest.reading import read_document
from sitrep.model.reading import Reading
from sitrep.resolve.titles import STAGE_NAME, WithTitleEvents, cited_titles, sentence_case, title_events
from sitrep.store.store import Store

MULTIDOC = Path(__file__).parents[1] / "fixtures" / "multidoc"

DATELINED = """Patrols near the border grew more frequent in spring.[1] A later note cites a survey.[2]

Notes

[1] Halima Noor, “Kenya: Bomb Kills 4 Police Officers Near Mandera,” Northern Courier, May 9, 2021, https://courier.example.com/2021/05/09/mandera.
[2] See the ministry's annual survey for 2021 and its maps of the northern counties, May 2021.
"""


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return build_pipeline()


@pytest.fixture(scope="module")
def brief() -> Reading:
    (document,) = read_source(str(MULTIDOC / "brief-shabelle-2022.md"))
    return read_document(document)


def reading_of(text: str) -> Reading:
    return read_document(text_document(text, source="invented.txt"))


def test_sentence_case_drops_the_capitals_of_common_words_only() -> None:
    assert sentence_case("Roadside Bomb Kills 3 Soldiers Near Afgooye") == \
        "Roadside bomb kills 3 soldiers near Afgooye"
    assert sentence_case("Iraq: Bomb Kills 2 American Soldiers") == "Iraq: bomb kills 2 American soldiers"
    assert sentence_case("U.S. Strike Kills Shabaab Commander Near Jilib") == \
        "U.S. strike kills Shabaab commander near Jilib"
    already = "Iraq militia claims attack on U.S. troops"
    assert sentence_case(already) == already


def test_cited_titles_are_the_quoted_titles_of_the_notes(brief: Reading) -> None:
    titles = cited_titles(brief)
    assert [(t.citation.note, t.text) for t in titles] == [
        (1, "Roadside Bomb Kills 3 Soldiers Near Afgooye"),
        (2, "Toll in Afgooye Convoy Attack Rises"),
        (3, "Statement on the Attack at Baidoa Airport"),
        (4, "U.S. Strike Kills Shabaab Commander Near Jilib"),
        (5, "Roadside Bomb Kills 3 Soldiers Near Afgooye"),
    ]
    text = brief.document.text
    for title in titles:
        assert title.span.slice(text) == title.text
        assert title.citation.span.contains(title.span)
    commentary = reading_of(DATELINED)
    assert [t.citation.note for t in cited_titles(commentary)] == [1]  # note 2 quotes no title


def test_title_events_are_citation_events_pointing_at_the_title(brief: Reading, pipeline: Pipeline) -> None:
    events = title_events(brief, pipeline)
    text = brief.document.text
    by_note = {e.notes: e for e in events}
    assert set(by_note) == {(1,), (4,), (5,)}
    bomb = by_note[(1,)]
    assert bomb.origin == "citation" and bomb.type == "ASSAULT" and bomb.status == "asserted"
    assert bomb.sentence.slice(text) == "Roadside Bomb Kills 3 Soldiers Near Afgooye"
    assert bomb.trigger_span.slice(text) == "Kills"
    assert bomb.count("killed") == 3
    # a headline reports what happened on or up to a week before the piece's date
    assert bomb.date is not None
    assert (bomb.date.value, bomb.date.end, bomb.date.precision, bomb.date.kind) == (
        date(2022, 3, 8), date(2022, 3, 14), "week", "range")
    strike = by_note[(4,)]
    assert strike.place is not None and strike.place.name == "Jilib"
    assert strike.place.span.slice(text) == "Jilib"
    assert strike.actors and strike.actors[0].span.slice(text) == "U.S."


def test_a_dateline_is_a_place_hint(pipeline: Pipeline) -> None:
    reading = reading_of(DATELINED)
    (event,) = title_events(reading, pipeline)
    assert event.type == "ASSAULT" and event.count("killed") == 4
    assert event.place is not None and event.place.country == "KE"


def test_a_month_dated_piece_gives_the_month_and_an_undated_one_no_date(pipeline: Pipeline) -> None:
    month = reading_of(DATELINED.replace("May 9, 2021", "May 2021"))
    (event,) = title_events(month, pipeline)
    assert event.date is not None
    assert (event.date.value, event.date.end, event.date.precision) == (date(2021, 5, 1), date(2021, 5, 31),
                                                                        "month")
    undated = reading_of(DATELINED.replace(" May 9, 2021,", ""))
    (event,) = title_events(undated, pipeline)
    assert event.date is None


def test_with_title_events_adds_them_to_the_extraction_and_the_store_keeps_them(
    brief: Reading, pipeline: Pipeline, db_url: str
) -> None:
    extractor = WithTitleEvents(pipeline)
    assert extractor.names == (*pipeline.names, STAGE_NAME)
    extraction = extractor(brief)
    origins = [e.origin for e in extraction.events]
    assert origins.count("citation") == 3 and origins.count("text") == len(pipeline(brief).events)
    with Store.open(db_url) as store:
        store.add_reading(brief)
        store.replace_extraction(brief.id, extraction, stages=extractor.names)
        loaded = store.load_extraction(brief.id)
    cited = [e for e in loaded.events if e.origin == "citation"]
    assert sorted(e.notes for e in cited) == [(1,), (4,), (5,)]


def test_a_pipeline_that_cannot_read_plain_text_finds_no_title_events(brief: Reading) -> None:
    assert title_events(brief, lambda reading: None) == []


def test_the_lazy_pipeline_of_ingest_will_do(brief: Reading, pipeline: Pipeline) -> None:
    lazy = LazyPipeline(lambda: WithTitleEvents(pipeline))
    assert len(title_events(brief, lazy)) == 3
    assert sum(e.origin == "citation" for e in lazy(brief).events) == 3
