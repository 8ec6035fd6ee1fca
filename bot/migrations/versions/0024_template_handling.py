"""A template proposed from a ticket keeps whether its matter needs a person (`handling`, as
a file template's): one proposed from a complaint, a repair or an application opens a ticket
when it answers, instead of telling the next requester one case's result and leaving it there.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-02 10:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("knowledge_templates", sa.Column("handling", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("knowledge_templates") as batch_op:
        batch_op.drop_column("handling")
