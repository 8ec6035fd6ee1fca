"""A complaint's case proposed as a template (a fresh tester's finding): its resolution told
what was done in that one case ("the stall owner promised to close at 22:00"), and once
approved the bot told it to the next requester as if done for them, and opened no ticket for
their complaint. Now a complaint or a repair needs an answer written for everyone, and the
template it becomes opens a ticket when it answers (config `categories[].needs_person`)."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    REQUESTER,
    bot_lines,
    bot_said,
    only_topic,
    until,
)

App = Application  # type: ignore[type-arg]
OFFICER, SUPERVISOR = 100101, 100190
COMPLAINT = "我想投诉一下小区门口的烧烤摊,每天营业到凌晨,油烟很大,噪音也很吵"
RESULT = "城管再次到场,摊主承诺22点收摊,已安排连续一周夜间巡查。"
FOR_ALL = "夜间烧烤摊扰民的投诉,我们会转城管执法部门到场核查,并在处理后告诉您结果。"


def _said(emulator: Emulator, chat_id: int, words: str) -> bool:
    return any(words in e.text for e in bot_said(emulator.world, chat_id))


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_complaint_becomes_a_template_for_everyone_that_still_opens_a_ticket(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, COMPLAINT)
    card = next(e for e in await bot_lines(emulator, GENERAL_GROUP, 1) if e.buttons)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    await world.user_sends(OFFICER, f"/resolve {RESULT}", GENERAL_GROUP, topic.thread_id)
    await until(lambda: _said(emulator, REQUESTER, RESULT))
    resolution = next(e for e in bot_said(world, REQUESTER) if RESULT in e.text)
    await world.user_presses(REQUESTER, REQUESTER, resolution.message_id, "rate:1:5")
    await until(lambda: _said(emulator, REQUESTER, "感谢"))

    # Its resolution is one case's result: the bare command is refused, saying how.
    await world.user_sends(OFFICER, "/propose", GENERAL_GROUP, topic.thread_id)
    await until(lambda: _said(emulator, GENERAL_GROUP, "适用于所有人的回答"))
    assert not _said(emulator, SUPERVISOR, "已提交为案例模板")
    await world.user_sends(
        OFFICER, f"/propose 小区门口烧烤摊营业到凌晨,油烟噪音扰民 | {FOR_ALL}",
        GENERAL_GROUP, topic.thread_id,
    )  # fmt: skip
    await until(lambda: _said(emulator, SUPERVISOR, "工单 #1 已提交为案例模板 ticket-1"))
    await world.user_sends(SUPERVISOR, "/pending")
    proposal = (await bot_lines(emulator, SUPERVISOR, 2))[-1]
    assert FOR_ALL in proposal.text and RESULT not in proposal.text
    await world.user_presses(SUPERVISOR, SUPERVISOR, proposal.message_id, "tpl:ok:ticket-1")
    await until(lambda: "已由 张主任 批准" in proposal.text)
    desk = application.bot_data.desk
    await until(lambda: "ticket-1" in desk.matcher.template_ids)

    # The next requester with the same complaint hears the answer for everyone, and their
    # complaint is a ticket of its own, waiting in the general window's group.
    cards = len([e for e in bot_said(world, GENERAL_GROUP) if e.buttons])
    await world.user_sends(ENGLISH, "/lang zh")
    await bot_lines(emulator, ENGLISH, 1)
    await world.user_sends(ENGLISH, COMPLAINT)
    await until(lambda: _said(emulator, ENGLISH, FOR_ALL))
    assert not _said(emulator, ENGLISH, RESULT)
    await until(lambda: len([e for e in bot_said(world, GENERAL_GROUP) if e.buttons]) > cards)
    await until(lambda: _said(emulator, ENGLISH, "#2"))
