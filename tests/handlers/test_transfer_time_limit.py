"""/transfer's time limit written as config writes durations (a tester's `| 4h` was refused
with "没有看懂这条指令"): hours bare or with a unit, days as working days on the working clock
(bot/handoffs.py `read_time_limit`, `handoff_due_at`); one that cannot be read is refused with
the field named and the form's usage, in the staff's language. End to end over the emulation."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.config import Settings
from bot.models import Handoff
from emulator.server import Emulator
from tests.handlers.conftest import bot_lines, bot_said, staff_speaking, until
from tests.handlers.handing import GROUPS, OFFICERS, a_ticket_with_an_inquiry

App = Application  # type: ignore[type-arg]
REFUSED = {
    "zh": ("看不懂转办期限“{}”", "用法:/transfer 部门代码"),
    "en": ('The time limit "{}" cannot be read', "Usage: /transfer <department>"),
}


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(request.param)


async def _transfer(emulator: Emulator, limit: str) -> tuple[str, str, int]:
    """A claimed ticket sent on with this time limit, from its topic: the department it is
    sent to, its own, and its topic's thread."""
    department, topic = await a_ticket_with_an_inquiry(emulator)
    to = "utilities" if department != "utilities" else "social_security"
    await emulator.world.user_sends(
        OFFICERS[department],
        f"/transfer {to} 需上门核实住房情况 | 请安排走访 | {limit}",
        GROUPS[department],
        topic.thread_id,
    )
    return to, department, topic.thread_id


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh"], indirect=True)
@pytest.mark.parametrize(
    ("limit", "hour", "minute"),
    [("4", 14, 30), ("4h", 14, 30), ("4小时", 14, 30), ("1d", 17, 30), ("1天", 17, 30)],
)
async def test_a_time_limit_in_hours_or_days_is_taken(
    running: tuple[Emulator, App], settings: Settings, limit: str, hour: int, minute: int
) -> None:
    """Sent on Monday at 9:00 on the working clock: 4 hours are due at 14:30 (three before
    lunch, one after 13:30), a day (a working day of 7 h, config working_day) at 17:30."""
    emulator, application = running
    to, _, _ = await _transfer(emulator, limit)
    (form,) = await bot_lines(emulator, GROUPS[to], 1)
    async with application.bot_data.desk.sessions() as session:
        handoff = await session.scalar(select(Handoff))
    assert handoff is not None
    due = datetime(2026, 11, 30, hour, minute, tzinfo=settings.zone)
    assert handoff.due_at == due
    assert f"2026-11-30 {hour}:{minute}" in form.text


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_an_unreadable_time_limit_gets_the_usage_naming_the_field(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, application = running
    _, department, thread = await _transfer(emulator, "4x")
    group = GROUPS[department]
    refused, usage = REFUSED[settings.languages.default]
    await until(
        lambda: any(refused.format("4x") in e.text for e in bot_said(emulator.world, group))
    )
    said = next(e for e in bot_said(emulator.world, group) if refused.format("4x") in e.text)
    assert usage in said.text and said.thread_id == thread
    async with application.bot_data.desk.sessions() as session:
        assert await session.scalar(select(Handoff)) is None


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("settings", "limit"),
    [("zh", "30分钟"), ("en", "30m"), ("en", "1h30m")],
    indirect=["settings"],
)
async def test_a_time_limit_in_minutes_is_taken(
    running: tuple[Emulator, App], settings: Settings, limit: str
) -> None:
    """An urgent matter sent on "within 30 minutes", as config writes durations (a tester's
    "30m" was refused): due 30 minutes (or an hour and a half) after Monday 9:00."""
    emulator, application = running
    to, _, _ = await _transfer(emulator, limit)
    (form,) = await bot_lines(emulator, GROUPS[to], 1)
    async with application.bot_data.desk.sessions() as session:
        handoff = await session.scalar(select(Handoff))
    assert handoff is not None
    minutes = 90 if limit == "1h30m" else 30
    due = datetime(2026, 11, 30, 9, tzinfo=settings.zone) + timedelta(minutes=minutes)
    assert handoff.due_at == due
    assert due.strftime("%Y-%m-%d %H:%M") in form.text, form.text


INCOMPLETE = {"zh": "转办单缺少建议处理", "en": "the suggested handling"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_a_time_limit_as_the_second_part_is_no_suggestion(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    """A second trial's "/transfer 综合服务窗口 楼道灯属小区物业,请协调物业维修 | 30m": the
    form read "建议处理:30m" and the default deadline. It is refused, the suggestion named
    missing, and no form goes."""
    emulator, application = running
    department, topic = await a_ticket_with_an_inquiry(emulator)
    to = "utilities" if department != "utilities" else "social_security"
    group = GROUPS[department]
    await emulator.world.user_sends(
        OFFICERS[department],
        f"/transfer {to} 楼道灯属小区物业,请协调物业维修 | 30m",
        group,
        topic.thread_id,
    )
    wanted = INCOMPLETE[settings.languages.default]
    await until(lambda: any(wanted in e.text for e in bot_said(emulator.world, group)))
    async with application.bot_data.desk.sessions() as session:
        assert await session.scalar(select(Handoff)) is None
