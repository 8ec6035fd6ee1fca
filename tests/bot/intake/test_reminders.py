"""Issue 14, words that say nothing while the category buttons wait: a clerk reminds the
requester in other words each time, hands over one set of buttons at a time, says plainly once
what happens next, and then passes the question on rather than asking a fourth time
(`pending.reminder`, and the flow on a real database)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import requesters
from bot.classify import fallback_category
from bot.config import Settings
from bot.desk import Desk, build_desk
from bot.intake import flow, handing, pending
from bot.intake.decision import Action, Handover
from bot.intake.pending import Reminder
from bot.models import InquiryOffer, OutboxMessage
from bot.notices import BUTTONS_GONE
from tests.conftest import MONDAY_9AM

USER = 7002
# No cue word and no close template: the bot asks which kind of matter it is.
QUESTION = "我家里的事情想找人帮忙看看"


def test_each_reminder_is_another_and_the_fourth_is_none() -> None:
    said = [pending.reminder(before) for before in range(5)]
    assert said == [Reminder.SHORT, Reminder.AGAIN, Reminder.PLAIN, None, None]
    # The first points at the buttons just above; the others bring them down again.
    assert [r.shows_buttons for r in said[:3] if r is not None] == [False, True, True]
    assert len({r.value for r in said if r is not None}) == 3


@pytest.fixture
async def desk(
    settings: Settings, database_url: str, sessions: async_sessionmaker[AsyncSession]
) -> AsyncIterator[Desk]:
    """The desk on a fresh database (`sessions` empties a PostgreSQL one first)."""
    desk = await build_desk(settings, database_url)
    desk.clock = lambda: MONDAY_9AM
    yield desk


async def _say(desk: Desk, text: str) -> handing.Outcome:
    async with desk.transaction() as tx:
        requester, current, _ = await requesters.requester_with_current(
            session=tx.session, telegram_user_id=USER, chat_id=USER, language="zh", now=desk.now()
        )
        return await flow.take_text(
            tx=tx, desk=desk, requester=requester, current=current, text=text
        )


async def _sent_with_buttons(desk: Desk, message_id: int) -> None:
    """The sender recorded a message carrying the inquiry's buttons (as bot/delivery.py does
    once Telegram has it)."""
    async with desk.transaction() as tx:
        tx.session.add(InquiryOffer(chat_id=USER, message_id=message_id, ended_at=None))


async def _live(desk: Desk) -> list[int]:
    async with desk.sessions() as session:
        offers = await session.scalars(
            select(InquiryOffer.message_id).where(InquiryOffer.ended_at.is_(None))
        )
        return sorted(offers)


async def _buttons_taken(desk: Desk) -> list[int]:
    async with desk.sessions() as session:
        rows = await session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.template == BUTTONS_GONE)
            .order_by(OutboxMessage.id)
        )
        return [int(row.context["message_id"]) for row in rows]


async def test_fillers_get_other_reminders_one_live_keyboard_then_a_person(desk: Desk) -> None:
    assert (await _say(desk, QUESTION)).action is Handover.ASK_CATEGORY
    await _sent_with_buttons(desk, 10)
    short = await _say(desk, "你好")
    assert (short.action, short.reminder) == (Action.REMIND, Reminder.SHORT)
    assert await _live(desk) == [10] and await _buttons_taken(desk) == []
    # The buttons come again, lower: those above lose theirs first.
    again = await _say(desk, "在吗")
    assert (again.action, again.reminder) == (Action.REMIND, Reminder.AGAIN)
    assert await _live(desk) == [] and await _buttons_taken(desk) == [10]
    await _sent_with_buttons(desk, 12)
    plain = await _say(desk, "?")
    assert (plain.action, plain.reminder) == (Action.REMIND, Reminder.PLAIN)
    assert await _live(desk) == [] and await _buttons_taken(desk) == [10, 12]
    await _sent_with_buttons(desk, 14)
    # Not a fourth reminder: a person takes the question as it is, in the fallback category.
    handed = await _say(desk, "hello")
    assert handed.action is Handover.OPEN and handed.ticket is not None
    assert handed.ticket.category == fallback_category(desk.settings)
    assert handed.ticket.question == QUESTION
    assert await _live(desk) == [] and await _buttons_taken(desk) == [10, 12, 14]
    reminded = [t.get("did") for t in handed.ticket.inquiry or [] if t.get("by") == "bot"]
    assert reminded == ["category", "remind", "remind", "remind"]
