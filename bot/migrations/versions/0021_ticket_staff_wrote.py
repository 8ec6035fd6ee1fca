"""Whether a ticket's staff ever wrote to its requester, kept on the ticket (a requester's
message to a ticket nobody claimed looked for such a message every time: bot/relays.py
`staff_asked`). Tickets with a public staff message already filed are marked so.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-01 18:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "tickets",
        sa.Column("staff_wrote", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    tickets = sa.table("tickets", sa.column("id"), sa.column("staff_wrote", sa.Boolean()))
    messages = sa.table("ticket_messages", sa.column("ticket_id"), sa.column("direction"))
    wrote = (
        sa.select(messages.c.ticket_id)
        .where(messages.c.ticket_id == tickets.c.id, messages.c.direction == "out")
        .exists()
    )
    op.execute(tickets.update().where(wrote).values(staff_wrote=True))


def downgrade() -> None:
    with op.batch_alter_table("tickets") as batch_op:
        batch_op.drop_column("staff_wrote")
