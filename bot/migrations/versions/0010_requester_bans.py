"""Requesters a supervisor barred (/block), by whom and why.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-27 09:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("requesters", sa.Column("banned_at", sa.DateTime(), nullable=True))
    op.add_column("requesters", sa.Column("banned_by", sa.BigInteger(), nullable=True))
    op.add_column("requesters", sa.Column("ban_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("requesters") as batch_op:
        batch_op.drop_column("ban_reason")
        batch_op.drop_column("banned_by")
        batch_op.drop_column("banned_at")
