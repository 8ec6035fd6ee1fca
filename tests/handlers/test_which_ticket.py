"""A requester with two tickets in hand, each owned by another officer (issue 14, input 6):
staff messages say which ticket they are about, and the requester's words reach the ticket
they answer, through the real bot and the emulation."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import Application

from bot.models import StaffLink, TicketMessage
from bot.replies import UNDER_WAY
from emulator.server import Emulator
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    REQUESTER,
    DeskClock,
    bot_lines,
    bot_said,
    until,
)

App = Application  # type: ignore[type-arg]
Sessions = async_sessionmaker[AsyncSession]
OFFICER, SECOND_OFFICER = 100101, 100102


def _bot_said(world: Any, chat_id: int) -> list[Any]:
    return bot_said(world, chat_id)


async def _filed(application: App, text: str) -> list[int]:
    """The tickets a message with these words is filed under."""
    async with application.bot_data.desk.sessions() as session:
        query = select(TicketMessage.ticket_id).where(TicketMessage.text.contains(text))
        return list((await session.scalars(query)).all())


def _in_topic(world: Any, thread_id: int, words: str) -> bool:
    return any(
        words in e.text and e.thread_id == thread_id
        for e in world.transcripts.get(GENERAL_GROUP, [])
        if e.sender_id == world.bot.id
    )


async def _two_tickets(emulator: Emulator, claimed: bool) -> tuple[Any, Any]:
    """Ticket #1 (housing) and, after /new, #2 (a residence permit; both the general
    window's, by the routing): with `claimed`, #1 owned by
    OFFICER and #2 by SECOND_OFFICER; the topics of #1 and #2 (None unclaimed)."""
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (first,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_sends(REQUESTER, "/new")
    await world.user_sends(REQUESTER, "居住证怎么办理")
    answer = (await bot_lines(emulator, REQUESTER, 3))[-1]
    await world.user_presses(REQUESTER, REQUESTER, answer.message_id, "human")
    second = (await bot_lines(emulator, GENERAL_GROUP, 2))[-1]
    assert "工单 #2" in (await bot_lines(emulator, REQUESTER, 4))[-1].text
    if not claimed:
        return None, None
    await world.user_presses(OFFICER, GENERAL_GROUP, first.message_id, "claim:1")
    await until(lambda: len(world.chats[GENERAL_GROUP].topics) == 1)
    await world.user_presses(SECOND_OFFICER, GENERAL_GROUP, second.message_id, "claim:2")
    await until(lambda: len(world.chats[GENERAL_GROUP].topics) == 2)
    topics = sorted(world.chats[GENERAL_GROUP].topics.values(), key=lambda t: t.thread_id)
    await until(lambda: len(_bot_said(world, REQUESTER)) == 6)  # both claims told
    return topics[0], topics[1]


@pytest.mark.parametrize("store", ["sqlite", "postgresql"])
async def test_an_answer_reaches_the_ticket_it_replies_to(
    sessions: Sessions,  # first: on PostgreSQL, a database emptied of earlier tests
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    first, second = await _two_tickets(emulator, claimed=True)

    # #1's officer asks; the requester reads which ticket it is about.
    await world.user_sends(OFFICER, "请问您的户籍在本市吗?", GENERAL_GROUP, first.thread_id)
    asked = (await bot_lines(emulator, REQUESTER, 7))[-1]
    assert asked.text == "【工单 #1】请问您的户籍在本市吗?"
    # Their answer, a reply to it, reaches #1 and its officer (not #2, the newer ticket).
    await world.user_sends(REQUESTER, "是的,本市户籍", reply_to=asked.message_id)
    assert "已记入工单 #1" in (await bot_lines(emulator, REQUESTER, 8))[-1].text
    await until(lambda: _in_topic(world, first.thread_id, "是的,本市户籍"))
    assert not _in_topic(world, second.thread_id, "是的,本市户籍")
    # Without a reply: the ticket whose staff wrote last.
    await world.user_sends(REQUESTER, "我家三口人")
    assert "已记入工单 #1" in (await bot_lines(emulator, REQUESTER, 9))[-1].text
    await until(lambda: _in_topic(world, first.thread_id, "我家三口人"))

    # #2's officer writes: now plain words go to #2 ...
    await world.user_sends(SECOND_OFFICER, "请提供卡号", GENERAL_GROUP, second.thread_id)
    assert (await bot_lines(emulator, REQUESTER, 10))[-1].text == "【工单 #2】请提供卡号"
    await world.user_sends(REQUESTER, "卡号尾号1234")
    assert "已记入工单 #2" in (await bot_lines(emulator, REQUESTER, 11))[-1].text
    await until(lambda: _in_topic(world, second.thread_id, "卡号尾号1234"))
    # ... and a reply to #1's question still reaches #1.
    await world.user_sends(REQUESTER, "户口本在家里", reply_to=asked.message_id)
    assert "已记入工单 #1" in (await bot_lines(emulator, REQUESTER, 12))[-1].text
    await until(lambda: _in_topic(world, first.thread_id, "户口本在家里"))
    assert not _in_topic(world, second.thread_id, "户口本在家里")
    assert not _in_topic(world, first.thread_id, "卡号尾号1234")


@pytest.mark.parametrize("store", ["sqlite"])
async def test_with_no_clue_the_requester_is_asked_which_ticket(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    """No reply, no staff word, and nothing said of either for over half an hour: asked;
    once they chose, what they add next goes there too (a conversation under way)."""
    emulator, application = running
    world = emulator.world
    await _two_tickets(emulator, claimed=False)
    desk_clock.now += UNDER_WAY + timedelta(minutes=1)
    sent = await world.user_sends(REQUESTER, "补充一下:卡号尾号1234")
    question = (await bot_lines(emulator, REQUESTER, 5))[-1]
    assert "哪一张" in question.text
    data = [b["callback_data"] for row in question.buttons for b in row]
    message_id = sent["message"]["message_id"]
    assert [d.split(":")[1] for d in data] == ["1", "2"]
    assert all(d.endswith(f":{message_id}") for d in data)
    assert await _filed(application, "卡号尾号1234") == []

    await world.user_presses(REQUESTER, REQUESTER, question.message_id, data[1])
    assert "已记入工单 #2" in (await bot_lines(emulator, REQUESTER, 6))[-1].text
    assert await _filed(application, "卡号尾号1234") == [2]
    await until(lambda: world.find(REQUESTER, question.message_id).get("reply_markup") is None)
    # Pressing again (or the other button) files nothing twice: the stale-button alert.
    pressed = await world.user_presses(REQUESTER, REQUESTER, question.message_id, data[0])
    query_id = pressed["callback_query"]["id"]
    await until(lambda: query_id in world.answered)
    assert "失效" in str(world.answered[query_id])
    assert await _filed(application, "卡号尾号1234") == [2]
    # What they add right after goes to the ticket they just chose, not asked again: the
    # acknowledgement said so (two tickets being in hand: bot/acknowledgements.py), and it is
    # of the same burst, filed without another reply.
    assert "也记入工单 #2" in _bot_said(world, REQUESTER)[5].text
    await world.user_sends(REQUESTER, "补办要多少钱")

    async def filed() -> bool:
        return await _filed(application, "补办要多少钱") == [2]

    await until(filed)
    await asyncio.sleep(1)
    assert len(_bot_said(world, REQUESTER)) == 6


@pytest.mark.parametrize("store", ["sqlite"])
async def test_right_after_opening_a_ticket_their_words_go_to_it(
    running: tuple[Emulator, App],
) -> None:
    """A tester opened #4 beside #1 and was asked "which ticket?" for every message after:
    a clerk takes what someone adds right after opening a matter as more of that matter."""
    emulator, application = running
    world = emulator.world
    await _two_tickets(emulator, claimed=False)
    await world.user_sends(REQUESTER, "我是在外地办的,能在本地领吗")
    assert "已记入工单 #2" in (await bot_lines(emulator, REQUESTER, 5))[-1].text
    assert await _filed(application, "在外地办的") == [2]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_each_claim_notice_names_its_ticket_its_matter_and_how_to_reach_its_owner(
    running: tuple[Emulator, App],
) -> None:
    """With two tickets in hand, "all you send goes to 王芳" and then "... to 李强" would
    both be false: each notice names its ticket by number and matter, and a reply to it
    reaches that ticket's owner."""
    emulator, application = running
    world = emulator.world
    first, second = await _two_tickets(emulator, claimed=True)
    one, two = (await bot_lines(emulator, REQUESTER, 6))[-2:]
    claims = sorted([one, two], key=lambda e: "#2" in e.text)
    assert claims[0].text.startswith("您的工单 #1(「我想申请公租房」)已由 王芳 负责办理")
    assert claims[1].text.startswith("您的工单 #2(「居住证怎么办理」)已由 李强 负责办理")
    assert all("请回复本消息,内容会转给" in c.text for c in claims)
    assert not any("都会直接转给" in c.text for c in claims)

    # A reply to #2's notice (linked to #2 once sent, as a person would see) reaches #2.
    async def linked() -> bool:
        async with application.bot_data.desk.sessions() as session:
            return await session.get(StaffLink, (REQUESTER, claims[1].message_id)) is not None

    await until(linked)
    await world.user_sends(REQUESTER, "我在本市工作两年了", reply_to=claims[1].message_id)
    assert "已记入工单 #2" in (await bot_lines(emulator, REQUESTER, 7))[-1].text
    await until(lambda: _in_topic(world, second.thread_id, "我在本市工作两年了"))
    assert not _in_topic(world, first.thread_id, "我在本市工作两年了")


@pytest.mark.parametrize("store", ["sqlite"])
async def test_with_one_ticket_the_claim_notice_says_all_goes_to_its_owner_in_english(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(ENGLISH, "I want to complain: the clerk at window 3 was rude")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await until(lambda: any("handled by" in e.text for e in _bot_said(world, ENGLISH)))
    (told,) = [e.text for e in _bot_said(world, ENGLISH) if "handled by" in e.text]
    # Named as config.yaml spells 王芳 in English.
    assert told.startswith("Your ticket #1 is now handled by Wang Fang")
    assert told.endswith("Anything you send here goes straight to Wang Fang.")


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_reply_to_the_bots_own_message_about_a_ticket_chooses_it(
    running: tuple[Emulator, App],
) -> None:
    """The promise with the ticket's number and the claim notice stand for their ticket: a
    reply to one goes there, ahead of "whose staff wrote last" (issue 15, D4)."""
    emulator, _ = running
    world = emulator.world
    first, second = await _two_tickets(emulator, claimed=True)
    said = _bot_said(world, REQUESTER)
    promise_2 = next(e for e in said if "工单 #2" in e.text)
    claimed_2 = said[5]
    assert "#2" in claimed_2.text
    # #1's officer wrote last: plain words would go to #1.
    await world.user_sends(OFFICER, "请问您的户籍在本市吗?", GENERAL_GROUP, first.thread_id)
    await bot_lines(emulator, REQUESTER, 7)
    await world.user_sends(REQUESTER, "居住证的材料齐了", reply_to=promise_2.message_id)
    assert "已记入工单 #2" in (await bot_lines(emulator, REQUESTER, 8))[-1].text
    await until(lambda: _in_topic(world, second.thread_id, "居住证的材料齐了"))
    await world.user_sends(REQUESTER, "什么时候能办好", reply_to=claimed_2.message_id)
    assert "已记入工单 #2" in (await bot_lines(emulator, REQUESTER, 9))[-1].text
    await until(lambda: _in_topic(world, second.thread_id, "什么时候能办好"))
    assert not _in_topic(world, first.thread_id, "居住证的材料齐了")


@pytest.mark.parametrize("store", ["sqlite"])
async def test_words_after_a_resolution_go_to_the_resolved_ticket_if_it_was_the_last_word(
    running: tuple[Emulator, App],
) -> None:
    """#1's officer asked something, then #2 was resolved: the requester's next words (no
    reply) answer the resolution, the latest the staff said to them, so they go to #2 and
    reopen it, not to #1's officer."""
    emulator, _ = running
    world = emulator.world
    first, second = await _two_tickets(emulator, claimed=True)
    await world.user_sends(OFFICER, "请问您的户籍在本市吗?", GENERAL_GROUP, first.thread_id)
    await bot_lines(emulator, REQUESTER, 7)
    await world.user_sends(
        SECOND_OFFICER, "/resolve 居住证已可领取,请带身份证", GENERAL_GROUP, second.thread_id
    )
    await bot_lines(emulator, REQUESTER, 8)
    await world.user_sends(REQUESTER, "还是没办好,窗口说材料不全")
    told = (await bot_lines(emulator, REQUESTER, 9))[-1]
    assert "#2" in told.text and "重新打开" in told.text
    await until(lambda: _in_topic(world, second.thread_id, "还是没办好,窗口说材料不全"))
    assert not _in_topic(world, first.thread_id, "还是没办好,窗口说材料不全")


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_message_to_another_ticket_than_the_last_is_acknowledged_with_its_number(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    """With two tickets in hand each change of ticket is acknowledged with its ticket's number
    (a tester's ID number went to the other department's ticket without a word), and the
    acknowledgement says that what follows in a row goes there too; the same ticket again
    within the burst is filed without another reply (issue 14: an acknowledgement a
    message was too many)."""
    emulator, _ = running
    world = emulator.world
    first, second = await _two_tickets(emulator, claimed=True)
    await world.user_sends(OFFICER, "请问您的户籍在本市吗?", GENERAL_GROUP, first.thread_id)
    asked_first = (await bot_lines(emulator, REQUESTER, 7))[-1]
    await world.user_sends(SECOND_OFFICER, "请提供卡号", GENERAL_GROUP, second.thread_id)
    asked_second = (await bot_lines(emulator, REQUESTER, 8))[-1]
    desk_clock.now += timedelta(minutes=1)
    await world.user_sends(REQUESTER, "是的,本市户籍", reply_to=asked_first.message_id)
    assert "已记入工单 #1" in (await bot_lines(emulator, REQUESTER, 9))[-1].text
    desk_clock.now += timedelta(minutes=1)
    await world.user_sends(REQUESTER, "卡号尾号1234", reply_to=asked_second.message_id)
    assert "已记入工单 #2" in (await bot_lines(emulator, REQUESTER, 10))[-1].text
    # Back to #1 a minute later, no staff word since: within its run, but after #2's words.
    desk_clock.now += timedelta(minutes=1)
    await world.user_sends(REQUESTER, "户口本在家里", reply_to=asked_first.message_id)
    assert "已记入工单 #1" in (await bot_lines(emulator, REQUESTER, 11))[-1].text
    told = (await bot_lines(emulator, REQUESTER, 11))[-1].text
    assert "也记入工单 #1" in told and "工单 #2 的内容,请回复" in told
    # The same ticket again, a minute later: one of the burst, filed without a reply.
    desk_clock.now += timedelta(minutes=1)
    await world.user_sends(REQUESTER, "我家三口人", reply_to=asked_first.message_id)
    await until(lambda: _in_topic(world, first.thread_id, "我家三口人"))
    await asyncio.sleep(1)
    assert len(bot_said(world, REQUESTER)) == 11
