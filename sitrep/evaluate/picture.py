"""Score event merging, corroboration and grading: on a multi-document fixture set (its
``events.gold.yaml``) and on the seed.

Fixtures. Every document of the folder (every file but YAML ones) is ingested with citation-title
events into a temporary store and the picture is rebuilt with the folder's reliability table
(the gold's ``reliability``). Each gold report (document file + a substring of the sentence, or a
note and its cited title) is found among the stored events. Then:

- ``resolve.events.pairwise.precision/recall/f1``: pairs of found reports in one stored incident
  against pairs in one gold incident (events no gold report names are left out);
- ``resolve.events.reports.recall``: gold reports found among the stored events at all;
- ``resolve.sources.accuracy``: gold incidents whose stored incident has the gold's count of
  independent sources; ``resolve.contradictions.accuracy``: the same fields differ with the same
  values, and the figure kept is the gold's; ``resolve.grades.accuracy``: the same grade.

Seed. The seed document is ingested alone (with citation-title events). A cited title is expected
to corroborate a core gold event dated to the day when the gold's checked citations give the
piece a title and a date from the event's day to ``WINDOW_DAYS`` later, and either its note is
one of the event's notes or its title states the event's death toll. ``resolve.seed.title_corroboration``
is the share of those (event, note) pairs where the incident holding the event's own sentence also
holds an event from that note's title.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import yaml

from sitrep.errors import NotFound, SitrepError
from sitrep.evaluate.across import fixtures_and_seed
from sitrep.evaluate.gold import gold_document_path, load_seed_gold
from sitrep.evaluate.metrics import Metric, accuracy, prf_metrics
from sitrep.evaluate.seed_events import compatible
from sitrep.ingest.extraction import Extractor
from sitrep.resolve.grading import ReliabilityTable, load_table
from sitrep.resolve.picture import IncidentView, incidents, rebuild
from sitrep.resolve.titles import WithTitleEvents
from sitrep.store import tables as t
from sitrep.store.store import Store

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "multidoc"
GOLD_NAME = "events.gold.yaml"
WINDOW_DAYS = 7
SEED_METRIC = "resolve.seed.title_corroboration"


# -- fixtures -------------------------------------------------------------------------------------

def load_event_gold(path: str | Path) -> tuple[list[Path], dict[str, Any]]:
    """A fixture set's event gold: (its documents, the gold mapping)."""
    path = Path(path)
    if not path.is_file():
        raise NotFound(f"{path}: event gold not found")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise SitrepError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("incidents"), list):
        raise SitrepError(f"{path}: expected a mapping with an 'incidents' list")
    folder = path.parent
    listed = data.get("documents")
    documents = ([folder / str(name) for name in listed] if listed else sorted(
        p for p in folder.iterdir() if p.is_file() and p.suffix.lower() not in (".yaml", ".yml")))
    missing = [str(p) for p in documents if not p.is_file()]
    if missing:
        raise NotFound(f"{path}: documents not found: {', '.join(missing)}")
    return documents, data


def build_store(paths: Sequence[str | Path], pipeline: Extractor, *, db: Path,
                table: ReliabilityTable | None = None) -> Store:
    """A store at ``db`` holding ``paths`` (extracted with citation-title events) and its picture
    rebuilt; the caller closes it. SitrepError when a document cannot be read or extracted."""
    from sitrep.ingest.batch import ingest

    extractor = pipeline if isinstance(pipeline, WithTitleEvents) else WithTitleEvents(pipeline)
    store = Store.open(f"sqlite:///{db}")
    result = ingest(store, [str(p) for p in paths], pipeline=extractor)
    failed = [f"{o.source}: {o.reason}" for o in result.outcomes if o.status == "failed"]
    if failed or result.extraction_unavailable:
        store.close()
        raise SitrepError("cannot score event merging: " + "; ".join(
            failed or [str(result.extraction_unavailable)]))
    rebuild(store, table=table)
    return store


