from __future__ import annotations

import dataclasses
import re
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from sitrep.errors import NotFound, StoreError
from sitrep.model.citation import Note
from sitrep.model.document import content_id
from sitrep.model.reading import Reading
from sitrep.store import tables, writer
from sitrep.store.store import Store, default_db_url

CountRows = Callable[[Store], dict[str, int]]
DOCUMENT_TABLES = ("documents", "pages", "boilerplate", "sentences", "notes", "citations", "markers")


# -- opening -----------------------------------------------------------------------------------


def test_open_without_url_uses_a_file_under_xdg_data_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SITREP_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    expected = tmp_path / "data" / "sitrep" / "sitrep.db"
    assert default_db_url() == f"sqlite:///{expected}"
    with Store.open() as store:
        assert store.url == f"sqlite:///{expected}"
    assert expected.is_file()


def test_default_path_falls_back_to_home_local_share(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_db_url() == f"sqlite:///{tmp_path / '.local' / 'share' / 'sitrep' / 'sitrep.db'}"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/dir")  # the XDG spec says to ignore a relative one
    assert default_db_url() == f"sqlite:///{tmp_path / '.local' / 'share' / 'sitrep' / 'sitrep.db'}"


def test_open_without_url_uses_sitrep_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_DB", f"sqlite:///{tmp_path / 'env.db'}")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    with Store.open() as store:
        assert store.url == f"sqlite:///{tmp_path / 'env.db'}"
    assert (tmp_path / "env.db").is_file()
    assert not (tmp_path / "data").exists()


def test_open_accepts_a_bare_relative_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with Store.open("my.db") as store:
        assert store.url == f"sqlite:///{tmp_path / 'my.db'}"
    assert (tmp_path / "my.db").is_file()


def test_sqlite_store_enforces_foreign_keys_and_uses_wal(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "s.db")) as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"


@pytest.mark.parametrize(
    ("url", "named"),
    [
        ("{tmp}/missing-folder/s.db", "missing-folder"),
        ("nosuchdialect://host/db", "nosuchdialect"),
        ("not a url ://", "not a url"),
    ],
    ids=["missing-folder", "unknown-dialect", "malformed"],
)
def test_open_an_unopenable_url_raises_store_error_naming_it(tmp_path: Path, url: str, named: str) -> None:
    with pytest.raises(StoreError, match=named):
        Store.open(url.format(tmp=tmp_path))


def test_open_a_file_that_is_not_a_database_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database, just words " * 100)
    with pytest.raises(StoreError, match=re.escape("notes.txt")):
        Store.open(str(path))


def test_store_error_hides_the_password() -> None:
    url = "postgresql://analyst:s3cret@127.0.0.1:1/sitrep"
    with pytest.raises(StoreError) as caught:
        Store.open(url)
    assert "s3cret" not in str(caught.value)
    assert "analyst:***@127.0.0.1" in str(caught.value)


# -- adding and loading ------------------------------------------------------------------------


def test_add_reading_writes_the_document_and_every_child(
    store: Store, rich_reading: Reading, count_rows: CountRows
) -> None:
    result = store.add_reading(rich_reading)
    assert result.document_id == rich_reading.id == content_id(rich_reading.document.text)
    assert result.created
    counts = count_rows(store)
    assert {name: counts[name] for name in DOCUMENT_TABLES} == {
        "documents": 1,
        "pages": 2,
        "boilerplate": 3,  # the reader's one item is also the reading's second: stored once
        "sentences": 4,
        "notes": 3,
        "citations": 3,
        "markers": 4,
    }


def test_adding_a_known_document_again_writes_nothing(
    store: Store, rich_reading: Reading, count_rows: CountRows
) -> None:
    first = store.add_reading(rich_reading)
    before = count_rows(store)
    again = store.add_reading(dataclasses.replace(rich_reading, boilerplate=()))
    assert again.document_id == first.document_id
    assert not again.created
    assert count_rows(store) == before


def test_load_reading_gives_back_exactly_what_was_added(store: Store, rich_reading: Reading) -> None:
    assert store.load_reading(store.add_reading(rich_reading).document_id) == rich_reading


def test_a_bare_reading_round_trips(store: Store, make_bare_reading: Callable[..., Reading]) -> None:
    reading = make_bare_reading("Just one line, with no notes at all.")
    assert store.load_reading(store.add_reading(reading).document_id) == reading


