from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli.context import AppContext
from sitrep.cli.main import cli
from sitrep.extract.pipeline import Pipeline

Run = Callable[..., tuple[int, str]]


@pytest.fixture
def run(db_url: str, brief_pipeline: Callable[[], Pipeline]) -> Run:
    """`sitrep --db DB ARGS…` with the test pipeline in place of sitrep's default one."""

    def invoke(
        *args: str, input: bytes | None = None, build: Callable[[], Pipeline] | None = None
    ) -> tuple[int, str]:
        app = AppContext(db_url=None, build_pipeline=build or brief_pipeline)
        result = CliRunner().invoke(
            cli, ["--db", db_url, *args], input=input, obj=app, catch_exceptions=False
        )
        return result.exit_code, result.output

    return invoke


@pytest.fixture
def ingested(run: Run, brief_path: Path) -> str:
    code, out = run("ingest", str(brief_path), "--json")
    assert code == 0, out
    report = json.loads(out)
    assert report["extraction_unavailable"] is None
    assert report["outcomes"][0]["events"] == 2
    return str(report["outcomes"][0]["document_id"])


def test_events_json_gives_every_field_and_its_evidence(run: Run, ingested: str) -> None:
    code, out = run("events", "--json")
    assert code == 0, out
    events = json.loads(out)
    assert [e["event"]["type"] for e in events] == ["ASSAULT", "MOBILIZE"]
    attack = events[0]
    assert attack["document_id"] == ingested
    assert attack["document_title"] == "Smuggling Networks on the Eastern Border"
    assert attack["sentence_text"].startswith("The Eastern Brigades, backed by the Harvest Front, attacked")
    assert attack["event"]["date"]["value"] == "2019-02-12"
    assert attack["event"]["trigger_span"]["end"] > attack["event"]["trigger_span"]["start"]
    assert [n["number"] for n in attack["notes"]] == [2]
    assert [c["outlet"] for c in attack["notes"][0]["citations"]] == ["Frontier Wire", "The Daily Ledger"]
    assert events[1]["notes"] == []  # note 6 is cited in the text, missing from the notes


def test_events_table_filters_by_type_actor_place_and_date(run: Run, ingested: str) -> None:
    code, out = run("events", "--type", "assault")
    assert code == 0, out
    assert (
        re.search(r"^1 event\s*$", out, re.M)
        and "ASSAULT/heavy-weapons" in out
        and "Eastern Brigades → customs post" in out
    )
    assert "Zarqan" in out and "[2]" in out and "MOBILIZE" not in out
    for args, expected in [
        (("--actor", "interior"), "MOBILIZE"),
        (("--place", "zarqan"), "ASSAULT"),
        (("--since", "2019-02-15"), "MOBILIZE"),
        (("--until", "2019-02"), "2 events"),
        (("--doc", ingested[:8]), "2 events"),
    ]:
        code, out = run("events", *args)
        assert code == 0 and expected in out, (args, out)
    code, out = run("events", "--actor", "nobody")
    assert "events: none" in out
    code, out = run("events", "--since", "February")
    assert code == 2 and "YYYY-MM-DD" in out


def test_events_format_plover_writes_one_record_a_line(run: Run, ingested: str) -> None:
    code, out = run("events", "--format", "plover")
    assert code == 0, out
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["event"] for r in records] == ["ASSAULT", "MOBILIZE"]
    attack = records[0]
    assert {"id", "date", "actor", "event", "sitrep"} <= attack.keys()
    assert attack["date"] == "2019-02-12"
    assert attack["actor"][0]["entity_text"] == "The Eastern Brigades"
    assert attack["actor"][0]["code"] == "IRQ"
    assert attack["size"]["dead"] == 4
    assert attack["sitrep"]["document_id"] == ingested
    assert attack["sitrep"]["citations"][0]["outlet"] == "Frontier Wire"


