"""A ticket kept confidential (`complaint_about`, the member of staff it complains of): kept
between its requester and the supervisor who has it (issue 14: a complaint's words were on
its card in the group where the one complained of works, bot/supervised.py).

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-03 19:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0031"
down_revision: str | None = "0030"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("tickets", sa.Column("complaint_about", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("tickets") as batch_op:
        batch_op.drop_column("complaint_about")
