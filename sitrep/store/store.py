"""Store: the one place sitrep keeps documents, on SQLite by default or on PostgreSQL given a URL.

    with Store.open() as store:                 # $SITREP_DB, else the default SQLite file
        run = store.begin_run(command="sitrep ingest report.pdf")
        result = store.add_reading(reading, run_id=run)
        store.finish_run(run, new=int(result.created), known=int(not result.created), failed=0)

Opening a store brings its schema up to date (Alembic), so a database is always at the schema
this version of sitrep expects.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import sqlalchemy as sa
from alembic.util.exc import CommandError
from sqlalchemy.pool import StaticPool

from sitrep.errors import NotFound, StoreError
from sitrep.model.facts import Extraction
from sitrep.model.reading import Reading
from sitrep.store import migrate, reader, tables, writer
from sitrep.store.extractions import ExtractionMethods, extraction_info, write_facts
from sitrep.store.records import AddResult, DocumentSummary, IngestFailure, RunSummary

ENV_URL = "SITREP_DB"
_WRITE_OPTION = "sitrep_write"  # execution option marking a transaction that will write


def default_db_url() -> str:
    """The default store: ``sqlite:///${XDG_DATA_HOME:-~/.local/share}/sitrep/sitrep.db``.

    A relative ``XDG_DATA_HOME`` is ignored, as the XDG spec says.
    """
    xdg = os.environ.get("XDG_DATA_HOME", "")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "share"
    return f"sqlite:///{base / 'sitrep' / 'sitrep.db'}"


def resolve_url(url: str | None = None) -> str:
    """The database URL to use: ``url``, else ``$SITREP_DB``, else ``default_db_url()``.

    A bare filesystem path (anything without ``://``) means an SQLite file there.
    """
    chosen = url or os.environ.get(ENV_URL) or default_db_url()
    if "://" not in chosen:
        return f"sqlite:///{Path(chosen).expanduser().resolve()}"
    return chosen


def _now() -> datetime:
    return datetime.now(UTC)


class Store(ExtractionMethods):
    """A connection to sitrep's database. Open with ``Store.open``; close, or use ``with``.

    Extraction's facts (``replace_extraction``, ``events``, …) are in ``ExtractionMethods``.
    """

    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine
        self._writer = engine.execution_options(**{_WRITE_OPTION: True})

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Open (creating if need be) the store at ``url`` and migrate it to the current schema.

        ``url`` is an SQLAlchemy URL (``sqlite:///path``, ``postgresql+psycopg://…``) or a path;
        without one, ``$SITREP_DB`` or the default file (see ``default_db_url``). Raises
        StoreError naming the URL (password hidden) when it cannot be opened.
        """
        resolved = resolve_url(url)
        try:
            parsed = sa.make_url(resolved)
        except sa.exc.ArgumentError as exc:
            raise StoreError(
                f"not a database URL: {resolved!r}; give a file path, sqlite:///PATH or postgresql://…"
            ) from exc
        shown = parsed.render_as_string(hide_password=True)
        engine: sa.Engine | None = None
        try:
            if url is None and not os.environ.get(ENV_URL) and parsed.database:
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            engine = _create_engine(parsed)
            store = cls(engine)
            with store._writer.begin() as conn:
                migrate.upgrade(conn)
        except (sa.exc.SQLAlchemyError, CommandError, migrate.UnknownRevision, ImportError, OSError) as exc:
            if engine is not None:
                engine.dispose()
            raise StoreError(f"cannot open the store at {shown}: {_reason(exc)}") from exc
        return store

    @property
    def url(self) -> str:
        """The database URL, with any password hidden."""
        return self._engine.url.render_as_string(hide_password=True)

    @property
    def engine(self) -> sa.Engine:
        """The SQLAlchemy engine, for other modules of ``sitrep.store`` only."""
        return self._engine

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    # -- ingest runs ---------------------------------------------------------------------------

    def begin_run(self, *, command: str) -> int:
        """Record the start of an ingest run; returns its id."""
        with self._write(f"start a run of {command!r}") as conn:
            result = conn.execute(
                tables.ingest_runs.insert().values(
                    command=command, started_at=_now(), status=tables.RUN_RUNNING
                )
            )
            return int(result.inserted_primary_key[0])

    def record_failure(self, run_id: int, *, source: str, error_kind: str, reason: str) -> None:
        """Record that ``source`` could not be ingested in run ``run_id``, and why."""
        with self._write(f"record the failure of {source!r}") as conn:
            self._require_run(conn, run_id)
            conn.execute(
                tables.ingest_failures.insert().values(
                    run_id=run_id, source=source, error_kind=error_kind, reason=reason, recorded_at=_now()
                )
            )

    def finish_run(self, run_id: int, *, new: int, known: int, failed: int) -> None:
        """Record the end of run ``run_id`` and its counts of new, known and failed documents."""
        with self._write(f"finish run {run_id}") as conn:
            self._require_run(conn, run_id)
            conn.execute(
                tables.ingest_runs.update()
                .where(tables.ingest_runs.c.id == run_id)
                .values(
                    finished_at=_now(),
                    new_count=new,
                    known_count=known,
                    failed_count=failed,
                    status=tables.RUN_FINISHED,
                )
            )

    def runs(self, limit: int = 20) -> list[RunSummary]:
        """The latest ``limit`` ingest runs, newest first."""
        r = tables.ingest_runs.c
        query = sa.select(tables.ingest_runs).order_by(r.id.desc()).limit(limit)
        with self._read() as conn:
            return [
                RunSummary(
                    id=row["id"],
                    command=row["command"],
                    started_at=reader.utc(row["started_at"]),
                    finished_at=None if row["finished_at"] is None else reader.utc(row["finished_at"]),
                    new=row["new_count"],
                    known=row["known_count"],
                    failed=row["failed_count"],
                    status=row["status"],
                )
                for row in conn.execute(query).mappings()
            ]

    def failures(self, run_id: int) -> list[IngestFailure]:
        """What run ``run_id`` could not ingest, in the order it was recorded."""
        f = tables.ingest_failures.c
        query = sa.select(f.run_id, f.source, f.error_kind, f.reason, f.recorded_at)
        with self._read() as conn:
            self._require_run(conn, run_id)
            rows = conn.execute(query.where(f.run_id == run_id).order_by(f.id)).mappings()
            return [IngestFailure(**{**row, "recorded_at": reader.utc(row["recorded_at"])}) for row in rows]

    # -- documents -----------------------------------------------------------------------------

    def add_reading(
        self, reading: Reading, *, run_id: int | None = None, extraction: Extraction | None = None,
        stages: Sequence[str] = (),
    ) -> AddResult:
        """Store ``reading`` whole, in one transaction; a document already stored is left as is.

        With ``extraction`` (of this reading; ``stages`` names its pipeline's stages), its facts
        are written in the same transaction. Returns the document id and whether it was new.
        Raises StoreError (nothing of the document stays) when any of its rows cannot be written.
        """
        doc_id = reading.id
        what = f"store {reading.document.source!r} (document {doc_id})"
        try:
            with self._write(what) as conn:
                if self._exists(conn, doc_id):
                    return AddResult(doc_id, created=False)
                writer.write_reading(conn, reading, run_id=run_id, ingested_at=_now())
                if extraction is not None:
                    write_facts(conn, doc_id, extraction, text_length=len(reading.document.text),
                                stages=stages)
        except StoreError as exc:
            # Another writer may have stored the same document between our check and our insert.
            if isinstance(exc.__cause__, sa.exc.IntegrityError) and self._stored(doc_id):
                return AddResult(doc_id, created=False)
            raise
        info = extraction_info(doc_id, extraction) if extraction is not None else None
        return AddResult(doc_id, created=True, extraction=info)

    def documents(self) -> list[DocumentSummary]:
        """Every stored document, newest first."""
        with self._read() as conn:
            return reader.summaries(conn)

    def has_document(self, document_id: str) -> bool:
        """Whether a document with exactly this id is stored."""
        return self._stored(document_id)

    def resolve_document(self, ref: str) -> str:
        """The id of the document ``ref`` names: a full id, a unique id prefix (4+ characters),
        or a source exactly as ingested. Raises NotFound for none or several."""
        with self._read() as conn:
            return reader.resolve(conn, ref)

    def load_reading(self, document_id: str) -> Reading:
        """The Reading stored under ``document_id``, exactly as it was added. NotFound if none."""
        with self._read() as conn:
            return reader.read_reading(conn, document_id)

    def delete_document(self, document_id: str) -> None:
        """Delete a document and everything stored with it. NotFound if none."""
        with self._write(f"delete document {document_id}") as conn:
            result = conn.execute(tables.documents.delete().where(tables.documents.c.id == document_id))
            if result.rowcount == 0:
                raise NotFound(f"no document with id {document_id!r}")

    def transaction(self, what: str) -> AbstractContextManager[sa.Connection]:
        """One write transaction for code outside the store (``sitrep.resolve``): committed on
        success, rolled back whole on any error, which comes back as StoreError naming ``what``."""
        return self._write(what)

    def connection(self) -> AbstractContextManager[sa.Connection]:
        """A read connection; database errors come back as StoreError."""
        return self._read()

    # -- helpers -------------------------------------------------------------------------------

    @contextmanager
    def _write(self, what: str) -> Iterator[sa.Connection]:
        """One transaction, committed on success and rolled back whole on any error."""
        try:
            with self._writer.begin() as conn:
                yield conn
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"could not {what} in {self.url}: {_reason(exc)}") from exc

    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        try:
            with self._engine.connect() as conn:
                yield conn
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"could not read {self.url}: {_reason(exc)}") from exc

    @staticmethod
    def _exists(conn: sa.Connection, document_id: str) -> bool:
        d = tables.documents.c
        return conn.execute(sa.select(d.id).where(d.id == document_id)).first() is not None

    def _stored(self, document_id: str) -> bool:
        with self._read() as conn:
            return self._exists(conn, document_id)

    @staticmethod
    def _require_run(conn: sa.Connection, run_id: int) -> None:
        r = tables.ingest_runs.c
        if conn.execute(sa.select(r.id).where(r.id == run_id)).first() is None:
            raise NotFound(f"no ingest run with id {run_id}")


def _create_engine(url: sa.URL) -> sa.Engine:
    if url.get_backend_name() != "sqlite":
        return sa.create_engine(url)
    options: dict[str, Any] = {}
    if url.database in (None, "", ":memory:"):
        options["poolclass"] = StaticPool  # one in-memory database, shared by every use
    engine = sa.create_engine(url, **options)
    sa.event.listen(engine, "connect", _sqlite_connect)
    sa.event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Python's sqlite3 opens transactions lazily and not before DDL; take control of BEGIN so
    # that a migration or a reading is written whole or not at all (SQLAlchemy's pysqlite recipe).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        if cursor.execute("PRAGMA journal_mode").fetchone()[0] not in ("wal", "memory"):
            # "locked": another connection holds the file (switching it to WAL, as like as not).
            # WAL is a property of the file: this connection follows once it is set.
            with suppress(sqlite3.OperationalError):
                cursor.execute("PRAGMA journal_mode=WAL")
    finally:
        cursor.close()


def _sqlite_begin(conn: sa.Connection) -> None:
    # A write takes the write lock up front: a deferred transaction that reads, then writes, fails
    # at once ("database is locked") if another writer got in between, instead of waiting its turn.
    write = conn.get_execution_options().get(_WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).strip().splitlines()[0]
