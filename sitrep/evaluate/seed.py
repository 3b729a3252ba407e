"""Score sitrep's reading of a seed gold document (format ``sitrep-gold/1``).

Parts scored now: document metadata, boilerplate, notes and markers, per-note sources, the
checked citation fields, repeated sources and the audit's name variants; and, when their modules
are present, the extraction scorers in ``EXTRACTION_SCORERS`` (events, actors) over sitrep's
extraction of the reading.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.analysis.audit import AuditReport, audit
from sitrep.evaluate.gold import gold_document_path, load_seed_gold
from sitrep.evaluate.metrics import Metric, accuracy, prf_metrics
from sitrep.evaluate.text import plain
from sitrep.extract.doc import from_reading
from sitrep.ingest.readers import read_source
from sitrep.ingest.reading import read_document
from sitrep.model.citation import Citation
from sitrep.model.reading import Reading

if TYPE_CHECKING:
    from sitrep.extract.pipeline import Pipeline

# (module, function, what it scores) of the scorers of other stages, used when the module exists:
# ``f(gold, extraction)`` for "extraction", ``f(gold, extract_doc)`` for "doc".
EXTRACTION_SCORERS: tuple[tuple[str, str, str], ...] = (
    ("sitrep.evaluate.seed_events", "score_events", "extraction"),
    ("sitrep.evaluate.actors", "score_actor_forms", "doc"),
)
Scorer = Callable[[dict[str, Any], Any], list[Metric]]


def extraction_scorers() -> list[tuple[Scorer, str]]:
    """The extraction scorers whose modules are present, each with what it scores."""
    found = []
    for module_name, function, scores in EXTRACTION_SCORERS:
        if importlib.util.find_spec(module_name) is not None:
            scorer = getattr(importlib.import_module(module_name), function, None)
            if scorer is not None:
                found.append((scorer, scores))
    return found


def evaluate_seed(gold_path: str | Path, *, pipeline: Pipeline | None = None) -> list[Metric]:
    """Read the gold's document with sitrep (no store) and score it against the gold; when the
    extraction scorers are present, extract the reading with ``pipeline`` (default: sitrep's)."""
    gold = load_seed_gold(gold_path)
    documents = read_source(str(gold_document_path(gold_path, gold)))
    reading = read_document(documents[0])
    report = audit(reading)
    metrics = [*_document_metrics(reading, gold), *_citation_metrics(reading, report, gold),
               *_audit_metrics(report, gold)]
    scorers = extraction_scorers()
    if scorers:
        if pipeline is None:
            from sitrep.extract.default import build_pipeline

            pipeline = build_pipeline()
        doc = pipeline.run(from_reading(reading))
        extraction = doc.to_extraction()
        for scorer, scores in scorers:
            metrics += scorer(gold, doc if scores == "doc" else extraction)
    return metrics


def _document_metrics(reading: Reading, gold: dict[str, Any]) -> list[Metric]:
    doc, meta = reading.document, gold.get("document", {})
    text = doc.text
    metrics = []
    if "title" in meta:
        metrics.append(accuracy("document.title", int(plain(doc.title or "") == plain(meta["title"])), 1,
                                f"got {doc.title!r}"))
    if "published" in meta:
        metrics.append(accuracy("document.published", int(doc.published == meta["published"]), 1,
                                f"got {doc.published}"))
    wanted = meta.get("boilerplate", [])
    covered = 0
    missed = []
    for line in wanted:
        hits = [m.start() for m in re.finditer(re.escape(line), text)]
        if hits and all(any(b.span.start <= h and h + len(line) <= b.span.end for b in reading.boilerplate)
                        for h in hits):
            covered += 1
        else:
            missed.append(line)
    metrics.append(accuracy("boilerplate.recall", covered, len(wanted), f"missed {missed}" if missed else ""))
    spurious = [b.text for b in reading.boilerplate if not any(w in b.text or b.text in w for w in wanted)]
    metrics.append(accuracy("boilerplate.precision", len(reading.boilerplate) - len(spurious),
                            len(reading.boilerplate), f"spurious {spurious}" if spurious else ""))
    return metrics


def _citation_metrics(reading: Reading, report: AuditReport, gold: dict[str, Any]) -> list[Metric]:
    cg = gold.get("citations", {})
    notes = {n.number: n for n in reading.notes.notes}
    markers = {m.number for m in reading.notes.markers}
    metrics = [*prf_metrics("citations.notes", notes, cg.get("notes_present", [])),
               *prf_metrics("citations.markers", markers, cg.get("markers_in_body", [])),
               *prf_metrics("citations.markers_without_note", report.markers_without_note,
                            cg.get("markers_without_note", []))]
    per_note = {int(k): int(v) for k, v in cg.get("sources_per_note", {}).items()}
    wrong = [f"note {n}: {len(notes[n].citations) if n in notes else 0} not {v}"
             for n, v in sorted(per_note.items()) if n not in notes or len(notes[n].citations) != v]
    metrics.append(accuracy("citations.sources_per_note", len(per_note) - len(wrong), len(per_note),
                            "; ".join(wrong)))
    gold_groups = {tuple(sorted(g["notes"])) for g in cg.get("repeated_sources", [])}
    metrics += prf_metrics("citations.repeated_sources", {tuple(r.notes) for r in report.repeated_sources},
                           gold_groups)
    metrics.append(_checked_fields(notes, cg.get("checked", [])))
    return metrics


def _checked_fields(notes: dict[int, Any], checked: list[dict[str, Any]]) -> Metric:
    right, total, wrong = 0, 0, []
    for entry in checked:
        note = notes.get(entry["note"])
        for field, want in entry.items():
            if field == "note":
                continue
            total += 1
            got = [_field(c, field) for c in note.citations] if note else []
            if _expected(field, want) in got:
                right += 1
            else:
                wrong.append(f"note {entry['note']} {field}: got {got}")
    return accuracy("citations.checked_fields", right, total, "; ".join(wrong))


def _field(citation: Citation, field: str) -> object:
    if field == "author":
        return tuple(plain(a) for a in citation.authors)
    if field == "date":
        return citation.date
    value = getattr(citation, field, None)
    return plain(value) if isinstance(value, str) else value


def _expected(field: str, want: object) -> object:
    if field == "author":
        return tuple(plain(a) for a in (want if isinstance(want, list) else [want]))
    if isinstance(want, date):
        return want
    return plain(str(want))


def _audit_metrics(report: AuditReport, gold: dict[str, Any]) -> list[Metric]:
    gold_pairs = [tuple(pair) for pair in gold.get("name_variants", [])]
    found = [(v.a, v.b) for v in report.name_variants]
    matched_gold = {g for g in gold_pairs if any(_pair_matches(g, f) for f in found)}
    matched_found = [f for f in found if any(_pair_matches(g, f) for g in gold_pairs)]
    missed = [g for g in gold_pairs if g not in matched_gold]
    extra = [f for f in found if f not in matched_found]
    return [accuracy("audit.name_variants.recall", len(matched_gold), len(gold_pairs),
                     f"missed {missed}" if missed else ""),
            accuracy("audit.name_variants.precision", len(matched_found), len(found),
                     f"extra {extra}" if extra else "")]


def _pair_matches(gold: tuple[str, ...], found: tuple[str, str]) -> bool:
    """A reported pair matches a gold pair when each gold form equals, or stands as whole words
    in, the reported form on its side (either order)."""
    a, b = (plain(x) for x in gold)
    x, y = (plain(v) for v in found)
    return (_within(a, x) and _within(b, y)) or (_within(a, y) and _within(b, x))


def _within(form: str, reported: str) -> bool:
    return form == reported or re.search(rf"(?<!\w){re.escape(form)}(?!\w)", reported) is not None


