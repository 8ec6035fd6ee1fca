"""A requester edits a message they sent into their open ticket (issue 14's tester: the edit
reached the staff marked as an edit, but the officer could not see which message changed).
The mark is a reply to the staff's copy of the message edited; when the staff never got a
copy of it (their question, an old message), the mark quotes what it read. End to end over
the emulation, in both languages of the staff."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.config import Settings
from bot.models import StaffLink
from emulator.server import Emulator
from tests.handlers.conftest import (
    GENERAL_GROUP,
    REQUESTER,
    bot_lines,
    bot_said,
    only_topic,
    staff_speaking,
    until,
)

App = Application  # type: ignore[type-arg]
OFFICER = 100101
MARK = {"zh": "诉求人修改了", "en": "The requester edited"}
WAS = {"zh": "原为:", "en": "It read:"}


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(request.param)


async def _linked(application: App, copy: int) -> bool:
    async with application.bot_data.desk.sessions() as session:
        found = await session.scalar(
            select(StaffLink.from_message_id).where(
                StaffLink.chat_id == GENERAL_GROUP, StaffLink.message_id == copy
            )
        )
    return found is not None


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_a_requesters_edit_replies_to_the_staffs_copy_of_what_changed(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, application = running
    world = emulator.world
    language = settings.languages.default
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)

    def marks() -> list[dict[str, Any]]:
        lines = bot_said(world, GENERAL_GROUP, topic.thread_id)
        return [
            world.messages[(GENERAL_GROUP, e.message_id)]
            for e in lines
            if MARK[language] in (e.text or "")
        ]

    def copies(text: str) -> list[int]:
        lines = bot_said(world, GENERAL_GROUP, topic.thread_id)
        return [e.message_id for e in lines if e.text == text]

    async def copied(text: str) -> tuple[dict[str, Any], int]:
        sent = await world.user_sends(REQUESTER, text)
        assert sent is not None
        await until(lambda: copies(text))
        (copy,) = copies(text)
        # The copy is linked as it is marked sent (a moment after Telegram has it).
        await until(lambda: _linked(application, copy))
        return sent["message"], copy

    # What they send is copied into the topic: the mark of its edit replies to that copy,
    # which shows what it read.
    sent, copy = await copied("我家三口人")
    await world.user_edits(REQUESTER, REQUESTER, sent["message_id"], "我家四口人")
    await until(lambda: len(marks()) == 1 and copies("我家四口人"))
    (mark,) = marks()
    assert mark["reply_to_message"]["message_id"] == copy, mark
    assert WAS[language] not in mark["text"]

    # A copy the desk cannot name (linked before links recorded what they carry): the mark
    # quotes what the message read.
    sent, copy = await copied("收入证明已经开好")
    async with application.bot_data.desk.transaction() as tx:
        link = await tx.session.get(StaffLink, (GENERAL_GROUP, copy))
        assert link is not None
        link.from_chat_id = link.from_message_id = None
    await world.user_edits(REQUESTER, REQUESTER, sent["message_id"], "收入证明明天开好")
    await until(lambda: len(marks()) == 2)
    quoted = marks()[1]
    assert WAS[language] in quoted["text"] and "收入证明已经开好" in quoted["text"], quoted