def test_load_reading_of_an_unknown_id_raises_not_found(store: Store) -> None:
    with pytest.raises(NotFound, match="feedface"):
        store.load_reading("feedface")


def test_markers_point_at_the_sentence_that_contains_them(store: Store, rich_reading: Reading) -> None:
    doc_id = store.add_reading(rich_reading).document_id
    s, m = tables.sentences.c, tables.markers.c
    query = (
        sa.select(m.number, s.seq)
        .select_from(tables.markers.outerjoin(tables.sentences, m.sentence_id == s.id))
        .where(m.document_id == doc_id)
        .order_by(m.seq)
    )
    with store.engine.connect() as conn:
        linked = [tuple(row) for row in conn.execute(query)]
    # Sentence 0 is the title; marker 9's own sentence span is narrower than stored sentence 3.
    assert linked == [(1, 1), (2, 2), (3, 2), (9, 3)]


def test_a_reading_that_breaks_a_constraint_leaves_nothing_behind(
    store: Store, rich_reading: Reading, count_rows: CountRows
) -> None:
    before = count_rows(store)
    notes = rich_reading.notes.notes
    duplicate = Note(notes[0].number, notes[2].span, notes[2].text)  # two notes numbered 1
    broken = dataclasses.replace(
        rich_reading, notes=dataclasses.replace(rich_reading.notes, notes=(*notes, duplicate))
    )
    with pytest.raises(StoreError) as caught:
        store.add_reading(broken)
    assert rich_reading.document.source in str(caught.value)
    assert count_rows(store) == before


def test_a_failure_midway_through_writing_leaves_nothing_behind(
    store: Store, rich_reading: Reading, count_rows: CountRows, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_rows = writer._citation_rows

    def failing_rows(document_id: str, reading: Reading):  # type: ignore[no-untyped-def]
        rows = real_rows(document_id, reading)
        yield next(rows)
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(writer, "_citation_rows", failing_rows)
    before = count_rows(store)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.add_reading(rich_reading)
    assert count_rows(store) == before
    monkeypatch.undo()
    assert store.add_reading(rich_reading).created  # and the document can still be added whole


def test_documents_lists_newest_first_with_counts(
    store: Store, make_reading: Callable[..., Reading], make_bare_reading: Callable[..., Reading]
) -> None:
    older = store.add_reading(make_reading("A")).document_id
    newer = store.add_reading(make_bare_reading("A short note.", source="stdin")).document_id
    listed = store.documents()
    assert [d.id for d in listed] == [newer, older]
    rich = listed[1]
    assert (rich.notes, rich.markers, rich.citations) == (3, 4, 3)
    assert rich.title == "Report A: Militia rockets on the “Green Zone”"
    assert rich.source == "reports/report-A.pdf"
    assert rich.publisher == "Example Institute"
    assert rich.published is not None and rich.published.isoformat() == "2011-07-01"
    assert rich.ingested_at.tzinfo is not None
    assert (listed[0].notes, listed[0].markers, listed[0].citations) == (0, 0, 0)


# -- resolving references ----------------------------------------------------------------------


def _colliding_texts(prefix_length: int = 4) -> tuple[str, str]:
    """Two texts whose document ids share their first ``prefix_length`` characters."""
    seen: dict[str, str] = {}
    i = 0
    while True:
        text = f"Colliding document number {i}."
        key = content_id(text)[:prefix_length]
        if key in seen:
            return seen[key], text
        seen[key] = text
        i += 1


def test_resolve_document_accepts_an_id_a_prefix_or_a_source(store: Store, rich_reading: Reading) -> None:
    doc_id = store.add_reading(rich_reading).document_id
    assert store.resolve_document(doc_id) == doc_id
    assert store.resolve_document(doc_id[:4]) == doc_id
    assert store.resolve_document(doc_id[:10].upper()) == doc_id
    assert store.resolve_document(rich_reading.document.source) == doc_id


def test_resolve_document_rejects_an_unknown_or_too_short_ref(store: Store, rich_reading: Reading) -> None:
    doc_id = store.add_reading(rich_reading).document_id
    with pytest.raises(NotFound, match=re.escape("no-such-report.pdf")):
        store.resolve_document("no-such-report.pdf")
    with pytest.raises(NotFound, match=f"'{doc_id[:3]}'"):
        store.resolve_document(doc_id[:3])
    with pytest.raises(NotFound):
        store.resolve_document("50%_")  # LIKE wildcards are matched literally


def test_resolve_document_names_the_candidates_of_an_ambiguous_ref(
    store: Store, make_bare_reading: Callable[..., Reading]
) -> None:
    first, second = _colliding_texts()
    ids = [
        store.add_reading(make_bare_reading(text, source="feed#same")).document_id for text in (first, second)
    ]
    assert ids[0][:4] == ids[1][:4]
    for ref in (ids[0][:4], "feed#same"):
        with pytest.raises(NotFound) as caught:
            store.resolve_document(ref)
        assert all(doc_id in str(caught.value) for doc_id in ids)
    assert store.resolve_document(ids[1]) == ids[1]


# -- runs --------------------------------------------------------------------------------------


def test_runs_record_counts_and_failures(store: Store, rich_reading: Reading) -> None:
    first = store.begin_run(command="sitrep ingest a.pdf")
    store.finish_run(first, new=0, known=0, failed=0)
    run = store.begin_run(command="sitrep ingest reports/")
    assert run != first
    doc_id = store.add_reading(rich_reading, run_id=run).document_id
    store.record_failure(run, source="reports/b.bin", error_kind="BinaryInput", reason="not text")
    store.record_failure(run, source="reports/c.pdf", error_kind="MalformedInput", reason="no xref")
    assert store.runs()[0].status == "running"
    store.finish_run(run, new=1, known=0, failed=2)

    latest, earlier = store.runs()
    assert (latest.id, latest.command, latest.status) == (run, "sitrep ingest reports/", "finished")
    assert (latest.new, latest.known, latest.failed) == (1, 0, 2)
    assert latest.finished_at is not None and latest.finished_at >= latest.started_at
    assert earlier.id == first
    assert [r.id for r in store.runs(limit=1)] == [run]
    assert [(f.source, f.error_kind, f.reason) for f in store.failures(run)] == [
        ("reports/b.bin", "BinaryInput", "not text"),
        ("reports/c.pdf", "MalformedInput", "no xref"),
    ]
    assert store.failures(first) == []
    with store.engine.connect() as conn:
        stored_run = conn.execute(
            sa.select(tables.documents.c.run_id).where(tables.documents.c.id == doc_id)
        ).scalar_one()
    assert stored_run == run


def test_an_unknown_run_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound, match="42"):
        store.finish_run(42, new=0, known=0, failed=0)
    with pytest.raises(NotFound, match="42"):
        store.record_failure(42, source="x", error_kind="EmptyInput", reason="empty")
    with pytest.raises(NotFound, match="42"):
        store.failures(42)


