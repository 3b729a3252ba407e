"""Stage ``places``: names resolved with the document's countries; precision from the text."""

from __future__ import annotations

import pytest

from sitrep.extract.doc import ExtractDoc, from_text
from sitrep.extract.nlp import load_model
from sitrep.extract.pipeline import Pipeline
from sitrep.extract.stages.mentions import MentionsStage
from sitrep.extract.stages.parse import ParseStage
from sitrep.extract.stages.places import PlacesStage, document_focus
from sitrep.extract.stages.places_focus import town_clues
from sitrep.knowledge.gazetteer import load_gazetteer
from sitrep.knowledge.model import Facility
from sitrep.knowledge.pack import Knowledge
from sitrep.model.facts import Place
from sitrep.model.span import Span

CAMP = Facility(id="camp-victory", name="Camp Victory", type="base", country="IQ", admin1="Baghdad",
                lat=33.29, lon=44.25)


@pytest.fixture(scope="module")
def parse() -> ParseStage:
    return ParseStage(load_model())


def run(parse: ParseStage, text: str, knowledge: Knowledge | None = None) -> ExtractDoc:
    pipeline = Pipeline([parse, MentionsStage(knowledge), PlacesStage(knowledge, load_gazetteer())])
    return pipeline.run(from_text(text))


def places(parse: ParseStage, text: str, knowledge: Knowledge | None = None) -> dict[str, Place]:
    return {p.text: p for p in run(parse, text, knowledge).places}


def test_stage_contract() -> None:
    assert (PlacesStage.name, PlacesStage.requires, PlacesStage.assigns) == (
        "places", ("spacy", "mentions"), ("places",))


def test_province_with_direction_and_designator(parse: ParseStage) -> None:
    text = "Rockets hit a base in southern Wasit province on Tuesday."
    found = places(parse, text)
    place = found["Wasit province"]
    assert (place.name, place.admin1, place.country, place.precision, place.source) == (
        "Wasit", "Wasit", "IQ", 4, "gazetteer")
    assert place.span.slice(text) == "Wasit province"


def test_province_near_a_border_and_demonyms_are_not_places(parse: ParseStage) -> None:
    found = places(parse, "Clashes erupted in Maysan province near the Iranian border.")
    assert set(found) == {"Maysan province"}
    assert (found["Maysan province"].admin1, found["Maysan province"].country) == ("Maysan", "IQ")


def test_city_with_its_province(parse: ParseStage) -> None:
    place = places(parse, "A car bomb exploded in Basra on Monday.")["Basra"]
    assert (place.admin1, place.country, place.precision, place.feature_code) == ("Basra", "IQ", 1, "PPL")
    assert place.lat is not None and place.geonameid is not None


def test_two_cities_after_a_demonym(parse: ParseStage) -> None:
    found = places(parse, "Pilgrims gathered in the Iraqi cities of Najaf and Karbala.")
    assert set(found) == {"Najaf", "Karbala"}
    assert {(p.admin1, p.country, p.precision) for p in found.values()} == {("Najaf", "IQ", 1),
                                                                            ("Karbala", "IQ", 1)}


def test_district_of_a_city(parse: ParseStage) -> None:
    place = places(parse, "A bomb exploded in Sadr City, a district of Baghdad.")["Sadr City"]
    assert (place.admin1, place.country, place.precision) == ("Baghdad", "IQ", 1)


@pytest.mark.parametrize(("text", "country"), [
    ("Lebanese troops deployed in Tripoli after the clashes. Beirut condemned the attack.", "LB"),
    ("Libyan militias clashed in Tripoli. Fighting also reached Misrata and Benghazi.", "LY")])
def test_document_countries_decide_an_ambiguous_city(parse: ParseStage, text: str, country: str) -> None:
    doc = run(parse, text)
    tripoli = next(p for p in doc.places if p.text == "Tripoli")
    assert tripoli.country == country
    assert doc.user_data["place_countries"][country] >= 1


def test_near_a_town_is_precision_two(parse: ParseStage) -> None:
    found = places(parse, "Gunmen attacked a checkpoint near Kirkuk, then fled to Tikrit.")
    assert found["Kirkuk"].precision == 2
    assert found["Tikrit"].precision == 1


def test_unknown_place_is_kept_as_text(parse: ParseStage) -> None:
    text = "Gunmen attacked a checkpoint in Zorvakistan on Monday."
    place = places(parse, text)["Zorvakistan"]
    assert (place.name, place.precision, place.lat, place.country) == (None, None, None, None)
    assert place.span.slice(text) == "Zorvakistan"


def test_facility_in_a_city_without_a_pack(parse: ParseStage) -> None:
    place = places(parse, "Militants attacked Camp Victory in Baghdad, near the airport.")["Camp Victory"]
    assert (place.name, place.admin1, place.country, place.precision, place.source) == (
        "Camp Victory", "Baghdad", "IQ", 2, "gazetteer")
    assert place.geonameid is None


def test_facility_from_a_pack(parse: ParseStage) -> None:
    knowledge = Knowledge(facilities=(CAMP,))
    place = places(parse, "Militants attacked Camp Victory in Baghdad.", knowledge)["Camp Victory"]
    assert (place.name, place.admin1, place.country, place.lat, place.lon, place.precision, place.source) == (
        "Camp Victory", "Baghdad", "IQ", 33.29, 44.25, 1, "pack")


