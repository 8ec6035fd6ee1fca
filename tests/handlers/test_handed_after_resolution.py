"""Once the owner resolves a ticket handed to another department, that department's words no
longer reach the requester: its officer's reply under the handoff form is kept as their
internal note, and they read why (a fresh tester's finding: "Is it working for you now?"
reached the requester, unattributed, after the group was told their words no longer come
there). The notice of the resolution ends its summary with one stop, not two. End to end over
the emulation."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.config import Settings
from bot.models import Direction, TicketMessage, TicketStatus
from emulator.server import Emulator
from tests.handlers.conftest import GENERAL_GROUP, REQUESTER, bot_said, until
from tests.handlers.test_handed_over import replies_to
from tests.handlers.test_handed_settled import (
    OFFICER,
    UTILITIES_GROUP,
    UTILITIES_OFFICER,
    _accepted,
    _status,
)

App = Application  # type: ignore[type-arg]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_the_handling_department_no_longer_reaches_a_resolved_tickets_requester(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    topic, form = await _accepted(emulator, application)
    summary = {"zh": "已恢复供水。", "en": "Water is working again."}[settings.languages.default]
    await world.user_sends(OFFICER, f"/resolve {summary}", GENERAL_GROUP, topic.thread_id)
    await _status(application, TicketStatus.RESOLVED)
    await until(
        lambda: any(summary in e.text for e in replies_to(world, UTILITIES_GROUP, form.message_id))
    )
    (settled,) = [
        e for e in replies_to(world, UTILITIES_GROUP, form.message_id) if summary in e.text
    ]
    assert summary + "。" not in settled.text and summary + "." not in settled.text, settled.text
    told_requester = len(bot_said(world, REQUESTER))

    question = "Is it working for you now?"
    await world.user_sends(UTILITIES_OFFICER, question, UTILITIES_GROUP, reply_to=form.message_id)
    why = {"zh": "没有发给诉求人", "en": "did not go to the requester"}[settings.languages.default]
    await until(lambda: any(why in e.text for e in bot_said(world, UTILITIES_GROUP)))
    (kept,) = [e for e in bot_said(world, UTILITIES_GROUP) if why in e.text]
    resolved = {"zh": "已办结", "en": "resolved"}[settings.languages.default]
    assert resolved in kept.text and "#1" in kept.text, kept.text
    await asyncio.sleep(0.3)
    assert len(bot_said(world, REQUESTER)) == told_requester
    assert not any(question in e.text for e in world.transcripts[REQUESTER])
    async with desk.sessions() as session:
        (note,) = await session.scalars(
            select(TicketMessage).where(TicketMessage.text == question)
        )
        assert note.direction is Direction.NOTE


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh"], indirect=True)
async def test_an_edit_of_the_handling_departments_reply_after_resolution_stays_with_staff(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, application = running
    world = emulator.world
    topic, form = await _accepted(emulator, application)
    sent = await world.user_sends(
        UTILITIES_OFFICER, "明天上午上门维修", UTILITIES_GROUP, reply_to=form.message_id
    )
    assert sent is not None
    await until(lambda: any("明天上午上门维修" in e.text for e in world.transcripts[REQUESTER]))
    await world.user_sends(OFFICER, "/resolve 已更换水管", GENERAL_GROUP, topic.thread_id)
    await _status(application, TicketStatus.RESOLVED)
    await until(lambda: any("已更换水管" in e.text for e in bot_said(world, REQUESTER)))
    told_requester = len(bot_said(world, REQUESTER))
    await world.user_edits(
        UTILITIES_OFFICER, UTILITIES_GROUP, sent["message"]["message_id"], "后天上午上门维修"
    )
    await until(
        lambda: any(
            "已办结" in e.text and "诉求人" in e.text and "王芳" in e.text
            for e in bot_said(world, UTILITIES_GROUP)[-1:]
        )
    )
    await asyncio.sleep(0.3)
    assert len(bot_said(world, REQUESTER)) == told_requester
    assert not any("后天上午" in e.text for e in world.transcripts[REQUESTER])