def test_relations_show_text_and_background_apart(run: Run, ingested: str) -> None:
    code, out = run("relations", "--json")
    assert code == 0, out
    relations = json.loads(out)
    assert [(r["relation"]["type"], r["background"]) for r in relations] == [
        ("supports", False),
        ("allied_with", True),
    ]
    assert relations[0]["relation"]["source"]["name"] == "Harvest Front"
    code, out = run("relations", "--type", "allied_with")
    assert "background (pack:test)" in out and "attacked" not in out  # no sentence shown as its evidence
    code, out = run("relations", "--actor", "brigades")
    assert "2 relations" in out


def test_extract_file_prints_plover_without_touching_the_store(
    run: Run, brief_path: Path, db_url: str
) -> None:
    code, out = run("extract", str(brief_path), "--format", "plover")
    assert code == 0, out
    assert [json.loads(line)["event"] for line in out.splitlines()] == ["ASSAULT", "MOBILIZE"]
    assert not Path(db_url.removeprefix("sqlite:///")).exists()
    code, out = run("extract", "-", "--format", "json", input=brief_path.read_bytes())
    assert code == 0, out
    (preview,) = json.loads(out)
    assert [e["event"]["type"] for e in preview["events"]] == ["ASSAULT", "MOBILIZE"]
    assert preview["quotes"][0]["speaker"]["name"] == "Martin Okafor"
    assert not Path(db_url.removeprefix("sqlite:///")).exists()


def test_extract_file_gives_the_ids_the_store_gives(run: Run, ingested: str, brief_path: Path) -> None:
    _, stored = run("events", "--format", "plover")
    _, unstored = run("extract", str(brief_path), "--format", "plover")
    assert stored == unstored


def test_extract_doc_again_changes_nothing(run: Run, ingested: str) -> None:
    _, before = run("events", "--json")
    code, out = run("extract", ingested[:10])
    assert code == 0, out
    assert "1 extracted, 0 failed" in out
    _, after = run("events", "--json")
    assert after == before


def test_ingest_no_extract_then_extract_missing(run: Run, brief_path: Path) -> None:
    code, out = run("ingest", str(brief_path), "--no-extract")
    assert code == 0, out
    assert "events: none" in run("events")[1]
    code, out = run("extract", "--missing", "--json")
    assert code == 0 and [o["info"]["events"] for o in json.loads(out)] == [2]
    code, out = run("extract", "--missing")
    assert "0 extracted, 0 failed" in out
    code, out = run("extract", "--all")
    assert "1 extracted, 0 failed" in out
    assert "2 events" in run("events")[1]


def test_a_pipeline_that_cannot_be_built_stores_documents_unextracted_and_says_so(
    run: Run, brief_path: Path
) -> None:
    def broken() -> Pipeline:
        raise ModuleNotFoundError("No module named 'spacy_model'")

    code, out = run("ingest", str(brief_path), build=broken)
    assert code == 1, out  # the documents are kept, but what was asked for did not all happen
    assert "1 new" in out and "stored without extraction" in out and "spacy_model" in out
    code, out = run("extract", "--missing", build=broken)
    assert code == 1 and "cannot build the extraction pipeline" in out


def test_extract_needs_one_target(run: Run) -> None:
    code, out = run("extract")
    assert code == 2 and "--all" in out
    code, out = run("extract", "--all", "--format", "json")
    assert code == 2


def test_events_and_relations_carry_the_grade_of_the_picture(run: Run, ingested: str) -> None:
    code, out = run("events", "--json")
    assert code == 0, out
    records = json.loads(out)
    asserted = [r for r in records if r["event"]["status"] == "asserted"]
    assert asserted and all(re.fullmatch(r"[A-F][1-6]", r["grade"] or "") for r in asserted)
    code, out = run("events")
    assert "grade" in out and asserted[0]["grade"] in out
    code, out = run("relations", "--json")
    stated = [r for r in json.loads(out) if not r["background"]]
    assert all(re.fullmatch(r"[A-F][1-6]", r["grade"] or "") for r in stated)
