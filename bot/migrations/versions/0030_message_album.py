"""A requester's message filed with its album (`media_group_id`): an album is one message of
theirs, whose further items came with its first (issue 14: the items of an album that opened
a ticket, filed after it opened, counted as messages in a row and kept the next one
unacknowledged, bot/acknowledgements.py).

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-03 05:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0030"
down_revision: str | None = "0029"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("ticket_messages", sa.Column("media_group_id", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("ticket_messages") as batch_op:
        batch_op.drop_column("media_group_id")
