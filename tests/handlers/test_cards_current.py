"""A ticket's card in its staff group shows the ticket as it is now (issue 14): a surge that
raises the earlier tickets' priority edits their cards, as /priority does; an album that opens
a ticket at once is counted whole on its card. Through the real Application and the
emulation."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import GENERAL_GROUP, REQUESTER, bot_lines, bot_said, until
from tests.handlers.test_incidents import COMPLAINTS
from tests.handlers.test_whole_input import photo

App = Application  # type: ignore[type-arg]
OFFICER, SUPERVISOR = 100101, 100190
UTILITIES_GROUP = -1000000000103


def _cards(world: Any, chat_id: int) -> dict[int, Any]:
    """The cards in a staff group, by ticket number."""
    return {
        int(e.text.split("#")[1].split("|")[0]): e
        for e in bot_said(world, chat_id)
        if e.text.startswith("🆕 新工单 #")
    }


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_surge_edits_the_cards_of_the_tickets_it_raises(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    people = [700001 + n for n in range(len(COMPLAINTS))]
    for n, (user_id, text) in enumerate(zip(people, COMPLAINTS, strict=True)):
        world.add_user(user_id, f"R{n}", "zh")
        await world.user_sends(user_id, "我要投诉:" + text)
        await until(lambda n=n: len(_cards(world, GENERAL_GROUP)) == n + 1)
        if n == 0:  # one of them already claimed: its card keeps its owner
            await world.user_presses(
                OFFICER, GENERAL_GROUP, _cards(world, GENERAL_GROUP)[1].message_id, "claim:1"
            )
            await until(lambda: "认领" in _cards(world, GENERAL_GROUP)[1].text.splitlines()[-1])
    # The fifth makes an incident: every card now says 特急 and the new deadlines.
    await until(lambda: all("|特急" in c.text for c in _cards(world, GENERAL_GROUP).values()))
    cards = _cards(world, GENERAL_GROUP)
    # The new deadlines (the claimed one had its first response: only its resolution moves).
    first, resolution = cards[5].text.splitlines()[1:3]
    assert all(cards[n].text.splitlines()[1:3] == [first, resolution] for n in (2, 3, 4))
    assert cards[1].text.splitlines()[2] == resolution
    assert cards[1].text.endswith("✅ 已由 王芳 认领") and cards[1].buttons == []
    assert all(
        cards[n].buttons == [[{"callback_data": f"claim:{n}", "text": "认领"}]] for n in (2, 3, 4)
    )
    assert "诉求人原话:我要投诉:我们小区电梯又坏了" in cards[2].text


@pytest.mark.parametrize("store", ["sqlite"])
async def test_priority_set_by_staff_edits_the_card(running: tuple[Emulator, App]) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我要投诉:窗口工作人员态度很差")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    assert "|普通" in card.text
    await world.user_sends(SUPERVISOR, "/priority 1 urgent", GENERAL_GROUP)
    await until(lambda: "|特急" in _cards(world, GENERAL_GROUP)[1].text)
    assert "办结期限:2026-12-01 09:00" in _cards(world, GENERAL_GROUP)[1].text


@pytest.mark.parametrize("store", ["sqlite"])
async def test_an_album_that_opens_a_ticket_at_once_is_counted_whole_on_its_card(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    question = "小区门口的健身器材坏了,单杠的螺丝都松了"  # a fault no template knows
    await world.user_sends_album(REQUESTER, [photo("A1"), photo("A2"), photo("A3")], question)
    await until(lambda: 1 in _cards(world, UTILITIES_GROUP))
    await until(lambda: "另附:照片×3" in _cards(world, UTILITIES_GROUP)[1].text)
    card = _cards(world, UTILITIES_GROUP)[1]
    assert f"诉求人原话:{question}" in card.text
    assert card.buttons == [[{"callback_data": "claim:1", "text": "认领"}]]
    # One reply to the album: the promise.
    await world.user_sends(REQUESTER, "/status")
    await until(lambda: any(e.text.startswith("您的工单") for e in bot_said(world, REQUESTER)))
    assert sum("已为您登记工单" in e.text for e in bot_said(world, REQUESTER)) == 1
    assert not any(e.text.startswith("已记入") for e in bot_said(world, REQUESTER))


@pytest.mark.parametrize("store", ["sqlite"])
async def test_an_incident_resolved_at_once_takes_claim_off_its_cards(
    running: tuple[Emulator, App],
) -> None:
    """A fresh tester's finding: after `/incident 1 resolve`, the cards of the tickets nobody
    had claimed still offered Claim, though the supervisor now owned them, resolved."""
    emulator, _ = running
    world = emulator.world
    people = [700101 + n for n in range(len(COMPLAINTS))]
    for n, (user_id, text) in enumerate(zip(people, COMPLAINTS, strict=True)):
        world.add_user(user_id, f"R{n}", "zh")
        await world.user_sends(user_id, "我要投诉:" + text)
        await until(lambda n=n: len(_cards(world, GENERAL_GROUP)) == n + 1)
    await until(lambda: all("|特急" in c.text for c in _cards(world, GENERAL_GROUP).values()))
    await world.user_sends(SUPERVISOR, "/incident 1 resolve 电梯已修复", GENERAL_GROUP)
    await until(lambda: all(not c.buttons for c in _cards(world, GENERAL_GROUP).values()))
    assert all("认领" in c.text.splitlines()[-1] for c in _cards(world, GENERAL_GROUP).values())
