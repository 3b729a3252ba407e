from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import func, select

from sitrep.ingest.batch import ingest
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
