"""Extraction's facts: mentions, actors and their mentions, events and their roles, relations, quotes,
and one row per extracted document.

Hand-written and frozen, like 0001. Every table is a child of ``documents`` (ON DELETE CASCADE);
facts point at the stored sentence holding them (ON DELETE SET NULL) and at ``actors`` /
``actor_mentions`` (ON DELETE CASCADE).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(64)
KIND = sa.String(32)
KEY = sa.String(255)
SHORT = sa.String(8)

TABLES = (
    "extractions",
    "mentions",
    "actors",
    "actor_mentions",
    "events",
    "event_roles",
    "relations",
    "quotes",
)


def _span(
    table: str, prefix: str = "", *, nullable: bool = False
) -> list[sa.Column[int] | sa.CheckConstraint]:
    start, end = f"{prefix}start", f"{prefix}end"
    valid = sa.and_(sa.column(start) >= 0, sa.column(end) >= sa.column(start))
    if nullable:
        valid = sa.or_(sa.and_(sa.column(start).is_(None), sa.column(end).is_(None)), valid)
    return [
        sa.Column(start, sa.Integer, nullable=nullable),
        sa.Column(end, sa.Integer, nullable=nullable),
        sa.CheckConstraint(valid, name=op.f(f"ck_{table}_{prefix}span")),
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


def _sentence_fk(table: str) -> list[sa.Column[int] | sa.ForeignKeyConstraint]:
    return [
        sa.Column("sentence_id", sa.Integer, nullable=True),
        sa.ForeignKeyConstraint(
            ["sentence_id"],
            ["sentences.id"],
            name=op.f(f"fk_{table}_sentence_id_sentences"),
            ondelete="SET NULL",
        ),
    ]


def _actor_fks(table: str, prefix: str, *, nullable: bool) -> list[sa.Column[int] | sa.ForeignKeyConstraint]:
    actor, mention = f"{prefix}actor_id", f"{prefix}mention_id"
    return [
        sa.Column(actor, sa.Integer, nullable=nullable),
        sa.Column(mention, sa.Integer, nullable=nullable),
        sa.ForeignKeyConstraint(
            [actor], ["actors.id"], name=op.f(f"fk_{table}_{actor}_actors"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            [mention],
            ["actor_mentions.id"],
            name=op.f(f"fk_{table}_{mention}_actor_mentions"),
            ondelete="CASCADE",
        ),
    ]


def _index(table: str, *columns: str) -> None:
    op.create_index(op.f(f"ix_{table}_{'_'.join(columns)}"), table, list(columns))


def _pk(table: str, *columns: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint(*columns, name=op.f(f"pk_{table}"))


def _unique_seq(table: str) -> sa.UniqueConstraint:
    return sa.UniqueConstraint("document_id", "seq", name=op.f(f"uq_{table}_document_id_seq"))


def upgrade() -> None:
    op.create_table(
        "extractions",
        *_document_fk("extractions"),
        sa.Column("extracted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("stages", sa.JSON, nullable=False),
        _pk("extractions", "document_id"),
    )

    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        *_document_fk("mentions"),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("kind", KIND, nullable=False),
        *_span("mentions"),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("label", KEY, nullable=True),
        sa.Column("key", KEY, nullable=True),
        _pk("mentions", "id"),
        _unique_seq("mentions"),
    )

    op.create_table(
        "actors",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        *_document_fk("actors"),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", KIND, nullable=True),
        sa.Column("country", SHORT, nullable=True),
        sa.Column("pack_id", KEY, nullable=True),
        sa.Column("role", sa.Text, nullable=True),
        sa.Column("origin", KEY, nullable=False),
        _pk("actors", "id"),
    )
    _index("actors", "pack_id")
    _index("actors", "document_id", "name")

    op.create_table(
        "actor_mentions",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("actor_id", sa.Integer, nullable=False),
        *_document_fk("actor_mentions"),
        sa.Column("seq", sa.Integer, nullable=True),
        *_span("actor_mentions"),
        sa.Column("text", sa.Text, nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actors.id"], name=op.f("fk_actor_mentions_actor_id_actors"), ondelete="CASCADE"
        ),
        _pk("actor_mentions", "id"),
    )
    _index("actor_mentions", "actor_id")
    _index("actor_mentions", "document_id", "start")

    op.create_table(
        "events",
        sa.Column("id", ID, nullable=False),
        *_document_fk("events"),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("type", KIND, nullable=False),
        sa.Column("mode", KIND, nullable=True),
        sa.Column("acled_event_type", KEY, nullable=True),
        sa.Column("acled_sub_event_type", KEY, nullable=True),
        sa.Column("trigger", sa.Text, nullable=False),
        *_span("events", "trigger_"),
        *_span("events", "sentence_"),
        *_sentence_fk("events"),
        sa.Column("weapon", sa.Text, nullable=True),
        sa.Column("date_value", sa.Date, nullable=True),
        sa.Column("date_end", sa.Date, nullable=True),
        sa.Column("date_precision", SHORT, nullable=True),
        sa.Column("date_kind", sa.String(16), nullable=True),
        sa.Column("date_text", sa.Text, nullable=True),
        sa.Column("date_future", sa.Boolean, nullable=True),
        *_span("events", "date_text_", nullable=True),
        sa.Column("place_text", sa.Text, nullable=True),
        sa.Column("place_name", sa.Text, nullable=True),
        sa.Column("place_admin1", sa.Text, nullable=True),
        sa.Column("place_country", SHORT, nullable=True),
        sa.Column("place_lat", sa.Float, nullable=True),
        sa.Column("place_lon", sa.Float, nullable=True),
        sa.Column("place_precision", sa.Integer, nullable=True),
        sa.Column("place_geonameid", sa.Integer, nullable=True),
        sa.Column("place_feature_code", sa.String(16), nullable=True),
        sa.Column("place_source", KIND, nullable=True),
        *_span("events", "place_text_", nullable=True),
        sa.Column("killed", sa.Float, nullable=True),
        sa.Column("injured", sa.Float, nullable=True),
        sa.Column("arrested", sa.Float, nullable=True),
        sa.Column("size", sa.Float, nullable=True),
        sa.Column("money", sa.Float, nullable=True),
        sa.Column("quantities", sa.JSON, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("notes", sa.JSON, nullable=False),
        sa.Column("context", sa.JSON, nullable=False),
        _pk("events", "id"),
        _unique_seq("events"),
    )
    _index("events", "type")
    _index("events", "date_value")
    _index("events", "sentence_id")

    op.create_table(
        "event_roles",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("event_id", ID, nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        *_actor_fks("event_roles", "", nullable=False),
        sa.Column("text", sa.Text, nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_roles_event_id_events"), ondelete="CASCADE"
        ),
        _pk("event_roles", "id"),
        sa.UniqueConstraint(
            "event_id", "role", "position", name=op.f("uq_event_roles_event_id_role_position")
        ),
    )
    _index("event_roles", "actor_id")
    _index("event_roles", "mention_id")

    op.create_table(
        "relations",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        *_document_fk("relations"),
        sa.Column("seq", sa.Integer, nullable=False),
        *_actor_fks("relations", "source_", nullable=False),
        sa.Column("type", KIND, nullable=False),
        *_actor_fks("relations", "target_", nullable=False),
        *_span("relations"),
        *_span("relations", "sentence_"),
        *_sentence_fk("relations"),
        sa.Column("notes", sa.JSON, nullable=False),
        sa.Column("origin", KEY, nullable=False),
        _pk("relations", "id"),
        _unique_seq("relations"),
    )
    for column in (
        "type",
        "source_actor_id",
        "source_mention_id",
        "target_actor_id",
        "target_mention_id",
        "sentence_id",
    ):
        _index("relations", column)

    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        *_document_fk("quotes"),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        *_span("quotes"),
        *_span("quotes", "sentence_"),
        *_sentence_fk("quotes"),
        *_actor_fks("quotes", "speaker_", nullable=True),
        sa.Column("notes", sa.JSON, nullable=False),
        _pk("quotes", "id"),
        _unique_seq("quotes"),
    )
    for column in ("sentence_id", "speaker_actor_id", "speaker_mention_id"):
        _index("quotes", column)


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)
