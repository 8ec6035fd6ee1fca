"""An officer edits a reply the requester already has (a tester's edit reached the requester
as if it were a new message): the requester gets the words as they now read, marked as an
edit in their language, with the ticket's number when they have more than one ticket in
hand; an edited note or command reaches nobody and does nothing again. A requester's own edits
are marked for the staff (tests/handlers/test_requester.py). End to end over the emulation."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import StaffLink, TicketMessage
from emulator.server import Emulator
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    REQUESTER,
    bot_lines,
    bot_said,
    only_topic,
    until,
)

App = Application  # type: ignore[type-arg]
OFFICER = 100101
# The mark of an edit; the ticket's number when more than one is in hand.
SAID = {REQUESTER: ("(已修改)", "【工单 #1】"), ENGLISH: ("(edited)", "[Ticket #1]")}
# Each in their language: the bot answers in the language of the requester's words.
APPLY = {REQUESTER: "我想申请公租房", ENGLISH: "I want to apply for public rental housing"}


def _texts(emulator: Emulator, chat_id: int) -> list[str]:
    return [e.text for e in bot_said(emulator.world, chat_id)]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_an_officers_edit_reaches_the_requester_marked(
    running: tuple[Emulator, App], requester: int
) -> None:
    emulator, application = running
    world = emulator.world
    edited, numbered = SAID[requester]
    await world.user_sends(requester, APPLY[requester])
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    reply = await world.user_sends(OFFICER, "请明天上午来窗口", GENERAL_GROUP, topic.thread_id)
    assert reply is not None
    await until(lambda: "请明天上午来窗口" in _texts(emulator, requester))
    heard = len(_texts(emulator, requester))

    # The reply, edited: marked, as it now reads.
    reply_id = reply["message"]["message_id"]
    await world.user_edits(OFFICER, GENERAL_GROUP, reply_id, "请后天上午来窗口")
    await until(lambda: len(_texts(emulator, requester)) > heard)
    assert _texts(emulator, requester)[heard:] == [f"{edited} 请后天上午来窗口"]
    # Filed as an edit: the ticket's record has both.
    async with application.bot_data.desk.sessions() as session:
        filed = list(await session.scalars(select(TicketMessage.text)))
    assert "请明天上午来窗口" in filed and "请后天上午来窗口" in filed

    # An edited note and an edited resolution reach nobody and do nothing again.
    note = await world.user_sends(OFFICER, "/note 已电话联系", GENERAL_GROUP, topic.thread_id)
    assert note is not None
    await world.user_edits(OFFICER, GENERAL_GROUP, note["message"]["message_id"], "/note 改了")
    await world.user_edits(OFFICER, GENERAL_GROUP, reply_id, "/resolve 已办结")
    await asyncio.sleep(0.5)
    assert len(_texts(emulator, requester)) == heard + 1

    # With a second ticket in hand: which ticket the edit is about.
    await world.user_sends(requester, "/new")
    await world.user_sends(requester, APPLY[requester])
    await bot_lines(emulator, GENERAL_GROUP, 2)
    heard = len(await bot_lines(emulator, requester, heard + 3))
    await world.user_edits(OFFICER, GENERAL_GROUP, reply_id, "请周五上午来窗口")
    await until(lambda: len(_texts(emulator, requester)) > heard)
    (last,) = _texts(emulator, requester)[heard:]
    assert last.startswith(numbered) and f"{edited} 请周五上午来窗口" in last, last


async def _replied_and_delivered(
    emulator: Emulator, requester: int, words: str
) -> tuple[int, int]:
    """A ticket claimed and answered by the officer in its topic: the officer's message id,
    and the id of the copy the requester received."""
    world = emulator.world
    await world.user_sends(requester, APPLY[requester])
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    reply = await world.user_sends(OFFICER, words, GENERAL_GROUP, topic.thread_id)
    assert reply is not None
    await until(lambda: words in _texts(emulator, requester))
    (copy,) = [e for e in bot_said(world, requester) if e.text == words]
    return reply["message"]["message_id"], copy.message_id


async def _linked(application: App, chat_id: int, message_id: int) -> StaffLink:
    """The link of a message the bot sent, once the sender has recorded it."""
    desk = application.bot_data.desk

    async def there() -> StaffLink | None:
        async with desk.sessions() as session:
            return await session.get(StaffLink, (chat_id, message_id))

    await until(there)
    found = await there()
    assert found is not None
    return found


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_an_officers_edit_replies_to_the_requesters_copy_of_the_original(
    running: tuple[Emulator, App], requester: int
) -> None:
    """The requester sees which reply changed: the edit comes as a reply to their copy of
    it (as Telegram shows a reply, quoting it), marked in their language."""
    emulator, application = running
    world = emulator.world
    edited, _numbered = SAID[requester]
    reply_id, copy_id = await _replied_and_delivered(emulator, requester, "请明天上午来窗口")
    link = await _linked(application, requester, copy_id)
    assert (link.from_chat_id, link.from_message_id) == (GENERAL_GROUP, reply_id)
    heard = len(_texts(emulator, requester))
    await world.user_edits(OFFICER, GENERAL_GROUP, reply_id, "请后天上午来窗口")
    await until(lambda: len(_texts(emulator, requester)) > heard)
    (edit,) = bot_said(world, requester)[heard:]
    assert edit.text == f"{edited} 请后天上午来窗口"
    message = world.messages[(requester, edit.message_id)]
    assert message["reply_to_message"]["message_id"] == copy_id


@pytest.mark.parametrize("store", ["sqlite"])
async def test_an_edit_of_a_reply_whose_copy_is_unknown_comes_as_before(
    running: tuple[Emulator, App],
) -> None:
    """A copy the desk cannot name (linked before links recorded what they carry): the edit
    still reaches the requester, marked, as a message of its own."""
    emulator, application = running
    world = emulator.world
    reply_id, copy_id = await _replied_and_delivered(emulator, REQUESTER, "请明天上午来窗口")
    await _linked(application, REQUESTER, copy_id)
    async with application.bot_data.desk.transaction() as tx:
        link = await tx.session.get(StaffLink, (REQUESTER, copy_id))
        assert link is not None
        link.from_chat_id = link.from_message_id = None
    heard = len(_texts(emulator, REQUESTER))
    await world.user_edits(OFFICER, GENERAL_GROUP, reply_id, "请后天上午来窗口")
    await until(lambda: len(_texts(emulator, REQUESTER)) > heard)
    (edit,) = bot_said(world, REQUESTER)[heard:]
    assert edit.text == "(已修改) 请后天上午来窗口"
    assert "reply_to_message" not in world.messages[(REQUESTER, edit.message_id)]
