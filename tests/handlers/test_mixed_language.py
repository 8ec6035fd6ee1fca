"""A question in Chinese and English at once ("我的passport丢了怎么办?", "How do I 补办 my
社保卡?"), as requesters in China often write, reaches the template its words name in either
language (knowledge/mixed.py: searched in each language's phrasings, the better kept): it was
asked to pick a kind of matter, or opened a ticket at once, though the template was there. It
is answered in the language of most of its words (bot/intake/language.py, as before). End to
end over the emulation, Chinese with English words and English with Chinese words."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.written import written_in
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines
from tests.handlers.looks import all_tickets, callbacks_of

App = Application  # type: ignore[type-arg]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "question", "said", "language"),
    [
        (REQUESTER, "我的passport丢了怎么办?", "出入境管理窗口", "zh"),
        (REQUESTER, "请问怎么renew我的driving licence?", "车管所", "zh"),
        (REQUESTER, "我的social security card丢了怎么补办", "社保卡丢失请立即挂失", "zh"),
        (REQUESTER, "How do I 补办 my 社保卡?", "Report the card lost", "en"),
        (ENGLISH, "Where do I apply for a 护照?", "exit-entry administration", "en"),
        (ENGLISH, "My 驾照 has expired, what should I do?", "renew a driving licence", "en"),
    ],
)
async def test_a_mixed_question_is_answered_by_its_template(
    running: tuple[Emulator, App], user: int, question: str, said: str, language: str
) -> None:
    """Answered by the template its words name, with *Solved* under it, in the language of
    most of the words (a Chinese client's requester writing mostly English reads English);
    no ticket, no kinds of matter to pick."""
    emulator, application = running
    await emulator.world.user_sends(user, question)
    (reply,) = await bot_lines(emulator, user, 1)
    assert said in reply.text and "solved" in callbacks_of(reply), reply.text
    assert written_in(reply.text) == language, reply.text
    assert await all_tickets(application) == []
