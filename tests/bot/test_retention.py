"""Retention: a closed ticket's words and its requester's name go after the configured time;
the anonymous record, the figures and the event log's replay stay as they were."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import closure, conversation, inbox, lifecycle, outbox, tickets
from bot.figures import supervision_figures
from bot.models import InboundUpdate, OutboxMessage, Requester, Ticket, TicketEvent, TicketMessage
from bot.outgoing import Outgoing
from bot.retention import ERASED, forget
from bot.rules import Rules
from tests.bot.helpers import OFFICER, new_requester, new_ticket
from tests.conftest import MONDAY_9AM

NOW = MONDAY_9AM
Sessions = async_sessionmaker[AsyncSession]


async def _closed_ticket(sessions: Sessions, rules: Rules, requester_id: int, words: str) -> int:
    ticket = await new_ticket(sessions, rules, NOW, requester_id=requester_id, question=words)
    async with sessions() as s, s.begin():
        await conversation.add_requester_message(
            session=s,
            rules=rules,
            ticket_id=ticket.id,
            requester_id=requester_id,
            text=f"{words}, 电话 13800000000",
            content_type="photo",
            file_id="photo-of-id-card",
            now=NOW + timedelta(minutes=1),
        )
        await tickets.claim(
            session=s, rules=rules, ticket_id=ticket.id, officer_id=OFFICER, now=NOW
        )
        await closure.resolve(
            session=s,
            rules=rules,
            ticket_id=ticket.id,
            officer_id=OFFICER,
            summary=f"已联系张三处理{words}",
            now=NOW + timedelta(hours=1),
        )
        await closure.confirm(
            session=s,
            rules=rules,
            ticket_id=ticket.id,
            requester_id=requester_id,
            score=5,
            remark="张三师傅把地弄脏了",  # a remark on the service: their words too
            now=NOW + timedelta(hours=2),
        )
    return ticket.id


async def test_words_and_names_go_after_the_retention_time(
    sessions: Sessions, rules: Rules
) -> None:
    settings = rules.settings
    keep = settings.retention.personal_data
    old_requester = await new_requester(sessions, NOW, telegram_user_id=5001)
    busy_requester = await new_requester(sessions, NOW, telegram_user_id=5002)
    async with sessions() as s, s.begin():
        for requester_id, name in ((old_requester, "张三"), (busy_requester, "李四")):
            requester = await s.get(Requester, requester_id)
            assert requester is not None
            requester.display_name = name
    old = await _closed_ticket(sessions, rules, old_requester, "路灯坏了")
    inquiry = [{"by": "requester", "text": "路灯坏了,幸福路23号", "at": NOW.isoformat()}]
    async with sessions() as s, s.begin():
        ticket = await s.get(Ticket, old)
        requester = await s.get(Requester, old_requester)
        assert ticket is not None and requester is not None
        ticket.inquiry = requester.inquiry = inquiry
    busy_closed = await _closed_ticket(sessions, rules, busy_requester, "噪音扰民")
    still_open = await new_ticket(
        sessions, rules, NOW, requester_id=busy_requester, question="还没办完的事"
    )
    period = (NOW - timedelta(days=1), NOW + keep + timedelta(days=2))
    async with sessions() as s:
        before = await supervision_figures(
            session=s, start=period[0], end=period[1], now=period[1]
        )

    # A day short of the retention time nothing is erased.
    async with sessions() as s, s.begin():
        done = await forget(session=s, settings=settings, now=NOW + keep)
    assert (done.tickets, done.requesters) == (0, 0)

    later = NOW + keep + timedelta(days=1)
    async with sessions() as s, s.begin():
        done = await forget(session=s, settings=settings, now=later)
    assert (done.tickets, done.requesters) == (2, 1)
    async with sessions() as s:
        erased = {t.id: t for t in await s.scalars(select(Ticket))}
        texts = {(m.ticket_id, m.text, m.file_id) for m in await s.scalars(select(TicketMessage))}
        names = {r.id: r.display_name for r in await s.scalars(select(Requester))}
        inquiries = [r.inquiry for r in await s.scalars(select(Requester))]
        events = list(await s.scalars(select(TicketEvent).order_by(TicketEvent.seq)))
        after = await supervision_figures(session=s, start=period[0], end=period[1], now=period[1])
    for ticket_id in (old, busy_closed):
        ticket = erased[ticket_id]
        assert ticket.question == ERASED and ticket.resolution_summary == ERASED
        assert ticket.inquiry is None  # the first inquiry's words too
        assert all(text in ("", ERASED) for t, text, _ in texts if t == ticket_id)
        assert not [f for t, _, f in texts if t == ticket_id and f]
        log = [e for e in events if e.ticket_id == ticket_id]
        assert "张三" not in repr([e.data for e in log])
        assert lifecycle.replay(log) == lifecycle.ReplayedState.of(ticket)
    # The open ticket keeps its words, and so its requester keeps their name.
    assert erased[still_open.id].question == "还没办完的事"
    assert names == {old_requester: "", busy_requester: "李四"}
    assert inquiries == [None, None]
    # The figures are the same after as before.
    assert after == before
    # Done once: a second run finds nothing more.
    async with sessions() as s, s.begin():
        again = await forget(session=s, settings=settings, now=later)
    assert (again.tickets, again.requesters) == (0, 0)


async def test_the_delivery_log_is_pruned(sessions: Sessions, rules: Rules) -> None:
    settings = rules.settings
    async with sessions() as s, s.begin():
        await inbox.record(session=s, updates=[{"update_id": 1}, {"update_id": 2}], now=NOW)
        await inbox.mark_processed(session=s, update_id=1, now=NOW)
        await outbox.enqueue(
            session=s,
            messages=[Outgoing(5001, "zh", "greeting"), Outgoing(5001, "zh", "help")],
            now=NOW,
        )
    async with sessions() as s, s.begin():
        first, _ = await outbox.claim_due(session=s, now=NOW)
        await outbox.sent(connection=await s.connection(), message_id=first.id, now=NOW)
    later = NOW + settings.retention.delivery_log + timedelta(minutes=1)
    async with sessions() as s, s.begin():
        done = await forget(session=s, settings=settings, now=later)
    assert (done.outbox, done.inbox) == (1, 1)
    async with sessions() as s:
        # What was never handled or never sent stays, however old.
        assert list(await s.scalars(select(InboundUpdate.update_id))) == [2]
        assert [m.template for m in await s.scalars(select(OutboxMessage))] == ["help"]
