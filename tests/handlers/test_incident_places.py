"""Where a mass incident is heard (issue 14, SPEC rule 9): a tester found the surge alert in a
supervisor's private chat telling them to post an update "在本群" (in this group), and an
update posted with /incident reached every requester but never showed in the topic where a
linked ticket's owner works on it. The private alert words the place as a private chat, and
each update is copied into each claimed ticket's topic. End to end over the emulation, in
both languages of the staff."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.config import Settings
from emulator.server import Emulator
from tests.handlers.conftest import bot_lines, bot_said, only_topic, staff_speaking, until
from tests.handlers.test_words_on_notices import COMPLAINTS

App = Application  # type: ignore[type-arg]
# The lift's fault goes to Utilities (config.yaml).
OFFICER, SUPERVISOR, GROUP = 100301, 100390, -1000000000103
PRIVATE = {"zh": "在此私聊或工作群发送 /incident 1", "en": "here or in a staff group"}
COPIED = {"zh": "群体性事件 #1 的进展已发给诉求人", "en": "Incident #1's update was sent"}
UPDATE = "维修人员已到场,预计今晚18点前恢复运行"
IN_ENGLISH = "The repair crew is on site"


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(request.param)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_an_incident_s_alert_in_private_and_its_update_in_each_owner_s_topic(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, _ = running
    world = emulator.world
    language = settings.languages.default
    for n, text in enumerate(COMPLAINTS, start=1):
        user_id = 700000 + n
        world.add_user(user_id, f"R{n}", "zh")
        await world.user_sends(user_id, text)
        await until(lambda u=user_id, n=n: any(f"#{n}" in e.text for e in bot_said(world, u)))
        if n == 1:
            (card,) = await bot_lines(emulator, GROUP, 1)
            await world.user_presses(OFFICER, GROUP, card.message_id, "claim:1")
            topic = await only_topic(world, GROUP)
    await until(lambda: any("/incident 1" in e.text for e in bot_said(world, SUPERVISOR)))
    alert = next(e.text for e in bot_said(world, SUPERVISOR) if "/incident 1" in e.text)
    assert PRIVATE[language] in alert and "在本群" not in alert

    # Given in both languages: the owner's topic shows what its (Chinese) requester got.
    await world.user_sends(OFFICER, f"/incident 1 {UPDATE} | {IN_ENGLISH}", GROUP)
    await until(lambda: any(UPDATE in e.text for e in bot_said(world, 700005)))
    await until(
        lambda: any(
            UPDATE in e.text and COPIED[language] in e.text
            for e in bot_said(world, GROUP, topic.thread_id)
        )
    )
    copied = [e.text for e in bot_said(world, GROUP, topic.thread_id) if UPDATE in e.text]
    assert all(IN_ENGLISH not in text and "|" not in text for text in copied), copied
