"""The store's one schema, as SQLAlchemy Core tables that run on SQLite and PostgreSQL alike.

Provenance pattern. Every fact sitrep writes points back at the words that support it:

- a document's text is stored once, exactly as read; every offset anywhere is a half-open
  ``[start, end)`` character range into ``documents.text`` and never changes;
- ``sentences`` are the passages later facts point at; ``markers`` tie an in-text ``[n]`` to its
  sentence (``sentence_id``) and, through ``(document_id, number)``, to ``notes``, whose
  ``citations`` are the published sources behind it;
- every later fact row (mentions, events, actors' aliases, relations, statements) carries
  ``document_id`` + ``start``/``end`` (its span in the text). The sentences containing that span
  give the passage, and the markers inside those sentences → notes → citations give its sources,
  so "which footnote supports this?" is a join, never a copy.

Rules the tables follow, so that the next migrations can follow them too:

- children of ``documents`` cascade on delete: deleting a document removes all it carries;
- each table that mirrors a tuple of the model has ``seq``, the item's position in that tuple, so
  that a stored reading comes back exactly as it was written;
- portable types only (``JSON``, ``Date``, ``DateTime(timezone=True)``, ``Text``); strings that
  are indexed or keyed have an explicit length; names come from the naming convention below.
"""

from __future__ import annotations

import sqlalchemy as sa

NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)

ID_LENGTH = 64  # document ids are 32 hex chars today; room for a longer hash later
PRECISION_LENGTH = 8  # day | week | month | year

RUN_RUNNING = "running"
RUN_FINISHED = "finished"


def _document_fk(*, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(
        "document_id",
        sa.String(ID_LENGTH),
        sa.ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=nullable,
    )


def _span(prefix: str = "") -> list[sa.Column[int] | sa.CheckConstraint]:
    """``start``/``end`` columns (optionally prefixed) and the check that they form a span."""
    start, end = f"{prefix}start", f"{prefix}end"
    return [
        sa.Column(start, sa.Integer, nullable=False),
        sa.Column(end, sa.Integer, nullable=False),
        sa.CheckConstraint(
            sa.and_(sa.column(start) >= 0, sa.column(end) >= sa.column(start)),
            name=f"{prefix}span",
        ),
    ]


ingest_runs = sa.Table(
    "ingest_runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("command", sa.Text, nullable=False),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("new_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("known_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("failed_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("status", sa.String(16), nullable=False),
)

ingest_failures = sa.Table(
    "ingest_failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "run_id", sa.Integer, sa.ForeignKey("ingest_runs.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("error_kind", sa.String(64), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.String(ID_LENGTH), primary_key=True),
    # Not indexed: sources can be URLs of any length; looking one up by name is rare (resolve_document).
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("media_type", sa.String(255), nullable=False),
    sa.Column("title", sa.Text, nullable=True),
    sa.Column("published", sa.Date, nullable=True),
    # Readers do not report it yet; kept so that a day/month/year date is never mistaken for exact.
    sa.Column("published_precision", sa.String(PRECISION_LENGTH), nullable=True),
    sa.Column("authors", sa.JSON, nullable=False),
    sa.Column("publisher", sa.Text, nullable=True),
    sa.Column("url", sa.Text, nullable=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("char_count", sa.Integer, nullable=False),
    # The notes section's span; both null when the document has none.
    sa.Column("notes_start", sa.Integer, nullable=True),
    sa.Column("notes_end", sa.Integer, nullable=True),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column(
        "run_id", sa.Integer, sa.ForeignKey("ingest_runs.id", ondelete="SET NULL"), nullable=True, index=True
    ),
    sa.CheckConstraint(
        sa.or_(
            sa.and_(sa.column("notes_start").is_(None), sa.column("notes_end").is_(None)),
            sa.and_(sa.column("notes_start") >= 0, sa.column("notes_end") >= sa.column("notes_start")),
        ),
        name="notes_span",
    ),
)

pages = sa.Table(
    "pages",
    metadata,
    sa.Column(
        "document_id",
        sa.String(ID_LENGTH),
        sa.ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("number", sa.Integer, primary_key=True),
    sa.Column("seq", sa.Integer, nullable=False),
    *_span(),
)

boilerplate = sa.Table(
    "boilerplate",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _document_fk(),
    # Position in Reading.boilerplate (what extraction skips); null if only the reader marked it.
    sa.Column("seq", sa.Integer, nullable=True),
    # Position in Document.boilerplate (what the reader marked); null if only cleaning found it.
    sa.Column("reader_seq", sa.Integer, nullable=True),
    sa.Column("kind", sa.String(32), nullable=False),
    *_span(),
    sa.Column("text", sa.Text, nullable=False),
    sa.Index(None, "document_id", "start"),
    sa.CheckConstraint(
        sa.or_(sa.column("seq").is_not(None), sa.column("reader_seq").is_not(None)), name="listed"
    ),
)

sentences = sa.Table(
    "sentences",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _document_fk(),
    sa.Column("seq", sa.Integer, nullable=False),
    *_span(),
    sa.UniqueConstraint("document_id", "seq"),
    sa.Index(None, "document_id", "start"),
)

notes = sa.Table(
    "notes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _document_fk(),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    *_span(),
    sa.Column("text", sa.Text, nullable=False),
    sa.UniqueConstraint("document_id", "number"),
)

citations = sa.Table(
    "citations",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _document_fk(),
    sa.Column("note_number", sa.Integer, nullable=False),
    # Position among its note's citations.
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("idx", sa.Integer, nullable=False),
    *_span(),
    sa.Column("raw", sa.Text, nullable=False),
    sa.Column("authors", sa.JSON, nullable=False),
    sa.Column("title", sa.Text, nullable=True),
    sa.Column("outlet", sa.Text, nullable=True),
    sa.Column("date", sa.Date, nullable=True),
    sa.Column("date_precision", sa.String(PRECISION_LENGTH), nullable=True),
    sa.Column("url", sa.Text, nullable=True),
    sa.Column("commentary", sa.Text, nullable=True),
    sa.ForeignKeyConstraint(
        ["document_id", "note_number"], ["notes.document_id", "notes.number"], ondelete="CASCADE"
    ),
    sa.UniqueConstraint("document_id", "note_number", "idx"),
)

markers = sa.Table(
    "markers",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _document_fk(),
    # No foreign key to notes: a marker whose note is missing is kept (the citation audit reports it).
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    *_span(),
    *_span("sentence_"),
    # The stored sentence that carries the marker; null when none contains it.
    sa.Column(
        "sentence_id",
        sa.Integer,
        sa.ForeignKey("sentences.id", ondelete="SET NULL"),
        nullable=True,
        index=True,
    ),
    sa.UniqueConstraint("document_id", "seq"),
    sa.Index(None, "document_id", "number"),
)
