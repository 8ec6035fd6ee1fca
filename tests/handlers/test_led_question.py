"""A question led by a greeting and words that only say a question follows ("您好！我想问问…",
"Hello, I'd like to ask …") is answered as the question alone is (knowledge/text.py
`without_lead`, in the matcher's search): led, "户口本名字写错了能改吗" was handed over and
"where is your office" only offered as "did you mean". End to end over the emulation, both
languages."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines
from tests.handlers.looks import all_tickets

App = Application  # type: ignore[type-arg]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "question", "answer"),
    [
        (REQUESTER, "您好！我想问问户口本名字写错了能改吗", "变更姓名需本人"),
        (REQUESTER, "有个问题想问下，户口本名字写错了能改吗", "变更姓名需本人"),
        (ENGLISH, "Hello, I'd like to ask where is your office", "Phone:"),
        (ENGLISH, "Excuse me, I was wondering where is your office?", "Phone:"),
    ],
)
async def test_a_led_question_is_answered(
    running: tuple[Emulator, App], user: int, question: str, answer: str
) -> None:
    emulator, application = running
    await emulator.world.user_sends(user, question)
    (reply,) = await bot_lines(emulator, user, 1)
    assert answer in reply.text, reply.text
    assert await all_tickets(application) == []  # answered, nobody's ticket