# -- deleting ----------------------------------------------------------------------------------


def test_delete_document_removes_everything_it_carries(
    store: Store, make_reading: Callable[..., Reading], count_rows: CountRows
) -> None:
    run = store.begin_run(command="sitrep ingest")
    kept = store.add_reading(make_reading("B"), run_id=run).document_id
    alone = count_rows(store)
    gone = store.add_reading(make_reading("A"), run_id=run).document_id
    store.delete_document(gone)
    assert count_rows(store) == alone
    assert [d.id for d in store.documents()] == [kept]
    assert store.load_reading(kept) == make_reading("B")
    with pytest.raises(NotFound, match=gone):
        store.delete_document(gone)


def test_deleting_a_run_keeps_its_documents(store: Store, rich_reading: Reading) -> None:
    run = store.begin_run(command="sitrep ingest")
    store.record_failure(run, source="x", error_kind="EmptyInput", reason="empty")
    doc_id = store.add_reading(rich_reading, run_id=run).document_id
    with store.engine.begin() as conn:
        conn.execute(tables.ingest_runs.delete().where(tables.ingest_runs.c.id == run))
        assert conn.execute(sa.select(sa.func.count()).select_from(tables.ingest_failures)).scalar_one() == 0
    assert store.load_reading(doc_id) == rich_reading


def test_document_ids_fit_the_id_column(rich_reading: Reading) -> None:
    assert len(rich_reading.id) <= tables.documents.c.id.type.length  # type: ignore[attr-defined]


def test_several_stores_open_and_write_one_database_at_once(
    store_url: str, make_reading: Callable[..., Reading]
) -> None:
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def work(worker: int) -> None:
        try:
            start.wait()
            with Store.open(store_url) as store:
                for i in range(5):
                    store.add_reading(make_reading(f"{worker}-{i}"))
                    store.add_reading(make_reading("shared"))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Store.open(store_url) as store:
        assert len(store.documents()) == 4 * 5 + 1
