"""What was said under a ticket's card before and as it was claimed (issue 14, "the first
inquiry loses nothing"): the requester adds something before anyone claims the ticket, then
an officer answers them under the card, which claims it (bot/speaking.py: who answers first
owns it), and the requester answers. The owner and whoever reads the ticket later see the
whole exchange, in order, each line naming who said it: in the topic's introduction at the
claim (a forum group), on the card (a group without topics), and in `/ticket N`, in the
staff's language (config `languages.default`). End to end over the emulation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram.ext import Application

from bot.config import Settings
from emulator.server import Emulator
from tests.handlers.conftest import (
    GENERAL_GROUP,
    REQUESTER,
    DeskClock,
    bot_lines,
    bot_said,
    only_topic,
    staff_speaking,
    until,
)

App = Application  # type: ignore[type-arg]
OFFICER, SECOND_OFFICER = 100101, 100102
ADDED, ASKED, ANSWERED = "我家住幸福路23号", "请问您家几口人?", "三口人,月收入四千"
# The exchange up to the claim as the card and the topic's introduction show it, and
# /ticket N's lines.
EXCHANGE = {
    "zh": [
        "· 诉求人:我想申请公租房",
        "· 诉求人(开单后):" + ADDED,
        "· 工作人员 {name}(开单后,对诉求人):" + ASKED,
    ],
    "en": [
        "· Requester: 我想申请公租房",
        "· Requester (after the ticket opened): " + ADDED,
        "· Staff {name} (after the ticket opened, to the requester): " + ASKED,
    ],
}
HISTORY = {
    "zh": ["诉求人:" + ADDED, "{name} 回复诉求人:" + ASKED, "诉求人:" + ANSWERED],
    "en": ["requester: " + ADDED, "{name} to the requester: " + ASKED, "requester: " + ANSWERED],
}


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(request.param)


async def _asked_and_answered(emulator: Emulator, desk_clock: DeskClock) -> int:
    """A ticket whose requester added something before an officer replied to its card with a
    question (claiming it) that the requester answered; the card's message id."""
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    desk_clock.now += timedelta(minutes=1)
    await world.user_sends(REQUESTER, ADDED)
    await until(lambda: ADDED in world.messages[(GENERAL_GROUP, card.message_id)]["text"])
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
async def test_the_topic_introduction_shows_the_exchange_up_to_the_claim_in_order(
    running: tuple[Emulator, App], desk_clock: DeskClock, settings: Settings
) -> None:
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    language = settings.languages.default
    world.chats[GENERAL_GROUP].is_forum = True
    await _asked_and_answered(emulator, desk_clock)
    # The officer's answer claimed it: its topic shows what came before, the answer last.
    topic = await only_topic(world, GENERAL_GROUP)
    name = desk.rules.staff.shown_as(OFFICER)
    lines = [line.format(name=name) for line in EXCHANGE[language]]

    def introduction() -> str:
        return "\n".join(e.text for e in bot_said(world, GENERAL_GROUP, topic.thread_id))

    await until(lambda: _in_order(introduction(), lines))
    # The requester's answer, after the claim, reaches the owner in the topic.
    await until(lambda: ANSWERED in introduction().split("\n"))
    shown = introduction().split("\n")
    asked_at = next(n for n, line in enumerate(shown) if line.endswith(ASKED))
    assert shown.index(ANSWERED) > asked_at


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_the_card_shows_the_exchange_up_to_the_claim_in_order(
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
    # Claimed by the answer, the card stops there: what followed is in its replies.
    assert ANSWERED not in world.messages[(GENERAL_GROUP, card_id)]["text"]
    (answer,) = [e for e in bot_said(world, GENERAL_GROUP) if e.text == ANSWERED]
    replied = world.messages[(GENERAL_GROUP, answer.message_id)]["reply_to_message"]
    assert replied["message_id"] == card_id


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
