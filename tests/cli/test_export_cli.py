"""`sitrep export FORMAT -o FILE` and `sitrep import acled FILE` on the multi-document fixture set,
ingested with the real pipeline into a real store."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import geojson
import networkx as nx
import pytest
from stix2validator import validate_string

from sitrep.export.acled import COLUMNS

FIXTURES = Path(__file__).parents[1] / "fixtures"
ACLED = FIXTURES / "acled" / "somalia-2022.csv"

Run = Callable[..., tuple[int, str]]


@pytest.fixture
def run(multidoc_cli: Run) -> Run:
    """`sitrep ARGS…` on a copy of the multi-document store (tests/conftest.py)."""
    return multidoc_cli


def test_export_acled_writes_acleds_columns(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "acled.csv"
    code, text = run("export", "acled", "-o", str(out))
    assert code == 0, text
    assert text.strip() == f"wrote 3 ACLED rows to {out}"
    with out.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert tuple(reader.fieldnames or ()) == COLUMNS and len(rows) == 3
    code, text = run("export", "acled", "--place", "Baidoa", "-o", str(out))
    assert code == 0 and "wrote 1 ACLED row to" in text


def test_export_plover_writes_one_record_per_incident(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "incidents.jsonl"
    code, text = run("export", "plover", "--since", "2022-03-15", "-o", str(out))
    assert code == 0, text
    assert "wrote 1 PLOVER record (one per incident)" in text
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["event"] == "ASSAULT" and record["sitrep"]["incident"]["grade"] == "C3"


def test_export_stix_writes_a_valid_bundle(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "bundle.json"
    code, text = run("export", "stix", "-o", str(out))
    assert code == 0, text
    assert f"wrote a STIX 2.1 bundle of 24 objects to {out}" in text
    assert "3 x-sitrep-incident" in text and "5 report" in text
    results = validate_string(out.read_text(encoding="utf-8"))
    assert results.is_valid and results.errors == []


def test_export_geojson_writes_valid_geojson(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "incidents.geojson"
    code, text = run("export", "geojson", "--type", "ASSAULT", "-o", str(out))
    assert code == 0, text
    assert "wrote 3 GeoJSON features (located incidents)" in text
    assert geojson.loads(out.read_text(encoding="utf-8")).is_valid


def test_export_graphml_and_gexf_write_the_network(run: Run, tmp_path: Path) -> None:
    code, text = run("export", "graphml", "-o", str(tmp_path / "net.graphml"))
    assert code == 0, text
    assert "wrote the actor network (2 actors, 1 link) as GraphML" in text
    assert nx.read_graphml(tmp_path / "net.graphml").number_of_edges() == 1
    code, text = run("export", "gexf", "-o", str(tmp_path / "net.gexf"))
    assert code == 0 and "as GEXF" in text
    assert nx.read_gexf(tmp_path / "net.gexf").number_of_nodes() == 2
    code, text = run("export", "gexf", "--place", "Jilib", "-o", str(tmp_path / "net.gexf"))
    assert code == 2 and "--type and --place do not apply" in text


def test_export_errors_are_clear(run: Run, tmp_path: Path) -> None:
    code, text = run("export", "acled", "-o", str(tmp_path / "missing" / "acled.csv"))
    assert code == 1
    assert f"folder {str(tmp_path / 'missing')!r} does not exist" in text
    code, text = run("export", "kml", "-o", str(tmp_path / "x.kml"))
    assert code == 2 and "'kml' is not one of 'acled', 'plover', 'stix', 'geojson', 'graphml', 'gexf'" in text
    code, text = run("export", "stix")
    assert code == 2 and "Missing option '-o'" in text


def test_import_acled_names_bad_rows_and_joins_the_picture(run: Run) -> None:
    code, text = run("import", "acled", str(ACLED))
    assert code == 1  # two rows failed
    assert f"{ACLED}: 3 new, 0 already known, 1 skipped, 2 failed (6 rows)" in text
    assert "skipped line 5 (SOM90004): sub_event_type 'Other' has no PLOVER equivalent" in text
    assert f"error: {ACLED}, line 4: event_date '2022-03-32' is not a date" in text
    assert f"error: {ACLED}, line 6: event_type 'Skirmish' is not ACLED's" in text
    assert "incidents: 5 from 13 reports (3 reported more than once)" in text  # SOM90001 joined Afgooye
    code, text = run("import", "acled", str(ACLED), "--json")
    result = json.loads(text[: text.rindex("}") + 1])
    assert [o["status"] for o in result["outcomes"]] == ["known", "known", "failed", "skipped", "failed",
                                                         "known"]
    assert result["picture"] is None


def test_import_acled_names_a_file_that_is_not_an_acled_export(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "other.csv"
    bad.write_text("id,date,what\n1,2022-01-01,x\n", encoding="utf-8")
    code, text = run("import", "acled", str(bad))
    assert code == 1
    assert f"{bad}: not an ACLED export: missing columns event_id_cnty, event_date" in text
