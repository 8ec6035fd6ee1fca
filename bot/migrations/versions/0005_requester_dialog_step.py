"""A requester's dialog step and the templates last offered to them, kept in the database so
that a category choice, a clarifying question or "/new" survives a restart of the bot.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 07:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("requesters", sa.Column("dialog_step", sa.String(length=16), nullable=True))
    op.add_column("requesters", sa.Column("last_offered", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("requesters") as batch_op:
        batch_op.drop_column("last_offered")
        batch_op.drop_column("dialog_step")
