"""The message a link's copy carries (`staff_links.from_chat_id`, `from_message_id`): an
officer's edit of a reply is sent to the requester as a reply to the copy they received
(bot/corrections.py).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-01 19:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("staff_links", sa.Column("from_chat_id", sa.BigInteger(), nullable=True))
    op.add_column("staff_links", sa.Column("from_message_id", sa.BigInteger(), nullable=True))
    op.create_index(
        "ix_staff_links_from", "staff_links", ["from_chat_id", "from_message_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_staff_links_from", table_name="staff_links")
    with op.batch_alter_table("staff_links") as batch_op:
        batch_op.drop_column("from_message_id")
        batch_op.drop_column("from_chat_id")
