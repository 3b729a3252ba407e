from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date

import pytest
import sqlalchemy as sa

from sitrep.errors import NotFound, StoreError
from sitrep.model.facts import (
    ActorRef,
    Attribution,
    DateValue,
    Event,
    Extraction,
    Mention,
    Place,
    Quantity,
    Quote,
    Relation,
)
from sitrep.model.reading import Reading
from sitrep.model.span import Span
from sitrep.store import tables
from sitrep.store.store import Store

CountRows = Callable[[Store], dict[str, int]]
FACT_TABLES = (
    "extractions",
    "mentions",
    "actors",
    "actor_mentions",
    "events",
    "event_roles",
    "relations",
    "quotes",
)


def _at(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span(start, start + len(part))


def build_extraction(reading: Reading) -> Extraction:
    """An invented extraction over conftest's rich reading, using every field the model has."""
    text = reading.document.text
    s1, s2, s3 = reading.notes.sentences[1:4]
    kh = ActorRef(
        "Kata’ib Hizballah",
        _at(text, "Kata’ib Hizballah"),
        "Kata'ib Hizballah",
        kind="militia",
        country="IQ",
        actor_id="kataib-hizballah",
        origin="pack",
    )
    qods = ActorRef(
        "Iran’s Qods Force",
        _at(text, "Iran’s Qods Force"),
        "Quds Force",
        kind="state_security",
        country="IR",
        actor_id="irgc-qf",
        origin="pack",
    )
    officials = ActorRef("officials", _at(text, "officials"), "officials", kind="other", origin="parse")
    base = ActorRef("the base", _at(text, "the base"), "the base", kind=None, origin="parse")
    # The same actor named again: another mention of the same actors row.
    kh_again = dataclasses.replace(kh, text="the attacks", span=_at(text, "attacks"))
    rockets = Event(
        type="ASSAULT",
        trigger="fired",
        trigger_span=_at(text, "fired"),
        sentence=s1,
        mode="heavy-weapons",
        acled=("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        actors=(kh,),
        recipients=(base,),
        claimed_by=(kh,),
        attributed_to=(Attribution(kh, by=officials, text="officials said"), Attribution(qods)),
        weapon="rockets",
        date=DateValue("3 May", _at(text, "3 May"), date(2011, 5, 3), "day"),
        place=Place(
            "the base",
            _at(text, "the base"),
            name="Camp Example",
            admin1="Baghdad",
            country="IQ",
            lat=33.3,
            lon=44.4,
            precision=1,
            geonameid=98182,
            feature_code="PPLC",
            source="pack",
        ),
        site=Place("the base", _at(text, "the base")),
        quantities=(
            Quantity("killed", 2.0, "two", _at(text, "rockets"), minimum=True),
            Quantity("killed", 3.0, "three", _at(text, "rockets"), approximate=True),
            Quantity("money", 5.0, "five", _at(text, "base"), unit="USD"),
        ),
        notes=(1,),
        context=("military",),
    )
    supply = Event(
        type="AID",
        trigger="supplied",
        trigger_span=_at(text, "supplied"),
        sentence=s2,
        actors=(qods,),
        recipients=(kh,),
        notes=(2, 3),
        date=DateValue("", Span(s2.start, s2.start), None, None, kind="unresolved"),
    )
    continued = Event(
        type="ASSAULT",
        trigger="attacks",
        trigger_span=_at(text, "attacks"),
        sentence=s3,
        actors=(kh_again,),
        date=DateValue(
            "into June",
            _at(text, "into June"),
            date(2011, 6, 1),
            "month",
            kind="range",
            end=date(2011, 6, 30),
            future=True,
        ),
        status="hypothetical",
        notes=(9,),
    )
    return Extraction(
        document_id=reading.id,
        events=(rockets, supply, continued),
        relations=(
            Relation(qods, "supplies_weapons", kh, _at(text, "supplied"), s2, notes=(2, 3)),
            Relation(qods, "directs", kh, kh.span, s1, origin="pack:iraq"),
        ),
        quotes=(
            Quote(
                "Iran’s Qods Force supplied them",
                _at(text, "Iran’s Qods Force supplied them"),
                s2,
                speaker=officials,
                notes=(2, 3),
            ),
            Quote("The attacks continued", _at(text, "The attacks continued"), s3),
        ),
        actors=(kh, qods, officials, kh),
        mentions=(
            Mention("weapon", _at(text, "rockets"), "rockets", label="WEAPON", key="rocket"),
            Mention("date", _at(text, "3 May"), "3 May", label="DATE"),
        ),
    )


@pytest.fixture
def stored(store: Store, rich_reading: Reading) -> tuple[Store, Extraction]:
    store.add_reading(rich_reading)
    extraction = build_extraction(rich_reading)
    store.replace_extraction(rich_reading.id, extraction)
    return store, extraction


# -- writing and loading -----------------------------------------------------------------------


def test_an_extraction_round_trips_exactly(stored: tuple[Store, Extraction]) -> None:
    store, extraction = stored
    assert store.load_extraction(extraction.document_id) == extraction


def test_an_empty_extraction_round_trips_and_counts_as_extracted(store: Store, rich_reading: Reading) -> None:
    store.add_reading(rich_reading)
    assert not store.has_extraction(rich_reading.id)
    assert store.unextracted() == [rich_reading.id]
    with pytest.raises(NotFound, match="sitrep extract"):
        store.load_extraction(rich_reading.id)
    info = store.replace_extraction(rich_reading.id, Extraction(rich_reading.id))
    assert info.events == 0
    assert store.has_extraction(rich_reading.id)
    assert store.unextracted() == []
    assert store.load_extraction(rich_reading.id) == Extraction(rich_reading.id)


def test_actor_references_are_stored_once_per_actor_and_once_per_mention(
    stored: tuple[Store, Extraction], count_rows: CountRows
) -> None:
    store, _ = stored
    counts = count_rows(store)
    assert counts["actors"] == 4  # KH, Qods Force, officials, the base
    assert counts["actor_mentions"] == 6  # the four above, "the attacks", KH listed twice in actors
    assert counts["event_roles"] == 9  # 6 + 2 + 1: attributed_by has a row of its own


def test_replacing_an_extraction_is_idempotent(
    stored: tuple[Store, Extraction], count_rows: CountRows
) -> None:
    store, extraction = stored
    before = count_rows(store)
    ids = [e.id for e in store.events()]
    info = store.replace_extraction(extraction.document_id, extraction, stages=("parse", "events"))
    assert (info.events, info.relations, info.quotes) == (3, 2, 2)
    assert count_rows(store) == before
    assert [e.id for e in store.events()] == ids
    assert store.load_extraction(extraction.document_id) == extraction


def test_replacing_with_fewer_facts_removes_the_old_ones(
    stored: tuple[Store, Extraction], count_rows: CountRows
) -> None:
    store, extraction = stored
    smaller = dataclasses.replace(
        extraction, events=extraction.events[1:2], relations=(), quotes=(), actors=(), mentions=()
    )
    store.replace_extraction(extraction.document_id, smaller)
    assert store.load_extraction(extraction.document_id) == smaller
    counts = count_rows(store)
    assert (counts["events"], counts["relations"], counts["quotes"], counts["mentions"]) == (1, 0, 0, 0)
    assert counts["actors"] == 2


def test_event_ids_are_deterministic_and_distinct_for_repeated_triggers(
    store: Store, rich_reading: Reading
) -> None:
    store.add_reading(rich_reading)
    event = build_extraction(rich_reading).events[0]
    twice = Extraction(rich_reading.id, events=(event, event))
    store.replace_extraction(rich_reading.id, twice)
    first = [e.id for e in store.events()]
    assert len(set(first)) == 2
    store.replace_extraction(rich_reading.id, twice)
    assert [e.id for e in store.events()] == first
    assert store.load_extraction(rich_reading.id) == twice


def test_a_fact_outside_the_text_is_refused_and_the_old_facts_stay(
    stored: tuple[Store, Extraction], count_rows: CountRows
) -> None:
    store, extraction = stored
    before = count_rows(store)
    far = Span(10_000, 10_005)
    bad = dataclasses.replace(
        extraction, events=(dataclasses.replace(extraction.events[0], trigger_span=far),)
    )
    with pytest.raises(StoreError, match="beyond the document"):
        store.replace_extraction(extraction.document_id, bad)
    assert count_rows(store) == before
    assert store.load_extraction(extraction.document_id) == extraction


def test_an_extraction_of_another_document_is_refused(stored: tuple[Store, Extraction]) -> None:
    store, extraction = stored
    with pytest.raises(StoreError, match="not"):
        store.replace_extraction(extraction.document_id, dataclasses.replace(extraction, document_id="other"))


def test_an_unknown_document_raises_not_found(store: Store) -> None:
    with pytest.raises(NotFound, match="feedface"):
        store.replace_extraction("feedface", Extraction("feedface"))
    with pytest.raises(NotFound, match="feedface"):
        store.load_extraction("feedface")


def test_add_reading_writes_the_extraction_in_the_same_transaction(
    store: Store, rich_reading: Reading, count_rows: CountRows
) -> None:
    extraction = build_extraction(rich_reading)
    before = count_rows(store)
    broken = dataclasses.replace(extraction, quotes=(Quote("x", Span(0, 99_999), Span(0, 1)),))
    with pytest.raises(StoreError):
        store.add_reading(rich_reading, extraction=broken)
    assert count_rows(store) == before  # neither the document nor any fact
    added = store.add_reading(rich_reading, extraction=extraction, stages=("test",))
    assert added.created and added.extraction is not None and added.extraction.events == 3
    assert store.load_extraction(rich_reading.id) == extraction


def test_deleting_the_document_deletes_every_fact(
    stored: tuple[Store, Extraction], count_rows: CountRows
) -> None:
    store, extraction = stored
    store.delete_document(extraction.document_id)
    counts = count_rows(store)
    assert {name: counts[name] for name in FACT_TABLES} == dict.fromkeys(FACT_TABLES, 0)


def test_facts_point_at_the_stored_sentence_that_holds_them(stored: tuple[Store, Extraction]) -> None:
    store, _ = stored
    e, s = tables.events.c, tables.sentences.c
    query = sa.select(e.seq, s.seq).select_from(
        tables.events.outerjoin(tables.sentences, e.sentence_id == s.id)
    )
    with store.engine.connect() as conn:
        assert sorted(tuple(row) for row in conn.execute(query)) == [(0, 1), (1, 2), (2, 3)]


# -- finding events and relations --------------------------------------------------------------


def test_events_carry_their_document_sentence_and_citations(
    stored: tuple[Store, Extraction], rich_reading: Reading
) -> None:
    store, extraction = stored
    events = store.events()
    # Dated first by date, the unresolved one last.
    assert [e.event.trigger for e in events] == ["fired", "attacks", "supplied"]
    first = events[0]
    assert first.event == extraction.events[0]
    assert first.document_id == rich_reading.id
    assert first.document_title == rich_reading.document.title
    assert first.document_source == rich_reading.document.source
    assert first.sentence_text == "Kata’ib Hizballah fired rockets at the base on 3 May.[1]"
    assert [c.outlet for c in first.citations] == ["Example Times"]
    supplied = events[2]
    assert [n.number for n in supplied.notes] == [2, 3]  # note 3 has no citation but is kept
    assert [c.raw for c in supplied.citations] == ["Ibid.", "Example Wire, June 2011"]
    assert events[1].notes == ()  # note 9 is cited in the text but missing from the notes


@pytest.mark.parametrize(
    ("filters", "triggers"),
    [
        ({"type": "assault"}, ["fired", "attacks"]),
        ({"type": "AID"}, ["supplied"]),
        ({"actor": "qods"}, ["fired", "supplied"]),  # blamed in the first, the actor in the second
        ({"actor": "kataib-hizballah"}, ["fired", "attacks", "supplied"]),
        ({"actor": "officials"}, ["fired"]),  # the one who blames
        ({"actor": "nobody"}, []),
        ({"place": "baghdad"}, ["fired"]),
        ({"place": "iq"}, ["fired"]),
        ({"since": date(2011, 5, 4)}, ["attacks"]),
        ({"until": date(2011, 5, 31)}, ["fired"]),
        ({"since": date(2011, 6, 15), "until": date(2011, 6, 15)}, ["attacks"]),  # inside the range
        ({"type": "ASSAULT", "actor": "hizballah", "since": date(2011, 6, 1)}, ["attacks"]),
    ],
)
def test_event_filters(
    stored: tuple[Store, Extraction], filters: dict[str, object], triggers: list[str]
) -> None:
    store, _ = stored
    assert [e.event.trigger for e in store.events(**filters)] == triggers  # type: ignore[arg-type]


def test_events_filter_by_document(store: Store, make_reading: Callable[..., Reading]) -> None:
    a, b = make_reading("A"), make_reading("B")
    for reading in (a, b):
        store.add_reading(reading, extraction=build_extraction(reading))
    assert {e.document_id for e in store.events()} == {a.id, b.id}
    assert {e.document_id for e in store.events(document=b.id)} == {b.id}
    assert len({e.id for e in store.events()}) == 6


def test_relations_carry_their_evidence_and_tell_background_from_text(
    stored: tuple[Store, Extraction],
) -> None:
    store, extraction = stored
    relations = store.relations()
    assert [r.relation for r in relations] == list(extraction.relations)
    stated, background = relations
    assert not stated.background and background.background
    assert stated.sentence_text.startswith("Iran’s Qods Force supplied them")
    assert [n.number for n in stated.notes] == [2, 3]
    assert [r.relation.type for r in store.relations(type="DIRECTS")] == ["directs"]
    assert len(store.relations(actor="Quds")) == 2
    assert len(store.relations(actor="kata")) == 2  # as target
    assert store.relations(actor="officials") == []
