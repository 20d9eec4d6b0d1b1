"""victims: victim records with sealed identities, guardians, consent, statements, reviews,
the team token maps and the disclosure register (issue 6)

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Only the victims tables: 0002 (deadlines) is owned by another concept.
    op.create_table(
        "victim_token_map",
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("labels_json", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["team.id"],
        ),
        sa.PrimaryKeyConstraint("team_id"),
    )
    op.create_table(
        "victim",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("pseudonym", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("origin_state", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column(
            "regime",
            sa.Enum("led", "gdpr", name="regime", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column(
            "subject_category",
            sa.Enum(
                "victim", "possible_victim", name="subjectcategory", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("age_uncertain", sa.Boolean(), nullable=False),
        sa.Column("prosecuted_abroad_under_coercion", sa.Boolean(), nullable=False),
        sa.Column("identity_ct", sa.LargeBinary(), nullable=False),
        sa.Column("review_on", sa.Date(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["team.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("origin_state", "year", "sequence"),
        sa.UniqueConstraint("pseudonym"),
    )
    op.create_index(op.f("ix_victim_team_id"), "victim", ["team_id"], unique=False)
    op.create_table(
        "victim_relation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("victim_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("guardian", "relative", name="relationkind", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("relationship", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("involved_in_case", sa.Boolean(), nullable=False),
        sa.Column("linked_to_suspect", sa.Boolean(), nullable=False),
        sa.Column("identity_ct", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["victim_id"],
            ["victim.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_victim_relation_victim_id"), "victim_relation", ["victim_id"], unique=False
    )
    op.create_table(
        "victim_statement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("victim_id", sa.Integer(), nullable=False),
        sa.Column("format", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("nature", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content_ct", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["victim_id"],
            ["victim.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_victim_statement_victim_id"), "victim_statement", ["victim_id"], unique=False
    )
    op.create_table(
        "victim_consent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("victim_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "child_assent",
                "guardian_consent",
                "victim_consent",
                "representative_consent",
                "child_protection_decision",
                name="consentkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("relation_id", sa.Integer(), nullable=True),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("scope", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("reference", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("withdrawn_on", sa.Date(), nullable=True),
        sa.Column("recorded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["recorded_by"],
            ["user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["relation_id"],
            ["victim_relation.id"],
        ),
        sa.ForeignKeyConstraint(
            ["victim_id"],
            ["victim.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_victim_consent_victim_id"), "victim_consent", ["victim_id"], unique=False
    )
    op.create_table(
        "victim_statement_review",
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("kept_spans", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("added_ct", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["victim_statement.id"],
        ),
        sa.ForeignKeyConstraint(
            ["updated_by"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("statement_id"),
    )
    op.create_table(
        "victim_disclosure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("victim_id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column(
            "recipient_category", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False
        ),
        sa.Column("recipient_organisation_id", sa.Integer(), nullable=True),
        sa.Column(
            "recipient_organisation", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False
        ),
        sa.Column("recipient_country", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("recipient_person", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("purpose", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("legal_basis", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("data_categories", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("consent_id", sa.Integer(), nullable=True),
        sa.Column("override_reason", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("justification", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("redaction_profile", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("handling_code", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("retention_until", sa.Date(), nullable=False),
        sa.Column("third_country_transfer", sa.Boolean(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("media_type", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("file_extension", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("content_ct", sa.LargeBinary(), nullable=False),
        sa.Column("leak_report", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("disclosed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("disclosed_by", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["consent_id"],
            ["victim_consent.id"],
        ),
        sa.ForeignKeyConstraint(
            ["disclosed_by"],
            ["user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["recipient_organisation_id"],
            ["organisation.id"],
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["victim_statement.id"],
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["team.id"],
        ),
        sa.ForeignKeyConstraint(
            ["victim_id"],
            ["victim.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_victim_disclosure_recipient_organisation_id"),
        "victim_disclosure",
        ["recipient_organisation_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_victim_disclosure_statement_id"),
        "victim_disclosure",
        ["statement_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_victim_disclosure_team_id"), "victim_disclosure", ["team_id"], unique=False
    )
    op.create_index(
        op.f("ix_victim_disclosure_victim_id"), "victim_disclosure", ["victim_id"], unique=False
    )
    # ### end Alembic commands ###


def downgrade() -> None:
    op.drop_index(op.f("ix_victim_disclosure_victim_id"), table_name="victim_disclosure")
    op.drop_index(op.f("ix_victim_disclosure_team_id"), table_name="victim_disclosure")
    op.drop_index(op.f("ix_victim_disclosure_statement_id"), table_name="victim_disclosure")
    op.drop_index(
        op.f("ix_victim_disclosure_recipient_organisation_id"), table_name="victim_disclosure"
    )
    op.drop_table("victim_disclosure")
    op.drop_table("victim_statement_review")
    op.drop_index(op.f("ix_victim_consent_victim_id"), table_name="victim_consent")
    op.drop_table("victim_consent")
    op.drop_index(op.f("ix_victim_statement_victim_id"), table_name="victim_statement")
    op.drop_table("victim_statement")
    op.drop_index(op.f("ix_victim_relation_victim_id"), table_name="victim_relation")
    op.drop_table("victim_relation")
    op.drop_index(op.f("ix_victim_team_id"), table_name="victim")
    op.drop_table("victim")
    op.drop_table("victim_token_map")
    # ### end Alembic commands ###
