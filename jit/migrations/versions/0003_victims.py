"""victims: tables of the victims concept

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Filled in when the victims tables land; kept so the migration chain has a fixed order.
    pass


def downgrade() -> None:
    pass
