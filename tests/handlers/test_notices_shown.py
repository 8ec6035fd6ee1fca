"""The core's notices as people see them, through the real bot and the emulation: the
ticket's staff hear in its topic (or under its card in a group without topics), a handoff's
form carries Accept, a resolution the rating buttons, a supervisor's copy nothing."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import GENERAL_GROUP, REQUESTER, bot_lines, only_topic, until

OFFICER, SOCIAL_OFFICER, SUPERVISOR = 100101, 100201, 100190
SOCIAL_GROUP = -1000000000102


def _said(world: Any, chat_id: int, words: str) -> list[Any]:
    return [e for e in world.transcripts.get(chat_id, []) if words in e.text]


@pytest.mark.parametrize("store", ["sqlite"])
# The department by its key, or by its name as the usage shows it (a tester's "公用事业科").
@pytest.mark.parametrize("department", ["social_security", "社会保障科"])
async def test_handoff_notices_land_in_the_tickets_topic_with_their_buttons(
    running: tuple[Emulator, Application],  # type: ignore[type-arg]
    department: str,
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await bot_lines(emulator, REQUESTER, 2)
    topic = await only_topic(world, GENERAL_GROUP)
    await world.user_sends(
        OFFICER,
        f"/transfer {department} 需核实社保 | 请核实缴费 | 8",
        GENERAL_GROUP,
        topic.thread_id,
    )
    (form,) = await bot_lines(emulator, SOCIAL_GROUP, 1)
    assert [b["callback_data"] for row in form.buttons for b in row] == ["accept:1"]
    await until(lambda: bool(_said(world, SUPERVISOR, "抄送")))
    (copy,) = _said(world, SUPERVISOR, "抄送")
    assert copy.buttons == []
    told = (await bot_lines(emulator, REQUESTER, 3))[-1]
    assert "社会保障科" in told.text and told.buttons == []
    await world.user_presses(SOCIAL_OFFICER, SOCIAL_GROUP, form.message_id, "accept:1")
    await until(lambda: bool(_said(world, GENERAL_GROUP, "接收办理")))
    (accepted,) = _said(world, GENERAL_GROUP, "接收办理")
    assert accepted.thread_id == topic.thread_id

    await world.user_sends(OFFICER, "/resolve 已受理申请", GENERAL_GROUP, topic.thread_id)
    resolution = (await bot_lines(emulator, REQUESTER, 4))[-1]
    assert "已受理申请" in resolution.text
    data = [b["callback_data"] for row in resolution.buttons for b in row]
    assert data[:5] == [f"rate:1:{n}" for n in range(1, 6)]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_without_topics_the_tickets_staff_hear_under_its_card(
    running: tuple[Emulator, Application],  # type: ignore[type-arg]
) -> None:
    emulator, _ = running
    world = emulator.world
    world.chats[GENERAL_GROUP].is_forum = False
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await bot_lines(emulator, REQUESTER, 2)
    await world.user_sends(
        OFFICER,
        "/transfer social_security 需核实社保 | 请核实缴费 | 8",
        GENERAL_GROUP,
        reply_to=card.message_id,
    )
    (form,) = await bot_lines(emulator, SOCIAL_GROUP, 1)
    await world.user_presses(SOCIAL_OFFICER, SOCIAL_GROUP, form.message_id, "accept:1")
    await until(lambda: bool(_said(world, GENERAL_GROUP, "接收办理")))
    (accepted,) = _said(world, GENERAL_GROUP, "接收办理")
    replied = world.messages[(GENERAL_GROUP, accepted.message_id)]["reply_to_message"]
    assert replied["message_id"] == card.message_id
