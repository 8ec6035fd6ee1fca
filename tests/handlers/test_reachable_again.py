"""A requester who blocked the bot and comes back (issue 14, input 4): what could not reach
them meanwhile reaches them, and the owner learns they are back, through the real bot and
the emulation."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import Application

from bot.models import OutboxMessage, Requester, TicketMessage
from emulator.server import Emulator
from tests.handlers.conftest import (
    GENERAL_GROUP,
    REQUESTER,
    bot_lines,
    bot_said,
    only_topic,
    until,
)

App = Application  # type: ignore[type-arg]
Sessions = async_sessionmaker[AsyncSession]
OFFICER = 100101


def _said(world: Any, chat_id: int, words: str) -> list[Any]:
    return [e for e in bot_said(world, chat_id) if words in e.text]


async def _block(emulator: Emulator, blocked: bool) -> None:
    """The requester blocks (or unblocks) the bot without the bot hearing of it (no
    `my_chat_member` update, as if it were missed): what it learns is Telegram's 403, and
    that they write again. (What it does when Telegram tells it: tests/handlers/
    test_unblocked.py.)"""
    emulator.world.users[REQUESTER].blocked_bot = blocked


@pytest.mark.parametrize("store", ["sqlite", "postgresql"])
async def test_what_missed_a_blocked_requester_reaches_them_when_they_write_again(
    sessions: Sessions,  # first: on PostgreSQL, a database emptied of earlier tests
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await bot_lines(emulator, REQUESTER, 1)  # the promise

    await _block(emulator, True)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    # The claim's notice to the requester is refused: the owner hears it in the topic.
    await until(lambda: bool(_said(world, GENERAL_GROUP, "屏蔽")))
    await world.user_sends(OFFICER, "请提供户口本复印件", GENERAL_GROUP, topic.thread_id)

    async def refused() -> bool:
        async with desk.sessions() as session:
            query = select(OutboxMessage.failed_at).where(OutboxMessage.template == "staff_reply")
            failed = (await session.scalars(query)).all()
        return bool(failed) and all(f is not None for f in failed)

    await until(refused)  # the officer's reply is refused too: given up, nobody told twice
    assert len(_said(world, GENERAL_GROUP, "屏蔽")) == 1
    before = len([e for e in world.transcripts[REQUESTER] if e.sender_id == world.bot.id])

    await _block(emulator, False)
    await world.user_sends(REQUESTER, "不好意思,刚才误屏蔽了")
    # They hear what they missed, in its order, then that their words were added.
    lines = await bot_lines(emulator, REQUESTER, before + 4)
    missed = [e.text for e in lines[before:]]
    assert "未能送达" in missed[0] and "2 条" in missed[0]
    assert "王芳" in missed[1]  # the claim: who owns their ticket now
    # The officer's reply, in its words, each saying when it was written (issue 14).
    assert missed[2] == "〔写于 2026-11-30 09:00〕\n请提供户口本复印件", missed[2]
    assert "写于 2026-11-30 09:00" in missed[1], missed[1]
    assert "已记入工单 #1" in missed[3]
    # The owner hears in the ticket's topic that the requester is back and what was re-sent.
    await until(lambda: bool(_said(world, GENERAL_GROUP, "恢复联系")))
    (back,) = _said(world, GENERAL_GROUP, "恢复联系")
    assert back.thread_id == topic.thread_id and "2 条消息已补发" in back.text
    async with desk.sessions() as session:
        requester = await session.scalar(select(Requester))
        notes = (await session.scalars(select(TicketMessage.text))).all()
    assert requester is not None and not requester.blocked_bot
    assert any("reachable again" in n for n in notes)

    # Nothing is sent twice: writing again re-sends nothing and tells nobody again.
    await world.user_sends(REQUESTER, "户口本明天拍给您")
    lines = await bot_lines(emulator, REQUESTER, before + 5)
    assert "已记入工单 #1" in lines[-1].text and len(lines) == before + 5
    assert len(_said(world, GENERAL_GROUP, "恢复联系")) == 1

    # /ticket 1 words the bot's notes of it in the staff's language, not the log's English.
    await world.user_sends(OFFICER, "/ticket 1", GENERAL_GROUP)
    await until(lambda: bool(_said(world, GENERAL_GROUP, "经过:")))
    (history,) = _said(world, GENERAL_GROUP, "经过:")
    assert "诉求人已屏蔽本机器人,消息无法送达" in history.text
    assert "诉求人已恢复联系(向机器人发来消息),补发 2 条" in history.text
    assert "unreachable" not in history.text and "reachable again" not in history.text


async def test_a_notice_about_a_ticket_claimed_by_an_answer_reaches_its_topic(
    sessions: Sessions,  # first: on PostgreSQL, a database emptied of earlier tests
    running: tuple[Emulator, App],
) -> None:
    """An officer's answer under an unclaimed ticket's card claims it (bot/speaking.py): what
    its staff are told about the answer (here, that the requester blocked the bot) goes to
    the topic the claim opened, where its owner works, not loose in the General topic. (A
    notice about a ticket nobody owns answers its card there: tests/handlers/
    test_alert_replies.py.)"""
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await bot_lines(emulator, REQUESTER, 1)  # the promise
    await _block(emulator, True)
    await world.user_sends(OFFICER, "请问您家几口人?", GENERAL_GROUP, reply_to=card.message_id)
    await until(lambda: bool(_said(world, GENERAL_GROUP, "屏蔽")))
    (told,) = _said(world, GENERAL_GROUP, "屏蔽")
    assert told.thread_id == (await only_topic(world, GENERAL_GROUP)).thread_id
