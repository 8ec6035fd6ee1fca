"""Staff chats that change under the bot: a group upgraded to a supergroup (its new id,
followed until config.yaml says it), and a chat the bot cannot send to now (what is to be
sent there waits, parked, until the bot is back).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01 06:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "chat_moves",
        sa.Column("old_chat_id", sa.BigInteger(), nullable=False),
        sa.Column("new_chat_id", sa.BigInteger(), nullable=False),
        sa.Column("moved_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("old_chat_id", name=op.f("pk_chat_moves")),
    )
    op.create_table(
        "paused_chats",
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("since", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("chat_id", name=op.f("pk_paused_chats")),
    )


def downgrade() -> None:
    op.drop_table("paused_chats")
    op.drop_table("chat_moves")
