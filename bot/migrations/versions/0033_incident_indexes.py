"""An incident's tickets, and the incidents still being reported, found by index.

The surge check runs at every fault report and complaint (bot/incidents.py). It read every
ticket ever opened: its recent tickets were an OR of "opened in the window" and "of an
incident still being reported", which no index serves, and an incident's tickets (its count,
its cards, its members) were found by `incident_id`, which had no index. On SQLite with
20,000 tickets closed long ago, a fault report took twice as long as on an empty history
(16 ms against 8), and the more the desk's years, the more (benchmarks/history.py).

Revision ID: 0033
Revises: 0032
Create Date: 2026-12-05 13:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0033"
down_revision: str | None = "0032"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_tickets_incident_status", "tickets", ["incident_id", "status"])
    op.create_index("ix_incidents_latest_update_at", "incidents", ["latest_update_at"])


def downgrade() -> None:
    op.drop_index("ix_incidents_latest_update_at", table_name="incidents")
    op.drop_index("ix_tickets_incident_status", table_name="tickets")
