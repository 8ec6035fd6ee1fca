"""The update button under a mass incident's alert (issue 14, SPEC rule 9: "one update reaches
every affected requester"): the surge alert told supervisors to type /incident N, with no
button, while the core could post an update. A supervisor presses "post an update" under the
alert, is asked for the words, replies with them, and each linked requester hears it once, in
their language; the supervisor hears whom it reached. End to end over the emulation, the
staff in each language."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.config import Settings
from emulator.server import Emulator
from tests.handlers.conftest import bot_said, staff_speaking, until
from tests.handlers.test_words_on_notices import COMPLAINTS

App = Application  # type: ignore[type-arg]
SUPERVISOR = 100390  # of Utilities, where the lift's fault goes (config.yaml)
FIRST = 700001
ENGLISH_ONE = FIRST + 4  # reads English (/lang en), though they wrote Chinese
UPDATE = {
    "zh": "维修人员已到场,预计今晚18点前恢复运行",
    "en": "The crew is on site, running by 6pm",
}
ASKED = {"zh": "回复本条消息", "en": "Reply to this message"}
POSTED = {
    "zh": "已将进展发给群体性事件 #1 的 5 位诉求人",
    "en": "The update went to the 5 requesters",
}


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(request.param)


def _texts(emulator: Emulator, chat_id: int) -> list[str]:
    return [e.text for e in bot_said(emulator.world, chat_id)]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_the_alert_s_update_button_reaches_every_requester_once_in_their_language(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, _ = running
    world = emulator.world
    staff = settings.languages.default
    for n, text in enumerate(COMPLAINTS):
        user_id = FIRST + n
        world.add_user(user_id, f"R{n}", "zh")
        if user_id == ENGLISH_ONE:
            await world.user_sends(user_id, "/lang en")
            await until(lambda u=user_id: len(bot_said(world, u)) == 1)
        heard = len(bot_said(world, user_id))
        await world.user_sends(user_id, text)
        await until(
            lambda u=user_id, h=heard, n=n: any(
                f"#{n + 1}" in e.text for e in bot_said(world, u)[h:]
            )
        )
    await until(lambda: any("/incident 1" in t for t in _texts(emulator, SUPERVISOR)))
    alert = next(e for e in bot_said(world, SUPERVISOR) if "/incident 1" in e.text)
    pressed = [b["callback_data"] for row in alert.buttons for b in row]
    assert "upd:1" in pressed, alert.buttons
    before = len(bot_said(world, SUPERVISOR))
    await world.user_presses(SUPERVISOR, SUPERVISOR, alert.message_id, "upd:1")
    await until(lambda: any(ASKED[staff] in t for t in _texts(emulator, SUPERVISOR)[before:]))
    asked = next(e for e in bot_said(world, SUPERVISOR)[before:] if ASKED[staff] in e.text)
    assert "#1" in asked.text
    heard = {FIRST + n: len(bot_said(world, FIRST + n)) for n in range(len(COMPLAINTS))}
    words = f"{UPDATE['zh']} | {UPDATE['en']}"
    await world.user_sends(SUPERVISOR, words, reply_to=asked.message_id)
    await until(lambda: any(POSTED[staff] in t for t in _texts(emulator, SUPERVISOR)))
    for user_id, count in heard.items():
        language = "en" if user_id == ENGLISH_ONE else "zh"
        await until(
            lambda u=user_id, c=count, s=UPDATE[language]: any(
                s in t for t in _texts(emulator, u)[c:]
            )
        )
        got = _texts(emulator, user_id)[count:]
        assert sum(UPDATE[language] in t for t in got) == 1, got
        other = UPDATE["zh" if language == "en" else "en"]
        assert not any(other in t for t in got), got
