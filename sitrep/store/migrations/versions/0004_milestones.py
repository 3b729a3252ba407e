"""Milestones (the user's dated decision points) and the indexes the analyst's queries over
incidents read instead of the table: "dates" (every column timelines, trends and alerts filter
and count on, in date order), "types" (the same, by type first), "places" (by type, country,
province and date), and the end of a date range.

Hand-written and frozen, like 0001 to 0003. ``milestones`` is the user's data and is never rebuilt.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COUNTED = ("date_value", "date_end", "date_precision")
FILTERED = ("killed", "place_country", "place_admin1", "place_name")
INCIDENT_INDEXES: dict[str, tuple[str, ...]] = {
    "ix_incidents_dates": (*COUNTED, "type", *FILTERED),
    "ix_incidents_types": ("type", *COUNTED, *FILTERED),
    "ix_incidents_places": ("type", "place_country", "place_admin1", *COUNTED),
    "ix_incidents_date_end": ("date_end",),
}


def upgrade() -> None:
    op.create_table(
        "milestones",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_milestones")),
    )
    op.create_index(op.f("ix_milestones_day"), "milestones", ["day"])
    for name, columns in INCIDENT_INDEXES.items():
        op.create_index(op.f(name), "incidents", list(columns))


def downgrade() -> None:
    for name in INCIDENT_INDEXES:
        op.drop_index(op.f(name), table_name="incidents")
    op.drop_index(op.f("ix_milestones_day"), table_name="milestones")
    op.drop_table("milestones")
