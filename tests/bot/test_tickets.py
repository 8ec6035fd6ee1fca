"""The ticket lifecycle on a real database: ownership, the closed loop, handoffs, refusals."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import closure, conversation, handoffs, lifecycle, store, ticket_messages, tickets
from bot.errors import (
    AlreadyClaimed,
    ConcurrentChange,
    IllegalMove,
    InvalidInput,
    NotAllowed,
    NotFound,
)
from bot.models import (
    CloseReason,
    Direction,
    HandoffStatus,
    LedgerEntry,
    Rating,
    TicketEvent,
    TicketStatus,
)
from bot.rules import Rules
from tests.bot.helpers import (
    OFFICER,
    OFFICER_2,
    OTHER_DEPT_OFFICER,
    OTHER_DEPT_SUPERVISOR,
    SUPERVISOR,
    new_requester,
    new_ticket,
)
from tests.conftest import MONDAY_9AM

NOW = MONDAY_9AM
Sessions = async_sessionmaker[AsyncSession]


async def _events(sessions: Sessions, ticket_id: int) -> list[TicketEvent]:
    async with sessions() as session:
        rows = await session.scalars(
            select(TicketEvent).where(TicketEvent.ticket_id == ticket_id).order_by(TicketEvent.seq)
        )
        return list(rows)


async def test_open_sets_deadlines_in_working_time(sessions: Sessions, rules: Rules) -> None:
    requester_id = await new_requester(sessions, NOW)
    ticket = await new_ticket(sessions, rules, NOW, requester_id=requester_id)
    assert ticket.status is TicketStatus.OPEN
    # consultation/normal: 2 h to first response, 1 working day (09:00-12:00, 13:30-17:30).
    assert ticket.first_response_due_at == NOW + timedelta(hours=2)
    assert ticket.resolution_due_at == NOW + timedelta(hours=8, minutes=30)
    assert ticket.next_notice_due_at == NOW + timedelta(hours=24)
    assert ticket.next_check_at is not None and ticket.next_check_at > NOW
    events = await _events(sessions, ticket.id)
    assert [e.kind for e in events] == ["opened"]


async def test_full_life_claim_reply_resolve_confirm(sessions: Sessions, rules: Rules) -> None:
    requester_id = await new_requester(sessions, NOW)
    ticket = await new_ticket(sessions, rules, NOW, requester_id=requester_id)
    later = NOW + timedelta(minutes=20)
    async with sessions() as session, session.begin():
        claimed = await tickets.claim(
            session=session, rules=rules, ticket_id=ticket.id, officer_id=OFFICER, now=later
        )
        assert claimed.owner_id == OFFICER
        await conversation.add_staff_message(
            session=session,
            rules=rules,
            ticket_id=ticket.id,
            officer_id=OFFICER,
            text="请携带身份证到窗口办理。",
            now=later,
        )
        await conversation.add_staff_message(
            session=session,
            rules=rules,
            ticket_id=ticket.id,
            officer_id=OFFICER,
            text="requester seems elderly, call back",
            internal=True,
            now=later,
        )
        resolved = await closure.resolve(
            session=session,
            rules=rules,
            ticket_id=ticket.id,
            officer_id=OFFICER,
            summary="告知补办流程",
            now=later,
        )
        assert resolved.status is TicketStatus.RESOLVED
    async with sessions() as session, session.begin():
        closed = await closure.confirm(
            session=session,
            rules=rules,
            ticket_id=ticket.id,
            requester_id=requester_id,
            score=5,
            now=later,
        )
        assert closed.status is TicketStatus.CLOSED
        assert closed.close_reason is CloseReason.CONFIRMED
        assert closed.next_check_at is None
        public = await ticket_messages.history(
            session=session, ticket_id=ticket.id, public_only=True
        )
        assert [m.direction for m in public] == [Direction.OUT]
        ratings = list(await session.scalars(select(Rating)))
        assert [(r.score, r.owner_id) for r in ratings] == [(5, OFFICER)]
    kinds = [e.kind for e in await _events(sessions, ticket.id)]
    assert kinds == ["opened", "claim", "resolve", "confirm"]


async def test_two_concurrent_claims_exactly_one_wins(sessions: Sessions, rules: Rules) -> None:
    requester_id = await new_requester(sessions, NOW)
    ticket = await new_ticket(sessions, rules, NOW, requester_id=requester_id)

    async def attempt(officer_id: int) -> int | Exception:
        try:
            async with sessions() as session, session.begin():
                await tickets.claim(
                    session=session,
                    rules=rules,
                    ticket_id=ticket.id,
                    officer_id=officer_id,
                    now=NOW,
                )
            return officer_id
        except (AlreadyClaimed, ConcurrentChange) as exc:
            return exc

    results = await asyncio.gather(attempt(OFFICER), attempt(OFFICER_2), attempt(SUPERVISOR))
    winners = [r for r in results if isinstance(r, int)]
    assert len(winners) == 1
    async with sessions() as session:
        stored = await store.get(session=session, ticket_id=ticket.id)
        assert stored.owner_id == winners[0]
    claims = [e for e in await _events(sessions, ticket.id) if e.kind == "claim"]
    assert len(claims) == 1


async def test_claim_refused_for_non_staff_and_other_department(
    sessions: Sessions, rules: Rules
) -> None:
    requester_id = await new_requester(sessions, NOW)
    ticket = await new_ticket(sessions, rules, NOW, requester_id=requester_id)
    for intruder in (5001, OTHER_DEPT_OFFICER):
        with pytest.raises(NotAllowed):
            async with sessions() as session, session.begin():
                await tickets.claim(
                    session=session, rules=rules, ticket_id=ticket.id, officer_id=intruder, now=NOW
                )
    async with sessions() as session:
        assert (await store.get(session=session, ticket_id=ticket.id)).owner_id is None


async def test_requester_cannot_touch_another_requesters_ticket(
    sessions: Sessions, rules: Rules
) -> None:
    owner_id = await new_requester(sessions, NOW, telegram_user_id=5001)
    stranger_id = await new_requester(sessions, NOW, telegram_user_id=5002)
    ticket = await new_ticket(sessions, rules, NOW, requester_id=owner_id)
    with pytest.raises(NotFound):
        async with sessions() as session, session.begin():
            await closure.withdraw(
                session=session,
                rules=rules,
                ticket_id=ticket.id,
                requester_id=stranger_id,
                now=NOW,
            )
    with pytest.raises(NotFound):
        async with sessions() as session, session.begin():
            await conversation.add_requester_message(
                session=session,
                rules=rules,
                ticket_id=ticket.id,
                requester_id=stranger_id,
                text="let me in",
                now=NOW,
            )


async def test_illegal_moves_raise_and_change_nothing(sessions: Sessions, rules: Rules) -> None:
    requester_id = await new_requester(sessions, NOW)
    ticket = await new_ticket(sessions, rules, NOW, requester_id=requester_id)
    with pytest.raises(IllegalMove):
        async with sessions() as session, session.begin():
            await closure.resolve(
                session=session,
                rules=rules,
                ticket_id=ticket.id,
                officer_id=SUPERVISOR,
                summary="done",
                now=NOW,
            )
    with pytest.raises(IllegalMove):
        async with sessions() as session, session.begin():
            await closure.confirm(
                session=session,
                rules=rules,
                ticket_id=ticket.id,
                requester_id=requester_id,
                now=NOW,
            )
    assert [e.kind for e in await _events(sessions, ticket.id)] == ["opened"]


async def test_resolve_needs_summary_and_rating_is_1_to_5(
    sessions: Sessions, rules: Rules
) -> None:
    requester_id = await new_requester(sessions, NOW)
    ticket = await new_ticket(sessions, rules, NOW, requester_id=requester_id)
    async with sessions() as session, session.begin():
        await tickets.claim(
            session=session, rules=rules, ticket_id=ticket.id, officer_id=OFFICER, now=NOW
        )
    with pytest.raises(InvalidInput):
        async with sessions() as session, session.begin():
            await closure.resolve(
                session=session,
                rules=rules,
                ticket_id=ticket.id,
                officer_id=OFFICER,
                summary="   ",
                now=NOW,
            )
    # Longer than one message to the requester can hold with its rating: refused, not lost.
    with pytest.raises(InvalidInput, match="too long"):
        async with sessions() as session, session.begin():
            await closure.resolve(
                session=session,
                rules=rules,
                ticket_id=ticket.id,
                officer_id=OFFICER,
                summary="已" * (closure.MAX_SUMMARY + 1),
                now=NOW,
            )
    async with sessions() as session, session.begin():
        await closure.resolve(
            session=session,
            rules=rules,
            ticket_id=ticket.id,
            officer_id=OFFICER,
            summary="done",
            now=NOW,
        )
    with pytest.raises(InvalidInput):
        async with sessions() as session, session.begin():
            await closure.confirm(
                session=session,
                rules=rules,
                ticket_id=ticket.id,
                requester_id=requester_id,
                score=6,
                now=NOW,
            )


async def test_not_solved_reopens_to_same_owner_keeping_the_promise(
    sessions: Sessions, rules: Rules
) -> None:
    requester_id = await new_requester(sessions, NOW)
    ticket = await new_ticket(sessions, rules, NOW, requester_id=requester_id)
    async with sessions() as session, session.begin():
        await tickets.claim(
            session=session, rules=rules, ticket_id=ticket.id, officer_id=OFFICER, now=NOW
        )
        await closure.resolve(
            session=session,
            rules=rules,
            ticket_id=ticket.id,
            officer_id=OFFICER,
            summary="done",
            now=NOW,
        )
    later = NOW + timedelta(days=2)
    async with sessions() as session, session.begin():
        reopened = await closure.reopen(
            session=session,
            rules=rules,
            ticket_id=ticket.id,
            requester_id=requester_id,
            reason="还是不行",
            now=later,
        )
        assert reopened.status is TicketStatus.CLAIMED
        assert reopened.owner_id == OFFICER
        assert reopened.reopen_count == 1
        # A promise never moves later (issue 14): past it, the reopened ticket is overdue.
        assert reopened.resolution_due_at == ticket.resolution_due_at < later


async def test_transfer_keeps_owner_and_accept_moves_handling(
    sessions: Sessions, rules: Rules
) -> None:
    requester_id = await new_requester(sessions, NOW)
    ticket = await new_ticket(sessions, rules, NOW, requester_id=requester_id)
    async with sessions() as session, session.begin():
        await tickets.claim(
            session=session, rules=rules, ticket_id=ticket.id, officer_id=OFFICER, now=NOW
        )
        form = await handoffs.transfer(
            session=session,
            rules=rules,
            ticket_id=ticket.id,
            actor_id=OFFICER,
            to_department="social_security",
            summary="社保卡补办",
            suggested_handling="核实身份后补卡",
            due_at=NOW + timedelta(days=1),
            now=NOW,
        )
        assert form.status is HandoffStatus.PENDING
    # A requester-side officer of the sending department cannot accept for the receiver.
    with pytest.raises(NotAllowed):
        async with sessions() as session, session.begin():
            await handoffs.accept_handoff(
                session=session, rules=rules, ticket_id=ticket.id, actor_id=OFFICER_2, now=NOW
            )
    async with sessions() as session, session.begin():
        await handoffs.accept_handoff(
            session=session,
            rules=rules,
            ticket_id=ticket.id,
            actor_id=OTHER_DEPT_OFFICER,
            now=NOW,
        )
        moved = await store.get(session=session, ticket_id=ticket.id)
        assert moved.owner_id == OFFICER
        assert moved.handling_department_key == "social_security"
        assert moved.status is TicketStatus.CLAIMED
        # The handler may talk to the requester; the owner stays the one who resolves.
        await conversation.add_staff_message(
            session=session,
            rules=rules,
            ticket_id=ticket.id,
            officer_id=OTHER_DEPT_OFFICER,
            text="已为您补卡",
            now=NOW,
        )


async def test_returned_handoff_stays_with_sender_and_needs_reason(
    sessions: Sessions, rules: Rules
) -> None:
    requester_id = await new_requester(sessions, NOW)
    ticket = await new_ticket(sessions, rules, NOW, requester_id=requester_id)
    async with sessions() as session, session.begin():
        await tickets.claim(
            session=session, rules=rules, ticket_id=ticket.id, officer_id=OFFICER, now=NOW
        )
        await handoffs.transfer(
            session=session,
            rules=rules,
            ticket_id=ticket.id,
            actor_id=OFFICER,
            to_department="social_security",
            summary="s",
            suggested_handling="h",
            due_at=NOW + timedelta(hours=4),
            now=NOW,
        )
    with pytest.raises(InvalidInput):
        async with sessions() as session, session.begin():
            await handoffs.return_handoff(
                session=session,
                rules=rules,
                ticket_id=ticket.id,
                actor_id=OTHER_DEPT_SUPERVISOR,
                reason=" ",
                now=NOW,
            )
    async with sessions() as session, session.begin():
        form = await handoffs.return_handoff(
            session=session,
            rules=rules,
            ticket_id=ticket.id,
            actor_id=OTHER_DEPT_SUPERVISOR,
            reason="不属于本科室职责",
            now=NOW,
        )
        assert form.status is HandoffStatus.RETURNED
        back = await store.get(session=session, ticket_id=ticket.id)
        assert back.handling_department_key == "general"
        assert back.transfer_count == 1


async def test_supervisor_assigns_and_reassigns_with_reason(
    sessions: Sessions, rules: Rules
) -> None:
    requester_id = await new_requester(sessions, NOW)
    ticket = await new_ticket(sessions, rules, NOW, requester_id=requester_id)
    with pytest.raises(NotAllowed):
        async with sessions() as session, session.begin():
            await tickets.assign(
                session=session,
                rules=rules,
                ticket_id=ticket.id,
                supervisor_id=OFFICER,
                officer_id=OFFICER_2,
                reason="x",
                now=NOW,
            )
    async with sessions() as session, session.begin():
        await tickets.assign(
            session=session,
            rules=rules,
            ticket_id=ticket.id,
            supervisor_id=SUPERVISOR,
            officer_id=OFFICER,
            reason="排班",
            now=NOW,
        )
        moved = await tickets.assign(
            session=session,
            rules=rules,
            ticket_id=ticket.id,
            supervisor_id=SUPERVISOR,
            officer_id=OFFICER_2,
            reason="王芳休假",
            now=NOW,
        )
        assert moved.owner_id == OFFICER_2
    events = await _events(sessions, ticket.id)
    assert [e.data.get("reason") for e in events if e.kind == "assign"] == ["排班", "王芳休假"]


async def test_late_claim_is_a_breach_against_the_department(
    sessions: Sessions, rules: Rules
) -> None:
    requester_id = await new_requester(sessions, NOW)
    ticket = await new_ticket(sessions, rules, NOW, requester_id=requester_id)
    async with sessions() as session, session.begin():
        await tickets.claim(
            session=session,
            rules=rules,
            ticket_id=ticket.id,
            officer_id=OFFICER,
            now=NOW + timedelta(hours=3),
        )
    async with sessions() as session:
        entries = list(await session.scalars(select(LedgerEntry)))
    assert [(e.kind, e.officer_id, e.department_key) for e in entries] == [
        ("missed_first_response", None, "general")
    ]


async def test_keyword_raises_priority_and_alerts_supervisors(
    sessions: Sessions, rules: Rules
) -> None:
    requester_id = await new_requester(sessions, NOW)
    async with sessions() as session, session.begin():
        opened = await tickets.open_ticket(
            session=session,
            rules=rules,
            requester_id=requester_id,
            question="我们小区停电三个小时了",
            category="fault_report",
            now=NOW,
        )
    assert opened.ticket.priority == "urgent"
    # urgent fault report: 15 minutes to first response, on the calendar clock.
    assert opened.ticket.first_response_due_at == NOW + timedelta(minutes=15)
    chats = {m.chat_id for m in opened.alerts}
    assert chats == {SUPERVISOR, rules.settings.management.chat_id}
    assert {m.template for m in opened.alerts} == {"alert_keyword"}


async def test_ledger_refuses_edits(sessions: Sessions, rules: Rules, store: str) -> None:
    requester_id = await new_requester(sessions, NOW)
    ticket = await new_ticket(sessions, rules, NOW, requester_id=requester_id)
    async with sessions() as session, session.begin():
        await tickets.claim(
            session=session,
            rules=rules,
            ticket_id=ticket.id,
            officer_id=OFFICER,
            now=NOW + timedelta(hours=3),
        )
    from sqlalchemy import delete, update
    from sqlalchemy.exc import DBAPIError

    for statement in (update(LedgerEntry).values(detail="forgiven"), delete(LedgerEntry)):
        with pytest.raises(DBAPIError, match="append-only"):
            async with sessions() as session, session.begin():
                await session.execute(statement)
    async with sessions() as session:
        assert len(list(await session.scalars(select(LedgerEntry)))) == 1


async def test_event_log_replays_to_state(sessions: Sessions, rules: Rules) -> None:
    requester_id = await new_requester(sessions, NOW)
    ticket = await new_ticket(sessions, rules, NOW, requester_id=requester_id)
    async with sessions() as session, session.begin():
        await tickets.claim(
            session=session, rules=rules, ticket_id=ticket.id, officer_id=OFFICER, now=NOW
        )
        await tickets.change_priority(
            session=session,
            rules=rules,
            ticket_id=ticket.id,
            actor_id=OFFICER,
            priority="high",
            now=NOW,
        )
        await handoffs.transfer(
            session=session,
            rules=rules,
            ticket_id=ticket.id,
            actor_id=OFFICER,
            to_department="utilities",
            summary="s",
            suggested_handling="h",
            due_at=NOW + timedelta(hours=4),
            now=NOW,
        )
        await handoffs.accept_handoff(
            session=session, rules=rules, ticket_id=ticket.id, actor_id=100301, now=NOW
        )
        stored = await store.get(session=session, ticket_id=ticket.id)
    assert lifecycle.replay(await _events(sessions, ticket.id)) == lifecycle.ReplayedState.of(
        stored
    )


async def test_a_ticket_is_found_by_every_topic_it_had(sessions: Sessions, rules: Rules) -> None:
    """A ticket given a new topic (its first one deleted, or no longer usable) is still the
    one its earlier topic is about: staff writing there, a person having reopened it, reach
    its requester (issue 15)."""
    requester_id = await new_requester(sessions, NOW)
    ticket = await new_ticket(sessions, rules, NOW, requester_id=requester_id)
    other = await new_ticket(sessions, rules, NOW, requester_id=requester_id, question="居住证")
    group = -1000000000101
    async with sessions() as session, session.begin():
        for t in (ticket, other):
            await tickets.attach_card(
                session=session, ticket_id=t.id, chat_id=group, message_id=t.id
            )
        await tickets.attach_topic(session=session, ticket_id=ticket.id, thread_id=10)
        await tickets.attach_topic(session=session, ticket_id=other.id, thread_id=11)
        await tickets.attach_topic(session=session, ticket_id=ticket.id, thread_id=20)
        await tickets.attach_topic(session=session, ticket_id=ticket.id, thread_id=30)
    async with sessions() as session:
        for thread, expected in (
            (10, ticket.id),
            (20, ticket.id),
            (30, ticket.id),
            (11, other.id),
        ):
            found = await tickets.get_by_topic(session=session, chat_id=group, thread_id=thread)
            assert found is not None and found.id == expected
        assert await tickets.get_by_topic(session=session, chat_id=group, thread_id=12) is None
        assert await tickets.get_by_topic(session=session, chat_id=-1, thread_id=10) is None
