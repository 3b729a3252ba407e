"""Incidents counted per series (actor, or country and province), type and period (week, month):
derived data rebuilt with the picture, read when every series of the store is judged at once.

Hand-written and frozen, like 0001 to 0005.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "series_counts",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("by", sa.String(8), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("series", sa.Text, nullable=True),
        sa.Column("area", sa.Text, nullable=True),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("period", sa.Integer, nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_series_counts")),
    )
    op.create_index(op.f("ix_series_counts_by_type_kind"), "series_counts", ["by", "type", "kind"])


def downgrade() -> None:
    op.drop_table("series_counts")