def score_fixtures(store: Store, gold: dict[str, Any]) -> list[Metric]:
    """The fixture metrics (see the module's docstring) of a built store against ``gold``."""
    views = incidents(store)
    where = {report.event_id: view for view in views for report in view.reports}
    with store.connection() as conn:
        found = [[_find(conn, report) for report in incident.get("reports") or []]
                 for incident in gold["incidents"]]
    gold_pairs: set[tuple[str, str]] = set()
    named: set[str] = set()
    for ids in found:
        present = sorted(i for i in ids if i is not None)
        named.update(present)
        gold_pairs.update(combinations(present, 2))
    predicted = {(a, b) for a, b in combinations(sorted(named), 2)
                 if a in where and b in where and where[a].id == where[b].id}
    metrics = prf_metrics("resolve.events.pairwise", predicted, gold_pairs)
    reports = [i for ids in found for i in ids]
    present = sum(i is not None for i in reports)
    metrics.append(accuracy("resolve.events.reports.recall", present, len(reports)))
    checks: dict[str, list[str]] = {"sources": [], "contradictions": [], "grades": []}
    for incident, ids in zip(gold["incidents"], found, strict=True):
        view = next((where[i] for i in ids if i is not None and i in where), None)
        label = str(incident.get("key", "?"))
        checks["sources"].append(_check(label, view, lambda v: v.sources, incident.get("sources")))
        checks["contradictions"].append(_check(label, view, _differences, _gold_differences(incident)))
        checks["grades"].append(_check(label, view, lambda v: v.grade, incident.get("grade")))
    for name, results in checks.items():
        wrong = [r for r in results if r]
        metrics.append(accuracy(f"resolve.{name}.accuracy", len(results) - len(wrong), len(results),
                                "; ".join(wrong)))
    return metrics


def _check(label: str, view: IncidentView | None, got: Any, want: Any) -> str:
    """"" when right, else what was wrong."""
    if view is None:
        return f"{label}: no stored incident"
    value = got(view)
    return "" if value == want else f"{label}: {value!r}, expected {want!r}"


def _differences(view: IncidentView) -> tuple[Any, dict[str, list[str]]]:
    fields = {name: sorted(str(item["value"]) for item in items)
              for name, items in view.contradictions.items()}
    killed: Any = view.killed
    if killed is not None and float(killed).is_integer():
        killed = int(killed)
    return killed, fields


def _gold_differences(incident: dict[str, Any]) -> tuple[Any, dict[str, list[str]]]:
    fields = {name: sorted(str(v) for v in values)
              for name, values in (incident.get("contradictions") or {}).items()}
    return incident.get("killed"), fields


def _find(conn: sa.Connection, report: dict[str, Any]) -> str | None:
    """The id of the stored event a gold report names (the first, when a sentence holds several)."""
    e, d = t.events.c, t.documents.c
    query = (sa.select(e.id, e.origin, e.notes, e.sentence_start, e.sentence_end, e.status, d.text)
             .select_from(t.events.join(t.documents, d.id == e.document_id))
             .where(d.source.endswith(str(report["document"]))).order_by(e.seq))
    wanted = " ".join(str(report.get("sentence") or report.get("title") or "").split())
    for row in conn.execute(query):
        words = " ".join(row.text[row.sentence_start:row.sentence_end].split())
        if row.status != "asserted" or wanted not in words:
            continue
        if "note" in report:
            if row.origin == "citation" and tuple(row.notes or ()) == (int(report["note"]),):
                return str(row.id)
        elif row.origin == "text":
            return str(row.id)
    return None


