"""Several messages in a row to an open ticket (a tester got the same "added to your ticket"
for each): the first is acknowledged, the ones that follow within a few minutes are not, until
staff reply or a quiet spell passes (bot/acknowledgements.py); every one still reaches the
ticket's officer. One reply to an album, as before. In the requester's language; end to end
over the emulation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram.ext import Application

from bot.acknowledgements import QUIET
from emulator.server import Emulator
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    REQUESTER,
    DeskClock,
    bot_lines,
    bot_said,
    only_topic,
    until,
)

App = Application  # type: ignore[type-arg]
OFFICER = 100101
# Both write Chinese, so both read Chinese, whatever their client is set to (issue 14).
ADDED = {REQUESTER: "已记入工单 #1", ENGLISH: "已记入工单 #1"}
PHOTO = {"photo": [{"file_id": "p1", "file_unique_id": "u1", "width": 90, "height": 90}]}


def _acknowledged(emulator: Emulator, requester: int) -> int:
    return sum(ADDED[requester] in e.text for e in bot_said(emulator.world, requester))


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_messages_in_a_row_are_acknowledged_once(
    running: tuple[Emulator, App], desk_clock: DeskClock, requester: int
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(requester, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    heard = len(await bot_lines(emulator, requester, 2))  # the promise, the claim

    def in_topic(text: str) -> bool:
        return any(text in e.text for e in world.transcripts[GENERAL_GROUP])

    # Three in a row, a minute apart: the first acknowledged, all three with the officer.
    for n in (1, 2, 3):
        desk_clock.now += timedelta(minutes=1)
        await world.user_sends(requester, f"补充材料{n}")
        await until(lambda n=n: in_topic(f"补充材料{n}"))
    await until(lambda: _acknowledged(emulator, requester) == 1)
    # An album right after: one message, quiet too; its items reach the officer.
    await world.user_sends_album(requester, [PHOTO, PHOTO], caption="房产证照片")
    await until(lambda: in_topic("房产证照片"))
    # The officer answers: the next message is acknowledged again.
    await world.user_sends(OFFICER, "收到,请再补充户口本", GENERAL_GROUP, topic.thread_id)
    await until(lambda: any("请再补充户口本" in e.text for e in bot_said(world, requester)))
    desk_clock.now += timedelta(minutes=1)
    await world.user_sends(requester, "户口本在这里")
    await until(lambda: _acknowledged(emulator, requester) == 2)
    desk_clock.now += timedelta(minutes=1)
    await world.user_sends(requester, "还有一页")
    await until(lambda: in_topic("还有一页"))
    # After a quiet spell, acknowledged again.
    desk_clock.now += QUIET
    await world.user_sends(requester, "过了一阵又想起一件事")
    await until(lambda: _acknowledged(emulator, requester) == 3)
    # Nothing else was said to them: the three acknowledgements and the officer's reply.
    assert len(bot_said(world, requester)) == heard + 4


@pytest.mark.parametrize("store", ["sqlite"])
async def test_an_edit_is_not_a_message_of_the_run(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    """A tester corrected a message long after sending it, then wrote again a minute later and
    heard nothing: the edit had counted as the message just before. The run is of messages."""
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await only_topic(world, GENERAL_GROUP)
    await bot_lines(emulator, REQUESTER, 2)  # the promise, the claim

    def in_topic(text: str) -> bool:
        return any(text in e.text for e in world.transcripts[GENERAL_GROUP])

    desk_clock.now += timedelta(minutes=1)
    sent = await world.user_sends(REQUESTER, "补充材料:身份证")
    assert sent is not None
    await until(lambda: _acknowledged(emulator, REQUESTER) == 1)
    desk_clock.now += QUIET + timedelta(minutes=1)
    edited = "补充材料:身份证和户口本"
    await world.user_edits(REQUESTER, REQUESTER, sent["message"]["message_id"], edited)
    await until(lambda: in_topic("身份证和户口本"))
    desk_clock.now += timedelta(minutes=1)
    await world.user_sends(REQUESTER, "还有结婚证")
    await until(lambda: in_topic("还有结婚证"))
    await until(lambda: _acknowledged(emulator, REQUESTER) == 2)
