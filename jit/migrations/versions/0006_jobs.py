"""jobs: background jobs with progress (DOCX translation); the editable translation glossary,
seeded with the starter glossary (jit/translation/glossary_data/starter.csv)

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("message", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("params", sa.Text(), nullable=False),
        sa.Column("result_path", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("result_name", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["user.id"]),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_job_owner_id"), "job", ["owner_id"], unique=False)
    glossary = op.create_table(
        "translation_glossary_term",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("domain", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("forms", sa.Text(), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["updated_by"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("entry_id"),
    )
    # Data step: the starter glossary, so a new installation enforces the core terms at once
    # and an editor who deletes terms is not overridden by a later re-seed.
    from jit.translation.glossary import load_starter

    now = datetime.now(UTC)
    op.bulk_insert(
        glossary,
        [
            {
                "entry_id": e.id,
                "domain": e.domain,
                "forms": json.dumps(dict(e.forms), ensure_ascii=False, sort_keys=True),
                "locked": e.locked,
                "status": e.status,
                "source": e.source,
                "note": e.note,
                "updated_by": None,
                "updated_at": now,
            }
            for e in load_starter()
        ],
    )


def downgrade() -> None:
    op.drop_table("translation_glossary_term")
    op.drop_index(op.f("ix_job_owner_id"), table_name="job")
    op.drop_table("job")
