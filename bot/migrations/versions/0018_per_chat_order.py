"""Per-chat order across processes: each update's chat kept in the inbox, which process holds
each message of the outbox, and indexes to find a chat's unprocessed updates and its unsent
messages (README "Nothing lost, nothing twice").

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-01 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNPROCESSED = sa.text("processed_at IS NULL")
UNSENT = sa.text("sent_at IS NULL AND failed_at IS NULL")


def upgrade() -> None:
    with op.batch_alter_table("inbox") as inbox:
        inbox.add_column(sa.Column("chat_id", sa.BigInteger(), nullable=True))
    with op.batch_alter_table("outbox") as outbox:
        outbox.add_column(sa.Column("leased_by", sa.String(length=32), nullable=True))
    op.create_index(
        "ix_inbox_chat_unprocessed",
        "inbox",
        ["chat_id", "update_id"],
        postgresql_where=UNPROCESSED,
        sqlite_where=UNPROCESSED,
    )
    op.create_index(
        "ix_outbox_chat_unsent",
        "outbox",
        ["chat_id", "id"],
        postgresql_where=UNSENT,
        sqlite_where=UNSENT,
    )


def downgrade() -> None:
    op.drop_index("ix_outbox_chat_unsent", table_name="outbox")
    op.drop_index("ix_inbox_chat_unprocessed", table_name="inbox")
    with op.batch_alter_table("outbox") as outbox:
        outbox.drop_column("leased_by")
    with op.batch_alter_table("inbox") as inbox:
        inbox.drop_column("chat_id")
