"""An incident keeps its latest /incident update (as posted, every language), when and by whom:
a requester whose ticket joins the incident later is told it at once, as the others were.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-01 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("incidents") as batch_op:
        batch_op.add_column(sa.Column("latest_update", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("latest_update_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("latest_update_by", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("incidents") as batch_op:
        batch_op.drop_column("latest_update_by")
        batch_op.drop_column("latest_update_at")
        batch_op.drop_column("latest_update")
