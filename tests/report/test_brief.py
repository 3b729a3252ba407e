"""Briefs built from the multi-document fixture store: the subject, the sentences and their
notes, the full citations, the toll and date differences, the key judgments."""

from __future__ import annotations

import re
from datetime import date

import pytest

from sitrep.errors import NotFound
from sitrep.report.brief import BriefError, build_brief, check
from sitrep.report.likelihood import check_sentences, likelihood_terms, mentions_confidence
from sitrep.report.model import Brief, Sentence
from sitrep.report.sections import ATTACKS, SUPPORT
from sitrep.store.store import Store


@pytest.fixture(scope="module")
def somalia(store: Store) -> Brief:
    return build_brief(store, "SO")


def body(brief: Brief) -> list[Sentence]:
    return [s for section in brief.sections for p in section.paragraphs for s in p.sentences]


def test_a_country_code_is_a_place_and_takes_in_every_incident(somalia: Brief) -> None:
    assert (somalia.subject.kind, somalia.subject.label) == ("place", "Somalia")
    assert somalia.incidents == 3 and somalia.relations == 0
    assert somalia.title == "Somalia, 14 to 18 March 2022"
    assert [s.heading for s in somalia.sections] == [ATTACKS]


def test_every_sentence_has_markers_and_every_marker_a_note(somalia: Brief) -> None:
    numbers = [n.number for n in somalia.notes]
    assert numbers == list(range(1, len(numbers) + 1))
    assert body(somalia)
    for sentence in somalia.sentences():
        assert sentence.notes, sentence.text
        assert set(sentence.notes) <= set(numbers)
    assert {n for s in somalia.sentences() for n in s.notes} == set(numbers)  # every note is used


def test_notes_are_numbered_in_order_of_first_use(somalia: Brief) -> None:
    first_seen = list(dict.fromkeys(n for s in somalia.sentences() for n in s.notes))
    assert first_seen == sorted(first_seen)


def test_notes_give_full_citations_one_per_piece(somalia: Brief) -> None:
    texts = [n.text for n in somalia.notes]
    # cited by the brief's notes 1 and 5, and ingested itself: one piece, one note
    wire = [t for t in texts if "Roadside Bomb Kills 3 Soldiers Near Afgooye" in t]
    assert wire == ["Amina Yusuf, “Roadside Bomb Kills 3 Soldiers Near Afgooye,” Mogadishu Wire, "
                    "March 14, 2022, https://mogadishuwire.example.com/2022/03/14/afgooye-bomb."]
    # the brief's citation (outlet, URL) and the ingested article (its byline) are the same piece
    assert ("Daniel Otieno, “Toll in Afgooye Convoy Attack Rises,” East Africa Ledger, March 15, 2022, "
            "https://ledger.example.org/2022/03/15/afgooye-toll.") in texts
    for note in somalia.notes:
        source = note.source
        for part in (source.title, source.outlet, source.url):
            if part:
                assert part in note.text
        assert source.date is None or str(source.date.year) in note.text


def test_a_fact_resting_on_a_document_alone_cites_that_document(somalia: Brief) -> None:
    # the Baidoa story is the news article itself (no notes): its note is the article
    assert any(n.text == "“Mortar Rounds Hit Baidoa Airport,” Horn Daily, March 15, 2022, "
                         "https://horndaily.example.net/baidoa-mortars." for n in somalia.notes)


def test_event_sentences_write_the_date_toll_and_differences(somalia: Brief) -> None:
    texts = [s.text for s in body(somalia)]
    afgooye = next(t for t in texts if "Afgooye" in t)
    assert afgooye.startswith("On 14 March 2022, a bombing by Al-Shabaab killed at least 3 ")
    assert "near Afgooye, Lower Shabeelle" in afgooye
    assert "sources differ on the toll (3 to 5)" in afgooye
    jilib = next(t for t in texts if "Jilib" in t)
    assert "sources differ on the date (17 or 18 March 2022)" in jilib
    baidoa = ("On 14 March 2022, a mortar or artillery attack by militants killed 2 civilians near "
              "Baidoa, Bay.")
    assert baidoa in texts
    assert "Al-Shabaab claimed responsibility." in texts


def test_the_differing_toll_cites_both_sources(somalia: Brief) -> None:
    sentence = next(s for s in body(somalia) if "sources differ on the toll" in s.text)
    cited = {somalia.notes[n - 1].source.outlet for n in sentence.notes}
    assert {"Mogadishu Wire", "East Africa Ledger"} <= cited


