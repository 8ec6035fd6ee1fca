"""Initial schema: tickets, their events, messages, handoffs, notices, escalations, ledger.

Revision ID: 0001
Revises:
Create Date: 2026-11-27 04:16:52.760110
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "departments",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("staff_group_chat_id", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_departments")),
    )
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
    )
    op.create_table(
        "requesters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("display_name", sa.String(length=256), nullable=False),
        sa.Column("blocked_bot", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_requesters")),
        sa.UniqueConstraint("telegram_user_id", name=op.f("uq_requesters_telegram_user_id")),
    )
    op.create_table(
        "officers",
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("department_key", sa.String(length=64), nullable=False),
        sa.Column(
            "role",
            sa.Enum("officer", "supervisor", name="staffrole", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("staff_number", sa.String(length=64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["department_key"],
            ["departments.key"],
            name=op.f("fk_officers_department_key_departments"),
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_officers")),
    )
    op.create_table(
        "tickets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("event_seq", sa.Integer(), nullable=False),
        sa.Column("requester_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("priority", sa.String(length=32), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "claimed",
                "transferring",
                "resolved",
                "closed",
                name="ticketstatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("department_key", sa.String(length=64), nullable=False),
        sa.Column("handling_department_key", sa.String(length=64), nullable=False),
        sa.Column("owner_id", sa.BigInteger(), nullable=True),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("resolution_summary", sa.Text(), nullable=True),
        sa.Column(
            "close_reason",
            sa.Enum(
                "confirmed",
                "timeout",
                "withdrawn",
                name="closereason",
                native_enum=False,
                length=24,
            ),
            nullable=True,
        ),
        sa.Column("reopen_count", sa.SmallInteger(), nullable=False),
        sa.Column("transfer_count", sa.SmallInteger(), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("resolution_started_at", sa.DateTime(), nullable=False),
        sa.Column("first_response_due_at", sa.DateTime(), nullable=False),
        sa.Column("resolution_due_at", sa.DateTime(), nullable=False),
        sa.Column("first_response_steps", sa.SmallInteger(), nullable=False),
        sa.Column("resolution_steps", sa.SmallInteger(), nullable=False),
        sa.Column("last_contact_at", sa.DateTime(), nullable=False),
        sa.Column("latest_update", sa.Text(), nullable=True),
        sa.Column("latest_update_at", sa.DateTime(), nullable=True),
        sa.Column("next_notice_due_at", sa.DateTime(), nullable=True),
        sa.Column("reminded_for_notice_at", sa.DateTime(), nullable=True),
        sa.Column("next_check_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["department_key"],
            ["departments.key"],
            name=op.f("fk_tickets_department_key_departments"),
        ),
        sa.ForeignKeyConstraint(
            ["handling_department_key"],
            ["departments.key"],
            name=op.f("fk_tickets_handling_department_key_departments"),
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_tickets_incident_id_incidents")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["officers.user_id"], name=op.f("fk_tickets_owner_id_officers")
        ),
        sa.ForeignKeyConstraint(
            ["requester_id"], ["requesters.id"], name=op.f("fk_tickets_requester_id_requesters")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tickets")),
    )
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.create_index(
            "ix_tickets_handling_status", ["handling_department_key", "status"], unique=False
        )
        batch_op.create_index("ix_tickets_next_check_at", ["next_check_at"], unique=False)
        batch_op.create_index("ix_tickets_opened_at", ["opened_at"], unique=False)
        batch_op.create_index("ix_tickets_owner_status", ["owner_id", "status"], unique=False)
        batch_op.create_index(
            "ix_tickets_requester_status", ["requester_id", "status"], unique=False
        )

    op.create_table(
        "escalations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column(
            "deadline",
            sa.Enum(
                "first_response", "resolution", name="deadlinekind", native_enum=False, length=24
            ),
            nullable=False,
        ),
        sa.Column("cycle", sa.SmallInteger(), nullable=False),
        sa.Column("step", sa.SmallInteger(), nullable=False),
        sa.Column("fraction", sa.Double(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("fired_at", sa.DateTime(), nullable=False),
        sa.Column("accountable_id", sa.BigInteger(), nullable=True),
        sa.Column("department_key", sa.String(length=64), nullable=False),
        sa.Column("notified", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_escalations_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_escalations")),
        sa.UniqueConstraint(
            "ticket_id", "deadline", "cycle", "step", name=op.f("uq_escalations_ticket_id")
        ),
    )
    op.create_table(
        "handoffs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("from_department_key", sa.String(length=64), nullable=False),
        sa.Column("to_department_key", sa.String(length=64), nullable=False),
        sa.Column("sender_id", sa.BigInteger(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("suggested_handling", sa.Text(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "accepted",
                "returned",
                name="handoffstatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decided_by", sa.BigInteger(), nullable=True),
        sa.Column("return_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["from_department_key"],
            ["departments.key"],
            name=op.f("fk_handoffs_from_department_key_departments"),
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_handoffs_ticket_id_tickets")
        ),
        sa.ForeignKeyConstraint(
            ["to_department_key"],
            ["departments.key"],
            name=op.f("fk_handoffs_to_department_key_departments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handoffs")),
    )
    with op.batch_alter_table("handoffs", schema=None) as batch_op:
        batch_op.create_index("ix_handoffs_ticket", ["ticket_id"], unique=False)

    op.create_table(
        "ledger",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("officer_id", sa.BigInteger(), nullable=True),
        sa.Column("department_key", sa.String(length=64), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "missed_first_response",
                "overdue",
                "missed_update",
                "late_notice",
                name="breachkind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_ledger_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger")),
    )
    with op.batch_alter_table("ledger", schema=None) as batch_op:
        batch_op.create_index("ix_ledger_at", ["at"], unique=False)
        batch_op.create_index("ix_ledger_officer", ["officer_id"], unique=False)

    op.create_table(
        "progress_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.Column("on_time", sa.Boolean(), nullable=False),
        sa.Column("accountable_id", sa.BigInteger(), nullable=True),
        sa.Column("update_text", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_progress_notices_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progress_notices")),
        sa.UniqueConstraint("ticket_id", "due_at", name=op.f("uq_progress_notices_ticket_id")),
    )
    op.create_table(
        "ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.BigInteger(), nullable=True),
        sa.Column("score", sa.SmallInteger(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_ratings_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ratings")),
    )
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.create_index("ix_ratings_ticket", ["ticket_id"], unique=False)

    op.create_table(
        "ticket_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_id", sa.BigInteger(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_ticket_events_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_events")),
        sa.UniqueConstraint("ticket_id", "seq", name=op.f("uq_ticket_events_ticket_id")),
    )
    op.create_table(
        "ticket_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column(
            "direction",
            sa.Enum("in", "out", "note", name="direction", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("author_id", sa.BigInteger(), nullable=True),
        sa.Column("content_type", sa.String(length=24), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("file_id", sa.String(length=256), nullable=True),
        sa.Column("telegram_chat_id", sa.BigInteger(), nullable=True),
        sa.Column("telegram_message_id", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_ticket_messages_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_messages")),
    )
    with op.batch_alter_table("ticket_messages", schema=None) as batch_op:
        batch_op.create_index(
            "ix_ticket_messages_telegram",
            ["telegram_chat_id", "telegram_message_id"],
            unique=False,
        )
        batch_op.create_index("ix_ticket_messages_ticket", ["ticket_id", "id"], unique=False)

    _make_ledger_append_only()


def _make_ledger_append_only() -> None:
    """The accountability ledger takes new rows only: the database refuses edits and deletes."""
    if op.get_context().dialect.name == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER ledger_no_{action.lower()} BEFORE {action} ON ledger "
                "BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END"
            )
        return
    op.execute(
        "CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'the ledger is append-only'; END $$"
    )
    op.execute(
        "CREATE TRIGGER ledger_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger "
        "FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only()"
    )


def downgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS ledger_no_update")
        op.execute("DROP TRIGGER IF EXISTS ledger_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS ledger_append_only ON ledger")
        op.execute("DROP FUNCTION IF EXISTS ledger_append_only()")
    with op.batch_alter_table("ticket_messages", schema=None) as batch_op:
        batch_op.drop_index("ix_ticket_messages_ticket")
        batch_op.drop_index("ix_ticket_messages_telegram")

    op.drop_table("ticket_messages")
    op.drop_table("ticket_events")
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.drop_index("ix_ratings_ticket")

    op.drop_table("ratings")
    op.drop_table("progress_notices")
    with op.batch_alter_table("ledger", schema=None) as batch_op:
        batch_op.drop_index("ix_ledger_officer")
        batch_op.drop_index("ix_ledger_at")

    op.drop_table("ledger")
    with op.batch_alter_table("handoffs", schema=None) as batch_op:
        batch_op.drop_index("ix_handoffs_ticket")

    op.drop_table("handoffs")
    op.drop_table("escalations")
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_index("ix_tickets_requester_status")
        batch_op.drop_index("ix_tickets_owner_status")
        batch_op.drop_index("ix_tickets_opened_at")
        batch_op.drop_index("ix_tickets_next_check_at")
        batch_op.drop_index("ix_tickets_handling_status")

    op.drop_table("tickets")
    op.drop_table("officers")
    op.drop_table("requesters")
    op.drop_table("incidents")
    op.drop_table("departments")
