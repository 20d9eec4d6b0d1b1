"""translation: tables of the translation concept

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Filled in when the translation tables land; kept so the migration chain has a fixed order.
    pass


def downgrade() -> None:
    pass
