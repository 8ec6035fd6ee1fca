"""When the staff's questions to a ticket's requester last counted answered: the requester
wrote to it after a question, or it was resolved since (issue 14: progress notices asked
again a question already answered). Kept from the requester's latest message filed.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-02 13:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("tickets", sa.Column("question_answered_at", sa.DateTime(), nullable=True))
    tickets = sa.table("tickets", sa.column("id"), sa.column("question_answered_at"))
    messages = sa.table(
        "ticket_messages", sa.column("ticket_id"), sa.column("direction"), sa.column("created_at")
    )
    latest = (
        sa.select(sa.func.max(messages.c.created_at))
        .where(messages.c.ticket_id == tickets.c.id, messages.c.direction == "in")
        .scalar_subquery()
    )
    op.execute(tickets.update().values(question_answered_at=latest))


def downgrade() -> None:
    with op.batch_alter_table("tickets") as batch_op:
        batch_op.drop_column("question_answered_at")
