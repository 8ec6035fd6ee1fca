"""A new-user trial: /report listed confidential complaints about named staff among the
questions the bot keeps failing, in the HTML ("你们窗口的王芳态度太差了,我要投诉她…
/template_from 10") and in the supervisors' chat ("如 #18 "I want to complain about Li
Qiang…""). A complaint about a member of staff is kept between its requester and a supervisor
(bot/supervised.py): no report shows its words, management's or a department's, and
/template_from on it is refused, saying why. End to end over the emulation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, DeskClock, bot_said, until
from tests.handlers.looks import said_text, ticket_no

App = Application  # type: ignore[type-arg]
SUPERVISOR, MANAGER, MANAGEMENT_CHAT = 100190, 900001, -1000000000900
WANG_FANG, LI_QIANG = 100101, 100102
COMPLAINTS = {
    REQUESTER: "你们窗口的王芳态度太差了,我要投诉她,办个居住证让我来回跑了三趟",
    ENGLISH: "I want to complain about Li Qiang at the general window, he was rude to me",
}


def _summary(emulator: Emulator, chat_id: int) -> str:
    return "\n".join(e.text for e in bot_said(emulator.world, chat_id) if "服务监督报告" in e.text)


def _html(emulator: Emulator) -> str:
    files = emulator.world.files.values()
    return "\n".join(f.content.decode() for f in files if (f.file_name or "").endswith(".html"))


@pytest.mark.parametrize("store", ["sqlite"])
async def test_no_report_shows_a_complaint_about_staff_nor_proposes_it(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    emulator, application = running
    world = emulator.world
    for number, (user_id, text) in enumerate(COMPLAINTS.items(), start=1):
        await world.user_sends(user_id, text)
        await until(lambda u=user_id, n=number: f"#{n}" in said_text(world, u))
    for number, accused in ((1, WANG_FANG), (2, LI_QIANG)):
        ticket = await ticket_no(application, number)
        assert ticket is not None and ticket.complaint_about == accused, ticket
    desk_clock.now += timedelta(hours=1)
    await world.user_sends(MANAGER, "/report today", MANAGEMENT_CHAT)
    await until(lambda: bool(_summary(emulator, MANAGEMENT_CHAT)))
    await world.user_sends(SUPERVISOR, "/report today")  # the general department's
    await until(lambda: bool(_summary(emulator, SUPERVISOR)))
    await until(lambda: _html(emulator).count("<h1>") >= 2)
    for chat_id in (MANAGEMENT_CHAT, SUPERVISOR):
        summary = _summary(emulator, chat_id)
        assert "无模板覆盖的问题组 0" in summary, summary
        assert "王芳" not in summary and "Li Qiang" not in summary, summary
    html = _html(emulator)
    assert "王芳态度" not in html and "complain about" not in html, html
    assert "/template_from" not in html, html
    for number in (1, 2):
        await world.user_sends(SUPERVISOR, f"/template_from {number} | 请说明工作人员的工号")
        refused = f"工单 #{number} 是对工作人员的投诉,内容保密,不能提为案例模板"
        await until(lambda r=refused: r in said_text(world, SUPERVISOR))
    refusals = said_text(world, SUPERVISOR)
    assert "ticket-1" not in refusals and "ticket-2" not in refusals, refusals
