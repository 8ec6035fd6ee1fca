"""A /priority that lowers a ticket's priority says so (issue 14: "/priority high" on an
URGENT ticket answered only "priority is now high", the lowering unsaid): staff may lower it
deliberately, so it is done, never refused, and the answer and the ticket's staff read
"lowered from urgent to high"; a raise reads as before."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.config import Settings
from emulator.server import Emulator
from tests.handlers.conftest import (
    GENERAL_GROUP,
    REQUESTER,
    bot_lines,
    bot_said,
    only_topic,
    replied,
    staff_speaking,
    until,
)

App = Application  # type: ignore[type-arg]
OFFICER = 100101
SUPERVISOR = 100190
LOWERED = {"zh": "优先级由特急下调为紧急", "en": "lowered from Urgent to High"}
RAISED = {"zh": "优先级调整为特急", "en": "now Urgent"}


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(request.param)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_a_lowering_by_priority_says_it_lowered(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, _ = running
    world = emulator.world
    language = settings.languages.default
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    # A supervisor raises it, then lowers it, by number in the group: each answered.
    raising = await world.user_sends(SUPERVISOR, "/priority 1 urgent", GENERAL_GROUP)
    assert raising is not None
    raised = await replied(world, GENERAL_GROUP, raising["message"]["message_id"])
    assert RAISED[language] in raised and LOWERED[language] not in raised
    lowering = await world.user_sends(SUPERVISOR, "/priority 1 high", GENERAL_GROUP)
    assert lowering is not None
    lowered = await replied(world, GENERAL_GROUP, lowering["message"]["message_id"])
    assert LOWERED[language] in lowered
    # Its owner lowers it again in its topic: the topic's notice says so, naming who.
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    await world.user_sends(OFFICER, "/priority 1 urgent", GENERAL_GROUP, topic.thread_id)
    await world.user_sends(OFFICER, "/priority normal", GENERAL_GROUP, topic.thread_id)
    normal = {"zh": "优先级由特急下调为普通", "en": "lowered the priority from Urgent to Normal"}
    await until(
        lambda: any(
            normal[language] in e.text and e.thread_id == topic.thread_id
            for e in bot_said(world, GENERAL_GROUP)
        )
    )
