"""/ticket N reads in the staff's language throughout (a tester: "指派 孙伟 负责:assigned by a
supervisor(周科长)"): what a supervisor's assignment without a reason, and a press of "not
solved", record is worded by the templates, in Chinese and in English, never an English
default in a Chinese record. End to end over the emulation."""

from __future__ import annotations

import re

import pytest
from telegram.ext import Application

from bot.config import Settings
from emulator.server import Emulator
from tests.handlers.conftest import (
    REQUESTER,
    bot_lines,
    bot_said,
    only_topic,
    staff_speaking,
    until,
)

App = Application  # type: ignore[type-arg]
SUPERVISOR, MANAGEMENT_CHAT, GENERAL_GROUP = 100190, -1000000000900, -1000000000101
# What each language says of the two events, and the English defaults it used to show.
SAYS = {
    "zh": ("指派 {owner} 负责({by})", "诉求人表示没有解决,重新打开"),
    "en": ("assigned to {owner} ({by})", "reopened, the requester says it is not solved"),
}


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(request.param)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_ticket_n_words_a_bare_assignment_and_a_reopen_press(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    language = settings.languages.default
    await world.user_sends(REQUESTER, "我想申请公租房")
    await bot_lines(emulator, REQUESTER, 1)
    # Assigned by button (an escalation's choice) and by command, neither with a reason.
    owner = desk.rules.staff.find("G-0102")
    assert owner is not None
    await world.user_sends(SUPERVISOR, "/assign 1 G-0102", MANAGEMENT_CHAT)
    await until(lambda: any("#1" in e.text for e in bot_said(world, MANAGEMENT_CHAT)))
    topic = await only_topic(world, GENERAL_GROUP)
    await world.user_sends(owner.user_id, "/resolve 已登记", GENERAL_GROUP, topic.thread_id)
    resolution = await bot_lines(emulator, REQUESTER, 3)
    await until(lambda: any(e.buttons for e in bot_said(world, REQUESTER)))
    (resolved,) = [e for e in bot_said(world, REQUESTER) if e.buttons]
    await world.user_presses(REQUESTER, REQUESTER, resolved.message_id, "reopen:1")
    await bot_lines(emulator, REQUESTER, len(resolution) + 1)

    said = len(bot_said(world, MANAGEMENT_CHAT))
    await world.user_sends(SUPERVISOR, "/ticket 1", MANAGEMENT_CHAT)
    await until(lambda: len(bot_said(world, MANAGEMENT_CHAT)) > said)
    record = bot_said(world, MANAGEMENT_CHAT)[-1].text
    assigned, reopened = SAYS[language]
    by = desk.rules.staff.shown_as(SUPERVISOR)
    assert assigned.format(owner=desk.rules.staff.shown_as(owner.user_id), by=by) in record
    assert reopened in record, record
    assert "assigned by a supervisor" not in record and ": not solved" not in record, record
    if language == "zh":  # the record's event lines: not one English word
        lines = re.findall(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2} (.*)$", record, re.MULTILINE)
        assert lines and not [line for line in lines if re.search(r"[A-Za-z]{2,}", line)]
