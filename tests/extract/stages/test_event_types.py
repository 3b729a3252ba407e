"""Event typing on invented sentences: the PLOVER type of each sentence's main event, as the PLOVER
records code it (sitrep.export.plover_coding: main_event / plover_type), including the traps:
halted aid is SANCTION, not AID; a refused or rejected offer is REJECT; a ban is COERCE; a promise of
cooperation is AGREE and a promise of harm THREATEN; "Y must act" is REQUEST."""

from __future__ import annotations

import pytest

from sitrep.export.plover_coding import main_event, plover_type
from sitrep.extract.default import build_pipeline
from sitrep.extract.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return build_pipeline()


def coded(pipeline: Pipeline, text: str) -> str:
    event = main_event(pipeline(text))
    return plover_type(event, text) if event is not None else "none"


CASES = [
    # AGREE: agreements, and promises or offers of cooperation
    ("The two governments agreed on Tuesday to reopen the border crossing.", "AGREE"),
    ("The rebel commander promised to free all prisoners by the end of the month.", "AGREE"),
    ("Norway has offered to host peace talks between the two factions.", "AGREE"),
    ("The Canadian government will provide 40 tonnes of medical supplies to the flood victims.", "AGREE"),
    ("The finance minister said the government is committed to cutting the deficit.", "AGREE"),
    # CONSULT, SUPPORT, COOPERATE, AID
    ("The Kenyan foreign minister visited Uganda on Monday.", "CONSULT"),
    ("The Peruvian president praised the election commission for its work.", "SUPPORT"),
    ("The Portuguese government apologized to Angola for the remarks of its ambassador.", "SUPPORT"),
    ("Police in Spain shared intelligence with French investigators about the network.", "COOPERATE"),
    ("Sweden sent food and medicine to the refugee camps in the north on Friday.", "AID"),
    # CONCEDE and RETREAT
    ("The military government lifted the nighttime curfew in the capital on Sunday.", "CONCEDE"),
    ("The teachers' union called off its nationwide strike on Thursday.", "CONCEDE"),
    ("The navy lifted its blockade of the port on Friday.", "RETREAT"),
    ("Two hundred rebel fighters surrendered to the army on Tuesday.", "RETREAT"),
    ("The militia released twelve hostages on Saturday.", "RETREAT"),
    # REQUEST
    ("The opposition leader urged the government to hold early elections.", "REQUEST"),
    ("Union leaders have been pressuring the company to raise wages.", "REQUEST"),
    ("The Dutch foreign minister said Serbia must hand over the suspects to the tribunal.", "REQUEST"),
    ("The trade minister declared that Japan must open its rice market.", "REQUEST"),
    ("The union insisted on its demand for higher wages.", "REQUEST"),
    # ACCUSE
    ("The Tunisian government accused Libya of arming the rebels.", "ACCUSE"),
    ("Ghana complained to the Security Council on Monday about the border incursions.", "ACCUSE"),
    ("Egypt summoned the Israeli ambassador on Tuesday over the shooting.", "ACCUSE"),
    ("The prosecutor indicted the former governor on Wednesday for corruption.", "ACCUSE"),
    # REJECT: refusals, including a negated offer of cooperation
    ("The prime minister rejected the proposal for a unity government.", "REJECT"),
    ("The government would not meet the strikers' demands, a spokesman said.", "REJECT"),
    ("Officials said they would not release the prisoners before the trial.", "REJECT"),
    ("The city council denied the request for a permit to build the mosque.", "REJECT"),
    ("The Estonian government opposed Russian mediation in the dispute.", "REJECT"),
    # THREATEN: threats and promises of harm
    ("The guerrillas threatened to attack the oil pipeline.", "THREATEN"),
    ("The farmers' union said its members would block the motorways next week.", "THREATEN"),
    ("The rebels vowed to fight until the government falls.", "THREATEN"),
    ("Ecuador will withdraw its ambassador unless Colombia apologizes.", "THREATEN"),
    ("The opposition party said it will boycott the elections unless the president resigns.", "THREATEN"),
    # PROTEST
    ("Thousands of students blocked the main road to the university on Monday.", "PROTEST"),
    ("Shopkeepers closed their stores on Monday to protest the new tax.", "PROTEST"),
    # SANCTION: halted aid, cancelled visits, withdrawn inspectors, expulsions
    ("Germany halted economic aid to the military government on Tuesday.", "SANCTION"),
    ("The Belgian foreign minister cancelled a planned visit to the region.", "SANCTION"),
    ("The government expelled two American diplomats on Friday.", "SANCTION"),
    ("Canada downgraded diplomatic relations with Iran on Friday.", "SANCTION"),
    ("The World Bank suspended its loans to the government on Monday.", "SANCTION"),
    # MOBILIZE
    ("The governor ordered police patrols in the market district on Sunday.", "MOBILIZE"),
    ("The army deployed two battalions to the northern border on Friday.", "MOBILIZE"),
    # COERCE: bans and deportations
    ("The interior ministry banned the opposition newspaper on Monday.", "COERCE"),
    ("The government outlawed the separatist movement on Monday.", "COERCE"),
    ("Immigration police deported 300 migrants to Sudan on Thursday.", "COERCE"),
    ("The navy imposed a naval blockade on the island on Monday.", "COERCE"),
    ("The government declared a state of emergency in the province on Saturday.", "COERCE"),
    # ASSAULT
    ("Government troops captured the rebel stronghold after three days of fighting.", "ASSAULT"),
    ("Rebels took control of the town on Sunday after heavy fighting.", "ASSAULT"),
    ("Both armies violated the ceasefire on Sunday, the monitors said.", "ASSAULT"),
    ("Gunmen attempted to assassinate the governor on Monday.", "ASSAULT"),
]


