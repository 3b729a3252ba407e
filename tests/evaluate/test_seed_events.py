"""score_events: one-to-one event matching under the seed gold conventions, field accuracy,
actor resolution by forms, and relation recall/precision."""

from __future__ import annotations

from datetime import date
from typing import Any

from sitrep.evaluate.seed_events import GoldActors, score_events
from sitrep.model.facts import ActorRef, DateValue, Event, Extraction, Place, Quantity, Relation
from sitrep.model.span import Span

S = Span(0, 1)

GOLD: dict[str, Any] = {
    "actors": [
        {"id": "front", "name": "Azawad Liberation Front", "forms": ["Liberation Front", "ALF"]},
        {"id": "mali-army", "name": "Malian Armed Forces", "forms": ["Malian soldiers", "Malian army"]},
        {"id": "gov-mali", "name": "Government of Mali", "forms": ["Mali", "Malian government"]},
        {"id": "gov-niger", "name": "Government of Niger", "forms": ["Niger"]},
        {"id": "omar", "name": "Hassan Omar", "forms": ["Omar"]},
    ],
    "relations": [
        {"source": "omar", "type": "member_of", "target": "front"},
        {"source": "gov-niger", "type": "supports", "target": "front", "optional": True},
    ],
    "events": [
        {"id": "ied", "types": ["ASSAULT"], "mode": "explosives", "date": {"value": date(2021, 3, 3),
                                                                        "precision": "day"},
         "location": {"admin1": "Mopti", "country": "ML"}, "actor": [], "recipient": ["mali-army"],
         "weapon": "IED", "killed": 2, "notes": [3]},
        {"id": "claimed", "types": ["ASSAULT"], "date": {"value": "2021-05", "precision": "month"},
         "location": {"admin1": "Mopti", "country": "ML"}, "actor": ["front"], "claimed_by": ["front"],
         "recipient": ["mali-army"], "notes": [4]},
        {"id": "deal", "types": ["AGREE", "COOPERATE"], "date": {"range": ["2021-06-01", "2021-06-30"],
                                                               "may_be_missing": True},
         "location": {"may_be_missing": True}, "actor": ["gov-mali"], "recipient": ["gov-niger"],
         "notes": [5]},
        {"id": "tally", "optional": True, "types": ["ASSAULT"],
         "date": {"value": "2021-06", "precision": "month"}},
    ],
}


def actor(text: str, name: str | None = None) -> ActorRef:
    return ActorRef(text, S, name or text)


def place(admin1: str, country: str) -> Place:
    return Place(admin1, S, admin1, admin1=admin1, country=country, precision=1)


def when(value: date, precision: str = "day") -> DateValue:
    return DateValue(str(value), S, value, precision)


def event(kind: str = "ASSAULT", **fields: Any) -> Event:
    return Event(type=kind, trigger="t", trigger_span=S, sentence=S, **fields)


def ied(**changes: Any) -> Event:
    fields: dict[str, Any] = dict(mode="explosives", recipients=(actor("two Malian soldiers"),),
                                  weapon="improvised explosive device", date=when(date(2021, 3, 3)),
                                  place=place("Mopti Region", "ML"), notes=(3,),
                                  quantities=(Quantity("killed", 2, "two", S),))
    fields.update(changes)
    return event(**fields)


def claimed() -> Event:
    front = actor("Liberation Front")
    return event(actors=(front,), claimed_by=(front,), recipients=(actor("Malian army"),),
                 date=when(date(2021, 5, 4)), place=place("Mopti", "ML"), notes=(4,))


def deal() -> Event:
    return event("AGREE", actors=(actor("Niger"),), recipients=(actor("Malian", "Mali"),), notes=(5,))


def metrics(*events: Event, relations: tuple[Relation, ...] = ()) -> dict[str, float]:
    found = score_events(GOLD, Extraction(document_id="d", events=events, relations=relations))
    return {m.name: m.value for m in found}


def test_all_core_events_found_with_every_field_right() -> None:
    values = metrics(ied(), claimed(), deal())
    assert values["events.recall"] == values["events.precision"] == 1.0
    for field in ("type", "date", "place", "actor", "recipient", "claimed_by", "weapon", "killed", "notes"):
        assert values[f"events.{field}"] == 1.0, field


