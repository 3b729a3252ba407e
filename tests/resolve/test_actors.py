"""Resolution's rules on invented names: transliterations, surnames, kinds and decisions."""

from __future__ import annotations

from sitrep.resolve.actors import (
    ActorRecord,
    CanonicalActor,
    Decision,
    Lexicon,
    PackEntry,
    Resolution,
    group_key,
    is_description,
    resolve,
)

LEXICON = Lexicon(
    actors=(
        PackEntry("nour-brigades", "Kata'ib al-Nour", "militia", "QX", ("Nour Brigades", "KaN")),
        PackEntry("government-of-qx", "Government of Qaria", "state", "QX", ("Qarian government",)),
        PackEntry("qx-army", "Qarian Army", "state_military", "QX"),
    ),
    countries={"Qaria": "QX", "Zemland": "ZL"},
    state_names={"QX": "Government of Qaria"},
    titles=frozenset({"gen", "maj", "general", "ambassador", "col", "colonel"}),
    honorifics=frozenset({"sheikh", "seyyed"}),
    generic_words=frozenset({"soldier", "militant", "police", "convoy"}),
)


def _record(rid: int, doc: str, name: str, kind: str | None = None, country: str | None = None,
            **extra: object) -> ActorRecord:
    return ActorRecord(rid, doc, name, kind, country, **extra)  # type: ignore[arg-type]


def _owner(result: Resolution, record_id: int) -> CanonicalActor:
    return next(a for a in result.actors if any(link.record_id == record_id for link in a.links))


def _together(result: Resolution, *ids: int) -> bool:
    return len({_owner(result, i).key for i in ids}) == 1


def _link(result: Resolution, record_id: int) -> tuple[str, str]:
    link = next(li for a in result.actors for li in a.links if li.record_id == record_id)
    return link.rule, link.evidence


def test_transliterations_of_a_group_name_are_one_actor_with_the_spelling_as_evidence() -> None:
    result = resolve([
        _record(1, "d1", "Kata'ib Hezb al-Amal", "militia", "ZL"),
        _record(2, "d2", "Kataib Hezb al Amal", "militia", "ZL"),
        _record(3, "d3", "Kata’ib Hezb Al-Amal", "militia"),
        _record(4, "d1", "Qods Legion", "state_security", "ZL"),
        _record(5, "d2", "Quds Legion", "state_security", "ZL"),
        _record(6, "d3", "Asa'ib Ahl al-Wadi", "militia"),
        _record(7, "d4", "Asaib Ahl al Wadi", "rebel_group"),
        _record(8, "d4", "Dawn Day Brigade", "militia"),
        _record(9, "d5", "Dawn Day Brigades", "militia"),
    ], lexicon=LEXICON)
    assert _together(result, 1, 2, 3) and _together(result, 4, 5) and _together(result, 6, 7)
    assert _together(result, 8, 9)
    assert len(result.actors) == 4
    rule, evidence = _link(result, 4) if _owner(result, 4).name == "Quds Legion" else _link(result, 5)
    assert rule == "transliteration"
    assert "'Qods Legion' = 'Quds Legion'" in evidence or "'Quds Legion' = 'Qods Legion'" in evidence
    assert _link(result, 7)[1].startswith("spelling: 'Asaib Ahl al Wadi' = 'Asa'ib Ahl al-Wadi'") or \
        _link(result, 6)[1].startswith("spelling: 'Asa'ib Ahl al-Wadi' = 'Asaib Ahl al Wadi'")


def test_the_normaliser_is_conservative() -> None:
    assert group_key("Qods Force") == group_key("Quds Forces")
    assert group_key("Hezbollah") == group_key("Hezbolah")
    assert group_key("Hezbollah") != group_key("Hizballah")  # e/i and o/a stay letters of their own
    assert group_key("Eastern Front") != group_key("Western Front")


def test_a_pack_alias_resolves_a_translation_and_a_spelling_of_it() -> None:
    result = resolve([
        _record(1, "d1", "Kata'ib al-Nour", "militia", "QX", pack_id="nour-brigades", mentions=("KaN",)),
        _record(2, "d2", "Nour Brigades", "militia"),
        _record(3, "d3", "Kataib al Nur", "militia"),
    ], lexicon=LEXICON)
    actor = _owner(result, 1)
    assert actor.key == "pack:nour-brigades" and actor.name == "Kata'ib al-Nour"
    assert _together(result, 1, 2, 3)
    assert _link(result, 1) == ("pack",
                                "extraction matched 'KaN' to pack actor nour-brigades (Kata'ib al-Nour)")
    assert _link(result, 2) == ("pack_alias", "pack alias 'Nour Brigades' of nour-brigades (Kata'ib al-Nour)")
    assert _link(result, 3)[0] == "transliteration"


