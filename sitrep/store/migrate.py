"""Schema migrations: Alembic, configured in code (no alembic.ini), run on an open connection."""

from __future__ import annotations

import io
import threading
from pathlib import Path
from typing import TextIO

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).with_name("migrations")

# Alembic runs env.py through module-global proxies (alembic.context, alembic.op): two threads
# migrating at once would trample each other's, so one migration runs at a time per process.
_ALEMBIC = threading.Lock()
_PG_LOCK_KEY = 0x5172E9  # any constant: sitrep's key for its migration lock on PostgreSQL


class UnknownRevision(Exception):
    """The database is at a revision this version of sitrep does not have."""

    def __init__(self, revision: str) -> None:
        super().__init__(
            f"the database is at schema revision {revision!r}, which this version of sitrep does not know "
            "(was it written by a newer sitrep?); upgrade sitrep to open it"
        )
        self.revision = revision


def alembic_config(connection: sa.Connection | None = None, *, output: TextIO | None = None) -> Config:
    """An Alembic Config for sitrep's migrations; with ``connection``, migrations run on it."""
    config = Config(output_buffer=output)
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision this version of sitrep knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "sitrep ships at least one migration"
    return head


def known_revisions() -> set[str]:
    """Every revision this version of sitrep can migrate from or to."""
    return {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(connection: sa.Connection) -> str | None:
    """The revision the database is at; None for a database sitrep has never migrated."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: sa.Connection, revision: str = "head") -> None:
    """Bring the database on ``connection`` up to ``revision`` (a no-op when it is there already).

    The caller owns the transaction: use ``engine.begin()`` so that a failed migration leaves nothing.
    Raises UnknownRevision for a database that a newer sitrep has migrated past what this one knows.
    """
    if connection.dialect.name == "postgresql":
        # Processes opening one fresh database at once: the first migrates, the others then wait.
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_LOCK_KEY})")
    current = current_revision(connection)
    if current is not None and current not in known_revisions():
        raise UnknownRevision(current)
    if revision == "head" and current == head_revision():
        return  # the usual case, on every open: no need to load and run the migration scripts
    with _ALEMBIC:
        command.upgrade(alembic_config(connection), revision)


def sql_script(url: str, revision: str = "head") -> str:
    """The SQL that upgrading an empty database at ``url`` to ``revision`` runs, without running it.

    Only the dialect of ``url`` matters (``postgresql://``, ``sqlite://``); nothing is connected to.
    """
    buffer = io.StringIO()
    config = alembic_config(output=buffer)
    # ConfigParser would read a % in a password as interpolation.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    with _ALEMBIC:
        command.upgrade(config, revision, sql=True)
    return buffer.getvalue()


def downgrade(connection: sa.Connection, revision: str) -> None:
    """Take the database on ``connection`` back to ``revision`` (``base``: no tables)."""
    with _ALEMBIC:
        command.downgrade(alembic_config(connection), revision)