def test_optional_match_is_dropped_from_precision_and_other_extras_count() -> None:
    tally = event(date=when(date(2021, 6, 15), "month"))
    assert metrics(ied(), claimed(), deal(), tally)["events.precision"] == 1.0
    extra = event("PROTEST", date=when(date(2021, 6, 2)))
    values = metrics(ied(), claimed(), deal(), extra)
    assert values["events.precision"] == 0.75


def test_a_second_record_of_one_event_is_a_false_positive() -> None:
    values = metrics(ied(), ied(), claimed(), deal())
    assert values["events.recall"] == 1.0 and values["events.precision"] == 0.75


def test_unasserted_events_are_not_predictions() -> None:
    values = metrics(ied(status="planned"), claimed(), deal())
    assert values["events.recall"] == 2 / 3 and values["events.precision"] == 1.0


def test_date_must_agree_at_gold_precision_and_be_no_coarser() -> None:
    assert metrics(ied(date=when(date(2021, 3, 4))))["events.recall"] == 0.0
    assert metrics(ied(date=when(date(2021, 3, 3), "month")))["events.recall"] == 0.0
    assert metrics(ied(date=None))["events.recall"] == 0.0


def test_may_be_missing_date_and_place_and_range() -> None:
    assert metrics(deal())["events.recall"] == 1 / 3
    inside = event("AGREE", date=when(date(2021, 6, 20)), actors=(actor("Niger"),))
    outside = event("AGREE", date=when(date(2021, 7, 2)), actors=(actor("Niger"),))
    assert metrics(inside)["events.recall"] == 1 / 3
    assert metrics(outside)["events.recall"] == 0.0


def test_place_must_be_in_the_gold_admin1_and_country() -> None:
    assert metrics(ied(place=place("Gao", "ML")))["events.recall"] == 0.0
    assert metrics(ied(place=None))["events.recall"] == 0.0


def test_empty_gold_actor_list_makes_a_predicted_actor_wrong() -> None:
    values = metrics(ied(actors=(actor("Liberation Front"),)))
    assert values["events.actor"] == 0.0


def test_symmetric_types_accept_actor_and_recipient_either_way_round() -> None:
    values = metrics(deal())
    assert values["events.actor"] == values["events.recipient"] == 1.0


def test_type_checks_the_gold_mode_and_weapon_accepts_an_acronym() -> None:
    values = metrics(ied(mode="firearms", weapon="IED"))
    assert values["events.type"] == 0.0 and values["events.weapon"] == 1.0


def test_detail_names_what_was_missed_and_extra() -> None:
    found = score_events(GOLD, Extraction(document_id="d", events=(ied(), event("PROTEST"))))
    by_name = {m.name: m for m in found}
    assert "claimed" in by_name["events.recall"].detail and "deal" in by_name["events.recall"].detail
    assert "PROTEST" in by_name["events.precision"].detail


def test_actor_resolution_by_form_name_and_whole_word_containment() -> None:
    actors = GoldActors(GOLD["actors"])
    assert actors.resolve(actor("two Malian soldiers")) == {"mali-army"}
    assert actors.resolve(actor("the Azawad Liberation Front")) == {"front"}
    assert actors.resolve(actor("Malian", "Mali")) == {"gov-mali"}
    assert actors.resolve(actor("Nigerien troops")) == set()  # "Niger" is not a whole word there


def test_relations_recall_and_precision_with_optional_ones_neutral() -> None:
    def relation(source: str, kind: str, target: str) -> Relation:
        return Relation(actor(source), kind, actor(target), S, S)

    right = relation("Hassan Omar", "member_of", "Liberation Front")
    optional = relation("Niger", "supports", "ALF")
    wrong = relation("Mali", "funds", "ALF")
    values = metrics(relations=(right, optional))
    assert values["relations.recall"] == values["relations.precision"] == 1.0
    values = metrics(relations=(right, wrong))
    assert values["relations.recall"] == 1.0 and values["relations.precision"] == 0.5