def test_a_state_named_as_its_country_is_the_packs_state_of_that_country() -> None:
    result = resolve([
        _record(1, "d1", "Qaria", "state", "QX"),
        _record(2, "d2", "Government of Qaria", "state", "QX", pack_id="government-of-qx"),
        _record(3, "d3", "Zemland", "state", "ZL"),
        _record(4, "d4", "Zemland", "state", "ZL"),
        _record(5, "d4", "Qarian Army", "state_military", "QX", pack_id="qx-army"),
    ], lexicon=LEXICON)
    assert _together(result, 1, 2) and _link(result, 1)[0] == "country_state"
    assert _together(result, 3, 4) and _owner(result, 3).key == "state:zl"
    assert _link(result, 4) == ("country_state", "'Zemland' names the state of ZL, as 'Zemland' does")
    assert not _together(result, 1, 5)  # a state and its military stay apart


def test_title_and_surname_join_the_one_person_with_that_surname() -> None:
    result = resolve([
        _record(1, "d1", "Jeffrey Okafor", "person", role="Maj. Gen."),
        _record(2, "d1", "Gen. Okafor", "person"),
        _record(3, "d2", "Okaffor", "person"),
        _record(4, "d3", "Sheikh Ali Wardak", "person"),
        _record(5, "d4", "Ali Wardak", "person"),
    ], lexicon=LEXICON)
    assert _together(result, 1, 2, 3) and _owner(result, 1).key == "person:jeffrey okafor"
    rule, evidence = _link(result, 2)
    assert rule == "surname"
    assert evidence == ("'Gen. Okafor' is the title and surname of 'Jeffrey Okafor', named in the same "
                        "document, the only person there with that surname")
    assert "the only person in the store with that surname" in _link(result, 3)[1]
    assert _together(result, 4, 5)  # an honorific is no part of the name that is compared


def test_a_surname_two_people_share_never_merges() -> None:
    result = resolve([
        _record(1, "d1", "Martin Okafor", "person"),
        _record(2, "d2", "Grace Okafor", "person"),
        _record(3, "d3", "Col. Okafor", "person"),
        _record(4, "d1", "Okafor", "person"),
    ], lexicon=LEXICON)
    assert not _together(result, 1, 2)
    assert _link(result, 3) == ("own", "not merged: 'Okafor' is the surname of 2 people: Grace Okafor, "
                                       "Martin Okafor")
    assert _together(result, 1, 4)  # in its own document only one Okafor is named in full


def test_jeffrey_as_a_surname_and_as_a_given_name() -> None:
    records = [
        _record(1, "d1", "Jeffrey Okafor", "person"),
        _record(2, "d1", "James Jeffrey", "person"),
        _record(3, "d1", "Jeffrey", "person"),
        _record(4, "d2", "Jeffrey", "person"),
        _record(5, "d2", "James", "person"),
    ]
    result = resolve(records, lexicon=LEXICON)
    assert not _together(result, 1, 2)  # the name they share is no evidence
    # a bare name in a report is a surname: in its document, only James Jeffrey has that surname
    assert _together(result, 2, 3)
    assert "also the given name of Jeffrey Okafor" in _link(result, 3)[1]
    # elsewhere it could be either: not merged
    assert not _together(result, 4, 1) and not _together(result, 4, 2)
    assert _link(result, 4) == ("own", "not merged: 'Jeffrey' is the surname of James Jeffrey and the given "
                                       "name of Jeffrey Okafor")
    assert not _together(result, 5, 2)
    assert _link(result, 5)[1].endswith("a given name alone never merges")


def test_full_names_that_differ_by_a_middle_name_or_initial() -> None:
    result = resolve([
        _record(1, "d1", "Mohammad Reza Tavana", "person"),
        _record(2, "d2", "Mohammad Tavana", "person"),
        _record(3, "d3", "Mohammad R. Tavana", "person"),
        _record(4, "d4", "Mohamad Tavana", "person"),
    ], lexicon=LEXICON)
    assert _together(result, 1, 2, 3, 4)
    other = resolve([_record(1, "d1", "Mohammad Reza Tavana", "person"),
                     _record(2, "d2", "Mohammad Ali Tavana", "person"),
                     _record(3, "d3", "Mohammad Tavana", "person", "ZL"),
                     _record(4, "d4", "Mohammad Tavana", "person", "QX")], lexicon=LEXICON)
    assert not _together(other, 1, 2)  # the middle names clash
    assert not _together(other, 3, 4)  # so do the countries


def test_kinds_and_countries_keep_actors_apart() -> None:
    result = resolve([
        _record(1, "d1", "Badr", "militia", "ZL"),
        _record(2, "d2", "Badr", "person"),
        _record(3, "d1", "Interior Ministry", "state", "ZL"),
        _record(4, "d2", "Interior Ministry", "state", "QX"),
        _record(5, "d3", "Interior Ministry", "state"),
        _record(6, "d3", "Badr", "rebel_group"),
        _record(7, "d4", "Badr"),
    ], lexicon=LEXICON)
    assert not _together(result, 1, 2)  # a person never joins a group
    assert not _together(result, 3, 4) and not _together(result, 5, 3) and not _together(result, 5, 4)
    assert _together(result, 1, 6, 7)  # militia and rebel group are told apart differently by documents


