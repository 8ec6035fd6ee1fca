"""A new-user trial: a Chinese speaker's keys struck at random ("asdf ghjkl", "jjjjjj", then
"???") were answered in English and asked their category. Letters that make no word say
nothing, of a matter or of a language (bot/intake/gibberish.py): the requester hears, in the
language they are known to speak (their client's, or the one they wrote in before), that the
bot did not understand and what it needs (the question waiting asked again), no category
buttons, no ticket; what they say next is looked up alone. End to end over the emulation,
in both languages."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said
from tests.handlers.looks import all_tickets, callbacks_of, reply_to

App = Application  # type: ignore[type-arg]
NOT_UNDERSTOOD = {"zh": "没看懂", "en": "did not understand"}
STILL = {"zh": "还是没看懂", "en": "still did not understand"}
EXAMPLES = {"zh": "比如", "en": "for example"}
ASKED = {"zh": "能再具体说说吗", "en": "Could you tell me a little more"}
CARD = {"zh": "社保卡丢了怎么补办", "en": "How do I replace a lost social security card?"}
CARD_ANSWERED = {"zh": "挂失", "en": "Report the card lost"}


async def _nothing_opened(emulator: Emulator, application: App, user: int) -> None:
    for line in bot_said(emulator.world, user):
        assert not any(c.startswith("cat:") for c in callbacks_of(line)), line.text
    assert await all_tickets(application) == []


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "language", "mashed"),
    [
        (REQUESTER, "zh", ["asdfghjkl", "jjjjjj"]),
        (REQUESTER, "zh", ["asdf ghjkl", "qwer qwer"]),  # no English words either
        (ENGLISH, "en", ["asdfghjkl", "jjjjjj"]),
    ],
)
async def test_gibberish_is_not_understood_in_their_language(
    running: tuple[Emulator, App], user: int, language: str, mashed: list[str]
) -> None:
    emulator, application = running
    first = await reply_to(emulator, user, mashed[0])
    assert NOT_UNDERSTOOD[language] in first, first
    second = await reply_to(emulator, user, mashed[1])
    assert STILL[language] in second, second
    puzzled = await reply_to(emulator, user, "???")  # the third in a row: examples, a person
    assert EXAMPLES[language] in puzzled, puzzled
    await _nothing_opened(emulator, application, user)
    answer = await reply_to(emulator, user, CARD[language])
    assert CARD_ANSWERED[language] in answer, answer


@pytest.mark.parametrize("store", ["sqlite"])
async def test_gibberish_after_chinese_is_answered_in_chinese(
    running: tuple[Emulator, App],
) -> None:
    """Their client set to English, they wrote Chinese: "asdf ghjkl" keeps Chinese, and the
    question waiting ("what is it about?" after "你好") is asked again."""
    emulator, application = running
    await reply_to(emulator, ENGLISH, "你好")
    reply = await reply_to(emulator, ENGLISH, "asdf ghjkl")
    assert NOT_UNDERSTOOD["zh"] in reply and ASKED["zh"] in reply, reply
    await _nothing_opened(emulator, application, ENGLISH)
    answer = await reply_to(emulator, ENGLISH, CARD["zh"])
    assert CARD_ANSWERED["zh"] in answer, answer