def test_key_judgments_count_estimate_and_state_confidence_apart(somalia: Brief) -> None:
    judgments = [s.text for s in somalia.key_judgments]
    assert 2 <= len(judgments) <= 4
    assert judgments[0] == ("From 14 to 18 March 2022, the sources record 3 incidents in or near Somalia, "
                            "all of them attacks, killing at least 5 people.")
    assert judgments[1].startswith("It is very likely that the bombing near Afgooye")
    assert "(grade B2)" in judgments[1]
    assert judgments[-1].startswith("We have moderate confidence in these judgments")
    for text in judgments:
        assert not (likelihood_terms(text) and mentions_confidence(text)), text
    assert check_sentences([s.text for s in somalia.sentences()]) == []


def test_an_actor_by_any_alias(store: Store) -> None:
    by_alias = build_brief(store, "al-Shabab")
    assert (by_alias.subject.kind, by_alias.subject.label) == ("actor", "Al-Shabaab")
    from dataclasses import replace

    assert replace(build_brief(store, "Shabaab", kind="actor"), subject=by_alias.subject) == by_alias
    assert any("Afgooye" in s.text for s in body(by_alias))
    headings = [s.heading for s in by_alias.sections]
    assert headings == [ATTACKS, SUPPORT]
    relation = by_alias.sections[1].paragraphs[0].sentences[0]
    assert re.fullmatch(r"Moham+ed Abdirahman Warsame is a member of Al-Shabaab \(grade [A-F][1-6]\)\.",
                        relation.text)
    assert relation.notes
    attribution = by_alias.key_judgments[2].text
    assert re.match(r"(It is|There is a) [a-z ]+ that Al-Shabaab carried out ", attribution)
    assert "the sources name it as the attacker" in attribution and "it claimed" in attribution


def test_a_topic_by_plover_type_or_word(store: Store) -> None:
    assaults = build_brief(store, "ASSAULT")
    assert (assaults.subject.kind, assaults.incidents) == ("topic", 3)
    assert build_brief(store, "attacks").incidents == 3  # a section's heading, singular or plural
    airstrikes = build_brief(store, "airstrike", kind="topic")
    assert airstrikes.incidents == 1
    assert "Jilib" in body(airstrikes)[0].text
    assert airstrikes.key_judgments[1].text.startswith("There is a roughly even chance that the airstrike")


def test_the_date_range(store: Store) -> None:
    late = build_brief(store, "SO", since=date(2022, 3, 15), until=date(2022, 3, 31))
    assert late.incidents == 1 and late.title == "Somalia, 15 to 31 March 2022"
    with pytest.raises(NotFound, match=r"about 'SO' \(as a place or a topic\) since 2023-01-01"):
        build_brief(store, "SO", since=date(2023, 1, 1))


def test_nothing_matches(store: Store) -> None:
    with pytest.raises(NotFound, match="`sitrep actors`"):
        build_brief(store, "Hezbollah")
    with pytest.raises(NotFound, match="no actor in the store matches 'Hezbollah'"):
        build_brief(store, "Hezbollah", kind="actor")
    with pytest.raises(NotFound, match="say what the brief is about"):
        build_brief(store, "  ")


def test_the_same_store_gives_the_same_brief(store: Store, somalia: Brief) -> None:
    assert build_brief(store, "SO") == somalia


def test_check_refuses_a_broken_brief(somalia: Brief) -> None:
    from dataclasses import replace

    unmarked = replace(somalia, key_judgments=(Sentence("It is likely that X did it.", ()),
                                               *somalia.key_judgments))
    with pytest.raises(BriefError, match="no notes"):
        check(unmarked)
    mixed = replace(somalia, key_judgments=(Sentence("We have high confidence that X is likely behind it.",
                                                     (1,)), *somalia.key_judgments[1:]))
    with pytest.raises(BriefError, match=r"likelihood \(likely\) and confidence in one sentence"):
        check(mixed)
    dangling = replace(somalia, key_judgments=(Sentence("X did it.", (99,)), *somalia.key_judgments))
    with pytest.raises(BriefError, match="note 99 does not exist"):
        check(dangling)


def test_a_brief_of_relations_alone(store: Store) -> None:
    later = build_brief(store, "al-Shabab", since=date(2022, 4, 1))  # the brief stating it is of 4 April
    assert (later.incidents, later.relations) == (0, 1)
    assert later.title == "Al-Shabaab, since 1 April 2022"
    assert [s.heading for s in later.sections] == [SUPPORT]
    judgments = [s.text for s in later.key_judgments]
    assert judgments[0] == ("The sources state 1 relation involving Al-Shabaab but record no incident "
                            "since 1 April 2022.")
    assert re.match(r"(It is|There is a) .+ that Moham+ed Abdirahman Warsame is a member of Al-Shabaab "
                    r"\(grade [A-F][1-6]\)\.$", judgments[1])
    assert judgments[2].startswith("We have low confidence")
    check(later)
