"""deadlines: tables of the deadlines concept

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Filled in when the deadlines tables land; kept so the migration chain has a fixed order.
    pass


def downgrade() -> None:
    pass
