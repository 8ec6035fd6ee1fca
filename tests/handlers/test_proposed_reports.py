"""A consultation's case proposed bare (a fresh tester's finding, issue 14): its resolution
summary said what the officer told that one requester ("已告知…,所需材料已说明"), and once
approved the bot gave exactly that to the next citizen, who learns nothing from it. Such a
summary is no default answer: the bare /propose is refused, saying how to write one; a summary
that answers anyone stays the default (tests/handlers/test_supervision.py)."""

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


def _said(emulator: Emulator, chat_id: int, words: str) -> bool:
    return any(words in e.text for e in bot_said(emulator.world, chat_id))


async def _closed(emulator: Emulator, requester: int, question: str, summary: str) -> int:
    """A ticket for `question`, claimed, resolved with `summary`, confirmed; its topic."""
    world = emulator.world
    await world.user_sends(requester, question)
    card = next(e for e in await bot_lines(emulator, GENERAL_GROUP, 1) if e.buttons)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    await world.user_sends(OFFICER, f"/resolve {summary}", GENERAL_GROUP, topic.thread_id)
    await until(lambda: _said(emulator, requester, summary))
    resolution = next(e for e in bot_said(world, requester) if summary in e.text)
    await world.user_presses(requester, requester, resolution.message_id, "rate:1:5")
    return int(topic.thread_id)


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_summary_that_reports_what_was_told_is_no_answer_for_everyone(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    summary = "已告知外地户口可凭居住证在本地补办,所需材料已说明"
    thread = await _closed(emulator, REQUESTER, "我想申请公租房", summary)
    await until(lambda: _said(emulator, REQUESTER, "感谢"))
    await world.user_sends(OFFICER, "/propose", GENERAL_GROUP, thread)
    await until(lambda: _said(emulator, GENERAL_GROUP, "适用于所有人的回答"))
    assert not _said(emulator, SUPERVISOR, "已提交为案例模板")
    answer = "外地户口可凭居住证在本地补办,请带身份证和居住证到二楼窗口。"
    await world.user_sends(OFFICER, f"/propose 我想申请公租房 | {answer}", GENERAL_GROUP, thread)
    await until(lambda: _said(emulator, SUPERVISOR, "工单 #1 已提交为案例模板 ticket-1"))
    await world.user_sends(SUPERVISOR, "/pending")
    proposal = (await bot_lines(emulator, SUPERVISOR, 2))[-1]
    assert answer in proposal.text and summary not in proposal.text


@pytest.mark.parametrize("store", ["sqlite"])
async def test_an_english_report_is_refused_in_english_words_too(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    summary = "Told her she can renew the permit at window 2 with her ID card."
    thread = await _closed(emulator, ENGLISH, "I want to apply for public rental housing", summary)
    await until(lambda: len(bot_said(world, ENGLISH)) >= 4)
    await world.user_sends(OFFICER, "/propose", GENERAL_GROUP, thread)
    await until(lambda: _said(emulator, GENERAL_GROUP, "适用于所有人的回答"))
    assert not _said(emulator, SUPERVISOR, "已提交为案例模板")
