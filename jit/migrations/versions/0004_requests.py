"""requests: tables of the requests concept

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Filled in when the requests tables land; kept so the migration chain has a fixed order.
    pass


def downgrade() -> None:
    pass