def test_pack_facility_without_a_point_takes_its_province(parse: ParseStage) -> None:
    camp = Facility(id="camp-x", name="Camp Victory", type="base", country="IQ", admin1="Wasit")
    place = places(parse, "Militants attacked Camp Victory.", Knowledge(facilities=(camp,)))["Camp Victory"]
    assert (place.admin1, place.country, place.precision, place.source) == ("Wasit", "IQ", 4, "pack")


def test_without_the_mentions_stage(parse: ParseStage) -> None:
    doc = PlacesStage()(parse(from_text("Iranian forces shelled villages in Khuzestan.")))
    assert [(p.text, p.admin1, p.country, p.precision) for p in doc.places] == [
        ("Khuzestan", "Khuzestan", "IR", 4)]


def test_document_focus() -> None:
    baghdad = Place("Baghdad", Span(0, 7), "Baghdad", "Baghdad", "IQ", 33.3, 44.4, 1, source="gazetteer")
    basra = Place("Basra", Span(20, 25), "Basrah", "Basra", "IQ", 30.5, 47.8, 1, source="gazetteer")
    iraq = Place("Iraq", Span(40, 44), "Iraq", None, "IQ", 33.0, 44.0, 6, source="gazetteer")
    assert document_focus([iraq, basra, baghdad, baghdad]) is baghdad
    assert document_focus([iraq]) is iraq
    assert document_focus([iraq, baghdad, basra], near=Span(27, 30)) is basra
    assert document_focus([]) is None


def test_document_focus_keeps_to_the_paragraph() -> None:
    text = "Baghdad was calm.\nIn Basra, the Zorvak Road was shut.\nThe Qurna Gate too.\nNear Baghdad, more."
    at = {w: Span(text.index(w), text.index(w) + len(w)) for w in ("Basra", "Zorvak Road", "Qurna Gate")}
    baghdad = Place("Baghdad", Span(0, 7), "Baghdad", "Baghdad", "IQ", 33.3, 44.4, 1, source="gazetteer")
    again = Place("Baghdad", Span(text.rindex("Baghdad"), len(text) - 7), "Baghdad", "Baghdad", "IQ", 33.3,
                  44.4, 1, source="gazetteer")
    basra = Place("Basra", at["Basra"], "Basrah", "Basra", "IQ", 30.5, 47.8, 1, source="gazetteer")
    assert document_focus([baghdad, basra, again], near=at["Zorvak Road"], text=text) is basra
    # no town in its own paragraph: the document's most named place, not the town nearest in the text
    assert document_focus([baghdad, basra, again], near=at["Qurna Gate"], text=text) is baghdad
    assert document_focus([baghdad, basra, again], near=at["Qurna Gate"]) is again


def test_an_ambiguous_town_among_the_documents_other_towns(parse: ParseStage) -> None:
    found = places(parse, "Storms hit Dallas, Tyler and Paris on Monday.")
    assert (found["Paris"].country, found["Paris"].admin1) == ("US", "Texas")


def test_a_village_far_from_every_other_place_is_left_unplaced(parse: ParseStage) -> None:
    found = places(parse, "Protesters marched in Baghdad and Basra. Later they gathered in Congress.")
    assert found["Basra"].country == "IQ"
    assert (found["Congress"].lat, found["Congress"].precision) == (None, None)  # not an Arizonan hamlet


def test_towns_named_in_passing_are_clues_to_the_country() -> None:
    gaz = load_gazetteer()
    text = "Traffic was diverted through Cirencester and Cheltenham. Paris was calm, said Mr Zorvak."
    assert [(t.name, t.country) for t in town_clues(gaz, text, [])] == [("Cirencester", "GB")]
    taken = [Span(text.index("Cirencester"), text.index("Cirencester") + 11)]
    assert town_clues(gaz, text, taken) == []  # an entity already covers it; "Paris" opens a sentence


def test_a_town_and_its_state_after_a_comma(parse: ParseStage) -> None:
    found = places(parse, "A teacher from Tacoma, Washington shared her recipes on Monday.")
    assert (found["Tacoma"].country, found["Tacoma"].admin1) == ("US", "Washington")
    assert (found["Washington"].name, found["Washington"].precision) == ("Washington", 4)  # the state


def test_a_list_of_places_is_no_town_and_its_state(parse: ParseStage) -> None:
    found = places(parse, "Protests spread to Washington, New York and Chicago on Sunday.")
    assert found["Washington"].admin1 == "District of Columbia"
    assert found["New York"].precision == 1


def test_a_split_entity_is_joined_into_the_name_the_gazetteer_knows(parse: ParseStage) -> None:
    text = "Thousands are living in Boa Vista, the state capital. Work begins in Baja California soon."
    found = places(parse, text)
    assert (found["Boa Vista"].country, found["Boa Vista"].precision) == ("BR", 1)
    assert (found["Baja California"].country, found["Baja California"].precision) == ("MX", 4)
    assert "Vista" not in found and "California" not in found
