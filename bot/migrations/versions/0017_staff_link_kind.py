"""The kind of notice a message linked to a ticket was (a resolution's buttons are taken away
once the requester answers it in words).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01 09:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("staff_links", sa.Column("kind", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("staff_links") as batch_op:
        batch_op.drop_column("kind")
