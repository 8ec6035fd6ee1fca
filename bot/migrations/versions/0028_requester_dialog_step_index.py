"""The requesters a dialog step waits on, by step and id: the sweep looks at every question
whose kind of matter waits (bot/intake/unchosen.py), a batch at a time in the order of their
ids, without reading every requester (issue 14: only its first 50, in no order, were looked
at, so a wait due could stay hidden behind others not yet due).

Revision ID: 0028
Revises: 0025
Create Date: 2026-12-02 17:45:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0028"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_requesters_dialog_step", "requesters", ["dialog_step", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_requesters_dialog_step", table_name="requesters")
