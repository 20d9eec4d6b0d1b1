"""deadlines: tracked deadlines, in-app notifications, calendar feed tokens

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "deadline",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("rule", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("jurisdiction", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("subdivision", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("length", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("method", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("legal_source", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("verification", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("start_input", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("start", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("due", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("timezone", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "met",
                "missed",
                "extended",
                name="deadlinestatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("owed_by", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("owner_organisation_id", sa.Integer(), nullable=True),
        sa.Column("owner_user_id", sa.Integer(), nullable=True),
        sa.Column(
            "source",
            sa.Enum(
                "manual",
                "request_event",
                "jit_agreement",
                "victim_reflection",
                name="deadlinesource",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("source_type", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("source_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("extends_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("met_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("steps", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["created_by"], ["user.id"]),
        sa.ForeignKeyConstraint(["extends_id"], ["deadline.id"]),
        sa.ForeignKeyConstraint(["owner_organisation_id"], ["organisation.id"]),
        sa.ForeignKeyConstraint(["owner_user_id"], ["user.id"]),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deadline_due"), ["due"], unique=False)
        batch_op.create_index(batch_op.f("ix_deadline_rule"), ["rule"], unique=False)
        batch_op.create_index(batch_op.f("ix_deadline_team_id"), ["team_id"], unique=False)
        batch_op.create_index(
            "ix_deadline_team_status_due", ["team_id", "status", "due"], unique=False
        )

    op.create_table(
        "deadline_notification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("deadline_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("read_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("emailed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["deadline_id"], ["deadline.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "deadline_id", "kind"),
    )
    with op.batch_alter_table("deadline_notification", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_deadline_notification_deadline_id"), ["deadline_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_deadline_notification_user_id"), ["user_id"], unique=False
        )

    op.create_table(
        "calendar_feed",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("purpose", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("revoked_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("last_used_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    with op.batch_alter_table("calendar_feed", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_calendar_feed_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("calendar_feed", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calendar_feed_user_id"))
    op.drop_table("calendar_feed")
    with op.batch_alter_table("deadline_notification", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deadline_notification_user_id"))
        batch_op.drop_index(batch_op.f("ix_deadline_notification_deadline_id"))
    op.drop_table("deadline_notification")
    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.drop_index("ix_deadline_team_status_due")
        batch_op.drop_index(batch_op.f("ix_deadline_team_id"))
        batch_op.drop_index(batch_op.f("ix_deadline_rule"))
        batch_op.drop_index(batch_op.f("ix_deadline_due"))
    op.drop_table("deadline")
