"""The first inquiry an answer's buttons were offered in, kept with them when a new matter
takes its place (bot/intake/offers.py `set_aside`): *Not solved* pressed under the older
answer hands that inquiry to a person, not the one in progress. And whether a requester chose
their language themselves (/lang): else it follows the language of their words.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-01 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("inquiry_offers", sa.Column("inquiry", sa.JSON(), nullable=True))
    op.add_column(
        "requesters",
        sa.Column("language_chosen", sa.Boolean(), server_default=sa.false(), nullable=False),
    )


def downgrade() -> None:
    with op.batch_alter_table("inquiry_offers") as batch_op:
        batch_op.drop_column("inquiry")
    with op.batch_alter_table("requesters") as batch_op:
        batch_op.drop_column("language_chosen")
