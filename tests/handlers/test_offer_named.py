"""Issue 14, "a clerk takes option 1/2/3": after "did you mean", an offered option named in
words ("第二个", "the last one", "number 2") is that option's button pressed, and "都不是" /
"none of these" is the "none of these" button: the question goes to a person. End to end
over the emulation, in both languages."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from bot.intake import offers
from bot.models import Ticket
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until

App = Application  # type: ignore[type-arg]
GROUPS = (-1000000000101, -1000000000102, -1000000000103)

# Questions the sample base comes close to without answering: "did you mean" three templates.
VAGUE = {REQUESTER: "户口", ENGLISH: "my pension payment did not arrive this month"}
OFFERED = {
    REQUESTER: ["hukou-transfer-out", "hukou-transfer-in", "newborn-hukou"],
    ENGLISH: ["pension-retirement-claim", "tax-certificate", "pension-contribution-record"],
}


async def _offered(emulator: Emulator, application: App, user: int) -> Any:
    """The vague question sent; the suggestions, as shown (three templates and none), and
    recorded as the inquiry's by the sender (as they are by the time a person reads them)."""
    await emulator.world.user_sends(user, VAGUE[user])
    (offered,) = await bot_lines(emulator, user, 1)
    data = [row[0]["callback_data"] for row in offered.buttons]
    assert data == [*(f"kb:{t}" for t in OFFERED[user]), "human"]

    async def recorded() -> bool:
        async with application.bot_data.desk.sessions() as session:
            found = await offers.of(session=session, chat_id=user, message_id=offered.message_id)
            return found is not None

    await until(recorded)
    return offered


def _buttons(emulator: Emulator, user: int, message_id: int) -> Any:
    (entry,) = [e for e in bot_said(emulator.world, user) if e.message_id == message_id]
    return list(entry.buttons)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "said", "index"),
    [
        (REQUESTER, "第二个", 1),
        (REQUESTER, "第1个", 0),
        (REQUESTER, "最后一个", 2),
        (REQUESTER, "3", 2),
        (ENGLISH, "the first one", 0),
        (ENGLISH, "the second", 1),
        (ENGLISH, "number 3", 2),
        (ENGLISH, "the last one", 2),
        (ENGLISH, "2", 1),
    ],
)
async def test_an_offered_option_named_in_words_is_that_option_pressed(
    running: tuple[Emulator, App], user: int, said: str, index: int
) -> None:
    emulator, application = running
    desk = application.bot_data.desk
    await _offered(emulator, application, user)
    await emulator.world.user_sends(user, said)
    answer = (await bot_lines(emulator, user, 2))[-1]
    language = "zh" if user == REQUESTER else "en"
    # The chosen template's answer, with Solved / Not solved, as its button gives it.
    assert desk.answer(OFFERED[user][index], language) in answer.text
    assert [b["callback_data"] for row in answer.buttons for b in row] == ["solved", "human"]
    async with desk.sessions() as session:
        assert await session.get(Ticket, 1) is None


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "said"),
    [
        (REQUESTER, "都不是"),
        (REQUESTER, "以上都不是"),
        (ENGLISH, "none of these"),
        (ENGLISH, "None of them."),
    ],
)
async def test_none_of_these_said_hands_the_question_over_as_the_button_does(
    running: tuple[Emulator, App], user: int, said: str
) -> None:
    """As the button: the suggestions are used up and the question goes to a person; the
    refused templates tell no kind of matter (nor do the words), so the requester picks it."""
    emulator, application = running
    offered = await _offered(emulator, application, user)
    await emulator.world.user_sends(user, said)
    asked = (await bot_lines(emulator, user, 2))[-1]
    assert "cat:service_request" in [b["callback_data"] for row in asked.buttons for b in row]
    await until(lambda: _buttons(emulator, user, offered.message_id) == [])
    await emulator.world.user_presses(user, user, asked.message_id, "cat:service_request")
    await until(lambda: any("#1" in e.text for e in bot_said(emulator.world, user)))
    async with application.bot_data.desk.sessions() as session:
        ticket = await session.get(Ticket, 1)
    assert ticket is not None
    assert ticket.question == VAGUE[user]  # "none of these" is a choice, not their matter
    card = next(e for g in GROUPS for e in bot_said(emulator.world, g) if "#1" in e.text)
    assert "· 机器人提供选项:" in card.text
    # As the button records it, truthfully: none fitted, they did not ask for a person.
    assert "· 诉求人表示所给的选项都不符合" in card.text
    assert "要求转人工" not in card.text
