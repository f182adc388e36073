"""linkage: saved models, runs and scored pairs; persons emptied by a merge point to where their entries went

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.add_column(sa.Column("merged_into", sa.Integer(), nullable=True))
    op.create_table(
        "link_models",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("settings", sa.Text(), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link_models")),
    )
    op.create_table(
        "link_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("threshold", sa.Float(), nullable=False),
        sa.Column("through_import", sa.Integer(), nullable=True),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["model_id"], ["link_models.id"], name=op.f("fk_link_runs_model_id_link_models")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link_runs")),
    )
    op.create_table(
        "links",
        sa.Column("entry_l", sa.String(length=301), nullable=False),
        sa.Column("entry_r", sa.String(length=301), nullable=False),
        sa.Column("match_weight", sa.Float(), nullable=False),
        sa.Column("match_probability", sa.Float(), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["model_id"], ["link_models.id"], name=op.f("fk_links_model_id_link_models")),
        sa.ForeignKeyConstraint(["run_id"], ["link_runs.id"], name=op.f("fk_links_run_id_link_runs")),
        sa.PrimaryKeyConstraint("entry_l", "entry_r", name=op.f("pk_links")),
    )
    with op.batch_alter_table("links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_links_entry_r"), ["entry_r"], unique=False)
        batch_op.create_index(batch_op.f("ix_links_match_probability"), ["match_probability"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_links_match_probability"))
        batch_op.drop_index(batch_op.f("ix_links_entry_r"))
    op.drop_table("links")
    op.drop_table("link_runs")
    op.drop_table("link_models")
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.drop_column("merged_into")
