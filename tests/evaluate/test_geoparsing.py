"""GeoWebNews scorer on invented fixtures in its two layouts (brat and XML)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from sitrep.errors import NotFound
from sitrep.evaluate.geoparsing import (
    LITERAL,
    GoldArticle,
    GoldToponym,
    distance_km,
    evaluate_geowebnews,
    load_geowebnews,
    places_pipeline,
    remote_village,
    score_geowebnews,
)
from sitrep.extract.doc import from_text
from sitrep.knowledge.gazetteer import load_gazetteer
from sitrep.model.facts import Place
from sitrep.model.span import Span

GEO = Path(__file__).parent.parent / "fixtures" / "geo"


def test_distance_km() -> None:
    assert distance_km((33.34, 44.40), (33.34, 44.40)) == 0.0
    assert 440 < distance_km((33.34, 44.40), (30.51, 47.78)) < 460  # Baghdad to Basra


def test_load_brat() -> None:
    articles = load_geowebnews(GEO / "brat")
    assert [a.id for a in articles] == ["1", "2"]
    first = articles[0]
    assert first.text.startswith("TITLE: ") and first.text[first.body_start:].startswith("Rockets struck")
    assert [t.span.slice(first.text) for t in first.toponyms] == [t.text for t in first.toponyms]
    basra = next(t for t in first.toponyms if t.text == "Basra")
    assert (basra.type, basra.lat, basra.lon) == ("Literal", 30.50852, 47.7804)
    assert next(t for t in first.toponyms if t.type == "Demonym").lat is None
    tripoli = articles[1].toponyms[0]  # its note holds a GeoNames id: the gazetteer places it
    assert tripoli.text == "Tripoli" and tripoli.lat == pytest.approx(34.43, abs=0.01)
    assert load_geowebnews(GEO / "brat", limit=1) == articles[:1]


def test_load_xml_skips_title_toponyms() -> None:
    (article,) = load_geowebnews(GEO / "xml")
    assert article.body_start == 0 and not article.text.startswith("TITLE")
    assert "Iraq" not in [t.text for t in article.toponyms]
    assert [t.span.slice(article.text) for t in article.toponyms] == [t.text for t in article.toponyms]
    assert load_geowebnews(GEO / "xml" / "GWN.xml") == [article]


def test_missing_gold_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        load_geowebnews(tmp_path)


def test_scores_on_given_places() -> None:
    text = "Clashes near the Zorvak Gate in Basra and in Karbala, near the Qurna Bridge."
    spans = {name: Span(text.index(name), text.index(name) + len(name))
             for name in ("Zorvak Gate", "Basra", "Karbala", "Qurna Bridge", "Clashes")}
    article = GoldArticle("a", text, (
        GoldToponym(spans["Zorvak Gate"], "Zorvak Gate", "Literal", 30.55, 47.8),
        GoldToponym(spans["Basra"], "Basra", "Literal", 30.51, 47.78),
        GoldToponym(spans["Karbala"], "Karbala", "Literal", 32.62, 44.02),
        GoldToponym(spans["Qurna Bridge"], "Qurna Bridge", "Literal", 31.0, 47.4)))
    doc = from_text(text)
    doc.places = [
        Place("Basra", spans["Basra"], "Basrah", "Basra", "IQ", 30.51, 47.78, 1),
        Place("Karbala", spans["Karbala"], "Karbala", "Karbala", "US", 40.0, -100.0, 1),  # wrongly placed
        Place("Clashes", spans["Clashes"]),  # not a gold toponym
    ]
    doc.user_data["place_countries"] = {"IQ": 2}
    metrics = {m.name: m for m in score_geowebnews([article], [doc], load_gazetteer())}
    assert metrics["geo.toponyms.precision"].value == pytest.approx(2 / 3)
    assert metrics["geo.toponyms.recall"].value == pytest.approx(2 / 4)
    assert metrics["geo.toponyms.f1"].value == pytest.approx(4 / 7)
    named = metrics["geo.resolution.acc161_named"]
    assert (named.value, named.support) == (pytest.approx(2 / 4), 4)  # Basra; the bridge by Al-Qurnah
    acc = metrics["geo.resolution.acc161"]
    assert (acc.value, acc.support) == (pytest.approx(3 / 4), 4)  # and the gate, by the document focus
    assert "2 located by the places stage, 1 by the gazetteer, 1 by the document focus" in acc.detail
    assert acc.detail.endswith("0 not located")


def test_a_remote_village_reading_gives_way_to_the_document_focus() -> None:
    text = "Crowds at the Heathrow Gate in Basra, and at the Zorvak Gate in Basra."
    gate = Span(text.index("Heathrow"), text.index("Heathrow") + 8)
    basra = Span(text.index("Basra"), text.index("Basra") + 5)
    article = GoldArticle("a", text, (GoldToponym(gate, "Heathrow", "Literal", 30.51, 47.78),))
    doc = from_text(text)
    doc.places = [Place("Basra", basra, "Basrah", "Basra", "IQ", 30.51, 47.78, 1, source="gazetteer")]
    doc.user_data["place_countries"] = {"IQ": 1}
    metrics = {m.name: m for m in score_geowebnews([article], [doc], load_gazetteer())}
    assert metrics["geo.resolution.acc161"].value == 1.0  # not the Floridian village of the name
    assert metrics["geo.resolution.acc161_named"].value == 0.0
    village = Place("Heathrow", gate, "Heathrow", None, "US", 28.76, -81.37, 1)
    assert remote_village(village, [(30.51, 47.78)])
    assert not remote_village(village, [])  # no other place to be far from
    assert not remote_village(replace(village, geonameid=4638128), [(30.51, 47.78)])  # a town of size
    assert not remote_village(replace(village, precision=4), [(30.51, 47.78)])


def test_evaluate_brat_end_to_end() -> None:
    pipeline = places_pipeline(packs=False)
    metrics = {m.name: m for m in evaluate_geowebnews(GEO / "brat", pipeline=pipeline)}
    assert set(metrics) == {f"geo.{group}.{part}" for group in ("toponyms", "toponyms_all")
                            for part in ("precision", "recall", "f1")} | {
        "geo.resolution.acc161", "geo.resolution.acc161_named"}
    gold = [t for a in load_geowebnews(GEO / "brat") for t in a.toponyms if t.type in LITERAL]
    assert metrics["geo.toponyms.f1"].support == len(gold)
    acc = metrics["geo.resolution.acc161"]
    assert acc.support == len([t for t in gold if t.lat is not None])
    assert metrics["geo.resolution.acc161_named"].value >= 0.8  # Basra, Maysan, Baghdad, Tripoli, Beirut
    assert metrics["geo.resolution.acc161"].value == 1.0
    assert metrics["geo.toponyms.recall"].value >= 0.8
    assert all(0.0 <= m.value <= 1.0 for m in metrics.values())


def test_evaluate_xml_with_a_limit() -> None:
    metrics = {m.name: m.value for m in evaluate_geowebnews(GEO / "xml", limit=1,
                                                           pipeline=places_pipeline(packs=False))}
    assert metrics["geo.resolution.acc161"] >= 0.8
