from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import ClassVar

from sqlalchemy import func, select

from sitrep.extract.doc import ExtractDoc
from sitrep.extract.pipeline import Pipeline
from sitrep.ingest.batch import ingest
from sitrep.ingest.extraction import LazyPipeline
from sitrep.model.facts import Event
from sitrep.model.span import Span
from sitrep.store import tables
from sitrep.store.store import Store


def _count(store: Store, table: object) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def test_ingest_stores_document_with_notes_and_markers(db_url: str, brief_path: Path) -> None:
    with Store.open(db_url) as store:
        result = ingest(store, [str(brief_path)])
        assert [o.status for o in result.outcomes] == ["new"]
        assert result.outcomes[0].title == "Smuggling Networks on the Eastern Border"
        reading = store.load_reading(result.outcomes[0].document_id or "")
        assert [n.number for n in reading.notes.notes] == [1, 2, 3, 4, 5, 7]
        assert sorted({m.number for m in reading.notes.markers}) == [1, 2, 3, 4, 5, 6, 7]


def test_reingesting_the_same_content_is_a_no_op(db_url: str, brief_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy-of-brief.txt"
    shutil.copy(brief_path, copy)
    with Store.open(db_url) as store:
        first = ingest(store, [str(brief_path)])
        rows_before = _count(store, tables.citations)
        second = ingest(store, [str(brief_path), str(copy)])
        assert [o.status for o in second.outcomes] == ["known", "known"]
        assert second.outcomes[0].document_id == first.outcomes[0].document_id
        assert _count(store, tables.documents) == 1
        assert _count(store, tables.citations) == rows_before


def test_one_bad_input_does_not_stop_the_batch(db_url: str, brief_path: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 8)
    missing = tmp_path / "nope.txt"
    with Store.open(db_url) as store:
        result = ingest(store, [str(empty), str(junk), str(missing), str(brief_path)])
        statuses = {Path(o.source).name: o.status for o in result.outcomes}
        assert statuses == {
            "empty.txt": "failed", "junk.txt": "failed", "nope.txt": "failed", "brief.txt": "new"
        }
        assert not result.ok
        failures = store.failures(result.run_id)
        assert {Path(f.source).name for f in failures} == {"empty.txt", "junk.txt", "nope.txt"}
        assert all(f.reason for f in failures)
        assert _count(store, tables.documents) == 1


def test_a_failing_write_leaves_nothing_half_written(db_url: str, brief_path: Path, monkeypatch) -> None:
    with Store.open(db_url) as store:
        original = store.add_reading

        def broken(reading, *, run_id=None):  # type: ignore[no-untyped-def]
            # break the transaction after the document row is written: the note rows are invalid
            bad = reading.notes.notes[0]
            from dataclasses import replace

            notes = replace(reading.notes, notes=(bad, bad))  # duplicate note number violates uniqueness
            return original(replace(reading, notes=notes), run_id=run_id)

        monkeypatch.setattr(store, "add_reading", broken)
        result = ingest(store, [str(brief_path)])
        assert result.outcomes[0].status == "failed"
        assert _count(store, tables.documents) == 0
        assert _count(store, tables.notes) == 0


# -- extraction during ingest --------------------------------------------------------------------


class _Attacks:
    """A test stage: one ASSAULT event per "attacked" in the body; raises on a text saying "BOOM"."""

    name: ClassVar[str] = "attacks"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ("events",)

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, doc: ExtractDoc) -> ExtractDoc:
        self.calls += 1
        if "BOOM" in doc.analysis_text:
            raise RuntimeError("the parser choked on BOOM")
        for match in re.finditer("attacked", doc.analysis_text):
            span = Span(match.start(), match.end())
            sentence = doc.sentence_of(span)
            doc.events.append(Event("ASSAULT", "attacked", span, sentence, notes=doc.notes_for(span)))
        return doc


def test_ingest_with_a_pipeline_stores_each_new_documents_facts(db_url: str, brief_path: Path) -> None:
    stage = _Attacks()
    with Store.open(db_url) as store:
        result = ingest(store, [str(brief_path)], pipeline=Pipeline([stage]))
        (outcome,) = result.outcomes
        assert (outcome.status, outcome.events) == ("new", 1)
        assert result.extraction_unavailable is None
        doc_id = outcome.document_id or ""
        assert store.has_extraction(doc_id)
        (event,) = store.events()
        assert event.event.notes == (2,) and event.document_id == doc_id
        with store.engine.connect() as conn:
            stages = conn.execute(select(tables.extractions.c.stages)).scalar_one()
        assert stages == ["attacks"]
        # A known document is left as it is: not extracted again.
        again = ingest(store, [str(brief_path)], pipeline=Pipeline([stage]))
        assert [o.status for o in again.outcomes] == ["known"] and again.outcomes[0].events is None
        assert stage.calls == 1


def test_a_failing_extraction_fails_that_document_and_stores_nothing_of_it(
    db_url: str, brief_path: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("The rebels attacked the town. BOOM.\n", encoding="utf-8")
    with Store.open(db_url) as store:
        result = ingest(store, [str(bad), str(brief_path)], pipeline=Pipeline([_Attacks()]))
        statuses = {Path(o.source).name: o.status for o in result.outcomes}
        assert statuses == {"bad.txt": "failed", "brief.txt": "new"}
        failed = result.outcomes[0]
        assert failed.reason == "extraction failed: the parser choked on BOOM"
        assert failed.error_kind == "RuntimeError"
        assert [f.reason for f in store.failures(result.run_id)] == [failed.reason]
        assert _count(store, tables.documents) == 1
        assert _count(store, tables.events) == 1  # the brief's only
        # Nothing of it was stored, so a later run tries it again.
        bad.write_text("The rebels attacked the town.\n", encoding="utf-8")
        retry = ingest(store, [str(bad)], pipeline=Pipeline([_Attacks()]))
        assert [(o.status, o.events) for o in retry.outcomes] == [("new", 1)]


def test_a_pipeline_that_cannot_be_built_stores_documents_unextracted(db_url: str, brief_path: Path) -> None:
    builds = []

    def broken() -> Pipeline:
        builds.append(1)
        raise OSError("model en_core_web_sm not found")

    with Store.open(db_url) as store:
        result = ingest(store, [str(brief_path)], pipeline=LazyPipeline(broken))
        assert [(o.status, o.events) for o in result.outcomes] == [("new", None)]
        assert not result.ok  # extraction was asked for and did not run
        assert result.extraction_unavailable is not None
        assert "model en_core_web_sm not found" in result.extraction_unavailable
        assert store.unextracted() == [result.outcomes[0].document_id]
        assert builds == [1]


def test_a_lazy_pipeline_is_built_once_and_only_when_a_document_is_new(db_url: str, brief_path: Path) -> None:
    builds = []

    def build() -> Pipeline:
        builds.append(1)
        return Pipeline([_Attacks()])

    lazy = LazyPipeline(build)
    with Store.open(db_url) as store:
        ingest(store, [str(brief_path)], pipeline=lazy, options=None)
        ingest(store, [str(brief_path)], pipeline=lazy)
        assert builds == [1]
        assert lazy.names == ("attacks",)
        fresh = LazyPipeline(build)
        ingest(store, [str(brief_path)], pipeline=fresh)  # known: nothing to extract, nothing built
        assert builds == [1]
