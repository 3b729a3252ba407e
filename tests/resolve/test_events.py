"""Event merging rules (sitrep.resolve.events): pure, over invented event records."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sitrep.resolve.events import Decision, EventRecord, compare, consensus, group

BAIDOA = {"place_name": "Baidoa", "place_admin1": "Bay", "place_country": "SO", "place_precision": 1,
          "place_lat": 3.11, "place_lon": 43.65}
AFGOOYE = {"place_name": "Afgooye", "place_admin1": "Lower Shabeelle", "place_country": "SO",
           "place_precision": 1, "place_lat": 2.14, "place_lon": 45.12}


def record(id: str, document: str = "d1", order: int = 0, sentence: tuple[int, int] = (0, 10),
           **fields: object) -> EventRecord:
    base: dict[str, object] = {"type": "ASSAULT", "date_value": date(2022, 3, 14), "date_precision": "day",
                               "date_kind": "exact"}
    base.update(fields)
    return EventRecord(id=id, document_id=document, order=order, sentence=sentence, **base)  # type: ignore[arg-type]


def test_same_day_place_and_type_merge_with_the_reason_in_words() -> None:
    a = record("a", **BAIDOA, mode="heavy-weapons", killed=2, recipients=frozenset({7}),
               names={7: "civilians"})
    b = record("b", document="d2", **BAIDOA, mode="heavy-weapons", killed=2, recipients=frozenset({7}))
    found = compare(a, b)
    assert found.merges
    assert found.reason == ("same type ASSAULT, same mode heavy-weapons, date 2022-03-14 within day "
                            "precision, same place Baidoa, recipients agree (civilians), killed 2 in both")


def test_attacks_in_two_provinces_the_same_day_stay_apart() -> None:
    a = record("a", **BAIDOA)
    b = record("b", document="d2", **AFGOOYE)
    found = compare(a, b)
    assert not found.compatible
    assert found.blocked is not None and "Baidoa" in found.blocked and "Afgooye" in found.blocked
    assert len(group([a, b]).clusters) == 2


def test_a_month_contains_its_days_and_a_town_lies_in_its_province() -> None:
    day = record("a", **AFGOOYE, killed=5)
    month = record("b", document="d2", date_value=date(2022, 3, 1), date_precision="month",
                   place_name="Lower Shabeelle", place_admin1="Lower Shabeelle", place_country="SO",
                   place_precision=4, killed=5)
    found = compare(day, month)
    assert found.merges, found
    assert "date 2022-03-14 within month 2022-03-01..2022-03-31" in found.reason
    assert "Afgooye lies in Lower Shabeelle" in found.reason


def test_days_apart_never_merge_one_day_apart_merges_only_on_strong_evidence() -> None:
    a = record("a", **AFGOOYE, mode="aerial", actors=frozenset({1}), names={1: "United States"})
    far = record("b", document="d2", **AFGOOYE, date_value=date(2022, 3, 11), mode="aerial",
                 actors=frozenset({1}))
    assert not compare(a, far).compatible
    near = replace(far, date_value=date(2022, 3, 13))
    found = compare(a, near)
    assert found.merges
    assert "dates a day apart (2022-03-13 vs 2022-03-14: sources differ)" in found.reason
    weak = replace(near, mode=None, actors=frozenset())
    assert not compare(a, weak).merges


def test_figures_that_differ_are_said_to_differ_and_the_incident_keeps_the_lowest() -> None:
    a = record("a", **AFGOOYE, killed=5, order=0)
    b = record("b", document="d2", **AFGOOYE, killed=3, order=1)
    assert "killed 5 vs 3 (sources differ)" in compare(a, b).reason
    (cluster,) = group([b, a]).clusters
    assert consensus(cluster.records)["killed"] == 3
    assert cluster.key == "a"  # the earliest stored report


def test_only_asserted_events_merge_and_never_two_of_one_sentence() -> None:
    a = record("a", **BAIDOA)
    denied = record("b", document="d2", **BAIDOA, status="negated")
    assert not compare(a, denied).compatible
    same_sentence = record("c", **BAIDOA, type="ASSAULT")
    assert compare(a, same_sentence).blocked == "the same sentence"
    assert sorted(len(c.members) for c in group([a, denied, same_sentence]).clusters) == [1, 1]


def test_undated_report_joins_on_place_and_details_but_not_if_its_document_is_older() -> None:
    dated = record("a", document="d1", **BAIDOA, killed=2, actors=frozenset({4}))
    undated = record("b", document="d2", **BAIDOA, date_value=None, date_precision=None, date_kind=None,
                     killed=2, actors=frozenset({4}), published=date(2022, 4, 1))
    assert compare(dated, undated).merges
    older = replace(undated, published=date(2022, 3, 1))
    assert not compare(dated, older).compatible


def test_a_cited_headline_joins_the_sentence_whose_note_cites_it() -> None:
    sentence = record("a", **AFGOOYE, notes=(1, 2), killed=5)
    title = record("t", sentence=(500, 540), origin="citation", notes=(1,), date_value=date(2022, 3, 8),
                   date_end=date(2022, 3, 14), date_precision="week", date_kind="range", killed=3)
    found = compare(sentence, title)
    assert found.merges
    assert "the title cited in note 1 stands beside the document's own sentence" in found.reason


def test_two_sentences_of_one_document_need_the_same_place() -> None:
    a = record("a", sentence=(0, 10), **BAIDOA)
    b = record("b", sentence=(20, 40))  # no place: another attack the same day, perhaps
    assert not compare(a, b).compatible


def test_different_types_stay_apart_and_one_family_costs_evidence() -> None:
    a = record("a", **BAIDOA)
    assert not compare(a, record("b", document="d2", **BAIDOA, type="PROTEST")).compatible
    coerce = compare(a, record("c", document="d2", **BAIDOA, type="COERCE"))
    assert coerce.compatible and "types of one family (ASSAULT, COERCE)" in coerce.reason


def test_decisions_merge_and_split_last_and_unknown_events_are_skipped() -> None:
    a = record("a", **BAIDOA, order=0)
    b = record("b", document="d2", **AFGOOYE, order=1)
    c = record("c", document="d3", **AFGOOYE, order=2)
    assert sorted(len(x.members) for x in group([a, b, c]).clusters) == [1, 2]
    merged = group([a, b, c], [Decision(1, "merge", "a", "b")])  # b's incident (b and c) joins a's
    (together,) = merged.clusters
    reasons = {r.id: why for r, why in together.members}
    assert reasons["a"] == "first report"
    assert reasons["c"].startswith("merged by the user (decision 1: a and b are one incident)")
    split = group([a, b, c], [Decision(1, "merge", "a", "b"), Decision(2, "split", "b")])
    assert sorted(sorted(r.id for r in x.records) for x in split.clusters) == [["a", "c"], ["b"]]
    skipped = group([a], [Decision(3, "split", "gone")])
    assert [d.id for d in skipped.skipped_decisions] == [3]
