"""Admiralty grading (sitrep.resolve.grading): the reliability table and credibility rules."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import SitrepError
from sitrep.ingest.reading import read_document
from sitrep.model.document import Document
from sitrep.model.facts import ActorRef, Extraction, Relation
from sitrep.model.span import Span
from sitrep.resolve.corroboration import Evidence, Report, Source
from sitrep.resolve.events import EventRecord
from sitrep.resolve.grading import (
    Grade,
    ReliabilityError,
    default_table,
    denied_incidents,
    grade,
    grade_sources,
    load_table,
    relation_grades,
    user_table_path,
)
from sitrep.store.store import Store

MULTIDOC = Path(__file__).parents[1] / "fixtures" / "multidoc"


@pytest.fixture(autouse=True)
def no_user_table(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SITREP_RELIABILITY", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def source(outlet: str | None = None, domain: str | None = None, key: str = "s") -> Source:
    return Source(key, outlet or domain or key, (outlet,) if outlet else (), (domain,) if domain else ())


def test_defaults_grade_by_domain_or_outlet_with_a_reason_and_unknown_is_f() -> None:
    table = load_table()
    reuters = table.rate(source(domain="in.reuters.com"))
    assert reuters.letter == "B" and "wire service" in reuters.reason
    assert table.rate(source(outlet="the white house")).letter == "C"
    assert table.rate(source(outlet="Telegram")).letter == "F"
    unknown = table.rate(source(outlet="Mogadishu Wire"))
    assert (unknown.letter, unknown.entry) == ("F", None)
    assert all(entry.reason for entry in default_table().entries)
    assert not any(entry.grade == "A" for entry in default_table().entries)


def test_a_user_table_overrides_entries_and_adds_new_ones(monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: Path) -> None:
    mine = tmp_path / "config" / "sitrep" / "reliability.yaml"
    mine.parent.mkdir(parents=True)
    mine.write_text("sources:\n"
                    "  - {name: reuters, grade: a, reason: our own long experience}\n"
                    "  - {name: Mogadishu Wire, grade: B, reason: local wire,\n"
                    "     domains: [mogadishuwire.example.com]}\n",
                    encoding="utf-8")
    assert user_table_path() == mine
    table = load_table()
    assert table.rate(source(outlet="Reuters")).letter == "A"
    assert table.rate(source(domain="mogadishuwire.example.com")).letter == "B"
    monkeypatch.setenv("SITREP_RELIABILITY", str(MULTIDOC / "reliability.yaml"))
    table = load_table()
    assert table.rate(source(outlet="Horn Daily")).letter == "C"
    assert table.rate(source(outlet="Reuters")).letter == "B"  # the defaults again under this file


def test_errors_name_the_file_and_the_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("sources:\n  - {name: Reuters, grade: B, reason: ok}\n  - {name: Daily Blog, grade: G, "
                   "reason: hm}\n", encoding="utf-8")
    with pytest.raises(ReliabilityError, match=r"bad\.yaml: entry 2 \(Daily Blog\): grade 'G' is not one of"):
        load_table(bad)
    bad.write_text("sources:\n  - {name: Daily Blog, grade: D}\n", encoding="utf-8")
    with pytest.raises(ReliabilityError, match=r"entry 1 \(Daily Blog\): `reason` is missing"):
        load_table(bad)
    bad.write_text("sources: [\n", encoding="utf-8")
    with pytest.raises(ReliabilityError, match="not valid YAML"):
        load_table(bad)
    monkeypatch.setenv("SITREP_RELIABILITY", str(tmp_path / "missing.yaml"))
    with pytest.raises(SitrepError, match=r"missing\.yaml: no such reliability table"):
        load_table()


def test_credibility_from_corroboration_and_contradiction() -> None:
    table = load_table(MULTIDOC / "reliability.yaml")
    wire, ledger, daily = (source("Mogadishu Wire", key="w"), source("East Africa Ledger", key="l"),
                           source("Horn Daily", key="h"))
    unknown, blog = source("Nobody Knows", key="u"), source("Rumour Mill", key="r")
    assert str(grade_sources([wire, ledger], table)) == "B1"
    assert str(grade_sources([wire, ledger], table, contradictions={"killed": []})) == "B2"
    assert str(grade_sources([ledger, daily], table)) == "C2"
    assert str(grade_sources([ledger, daily], table, contradictions={"date": []})) == "C3"
    assert str(grade_sources([ledger, daily], table, contradictions={"date": [], "place": []})) == "C4"
    assert str(grade_sources([wire], table)) == "B3"
    assert str(grade_sources([unknown], table)) == "F6"
    assert str(grade_sources([wire], table, denied=True)) == "B5"
    assert str(grade_sources([wire, ledger], table, denied=True)) == "B4"
    assert str(grade_sources([], table)) == "F6"
    graded = grade_sources([blog, ledger], table)
    assert graded.reasons[0].startswith("C: best source East Africa Ledger")
    assert graded.stix_confidence == 70


def test_a_denial_from_another_document_makes_an_incident_doubtful() -> None:
    attack = EventRecord(id="a", document_id="d1", order=0, type="ASSAULT", sentence=(0, 5),
                         date_value=date(2022, 3, 14), date_precision="day", date_kind="exact",
                         place_name="Baidoa", place_admin1="Bay", place_country="SO", place_precision=1)
    denial = replace(attack, id="n", document_id="d2", status="negated")
    own_denial = replace(denial, document_id="d1", sentence=(9, 20))
    reports = {1: [Report(attack, Evidence(("s",)))]}
    assert denied_incidents([attack, denial], reports) == {1}
    assert denied_incidents([attack, own_denial], reports) == set()


def test_grade_reads_anything_graded() -> None:
    assert grade({"reliability": "B", "credibility": 2}) == "B2"
    assert grade(Grade("C", 3)) == "C3"
    assert grade({"reliability": None, "credibility": None}) == "—"


def test_relation_grades_count_independent_sources_across_documents(db_url: str) -> None:
    texts = {
        "a.txt": "The Harvest Front backs the Eastern Brigades.[1]\n\nNotes\n\n"
                 "[1] “Front Arms Brigades in the East,” Reuters, May 2, 2020, https://www.reuters.com/x/2020-front.\n",
        "b.txt": "Officials say the Harvest Front backs the Eastern Brigades.\n",
    }
    with Store.open(db_url) as store:
        for name, text in texts.items():
            reading = read_document(Document(text=text, source=name, media_type="text/plain"))
            store.add_reading(reading)
            front, brigades = (text.index("Harvest Front"), text.index("Eastern Brigades"))
            relation = Relation(
                ActorRef("Harvest Front", Span(front, front + 13), "Harvest Front", kind="rebel_group"),
                "supports",
                ActorRef("Eastern Brigades", Span(brigades, brigades + 16), "Eastern Brigades",
                         kind="militia"),
                Span(front, brigades + 16), Span(0, text.index("\n")),
                notes=(1,) if name == "a.txt" else ())
            store.replace_extraction(reading.id, Extraction(reading.id, relations=(relation,)))
        with store.connection() as conn:
            grades = relation_grades(conn, load_table())
    assert len(grades) == 1
    (found,) = grades.values()
    assert str(found) == "B1"  # confirmed: Reuters (B) and an independent document agree
