"""The offline gazetteer: names, provinces, context, precision, reverse lookups."""

from __future__ import annotations

import pytest

from sitrep.knowledge.distance import NEAR_BONUS, closeness, distance_km, remote
from sitrep.knowledge.gazetteer import Gazetteer, fold, load_gazetteer
from sitrep.model.span import Span


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def test_fold_drops_case_accents_apostrophes_and_articles() -> None:
    assert fold("Karbalā’") == "karbala"
    assert fold("  Deir ez-Zor ") == "deir ez zor"
    assert fold("The Gulf") == "gulf"
    assert fold("U.S.") == fold("US") == "us"
    assert fold("Washington, D.C.") == "washington dc"


def test_load_gazetteer_is_built_once(gaz: Gazetteer) -> None:
    assert load_gazetteer() is gaz


@pytest.mark.parametrize("name", ["Wasit", "Wasit province", "southern Wasit province", "Wassit"])
def test_province_names_resolve_to_admin1(gaz: Gazetteer, name: str) -> None:
    place = gaz.resolve(name)
    assert place is not None
    assert (place.name, place.admin1, place.country, place.precision) == ("Wasit", "Wasit", "IQ", 4)
    assert place.feature_code == "ADM1"


@pytest.mark.parametrize(("name", "admin1", "country"), [
    ("Maysan", "Maysan", "IQ"), ("Khuzestan", "Khuzestan", "IR"), ("Nineveh", "Nineveh", "IQ"),
    ("Saladin", "Saladin", "IQ"), ("Anbar", "Anbar", "IQ"), ("Kentucky", "Kentucky", "US")])
def test_analysts_spellings_of_provinces(gaz: Gazetteer, name: str, admin1: str, country: str) -> None:
    place = gaz.resolve(name)
    assert place is not None and (place.admin1, place.country, place.precision) == (admin1, country, 4)


@pytest.mark.parametrize(("name", "admin1"), [("Baghdad", "Baghdad"), ("Basra", "Basra"), ("Najaf", "Najaf"),
                                              ("Sadr City", "Baghdad"), ("Kut", "Wasit")])
def test_cities_come_with_their_province(gaz: Gazetteer, name: str, admin1: str) -> None:
    place = gaz.resolve(name)
    assert place is not None
    assert (place.admin1, place.country, place.precision, place.feature_code[:3]) == (admin1, "IQ", 1, "PPL")
    assert place.geonameid is not None and 29 < place.lat < 37 and 38 < place.lon < 49


def test_document_countries_decide_between_namesakes(gaz: Gazetteer) -> None:
    assert gaz.lookup("Tripoli", context_countries=["LB"])[0].country == "LB"
    assert gaz.lookup("Tripoli", context_countries=["LY", "LY"])[0].country == "LY"
    assert gaz.lookup("Georgia")[0].kind == "country"
    state = gaz.lookup("Georgia", context_countries={"US": 3})[0]
    assert (state.kind, state.country) == ("admin1", "US")


def test_document_provinces_decide_between_towns(gaz: Gazetteer) -> None:
    towns = gaz.lookup("Lafayette", context_countries=["US"], limit=5)
    assert len({t.admin1 for t in towns}) > 1
    chosen = gaz.lookup("Lafayette", context_countries=["US"], context_admin1=[("US", "Louisiana")])[0]
    assert chosen.admin1 == "Louisiana"


def test_candidates_are_ranked_best_first(gaz: Gazetteer) -> None:
    found = gaz.lookup("Paris", limit=3)
    assert found[0].country == "FR"
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)


def test_countries_aliases_regions_and_waters(gaz: Gazetteer) -> None:
    us = gaz.resolve("U.S.")
    assert us is not None and (us.name, us.country, us.precision, us.feature_code) == (
        "United States", "US", 6, "PCLI")
    assert gaz.resolve("Britain").country == "GB"  # type: ignore[union-attr]
    region = gaz.resolve("Middle East")
    assert region is not None and region.precision == 5 and region.country is None
    water = gaz.resolve("Persian Gulf")
    assert water is not None and water.precision == 7
    assert gaz.resolve("Europe").feature_code == "CONT"  # type: ignore[union-attr]


def test_demonyms_are_not_places_unless_asked(gaz: Gazetteer) -> None:
    assert gaz.lookup("Iraqi") == []
    assert gaz.demonym("Iraqi").country == "IQ"  # type: ignore[union-attr]
    place = gaz.resolve("Iraqi", demonyms=True)
    assert place is not None and (place.country, place.precision) == ("IQ", 6)


def test_unknown_names_and_bare_directions_resolve_to_nothing(gaz: Gazetteer) -> None:
    assert gaz.lookup("Zorvakistan") == []
    assert gaz.resolve("Zorvakistan") is None
    assert gaz.lookup("Western") == []


def test_resolve_keeps_the_given_span_and_precision(gaz: Gazetteer) -> None:
    place = gaz.resolve("Basra", span=Span(10, 15), precision=2)
    assert place is not None and (place.span, place.precision, place.text) == (Span(10, 15), 2, "Basra")


def test_sites_take_the_place_they_are_named_after(gaz: Gazetteer) -> None:
    town = gaz.within("Colchester General Hospital", context_countries=["GB"])
    assert town is not None and (town.name, town.country) == ("Colchester", "GB")
    place = gaz.resolve("Balad Air Base", embedded=True)
    assert place is not None and (place.admin1, place.precision) == ("Saladin", 2)
    assert gaz.within("Baghdad") is None  # no site word
    assert gaz.within("Colchester General Hospital", context_countries=["IQ"]) is None


