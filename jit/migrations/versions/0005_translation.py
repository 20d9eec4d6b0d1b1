"""translation: translation memory (reviewed segments) and LibreTranslate-style API keys

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "translation_memory",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_lang", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("target_lang", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("source_digest", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("source_text", sa.Text(), nullable=False),
        sa.Column("target_text", sa.Text(), nullable=False),
        sa.Column("reviewed_by", sa.Integer(), nullable=False),
        sa.Column("reviewed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["reviewed_by"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source_lang", "target_lang", "source_digest"),
    )
    op.create_index(
        op.f("ix_translation_memory_source_digest"),
        "translation_memory",
        ["source_digest"],
        unique=False,
    )
    op.create_table(
        "translation_api_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("key_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("prefix", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("last_used_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("revoked_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key_hash"),
    )
    op.create_index(
        op.f("ix_translation_api_key_user_id"), "translation_api_key", ["user_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_translation_api_key_user_id"), table_name="translation_api_key")
    op.drop_table("translation_api_key")
    op.drop_index(op.f("ix_translation_memory_source_digest"), table_name="translation_memory")
    op.drop_table("translation_memory")
