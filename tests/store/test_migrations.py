from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from sitrep.errors import StoreError
from sitrep.model.reading import Reading
from sitrep.store import migrate, tables
from sitrep.store.store import Store

SCHEMA_TABLES = {table.name for table in tables.metadata.sorted_tables}


def _schema(engine: sa.Engine) -> dict[str, Any]:
    """Every table with its columns, indexes, unique and foreign keys: enough to see a change."""
    inspector = sa.inspect(engine)
    return {
        name: (
            [(c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(name)],
            sorted(str(sorted(i.items())) for i in inspector.get_indexes(name)),
            sorted(str(sorted(u.items())) for u in inspector.get_unique_constraints(name)),
            sorted(str(sorted(f.items())) for f in inspector.get_foreign_keys(name)),
        )
        for name in inspector.get_table_names()
    }


def test_upgrade_head_on_a_fresh_sqlite_file_creates_the_schema(tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    try:
        with engine.begin() as conn:
            assert migrate.current_revision(conn) is None
            migrate.upgrade(conn)
        with engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
        assert set(sa.inspect(engine).get_table_names()) == SCHEMA_TABLES | {"alembic_version"}
    finally:
        engine.dispose()


def test_the_migrated_schema_matches_tables_py(store_url: str) -> None:
    with Store.open(store_url) as store, store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, tables.metadata) == []


def test_opening_twice_changes_nothing(store_url: str, rich_reading: Reading) -> None:
    with Store.open(store_url) as store:
        doc_id = store.add_reading(rich_reading).document_id
        before = _schema(store.engine)
    with Store.open(store_url) as store:
        assert _schema(store.engine) == before
        with store.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
        assert store.load_reading(doc_id) == rich_reading


def test_downgrade_to_base_removes_the_schema_and_upgrade_restores_it(store_url: str) -> None:
    with Store.open(store_url) as store:
        migrated = _schema(store.engine)
        with store.engine.begin() as conn:
            migrate.downgrade(conn, "base")
        assert set(sa.inspect(store.engine).get_table_names()) == {"alembic_version"}
        with store.engine.begin() as conn:
            migrate.upgrade(conn)
        assert _schema(store.engine) == migrated


def test_a_database_from_a_newer_sitrep_is_refused(store_url: str) -> None:
    with Store.open(store_url) as store, store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match="9999"):
        Store.open(store_url)


@pytest.mark.parametrize("url", ["postgresql://", "sqlite://"])
def test_the_migration_renders_for_each_supported_dialect(url: str) -> None:
    script = migrate.sql_script(url)
    for name in SCHEMA_TABLES:
        assert f"CREATE TABLE {name} (" in script
    # The migrations cascade exactly where tables.py does (compare_metadata does not look at ondelete).
    cascades = [
        fk
        for table in tables.metadata.sorted_tables
        for fk in table.foreign_key_constraints
        if fk.ondelete == "CASCADE"
    ]
    # 8 from 0001; 0002: 7 document children, 10 among the facts; 0003: actor links and incident reports;
    # 0004: none (milestones reference nothing); 0005: who did each incident (its incident, its actor)
    assert len(cascades) == 31
    assert script.count("ON DELETE CASCADE") == len(cascades)
    # documents→runs; markers, events, relations and quotes→sentences
    assert script.count("ON DELETE SET NULL") == 5
    assert "UPDATE alembic_version SET version_num='0001'" in script or "VALUES ('0001')" in script
