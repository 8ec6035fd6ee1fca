"""What staff said under an unclaimed ticket's card (issue 14, "the first inquiry loses
nothing"): an officer asks the requester something before anyone claims the ticket, the
requester answers under the card. The owner then reads the whole exchange, in order, each
line naming who said it: in the topic's introduction at claim (a forum group), on the card
(a group without topics), and in `/ticket N`, in the staff's language (config
`languages.default`). End to end over the emulation."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from telegram.ext import Application

from bot.config import Settings, load_settings
from emulator.server import Emulator
from tests.conftest import ROOT
from tests.handlers.conftest import (
    GENERAL_GROUP,
    REQUESTER,
    DeskClock,
    bot_lines,
    bot_said,
    only_topic,
    until,
)

App = Application  # type: ignore[type-arg]
OFFICER, SECOND_OFFICER = 100101, 100102
ASKED, ANSWERED = "请问您家几口人?", "三口人,月收入四千"
# The exchange as the card and the topic's introduction show it, and /ticket N's lines.
EXCHANGE = {
    "zh": [
        "· 来电人:我想申请公租房",
        "· 工作人员 {name}(开单后,对来电人):" + ASKED,
        "· 来电人(开单后):" + ANSWERED,
    ],
    "en": [
        "· Requester: 我想申请公租房",
        "· Staff {name} (after the ticket opened, to the requester): " + ASKED,
        "· Requester (after the ticket opened): " + ANSWERED,
    ],
}
HISTORY = {
    "zh": ["{name} 回复来电人:" + ASKED, "来电人:" + ANSWERED],
    "en": ["{name} to the requester: " + ASKED, "requester: " + ANSWERED],
}


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    """config.yaml, the staff's language as the test says."""
    configured = load_settings(ROOT / "config.yaml")
    languages = configured.languages.model_copy(update={"default": request.param})
    return configured.model_copy(update={"languages": languages})


async def _asked_and_answered(emulator: Emulator, desk_clock: DeskClock) -> int:
    """A ticket whose card an officer replied to with a question the requester answered;
    the card's message id."""
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    desk_clock.now += timedelta(minutes=2)
    await world.user_sends(OFFICER, ASKED, GENERAL_GROUP, reply_to=card.message_id)
    await until(lambda: any(ASKED in e.text for e in bot_said(world, REQUESTER)))
    desk_clock.now += timedelta(minutes=2)
    await world.user_sends(REQUESTER, ANSWERED)
    await until(lambda: any(e.text == ANSWERED for e in bot_said(world, GENERAL_GROUP)))
    return card.message_id


def _in_order(text: str, lines: list[str]) -> bool:
    """Each of `lines` is a line of `text`, in this order."""
    shown = text.split("\n")
    if not all(line in shown for line in lines):
        return False
    at = [shown.index(line) for line in lines]
    return at == sorted(at)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_the_topic_introduction_shows_the_exchange_under_the_card_in_order(
    running: tuple[Emulator, App], desk_clock: DeskClock, settings: Settings
) -> None:
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    language = settings.languages.default
    world.chats[GENERAL_GROUP].is_forum = True
    card_id = await _asked_and_answered(emulator, desk_clock)
    # Another officer claims it: the owner, who did not ask, reads it all in the topic.
    await world.user_presses(SECOND_OFFICER, GENERAL_GROUP, card_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    name = desk.rules.staff.shown_as(OFFICER)
    lines = [line.format(name=name) for line in EXCHANGE[language]]

    def introduction() -> str:
        return "\n".join(e.text for e in bot_said(world, GENERAL_GROUP, topic.thread_id))

    await until(lambda: _in_order(introduction(), lines))
    # The requester's answer is listed there, not copied once more after it.
    await asyncio.sleep(0.3)  # anything still queued for the topic arrives
    in_topic = bot_said(world, GENERAL_GROUP, topic.thread_id)
    assert not any(e.text == ANSWERED for e in in_topic)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_the_card_shows_the_exchange_under_it_in_order(
    running: tuple[Emulator, App], desk_clock: DeskClock, settings: Settings
) -> None:
    """In a group without topics the card is what the owner reads of what came before."""
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    world.chats[GENERAL_GROUP].is_forum = False
    card_id = await _asked_and_answered(emulator, desk_clock)
    name = desk.rules.staff.shown_as(OFFICER)
    lines = [line.format(name=name) for line in EXCHANGE[settings.languages.default]]
    await until(lambda: _in_order(world.messages[(GENERAL_GROUP, card_id)]["text"], lines))


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_ticket_n_names_who_said_each_line(
    running: tuple[Emulator, App], desk_clock: DeskClock, settings: Settings
) -> None:
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    await _asked_and_answered(emulator, desk_clock)
    said = len(bot_said(world, GENERAL_GROUP))
    await world.user_sends(SECOND_OFFICER, "/ticket 1", GENERAL_GROUP)
    (history,) = (await bot_lines(emulator, GENERAL_GROUP, said + 1))[said:]
    name = desk.rules.staff.shown_as(OFFICER)
    expected = [line.format(name=name) for line in HISTORY[settings.languages.default]]
    # Each message line: its time, then who wrote it.
    lines = [line.split(" ", 2)[-1] for line in history.text.split("\n")]
    assert _in_order("\n".join(lines), expected), history.text
