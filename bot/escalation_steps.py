"""The steps of the escalation ladder fired on a ticket, as its record shows them (/ticket N:
bot/lookup.py `record`): SPEC's "each step is recorded" (bot/due.py `escalate` records them)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import EscalationStep
from bot.models import DeadlineKind, Escalation
from bot.rules import Rules

ESCALATION = "escalation"  # the kind of a record's event line for a step of the ladder


async def escalation_steps(
    *, session: AsyncSession, rules: Rules, ticket_id: int
) -> list[tuple[datetime, dict[str, Any]]]:
    """Each step of the escalation ladder fired on the ticket, in the order fired: when, and
    its `deadline` (first_response, resolution, or handoff: a late handoff form's step,
    bot/ladder_handoffs.py, with the receiving `department`), `step` (from 1), `overdue` (the
    deadline itself or past it) and `notify` (the audiences of that step, as configured, as
    they were then: `_told`; a form's as recorded)."""
    rows = await session.scalars(
        select(Escalation)
        .where(Escalation.ticket_id == ticket_id)
        .order_by(Escalation.fired_at, Escalation.id)
    )
    ladder = rules.ladder
    return [(row.fired_at, _step(row, ladder)) for row in rows]


def _step(row: Escalation, ladder: Sequence[EscalationStep]) -> dict[str, Any]:
    """One recorded step, as `escalation_steps` describes it."""
    if row.deadline == DeadlineKind.HANDOFF:
        told = row.notified.get("told") or []
        return {
            "deadline": str(row.deadline),
            "step": row.step + 1,
            "overdue": True,
            "notify": list(dict.fromkeys(str(n) for n in told)),
            "department": row.department_key,
        }
    return {
        "deadline": str(row.deadline),
        "step": row.step + 1,
        "overdue": row.fraction >= 1.0,
        "notify": _told(ladder[row.step].notify, row.accountable_id)
        if row.step < len(ladder)
        else [],
    }


def _told(notify: Sequence[str], owner_id: int | None) -> list[str]:
    """The audiences a step told, as they were then: while nobody owned the ticket, the
    owner's notice went to the department's group (bot/notices.py)."""
    told = ["department_group" if n == "owner" and owner_id is None else n for n in notify]
    return list(dict.fromkeys(told))
