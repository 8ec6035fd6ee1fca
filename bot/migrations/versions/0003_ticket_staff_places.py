"""Where staff see a ticket: its card in the staff group and its forum topic.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 05:41:05.393269
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy of the table): SQLite does it in place, rows and
    # foreign keys untouched.
    op.add_column("tickets", sa.Column("staff_chat_id", sa.BigInteger(), nullable=True))
    op.add_column("tickets", sa.Column("card_message_id", sa.BigInteger(), nullable=True))
    op.add_column("tickets", sa.Column("staff_thread_id", sa.BigInteger(), nullable=True))
    op.create_index("ix_tickets_staff_thread", "tickets", ["staff_chat_id", "staff_thread_id"])


def downgrade() -> None:
    op.drop_index("ix_tickets_staff_thread", table_name="tickets")
    with op.batch_alter_table("tickets") as batch_op:
        batch_op.drop_column("staff_thread_id")
        batch_op.drop_column("card_message_id")
        batch_op.drop_column("staff_chat_id")
