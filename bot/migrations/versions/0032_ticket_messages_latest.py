"""A ticket's latest message each way, found without reading the ticket's every message.

Every requester's message reads, for each of their tickets in hand, when its staff and when
the requester last wrote and what its staff last said (bot/hand_rows.py). On the index of
(ticket_id, id) each of the three read every message of the ticket: measured on PostgreSQL
with 150 messages in a ticket, 0.9 ms of the statement's 1 ms, growing with the ticket. On
(ticket_id, direction, created_at, id) each is one step down the index.

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-05 09:50:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0032"
down_revision: str | None = "0031"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_ticket_messages_latest",
        "ticket_messages",
        ["ticket_id", "direction", "created_at", "id"],
    )


def downgrade() -> None:
    op.drop_index("ix_ticket_messages_latest", table_name="ticket_messages")
