"""requests: evidence and warrant requests, their immutable draft versions, lifecycle steps and
reviewed translations of free text (issue 3)

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_STATUSES = (
    "draft",
    "issued",
    "transmitted",
    "received",
    "acknowledged",
    "recognised",
    "executed",
    "refused",
    "withdrawn",
)


def _status(name: str) -> sa.Enum:
    return sa.Enum(*_STATUSES, name=name, native_enum=False, length=32)


def upgrade() -> None:
    op.create_table(
        "evidence_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("instrument", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("reference", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column(
            "direction",
            sa.Enum("outgoing", "incoming", name="direction", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("issuing_state", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("executing_state", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("source_language", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("output_language", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("status", _status("status"), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["created_by"], ["user.id"]),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_evidence_request_team_id"), "evidence_request", ["team_id"], unique=False
    )
    op.create_table(
        "evidence_request_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["created_by"], ["user.id"]),
        sa.ForeignKeyConstraint(["request_id"], ["evidence_request.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("request_id", "number"),
    )
    op.create_index(
        op.f("ix_evidence_request_version_request_id"),
        "evidence_request_version",
        ["request_id"],
        unique=False,
    )
    op.create_table(
        "evidence_request_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("status", _status("status"), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.ForeignKeyConstraint(["recorded_by"], ["user.id"]),
        sa.ForeignKeyConstraint(["request_id"], ["evidence_request.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_evidence_request_step_request_id"),
        "evidence_request_step",
        ["request_id"],
        unique=False,
    )
    op.create_table(
        "evidence_request_translation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("field_id", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("source_digest", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reviewed_by", sa.Integer(), nullable=False),
        sa.Column("reviewed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["request_id"], ["evidence_request.id"]),
        sa.ForeignKeyConstraint(["reviewed_by"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("request_id", "field_id", "language", "source_digest"),
    )
    op.create_index(
        op.f("ix_evidence_request_translation_request_id"),
        "evidence_request_translation",
        ["request_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_evidence_request_translation_request_id"),
        table_name="evidence_request_translation",
    )
    op.drop_table("evidence_request_translation")
    op.drop_index(op.f("ix_evidence_request_step_request_id"), table_name="evidence_request_step")
    op.drop_table("evidence_request_step")
    op.drop_index(
        op.f("ix_evidence_request_version_request_id"), table_name="evidence_request_version"
    )
    op.drop_table("evidence_request_version")
    op.drop_index(op.f("ix_evidence_request_team_id"), table_name="evidence_request")
    op.drop_table("evidence_request")
