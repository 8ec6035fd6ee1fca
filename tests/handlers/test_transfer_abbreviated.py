"""/transfer names the department as staff say it: its key, its name, or a shortening of the
name that only it has ("社保科" for 社会保障科, "util" for Utilities; a new user's trial was
refused "/transfer 社保科"). A shortening several departments share is refused, naming it
(bot/handoffs.py `department_named`). End to end over the emulation."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.config import Settings
from bot.models import Handoff
from emulator.server import Emulator
from tests.handlers.conftest import bot_lines, bot_said, staff_speaking, until
from tests.handlers.handing import GROUPS, OFFICERS, a_ticket_with_an_inquiry

App = Application  # type: ignore[type-arg]
SHORT = {
    "zh": {"utilities": "公用事业", "social_security": "社保科"},
    "en": {"utilities": "util", "social_security": "social"},
}
SHARED = {"zh": ("科", "没有名为 科 的部门"), "en": ("parks", "There is no department parks")}


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(request.param)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_a_department_shortened_as_staff_say_it_gets_the_form(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, application = running
    department, topic = await a_ticket_with_an_inquiry(emulator)
    to = "utilities" if department != "utilities" else "social_security"
    short = SHORT[settings.languages.default][to]
    await emulator.world.user_sends(
        OFFICERS[department],
        f"/transfer {short} 需上门核实住房情况 | 请安排走访 | 8",
        GROUPS[department],
        topic.thread_id,
    )
    (form,) = await bot_lines(emulator, GROUPS[to], 1)
    assert "需上门核实住房情况" in form.text
    async with application.bot_data.desk.sessions() as session:
        handoff = await session.scalar(select(Handoff))
    assert handoff is not None and handoff.to_department_key == to


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_a_shortening_several_departments_share_or_none_has_is_refused(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, application = running
    department, topic = await a_ticket_with_an_inquiry(emulator)
    short, refused = SHARED[settings.languages.default]
    group = GROUPS[department]
    await emulator.world.user_sends(
        OFFICERS[department],
        f"/transfer {short} 需上门核实 | 请安排走访 | 8",
        group,
        topic.thread_id,
    )
    await until(lambda: any(refused in e.text for e in bot_said(emulator.world, group)))
    async with application.bot_data.desk.sessions() as session:
        assert await session.scalar(select(Handoff)) is None
