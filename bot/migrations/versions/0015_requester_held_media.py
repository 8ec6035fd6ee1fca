"""What a requester sent before a ticket (photos, files, an album) held for the ticket their
question opens, and the album the bot last acknowledged, so an album gets one reply.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01 05:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("requesters", sa.Column("held_media", sa.JSON(), nullable=True))
    op.add_column("requesters", sa.Column("media_group", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("requesters") as batch_op:
        batch_op.drop_column("media_group")
        batch_op.drop_column("held_media")
