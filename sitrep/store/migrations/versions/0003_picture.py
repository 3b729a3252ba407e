"""The picture across documents: canonical actors and their links, incidents (one event as all
sources report it) and their reports, the user's merge/split decisions, ``events.origin`` and the
site within an event's place (``events.site_*``).

Hand-written and frozen, like 0001 and 0002. The derived tables are rebuilt whole by
``sitrep.resolve``; ``decisions`` is the user's data and is never rebuilt.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(64)
KIND = sa.String(32)
KEY = sa.String(255)
SHORT = sa.String(8)

TABLES = ("decisions", "incident_events", "incidents", "actor_links", "canonical_actors")


def _pk(table: str, *columns: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint(*columns, name=op.f(f"pk_{table}"))


def _index(table: str, *columns: str) -> None:
    op.create_index(op.f(f"ix_{table}_{'_'.join(columns)}"), table, list(columns))


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("origin", KIND, nullable=False, server_default="text"))
        batch.add_column(sa.Column("site_text", sa.Text, nullable=True))
        batch.add_column(sa.Column("site_start", sa.Integer, nullable=True))
        batch.add_column(sa.Column("site_end", sa.Integer, nullable=True))

    op.create_table(
        "canonical_actors",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("key", KEY, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", KIND, nullable=True),
        sa.Column("country", SHORT, nullable=True),
        sa.Column("pack_id", KEY, nullable=True),
        _pk("canonical_actors", "id"),
        sa.UniqueConstraint("key", name=op.f("uq_canonical_actors_key")),
    )
    _index("canonical_actors", "pack_id")

    op.create_table(
        "actor_links",
        sa.Column("actor_id", sa.Integer, nullable=False),
        sa.Column("canonical_id", sa.Integer, nullable=False),
        sa.Column("rule", KIND, nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actors.id"], name=op.f("fk_actor_links_actor_id_actors"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["canonical_id"],
            ["canonical_actors.id"],
            name=op.f("fk_actor_links_canonical_id_canonical_actors"),
            ondelete="CASCADE",
        ),
        _pk("actor_links", "actor_id"),
    )
    _index("actor_links", "canonical_id")

    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("key", ID, nullable=False),
        sa.Column("type", KIND, nullable=False),
        sa.Column("mode", KIND, nullable=True),
        sa.Column("date_value", sa.Date, nullable=True),
        sa.Column("date_end", sa.Date, nullable=True),
        sa.Column("date_precision", SHORT, nullable=True),
        sa.Column("place_name", sa.Text, nullable=True),
        sa.Column("place_admin1", sa.Text, nullable=True),
        sa.Column("place_country", SHORT, nullable=True),
        sa.Column("place_lat", sa.Float, nullable=True),
        sa.Column("place_lon", sa.Float, nullable=True),
        sa.Column("place_precision", sa.Integer, nullable=True),
        sa.Column("killed", sa.Float, nullable=True),
        sa.Column("injured", sa.Float, nullable=True),
        sa.Column("sources", sa.Integer, nullable=False),
        sa.Column("reliability", sa.String(1), nullable=True),
        sa.Column("credibility", sa.Integer, nullable=True),
        sa.Column("contradictions", sa.JSON, nullable=False),
        _pk("incidents", "id"),
        sa.UniqueConstraint("key", name=op.f("uq_incidents_key")),
    )
    _index("incidents", "type")
    _index("incidents", "date_value")

    op.create_table(
        "incident_events",
        sa.Column("event_id", ID, nullable=False),
        sa.Column("incident_id", sa.Integer, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_incident_events_event_id_events"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_incident_events_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        _pk("incident_events", "event_id"),
    )
    _index("incident_events", "incident_id")

    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("subject", sa.String(16), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("a", sa.Text, nullable=False),
        sa.Column("b", sa.Text, nullable=True),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text, nullable=True),
        _pk("decisions", "id"),
    )


def downgrade() -> None:
    for table in TABLES:
        op.drop_table(table)
    with op.batch_alter_table("events") as batch:
        for column in ("site_end", "site_start", "site_text", "origin"):
            batch.drop_column(column)
