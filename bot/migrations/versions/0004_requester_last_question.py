"""A requester's latest question, kept so a handover after a restart still has their words.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 06:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("requesters", sa.Column("last_question", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("requesters") as batch_op:
        batch_op.drop_column("last_question")