NOT_EVENTS = [
    "The minister took a tough position on the talks.",
]


@pytest.mark.parametrize("text", NOT_EVENTS)
def test_no_event(pipeline: Pipeline, text: str) -> None:
    assert coded(pipeline, text) == "none"


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_the_sentence_is_coded_as_plover_does(pipeline: Pipeline, text: str, expected: str) -> None:
    assert coded(pipeline, text) == expected


def test_halted_aid_is_a_sanction_with_the_discontinue_mode(pipeline: Pipeline) -> None:
    event = main_event(pipeline("Japan suspended all humanitarian assistance to the junta on Monday."))
    assert event is not None and (event.type, event.mode) == ("SANCTION", "discontinue")


def test_withdrawn_inspectors_are_an_expulsion_not_a_retreat(pipeline: Pipeline) -> None:
    event = main_event(pipeline("The agency withdrew its inspectors from the country on Friday."))
    assert event is not None and (event.type, event.mode) == ("SANCTION", "expel")


def test_a_halted_offensive_is_a_ceasefire(pipeline: Pipeline) -> None:
    event = main_event(pipeline("The army halted its offensive against the rebels on Sunday."))
    assert event is not None and (event.type, event.mode) == ("RETREAT", "ceasefire")


def test_acled_types_follow_the_new_triggers(pipeline: Pipeline) -> None:
    road = main_event(pipeline("Hundreds of farmers blocked the highway to the capital on Monday."))
    assert road is not None and (road.type, road.mode, road.acled) == (
        "PROTEST", "obstruct", ("Protests", "Peaceful protest"))
    jailed = main_event(pipeline("The police jailed three opposition activists on Tuesday."))
    arrests = ("Strategic developments", "Arrests")
    assert jailed is not None and (jailed.type, jailed.acled) == ("COERCE", arrests)
    halted = main_event(pipeline("Germany halted economic aid to the military government on Tuesday."))
    assert halted is not None and halted.acled is None  # no ACLED event type for a sanction
