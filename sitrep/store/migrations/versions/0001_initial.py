"""Initial schema: documents and what ingest reads from them, and the ingest runs.

Hand-written and frozen: it creates the tables as ``sitrep/store/tables.py`` first defined them.
Later changes to tables.py come with a new revision; tests/store/test_migrations.py checks that
the migrated schema and tables.py agree.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(64)


def _span(table: str, prefix: str = "") -> list[sa.Column[int] | sa.CheckConstraint]:
    start, end = f"{prefix}start", f"{prefix}end"
    return [
        sa.Column(start, sa.Integer, nullable=False),
        sa.Column(end, sa.Integer, nullable=False),
        sa.CheckConstraint(
            sa.and_(sa.column(start) >= 0, sa.column(end) >= sa.column(start)),
            name=op.f(f"ck_{table}_{prefix}span"),
        ),
    ]


def _document_fk(table: str) -> list[sa.Column[str] | sa.ForeignKeyConstraint]:
    return [
        sa.Column("document_id", ID, nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f(f"fk_{table}_document_id_documents"),
            ondelete="CASCADE",
        ),
    ]


def upgrade() -> None:
    op.create_table(
        "ingest_runs",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("command", sa.Text, nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("new_count", sa.Integer, server_default="0", nullable=False),
        sa.Column("known_count", sa.Integer, server_default="0", nullable=False),
        sa.Column("failed_count", sa.Integer, server_default="0", nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingest_runs")),
    )
    op.create_table(
        "ingest_failures",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("run_id", sa.Integer, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("error_kind", sa.String(64), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["ingest_runs.id"],
            name=op.f("fk_ingest_failures_run_id_ingest_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingest_failures")),
    )
    op.create_index(op.f("ix_ingest_failures_run_id"), "ingest_failures", ["run_id"])

    op.create_table(
        "documents",
        sa.Column("id", ID, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("media_type", sa.String(255), nullable=False),
        sa.Column("title", sa.Text, nullable=True),
        sa.Column("published", sa.Date, nullable=True),
        sa.Column("published_precision", sa.String(8), nullable=True),
        sa.Column("authors", sa.JSON, nullable=False),
        sa.Column("publisher", sa.Text, nullable=True),
        sa.Column("url", sa.Text, nullable=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("char_count", sa.Integer, nullable=False),
        sa.Column("notes_start", sa.Integer, nullable=True),
        sa.Column("notes_end", sa.Integer, nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("run_id", sa.Integer, nullable=True),
        sa.CheckConstraint(
            sa.or_(
                sa.and_(sa.column("notes_start").is_(None), sa.column("notes_end").is_(None)),
                sa.and_(sa.column("notes_start") >= 0, sa.column("notes_end") >= sa.column("notes_start")),
            ),
            name=op.f("ck_documents_notes_span"),
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["ingest_runs.id"],
            name=op.f("fk_documents_run_id_ingest_runs"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    op.create_index(op.f("ix_documents_ingested_at"), "documents", ["ingested_at"])
    op.create_index(op.f("ix_documents_run_id"), "documents", ["run_id"])

    op.create_table(
        "pages",
        *_document_fk("pages"),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        *_span("pages"),
        sa.PrimaryKeyConstraint("document_id", "number", name=op.f("pk_pages")),
    )

    op.create_table(
        "boilerplate",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        *_document_fk("boilerplate"),
        sa.Column("seq", sa.Integer, nullable=True),
        sa.Column("reader_seq", sa.Integer, nullable=True),
        sa.Column("kind", sa.String(32), nullable=False),
        *_span("boilerplate"),
        sa.Column("text", sa.Text, nullable=False),
        sa.CheckConstraint(
            sa.or_(sa.column("seq").is_not(None), sa.column("reader_seq").is_not(None)),
            name=op.f("ck_boilerplate_listed"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_boilerplate")),
    )
    op.create_index(op.f("ix_boilerplate_document_id_start"), "boilerplate", ["document_id", "start"])

    op.create_table(
        "sentences",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        *_document_fk("sentences"),
        sa.Column("seq", sa.Integer, nullable=False),
        *_span("sentences"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sentences")),
        sa.UniqueConstraint("document_id", "seq", name=op.f("uq_sentences_document_id_seq")),
    )
    op.create_index(op.f("ix_sentences_document_id_start"), "sentences", ["document_id", "start"])

    op.create_table(
        "notes",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        *_document_fk("notes"),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        *_span("notes"),
        sa.Column("text", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notes")),
        sa.UniqueConstraint("document_id", "number", name=op.f("uq_notes_document_id_number")),
    )

    op.create_table(
        "citations",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        *_document_fk("citations"),
        sa.Column("note_number", sa.Integer, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("idx", sa.Integer, nullable=False),
        *_span("citations"),
        sa.Column("raw", sa.Text, nullable=False),
        sa.Column("authors", sa.JSON, nullable=False),
        sa.Column("title", sa.Text, nullable=True),
        sa.Column("outlet", sa.Text, nullable=True),
        sa.Column("date", sa.Date, nullable=True),
        sa.Column("date_precision", sa.String(8), nullable=True),
        sa.Column("url", sa.Text, nullable=True),
        sa.Column("commentary", sa.Text, nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id", "note_number"],
            ["notes.document_id", "notes.number"],
            name=op.f("fk_citations_document_id_note_number_notes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_citations")),
        sa.UniqueConstraint(
            "document_id", "note_number", "idx", name=op.f("uq_citations_document_id_note_number_idx")
        ),
    )

    op.create_table(
        "markers",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        *_document_fk("markers"),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        *_span("markers"),
        *_span("markers", "sentence_"),
        sa.Column("sentence_id", sa.Integer, nullable=True),
        sa.ForeignKeyConstraint(
            ["sentence_id"],
            ["sentences.id"],
            name=op.f("fk_markers_sentence_id_sentences"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_markers")),
        sa.UniqueConstraint("document_id", "seq", name=op.f("uq_markers_document_id_seq")),
    )
    op.create_index(op.f("ix_markers_document_id_number"), "markers", ["document_id", "number"])
    op.create_index(op.f("ix_markers_sentence_id"), "markers", ["sentence_id"])


def downgrade() -> None:
    for table in (
        "markers",
        "citations",
        "notes",
        "sentences",
        "boilerplate",
        "pages",
        "documents",
        "ingest_failures",
        "ingest_runs",
    ):
        op.drop_table(table)
