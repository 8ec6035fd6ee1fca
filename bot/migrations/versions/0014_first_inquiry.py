"""The first inquiry kept whole: what a requester and the bot said before a ticket, on the
requester while it lasts and on the ticket it became.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 06:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("requesters", sa.Column("inquiry", sa.JSON(), nullable=True))
    op.add_column("tickets", sa.Column("inquiry", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("tickets") as batch_op:
        batch_op.drop_column("inquiry")
    with op.batch_alter_table("requesters") as batch_op:
        batch_op.drop_column("inquiry")
