"""Knowledge templates proposed from tickets and approved by supervisors.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 05:15:28.043506
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "knowledge_templates",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("department_key", sa.String(length=64), nullable=False),
        sa.Column("questions", sa.JSON(), nullable=False),
        sa.Column("answer", sa.JSON(), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending", "active", "retired", name="templatestatus", native_enum=False, length=24
            ),
            nullable=False,
        ),
        sa.Column("origin_ticket_id", sa.Integer(), nullable=True),
        sa.Column("proposed_by", sa.BigInteger(), nullable=False),
        sa.Column("proposed_at", sa.DateTime(), nullable=False),
        sa.Column("decided_by", sa.BigInteger(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["origin_ticket_id"],
            ["tickets.id"],
            name=op.f("fk_knowledge_templates_origin_ticket_id_tickets"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_knowledge_templates")),
    )


def downgrade() -> None:
    op.drop_table("knowledge_templates")
