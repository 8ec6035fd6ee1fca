"""Who hears of a handoff, on a real database: the flows publish their notices in the
transaction that sends, accepts or returns the form (bot/handoffs.py)."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import handoffs, requesters, tickets
from bot.errors import DeskError
from bot.models import Ticket
from bot.notices import Audience
from bot.rules import Rules
from bot.transaction import Transactions
from tests.bot.helpers import OFFICER, OTHER_DEPT_OFFICER, SUPERVISOR, new_ticket, outbox_rows
from tests.conftest import MONDAY_9AM

Sessions = async_sessionmaker[AsyncSession]
NOW = MONDAY_9AM
GENERAL_GROUP, SOCIAL_GROUP = -1000000000101, -1000000000102
REQUESTER_CHAT = 5001


async def _claimed(sessions: Sessions, rules: Rules, *, staff_group: bool) -> Ticket:
    """A ticket of an English-speaking requester, owned by OFFICER, in the general group."""
    async with sessions() as session, session.begin():
        requester = await requesters.get_or_create_requester(
            session=session,
            telegram_user_id=REQUESTER_CHAT,
            chat_id=REQUESTER_CHAT,
            language="en",
            now=NOW,
        )
    ticket = await new_ticket(sessions, rules, NOW, requester_id=requester.id)
    async with sessions() as session, session.begin():
        claimed = await tickets.claim(
            session=session, rules=rules, ticket_id=ticket.id, officer_id=OFFICER, now=NOW
        )
        if staff_group:
            claimed.staff_chat_id = GENERAL_GROUP
        return claimed


async def _transfer(transactions: Transactions, rules: Rules, ticket_id: int) -> None:
    async with transactions() as tx:
        await handoffs.transfer_and_tell(
            tx=tx,
            rules=rules,
            ticket_id=ticket_id,
            actor_id=OFFICER,
            to_department="social_security",
            summary="需核实社保缴纳",
            suggested_handling="请核实近一年缴费记录",
            hours=8,
        )


async def test_a_sent_handoff_tells_the_receiving_group_staff_supervisors_and_requester(
    sessions: Sessions, rules: Rules
) -> None:
    ticket = await _claimed(sessions, rules, staff_group=True)
    await _transfer(Transactions(sessions, clock=lambda: NOW), rules, ticket.id)
    rows = await outbox_rows(sessions)
    staff = rules.settings.languages.default
    assert [(r.chat_id, r.language, r.template, r.audience) for r in rows] == [
        (SOCIAL_GROUP, staff, "handoff_card", Audience.DEPARTMENT_GROUP),
        (GENERAL_GROUP, staff, "handoff_event", Audience.TICKET_STAFF),
        (SUPERVISOR, staff, "handoff_event", Audience.DEPARTMENT_SUPERVISORS),
        (REQUESTER_CHAT, "en", "handoff_event", Audience.REQUESTER),
    ]
    assert all(r.ticket_id == ticket.id and r.call is None for r in rows)
    card, sent, copy, told = (r.context for r in rows)
    assert card["from_department"] == "综合服务窗口" and card["owner"] == "王芳"
    assert card["summary"] == "需核实社保缴纳"
    assert card["suggested"] == "请核实近一年缴费记录"
    assert card["question"] == ticket.question
    assert (sent["event"], sent["department"]) == ("sent", "社会保障科")
    assert (copy["event"], copy["department"], copy["owner"]) == ("copy", "社会保障科", "王芳")
    # The requester reads the receiving department's name in their own language.
    assert (told["event"], told["department"], told["owner"]) == (
        "requester",
        "Social Security",
        "王芳",
    )
    assert "owner_name" not in told


async def test_without_a_staff_group_the_sender_hears_what_the_ticket_staff_would(
    sessions: Sessions, rules: Rules
) -> None:
    ticket = await _claimed(sessions, rules, staff_group=False)
    await _transfer(Transactions(sessions, clock=lambda: NOW), rules, ticket.id)
    sent = (await outbox_rows(sessions))[1]
    assert (sent.chat_id, sent.audience, sent.context["event"]) == (
        OFFICER,
        Audience.TICKET_STAFF,
        "sent",
    )


async def test_accepted_and_returned_forms_are_told_to_the_tickets_staff(
    sessions: Sessions, rules: Rules
) -> None:
    transactions = Transactions(sessions, clock=lambda: NOW)
    ticket = await _claimed(sessions, rules, staff_group=True)
    await _transfer(transactions, rules, ticket.id)
    async with transactions() as tx:
        await handoffs.return_and_tell(
            tx=tx,
            rules=rules,
            ticket_id=ticket.id,
            actor_id=OTHER_DEPT_OFFICER,
            reason="不属于本科室职责",
        )
    await _transfer(transactions, rules, ticket.id)
    async with transactions() as tx:
        await handoffs.accept_and_tell(
            tx=tx, rules=rules, ticket_id=ticket.id, actor_id=OTHER_DEPT_OFFICER
        )
    rows = await outbox_rows(sessions)
    returned, accepted = rows[4], rows[11]
    for row in (returned, accepted):
        assert (row.chat_id, row.audience) == (GENERAL_GROUP, Audience.TICKET_STAFF)
        assert row.context["department"] == "社会保障科" and row.context["owner"] == "王芳"
    assert returned.context["event"] == "returned"
    assert returned.context["reason"] == "不属于本科室职责"
    assert accepted.context["event"] == "accepted"
    # As at the handoff: the sending department's supervisors copied, the requester told
    # (issue 14).
    copied, told = rows[5], rows[6]
    assert (copied.audience, copied.context["event"]) == (
        Audience.DEPARTMENT_SUPERVISORS,
        "copy_returned",
    )
    assert copied.context["reason"] == "不属于本科室职责"
    assert (told.audience, told.context["event"]) == (Audience.REQUESTER, "requester_returned")
    assert len(rows) == 12


async def test_a_refused_handoff_publishes_nothing(sessions: Sessions, rules: Rules) -> None:
    ticket = await _claimed(sessions, rules, staff_group=True)
    transactions = Transactions(sessions, clock=lambda: NOW)
    await _transfer(transactions, rules, ticket.id)
    with pytest.raises(DeskError):
        async with transactions() as tx:
            # Only the receiving department may accept.
            await handoffs.accept_and_tell(
                tx=tx, rules=rules, ticket_id=ticket.id, actor_id=OFFICER
            )
    assert len(await outbox_rows(sessions)) == 4
