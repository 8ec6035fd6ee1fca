"""A handoff form running late climbs the escalation ladder, a step each overdue period
(issue 14): the steps told of it, and when the next comes due. A form already told late
has had its first step; its next is one period (the time it was given) after its deadline.

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-02 17:40:00
"""

from collections.abc import Sequence
from datetime import timedelta

import sqlalchemy as sa
from alembic import op

revision: str = "0029"
down_revision: str | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "handoffs", sa.Column("step", sa.SmallInteger(), nullable=False, server_default="0")
    )
    op.add_column("handoffs", sa.Column("next_step_at", sa.DateTime(), nullable=True))
    handoffs = sa.table(
        "handoffs",
        sa.column("id"),
        sa.column("created_at", sa.DateTime()),
        sa.column("due_at", sa.DateTime()),
        sa.column("overdue_at", sa.DateTime()),
        sa.column("step"),
        sa.column("next_step_at", sa.DateTime()),
    )
    bind = op.get_bind()
    told = bind.execute(
        sa.select(handoffs.c.id, handoffs.c.created_at, handoffs.c.due_at).where(
            handoffs.c.overdue_at.is_not(None)
        )
    ).all()
    for row in told:
        period = max(row.due_at - row.created_at, timedelta(hours=1))
        bind.execute(
            handoffs.update()
            .where(handoffs.c.id == row.id)
            .values(step=1, next_step_at=row.due_at + period)
        )


def downgrade() -> None:
    with op.batch_alter_table("handoffs") as batch_op:
        batch_op.drop_column("next_step_at")
        batch_op.drop_column("step")