def evaluate_fixtures(folder: str | Path = FIXTURES, *, pipeline: Extractor | None = None) -> list[Metric]:
    """The fixture metrics on ``folder`` (its ``events.gold.yaml``)."""
    documents, gold = load_event_gold(Path(folder) / GOLD_NAME)
    reliability = gold.get("reliability")
    table = load_table(Path(folder) / str(reliability)) if reliability else None
    pipeline = pipeline if pipeline is not None else _default_pipeline()
    with tempfile.TemporaryDirectory(prefix="sitrep-picture-") as tmp:
        store = build_store(documents, pipeline, db=Path(tmp) / "eval.db", table=table)
        try:
            return score_fixtures(store, gold)
        finally:
            store.close()


# -- the seed -------------------------------------------------------------------------------------

_NUMBER = re.compile(r"\b\d+\b")


def expected_title_corroborations(gold: dict[str, Any]) -> list[tuple[dict[str, Any], int]]:
    """(gold event, note) pairs: the cited title of the note should corroborate the event."""
    checked = (gold.get("citations") or {}).get("checked") or []
    pairs = []
    for event in gold.get("events") or []:
        spec = event.get("date") or {}
        if event.get("optional") or spec.get("precision", "day") != "day" or "value" not in spec:
            continue
        day = spec["value"] if isinstance(spec["value"], date) else date.fromisoformat(str(spec["value"]))
        for citation in checked:
            published, title = citation.get("date"), citation.get("title")
            if not isinstance(published, date) or not title or "note" not in citation:
                continue
            if not day <= published <= day + timedelta(days=WINDOW_DAYS):
                continue
            toll = event.get("killed")
            states_toll = toll is not None and str(toll) in _NUMBER.findall(str(title))
            if int(citation["note"]) in (event.get("notes") or []) or states_toll:
                pairs.append((event, int(citation["note"])))
    return pairs


def score_seed(store: Store, document_id: str, gold: dict[str, Any]) -> Metric:
    expected = expected_title_corroborations(gold)
    extraction = store.load_extraction(document_id)
    with store.connection() as conn:
        ids = list(conn.execute(sa.select(t.events.c.id).where(t.events.c.document_id == document_id)
                                .order_by(t.events.c.seq)).scalars())
    pairs = list(zip(ids, extraction.events, strict=True))
    where = {report.event_id: view for view in incidents(store) for report in view.reports}
    right, missed = 0, []
    for event, note in expected:
        own = [i for i, e in pairs if e.origin == "text" and e.status == "asserted" and compatible(e, event)]
        holders = [where[i] for i in own if i in where]
        if any(r.origin == "citation" and r.notes == (note,) for view in holders for r in view.reports):
            right += 1
        else:
            missed.append(f"{event.get('id')} ← note {note}")
    detail = f"missed {missed}" if missed else ""
    return accuracy(SEED_METRIC, right, len(expected), detail)


def evaluate_seed(gold_path: str | Path, *, pipeline: Extractor | None = None) -> list[Metric]:
    """``resolve.seed.title_corroboration`` (see the module's docstring)."""
    gold = load_seed_gold(gold_path)
    document = gold_document_path(gold_path, gold)
    if not document.is_file():
        raise NotFound(f"{document}: the seed document of {gold_path} is not there")
    pipeline = pipeline if pipeline is not None else _default_pipeline()
    with tempfile.TemporaryDirectory(prefix="sitrep-picture-") as tmp:
        store = build_store([document], pipeline, db=Path(tmp) / "eval.db")
        try:
            (document_id,) = [d.id for d in store.documents()]
            return [score_seed(store, document_id, gold)]
        finally:
            store.close()


def evaluate_event_merging(*, seed_gold: str | Path | None = None, fixtures: str | Path | None = FIXTURES,
                           pipeline: Extractor | None = None) -> list[Metric]:
    """Event merging on the fixtures (when their gold is there) and the seed (when given), with one
    pipeline for both (default: sitrep's, built once)."""
    return fixtures_and_seed(evaluate_fixtures, evaluate_seed, gold_name=GOLD_NAME, seed_gold=seed_gold,
                             fixtures=fixtures, pipeline=pipeline)


def _default_pipeline() -> Extractor:
    from sitrep.extract.default import build_pipeline

    return build_pipeline()
