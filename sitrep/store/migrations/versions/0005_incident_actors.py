"""Who did each incident: one row per (incident, canonical actor) that any of its reports names as
actor or claimant. Derived data, rebuilt with the incidents (``sitrep.resolve.picture``), so that
counting incidents per actor reads one indexed table instead of joining every role of every report.

Hand-written and frozen, like 0001 to 0004.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "incident_actors",
        sa.Column("incident_id", sa.Integer, nullable=False),
        sa.Column("canonical_id", sa.Integer, nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_incident_actors_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["canonical_id"], ["canonical_actors.id"],
            name=op.f("fk_incident_actors_canonical_id_canonical_actors"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("incident_id", "canonical_id", name=op.f("pk_incident_actors")),
    )
    op.create_index(op.f("ix_incident_actors_canonical_id_incident_id"), "incident_actors",
                    ["canonical_id", "incident_id"])


def downgrade() -> None:
    op.drop_table("incident_actors")
