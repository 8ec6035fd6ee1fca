"""The messages whose buttons belong to a requester's first inquiry, so that the buttons go
when the inquiry ends and a later press is told why nothing happens (bot/intake/offers.py).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-01 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "inquiry_offers",
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_inquiry_offers_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("chat_id", "message_id", name=op.f("pk_inquiry_offers")),
    )


def downgrade() -> None:
    op.drop_table("inquiry_offers")