def test_admin1_of_points(gaz: Gazetteer) -> None:
    assert gaz.admin1_of(33.34, 44.40) == ("Baghdad", "IQ")
    assert gaz.admin1_of_many([(32.51, 45.82), (31.32, 48.67)]) == [("Wasit", "IQ"), ("Khuzestan", "IR")]
    assert gaz.admin1_of_many([]) == []


def test_lookups_by_code_and_geonameid(gaz: Gazetteer) -> None:
    assert gaz.country("iq").name == "Iraq"  # type: ignore[union-attr]
    assert gaz.by_geonameid(98182).name == "Baghdad"  # type: ignore[union-attr]
    assert gaz.country("ZZ") is None


def test_a_town_near_the_documents_other_places_beats_a_bigger_namesake(gaz: Gazetteer) -> None:
    assert gaz.lookup("Paris")[0].country == "FR"
    texan = gaz.lookup("Paris", near=[(33.6, -95.5)])[0]  # a document about north-east Texas
    assert (texan.country, texan.admin1) == ("US", "Texas")
    assert gaz.lookup("Paris", near=[(-33.9, 151.2)])[0].country == "FR"  # nothing of the name near
    place = gaz.resolve("Paris", near=[(33.6, -95.5)])
    assert place is not None and place.admin1 == "Texas"


def test_closeness_decides_between_towns_only(gaz: Gazetteer) -> None:
    china = gaz.lookup("China", near=[(44.48, -69.52)])[0]  # a Maine village is called China too
    assert (china.kind, china.country) == ("country", "CN")


def test_distances_closeness_and_remoteness() -> None:
    assert distance_km((33.34, 44.40), (33.34, 44.40)) == 0.0
    assert 440 < distance_km((33.34, 44.40), (30.51, 47.78)) < 460  # Baghdad to Basra
    assert closeness(33.34, 44.40, [(33.30, 44.38)]) == NEAR_BONUS
    assert closeness(33.34, 44.40, [(30.51, 47.78)]) == 0.0
    assert 0.0 < closeness(33.34, 44.40, [(32.51, 45.82)]) < NEAR_BONUS  # Kut: some 170 km
    assert closeness(33.34, 44.40, []) == 0.0
    assert remote(33.34, 44.40, [(51.5, -0.1)]) and not remote(33.34, 44.40, [(32.51, 45.82)])
    assert not remote(33.34, 44.40, [])


def test_initialisms_with_and_without_dots_are_one_name(gaz: Gazetteer) -> None:
    assert fold("B.C.") == fold("BC") == "bc"
    assert fold("D.R. Congo") == "dr congo"
    assert fold("Trinidad y Tobago") == "trinidad y tobago"  # a one-letter word alone stays a word
    assert gaz.resolve("BC").name == gaz.resolve("B.C.").name == "British Columbia"  # type: ignore[union-attr]
    assert gaz.same_name("The U.K.", "UK") and not gaz.same_name("Baghdad", "Basra")


def test_countries_take_their_representative_points(gaz: Gazetteer) -> None:
    for name, point in (("Canada", (60.1, -113.6)), ("India", (22.0, 79.0)), ("Libya", (28.0, 17.0))):
        place = gaz.resolve(name)
        assert place is not None and place.lat is not None and place.lon is not None
        assert distance_km((place.lat, place.lon), point) < 25
    assert gaz.resolve("T&T").country == "TT"  # type: ignore[union-attr]


def test_large_thinly_peopled_provinces_take_their_listed_point(gaz: Gazetteer) -> None:
    ontario = gaz.lookup("Ontario", kinds=("admin1",), limit=1)[0]
    assert distance_km((ontario.lat, ontario.lon), (49.25, -84.5)) < 5  # not the middle of its southern towns
    alaska = gaz.lookup("Alaska", kinds=("admin1",), limit=1)[0]
    assert distance_km((alaska.lat, alaska.lon), (64.0, -150.0)) < 5


def test_a_town_and_the_area_after_it_are_read_together(gaz: Gazetteer) -> None:
    town, state = gaz.nested("Parkland", "Florida")  # type: ignore[misc]
    assert (town.name, town.admin1, state.name, state.kind) == ("Parkland", "Florida", "Florida", "admin1")
    town, state = gaz.nested("Tacoma", "Washington")  # type: ignore[misc]
    assert (town.admin1, state.kind, state.country) == ("Washington", "admin1", "US")  # the state, not D.C.
    city, country = gaz.nested("Bogota", "Colombia")  # type: ignore[misc]
    assert (city.country, country.kind) == ("CO", "country")
    assert gaz.nested("Baghdad", "Florida") is None
    assert gaz.nested("Baghdad", "Zorvakistan") is None


def test_a_compass_name_is_a_province_only_of_a_country_the_document_is_about(gaz: Gazetteer) -> None:
    assert gaz.lookup("North West") == []
    found = gaz.lookup("North West", context_countries={"ZA": 1.0}, limit=1)
    assert [(c.kind, c.country) for c in found] == [("admin1", "ZA")]
    assert gaz.lookup("Western", context_countries={"KE": 1.0}) == []  # one word stays a direction
    assert all(c.name != "North" for c in gaz.lookup("North State", limit=5))  # not Cameroon's North


def test_regions_within_a_country(gaz: Gazetteer) -> None:
    yorkshire = gaz.resolve("Yorkshire")
    assert yorkshire is not None
    assert (yorkshire.country, yorkshire.admin1, yorkshire.precision) == ("GB", "England", 5)
    found = gaz.lookup("East Yorkshire", limit=1)
    assert found and found[0].country == "GB"


def test_notable_names_are_known_as_written(gaz: Gazetteer) -> None:
    assert gaz.notable("Boa Vista") and gaz.notable("Baja California") and gaz.notable("U.S. Virgin Islands")
    assert not gaz.notable("Boa") and not gaz.notable("Wasit province")  # no designator dropped
