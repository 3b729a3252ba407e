"""Alembic environment for sitrep's store.

sitrep runs migrations itself (``Store.open`` → ``sitrep.store.migrate.upgrade``), handing over an
open Connection in ``config.attributes["connection"]``; there is no alembic.ini. Otherwise the
``sqlalchemy.url`` main option names the database, and offline mode writes the SQL for it
(``sitrep.store.migrate.sql_script``) for a DBA to review and run.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from sitrep.store.tables import metadata

config = context.config


def _run(connection: sa.Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things in place; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = sa.create_engine(config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.connect() as connection:
            _run(connection)
            connection.commit()
    finally:
        engine.dispose()


def run_migrations_offline() -> None:
    """Write the migration's SQL for the dialect of ``sqlalchemy.url`` instead of running it."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
