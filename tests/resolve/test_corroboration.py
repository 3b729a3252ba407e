"""Independent sources and contradictions (sitrep.resolve.corroboration) over a real store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from sitrep.ingest.batch import ingest
from sitrep.resolve.corroboration import (
    Evidence,
    Report,
    Sources,
    corroborate_reports,
    is_generic,
    load_sources,
    normal_url,
)
from sitrep.resolve.events import EventRecord
from sitrep.store.store import Store

MULTIDOC = Path(__file__).parents[1] / "fixtures" / "multidoc"
DOCUMENTS = ["brief-shabelle-2022.md", "news-afgooye-bomb.md", "news-afgooye-toll.txt",
             "news-baidoa-mortar.md", "news-jilib-strike.md"]


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as opened:
        result = ingest(opened, [str(MULTIDOC / name) for name in DOCUMENTS])  # no extraction needed
        assert result.ok, result.outcomes
        yield opened


@pytest.fixture
def ids(store: Store) -> dict[str, str]:
    return {d.source.rsplit("/", 1)[-1]: d.id for d in store.documents()}


@pytest.fixture
def sources(store: Store) -> Sources:
    with store.connection() as conn:
        return load_sources(conn)


def test_two_notes_citing_one_article_are_one_source(sources: Sources, ids: dict[str, str]) -> None:
    brief = ids["brief-shabelle-2022.md"]
    assert sources.of_note(brief, 1) == sources.of_note(brief, 5)
    assert sources.of_note(brief, 1) != sources.of_note(brief, 2)


def test_a_stored_article_is_the_source_its_citations_name(sources: Sources, ids: dict[str, str]) -> None:
    brief = ids["brief-shabelle-2022.md"]
    # the same URL
    assert sources.of_note(brief, 1) == [sources.of_document(ids["news-afgooye-bomb.md"])]
    # no URL and no publisher of its own: the same headline
    assert sources.of_note(brief, 2) == [sources.of_document(ids["news-afgooye-toll.txt"])]
    toll = sources.sources[sources.of_document(ids["news-afgooye-toll.txt"])]
    assert toll.outlets == ("East Africa Ledger",) and toll.domains == ("ledger.example.org",)
    assert toll.label == "East Africa Ledger, “Toll in Afgooye Convoy Attack Rises”"
    # an organisation as author stands for the outlet
    ministry = sources.sources[sources.of_note(brief, 3)[0]]
    assert ministry.outlets == ("Somali Ministry of Information",)


def test_what_a_fact_rests_on(sources: Sources, ids: dict[str, str]) -> None:
    brief, news = ids["brief-shabelle-2022.md"], ids["news-baidoa-mortar.md"]
    cited = sources.for_fact(brief, (1, 2))
    assert cited.sources == (*sources.of_note(brief, 1), *sources.of_note(brief, 2))
    assert cited.via_notes == (1, 2)
    assert sources.of_document(brief) not in cited.sources  # a report adds no source of its own
    assert sources.for_fact(news, ()).sources == (sources.of_document(news),)
    assert sources.for_fact(brief, ()).sources == (sources.of_document(brief),)
    assert sources.for_fact(brief, (1,), "citation").sources == tuple(sources.of_note(brief, 1))


def test_section_pages_do_not_make_pieces_one_source() -> None:
    assert normal_url("https://www.Example.com/news/2022/03/x-y/#top") == "example.com/news/2022/03/x-y"
    from sitrep.resolve.corroboration import _specific

    assert not _specific("defense.gov/News/Releases")
    assert _specific("mogadishuwire.example.com/2022/03/14/afgooye-bomb")
    assert _specific("example.org/story?id=7")


def record(id: str, **fields: object) -> EventRecord:
    base: dict[str, object] = {"type": "ASSAULT", "document_id": "d", "order": 0, "sentence": (0, 1),
                               "date_precision": "day", "date_kind": "exact"}
    base.update(fields)
    return EventRecord(id=id, **base)  # type: ignore[arg-type]


def test_sources_differ_side_by_side_with_who_says_what(sources: Sources, ids: dict[str, str]) -> None:
    brief = ids["brief-shabelle-2022.md"]
    mw = sources.of_note(brief, 1)[0]
    eal = sources.of_note(brief, 2)[0]
    reports = [
        Report(record("a", killed=3, date_value=date(2022, 3, 14), claimed_by=frozenset({1}),
                      names={1: "al-Shabaab"}), Evidence((mw,))),
        Report(record("b", killed=5, date_value=date(2022, 3, 14), claimed_by=frozenset({2}),
                      names={2: "Militias (Somalia)"}), Evidence((eal,))),
        Report(record("c", killed=3, date_value=date(2022, 3, 13)), Evidence((mw,))),
    ]
    found = corroborate_reports(reports, sources.sources)
    assert found.sources == (mw, eal)
    assert found.contradictions["killed"] == [
        {"value": 3, "sources": [sources.sources[mw].label], "reports": ["a", "c"]},
        {"value": 5, "sources": [sources.sources[eal].label], "reports": ["b"]},
    ]
    assert [item["value"] for item in found.contradictions["date"]] == ["2022-03-13", "2022-03-14"]
    assert "claimed_by" not in found.contradictions  # a generic group names no claimant
    assert is_generic("Militias (Somalia)") and not is_generic("al-Shabaab")


def test_agreeing_reports_have_no_contradictions(sources: Sources, ids: dict[str, str]) -> None:
    news = sources.of_document(ids["news-baidoa-mortar.md"])
    reports = [Report(record("a", killed=2, date_value=date(2022, 3, 14)), Evidence((news,))),
               Report(record("b", killed=2), Evidence((news,)))]
    found = corroborate_reports(reports, sources.sources)
    assert found.sources == (news,) and found.contradictions == {}