def test_descriptions_join_only_within_their_document() -> None:
    result = resolve([
        _record(1, "d1", "soldiers", "state_military"),
        _record(2, "d2", "soldiers", "state_military"),
        _record(3, "d2", "Soldiers", "state_military", "ZL"),
        _record(4, "d3", "Militants", "rebel_group"),
        _record(5, "d4", "militants", "rebel_group"),
    ], lexicon=LEXICON)
    assert not _together(result, 1, 2) and _together(result, 2, 3) and not _together(result, 4, 5)
    assert is_description("regional police", LEXICON) and not is_description("Eastern Brigades", LEXICON)


def test_an_acronym_the_text_defines_joins_what_it_abbreviates() -> None:
    result = resolve([
        _record(1, "d1", "Harakat al-Wadi", "militia", acronyms=("HaW",)),
        _record(2, "d1", "HaW", "militia"),
        _record(3, "d2", "HaW", "militia"),
        _record(4, "d3", "ZZF", "militia"),
    ], lexicon=LEXICON)
    assert _together(result, 1, 2, 3) and not _together(result, 1, 4)
    assert _link(result, 2) == ("acronym", "acronym: the text defines 'Harakat al-Wadi (HaW)' in the same "
                                           "document")


def test_decisions_merge_and_split_and_each_undoes_the_other() -> None:
    records = [
        _record(1, "d1", "Eastern Brigades", "militia"),
        _record(2, "d2", "Sharqiya Brigades", "militia"),
        _record(3, "d3", "Eastern Brigades", "militia"),
    ]
    merged = resolve(records, lexicon=LEXICON,
                     decisions=[Decision("merge", "Eastern Brigades", "Sharqiya Brigades", "2026-11-25")])
    assert _together(merged, 1, 2, 3) and merged.outcomes[0].status == "applied"
    rule, evidence = _link(merged, 2)
    assert rule == "user" and evidence.startswith(
        "merged by the user on 2026-11-25: 'Eastern Brigades' and 'Sharqiya Brigades' are one actor "
        "(before: name")
    undone = resolve(records, lexicon=LEXICON, decisions=[
        Decision("merge", "Eastern Brigades", "Sharqiya Brigades"), Decision("split", "Sharqiya Brigades")])
    assert not _together(undone, 1, 2) and _together(undone, 1, 3)
    assert _owner(undone, 2).key == "group:sharqiya brigade"
    split = resolve(records, lexicon=LEXICON, decisions=[Decision("split", "Eastern Brigades")])
    assert split.outcomes[0].status == "unchanged"  # it holds no other name: nothing to take out of
    missing = resolve(records, lexicon=LEXICON, decisions=[Decision("merge", "Nobody", "Eastern Brigades")])
    assert missing.skipped[0].status == "unknown" and missing.skipped[0].names == ("Nobody",)


def test_a_split_takes_a_name_out_of_a_pack_actor_and_a_merge_by_key_puts_it_back() -> None:
    records = [
        _record(1, "d1", "Kata'ib al-Nour", "militia", "QX", pack_id="nour-brigades"),
        _record(2, "d2", "Nour Brigades", "militia"),
    ]
    split = resolve(records, lexicon=LEXICON, decisions=[Decision("split", "Nour Brigades")])
    assert not _together(split, 1, 2) and _owner(split, 2).name == "Nour Brigades"
    back = resolve(records, lexicon=LEXICON, decisions=[
        Decision("split", "Nour Brigades"), Decision("merge", "pack:nour-brigades", "Nour Brigades")])
    assert _together(back, 1, 2) and _owner(back, 2).key == "pack:nour-brigades"


def test_an_ambiguous_name_in_a_decision_is_skipped() -> None:
    records = [_record(1, "d1", "Martin Okafor", "person"), _record(2, "d2", "Grace Okafor", "person"),
               _record(3, "d3", "Okafor", "person"), _record(4, "d4", "Okafor", "person"),
               _record(5, "d1", "Eastern Brigades", "militia")]
    result = resolve(records, lexicon=LEXICON, decisions=[Decision("merge", "Okafor", "Eastern Brigades")])
    assert result.skipped[0].status == "ambiguous" and "name one by its key" in result.skipped[0].message


def test_keys_are_stable_whatever_the_order_of_the_records() -> None:
    records = [
        _record(1, "d1", "Jeffrey Okafor", "person"), _record(2, "d2", "Okafor", "person"),
        _record(3, "d1", "Kata'ib Hezb al-Amal", "militia", "ZL"), _record(4, "d2", "Kataib Hezb al Amal"),
        _record(5, "d3", "soldiers", "state_military"),
    ]
    first = resolve(records, lexicon=LEXICON)
    again = resolve(list(reversed(records)), lexicon=LEXICON)
    assert first == again
    assert [a.key for a in first.actors] == [
        "group:kataib hezb amal:zl", "person:jeffrey okafor", "state_military:soldier@d3"]
