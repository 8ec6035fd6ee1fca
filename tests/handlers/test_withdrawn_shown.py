"""A closed ticket as cards, /status and /ticket N show it (issue 14): a withdrawn ticket
says it was withdrawn by its requester, and when; a ticket nobody claimed shows no "claimed
by -", and no closed ticket shows a promise ("promised by ...")."""

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
    until,
)

App = Application  # type: ignore[type-arg]
OFFICER = 100101


async def _withdrawn(emulator: Emulator, who: int, opening: str, withdrawing: str) -> None:
    world = emulator.world
    await world.user_sends(who, opening)
    await until(lambda: any("#1" in e.text for e in bot_said(world, who)))
    heard = len(bot_said(world, who))
    await world.user_sends(who, withdrawing)
    asked = (await bot_lines(emulator, who, heard + 1))[-1]
    await world.user_presses(who, who, asked.message_id, "wd:1")
    await bot_lines(emulator, who, heard + 2)


async def _status(emulator: Emulator, who: int) -> str:
    world = emulator.world
    heard = len(bot_said(world, who))
    await world.user_sends(who, "/status")
    return str((await bot_lines(emulator, who, heard + 1))[-1].text)


@pytest.mark.parametrize("store", ["sqlite"])
async def test_withdrawn_unclaimed_in_chinese(running: tuple[Emulator, App]) -> None:
    emulator, _ = running
    world = emulator.world
    await _withdrawn(emulator, REQUESTER, "我想申请公租房", "撤销工单吧")
    card = bot_said(world, GENERAL_GROUP)[0].message_id
    found = world.find(GENERAL_GROUP, card)
    await until(lambda: not (found.get("reply_markup") or {}).get("inline_keyboard"))
    shown = world.find(GENERAL_GROUP, card)["text"]
    assert "已由 - 认领" not in shown and "诉求人已于" in shown and "撤销" in shown, shown
    status = await _status(emulator, REQUESTER)
    assert "#1" in status and "已撤销" in status, status
    assert "承诺" not in status, status
    before = len(bot_said(world, GENERAL_GROUP))
    await world.user_sends(OFFICER, "/ticket 1", GENERAL_GROUP)
    record = (await bot_lines(emulator, GENERAL_GROUP, before + 1))[-1].text
    assert "已撤销" in record.splitlines()[0], record


@pytest.mark.parametrize("store", ["sqlite"])
async def test_withdrawn_in_english(running: tuple[Emulator, App]) -> None:
    emulator, _ = running
    await _withdrawn(
        emulator,
        ENGLISH,
        "The street light outside number 23 is broken",
        "never mind, cancel it",
    )
    status = await _status(emulator, ENGLISH)
    assert "#1" in status and "withdrawn" in status.casefold(), status
    assert "promised by" not in status, status


@pytest.mark.parametrize("store", ["sqlite"])
async def test_withdrawn_claimed_the_card_says_so(running: tuple[Emulator, App]) -> None:
    """A fresh tester's finding: a claimed ticket withdrawn kept a card that read "✅ 已由 孙伟
    认领", as if still in hand."""
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await until(lambda: "认领" in world.find(GENERAL_GROUP, card.message_id)["text"])
    heard = len(await bot_lines(emulator, REQUESTER, 2))
    await world.user_sends(REQUESTER, "撤销工单吧")
    asked = (await bot_lines(emulator, REQUESTER, heard + 1))[-1]
    await world.user_presses(REQUESTER, REQUESTER, asked.message_id, "wd:1")
    await until(lambda: "撤销" in world.find(GENERAL_GROUP, card.message_id)["text"])
    shown = world.find(GENERAL_GROUP, card.message_id)["text"]
    assert "诉求人已于" in shown and "负责人" in shown, shown
