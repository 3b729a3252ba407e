from __future__ import annotations

import json
from datetime import date

import pytest

from sitrep.export import plover
from sitrep.export.plover import event_to_plover, iso3, plover_records, resolution, to_jsonl
from sitrep.model.citation import Citation, Note
from sitrep.model.facts import ActorRef, Attribution, DateValue, Event, Place, Quantity
from sitrep.model.span import Span
from sitrep.store.records import StoredEvent

TEXT = "Kataib Hezbollah fired rockets at Ain al-Asad air base on 3 January, killing at least 2.[4]"


def _ref(text: str, name: str, kind: str | None, country: str | None, pack_id: str | None = None) -> ActorRef:
    start = TEXT.index(text)
    return ActorRef(text, Span(start, start + len(text)), name, kind=kind, country=country, actor_id=pack_id)


def _stored(**changes: object) -> StoredEvent:
    kh = _ref("Kataib Hezbollah", "Kata'ib Hizballah", "militia", "IQ", "kataib-hizballah")
    base = _ref("Ain al-Asad air base", "Ain al-Asad Air Base", "state_military", "US")
    fields: dict[str, object] = dict(
        type="ASSAULT",
        trigger="fired",
        trigger_span=Span(17, 22),
        sentence=Span(0, len(TEXT)),
        mode="heavy-weapons",
        acled=("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        actors=(kh,),
        recipients=(base,),
        attributed_to=(Attribution(kh, by=None, text=""),),
        weapon="rockets",
        date=DateValue("3 January", Span(58, 67), date(2024, 1, 3), "day"),
        place=Place(
            "Ain al-Asad air base",
            base.span,
            name="Ain al-Asad Air Base",
            admin1="Al Anbar",
            country="IQ",
            lat=33.8,
            lon=42.44,
            precision=1,
            feature_code="AIRB",
        ),
        quantities=(Quantity("killed", 2, "at least 2", Span(77, 87), minimum=True),),
        notes=(4,),
        context=("military",),
    )
    fields.update(changes)
    citation = Citation(
        note=4,
        index=0,
        span=Span(0, 10),
        raw="Reuters, 4 January 2024",
        outlet="Reuters",
        date=date(2024, 1, 4),
        url="https://example.org/r",
    )
    return StoredEvent(
        id="e1",
        document_id="d1",
        document_title="A report",
        document_source="https://example.org/report",
        document_published=date(2024, 1, 5),
        event=Event(**fields),  # type: ignore[arg-type]
        sentence_text=TEXT,
        notes=(Note(4, Span(0, 10), "4. Reuters, 4 January 2024", (citation,)),),
    )


def test_a_record_has_the_required_keys_and_sitreps_own_fields() -> None:
    record = event_to_plover(_stored())
    assert {"id", "date", "actor", "event"} <= record.keys()
    assert (record["id"], record["date"], record["event"], record["mode"]) == (
        "e1",
        "2024-01-03",
        "ASSAULT",
        "heavy-weapons",
    )
    assert record["quad_code"] == "material conflict"
    assert record["actor"] == [
        {
            "entity_text": "Kataib Hezbollah",
            "code": "IRQ",
            "sector": "REB",
            "identifier_id": "kataib-hizballah",
            "identifier_text": "Kata'ib Hizballah",
        }
    ]
    assert record["recipient"][0]["sector"] == "MIL" and record["recipient"][0]["code"] == "USA"
    assert record["size"] == {"dead": 2, "injured": None, "arrested": None}
    assert record["event_text"] == TEXT
    assert record["cite_info"]["url"] == "https://example.org/report"
    own = record["sitrep"]
    assert own["document_id"] == "d1" and own["status"] == "asserted"
    assert own["quantities"][0]["minimum"] is True
    assert own["citations"][0]["outlet"] == "Reuters"
    assert own["acled"]["sub_event_type"] == "Shelling/artillery/missile attack"
    json.dumps(record)  # every value is plain JSON


def test_event_loc_gives_a_resolution_from_the_place_precision() -> None:
    loc = event_to_plover(_stored())["event_loc"]
    assert loc["resolution"] == 5  # an exact place that is no town: below city level
    assert (loc["country_code"], loc["province"], loc["lat"]) == ("IRQ", "Al Anbar", 33.8)
    city = Place("Basra", Span(0, 5), name="Basra", country="IQ", precision=1, feature_code="PPLA")
    assert resolution(city) == 4
    assert [resolution(Place("x", Span(0, 1), precision=p)) for p in (1, 2, 3, 4, 5, 6, 7, None)] == [
        4,
        4,
        3,
        2,
        2,
        1,
        None,
        None,
    ]
    assert event_to_plover(_stored(place=None))["event_loc"] == {}


def test_an_unresolved_date_stays_unknown() -> None:
    record = event_to_plover(_stored(date=DateValue("", Span(0, 0), None, None, kind="unresolved")))
    assert record["date"] is None
    assert record["sitrep"]["date"]["kind"] == "unresolved"


def test_events_that_did_not_happen_are_not_written_as_having_happened() -> None:
    events = [_stored(), _stored(status="negated"), _stored(status="planned")]
    records = list(plover_records(events))
    # the denied attack is left out; the planned one is written as the threat it is, not as an attack
    assert [r["event"] for r in records] == ["ASSAULT", "THREATEN"]
    assert records[1]["sitrep"]["coded_from"]["status"] == "planned"
    assert event_to_plover(events[1])["sitrep"]["aux_mode"] == "negation"
    lines = list(to_jsonl(events))
    assert len(lines) == 2 and json.loads(lines[0])["id"] == "e1"


def test_iso3_falls_back_to_its_own_table_without_pycountry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plover, "pycountry", None)
    assert (iso3("iq"), iso3("IR"), iso3("ZZ"), iso3(None)) == ("IRQ", "IRN", None, None)


def test_a_promised_cooperative_act_is_written_as_agree() -> None:
    promise = _stored(type="AID", mode=None, acled=None, status="planned")
    records = list(plover_records([promise]))
    assert [r["event"] for r in records] == ["AGREE"]
    assert records[0]["sitrep"]["coded_from"] == {"type": "AID", "mode": None, "status": "planned"}
    assert [r["event"] for r in plover_records([_stored(type="AID", mode=None, acled=None)])] == ["AID"]
