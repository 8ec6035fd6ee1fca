"""The promise after a danger to people (a new-user trial): "我不想活了" heard the crisis
numbers, then "已为您登记工单 #32(故障报修)… 前办结", and "My grandmother collapsed and is not
breathing" "Your ticket #31 (Fault report) … we will settle it by …": a repair's category and a
date to settle it by, said to someone in danger. The promise of an emergency's ticket says it is
urgent and when the duty officer will be in touch; an ordinary ticket's stays as it was. End to
end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until

App = Application  # type: ignore[type-arg]
URGENT = {
    REQUESTER: ("工单 #1(特急)", "值班工作人员"),
    ENGLISH: ("ticket #1 (urgent)", "duty officer"),
}
NOT_SAID = {REQUESTER: ("故障报修", "办结"), ENGLISH: ("Fault report", "settle")}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text"),
    [
        (REQUESTER, "我不想活了"),
        (REQUESTER, "我奶奶晕倒了,没有呼吸了"),
        (ENGLISH, "I don't want to live anymore"),
        (ENGLISH, "My grandmother collapsed and is not breathing"),
        # a second trial: a fire, someone trapped, someone electrocuted, where a department
        # repairs the thing: the same urgent promise, not "(故障报修)…前办结"
        (REQUESTER, "救命!幸福里8号楼电梯里困了人"),
        (REQUESTER, "救命,楼下有人触电了,倒在地上,在幸福里7号楼"),
        (ENGLISH, "Help, my kitchen is on fire, 20 Park Road"),
    ],
)
async def test_an_emergency_s_promise_is_urgent_and_names_no_repair_or_date_to_settle(
    running: tuple[Emulator, App], user: int, text: str
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    (promise,) = [e.text for e in bot_said(world, user) if "#1" in e.text][:1]
    assert all(words in promise for words in URGENT[user]), promise
    assert not any(words in promise for words in NOT_SAID[user]), promise


@pytest.mark.parametrize("store", ["sqlite"])
async def test_an_ordinary_ticket_s_promise_still_names_its_kind_and_date(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(
        ENGLISH, "The street light outside building 3 has been broken for a week"
    )
    await until(lambda: any("#1" in e.text for e in bot_said(world, ENGLISH)))
    promise = next(e.text for e in bot_said(world, ENGLISH) if "#1" in e.text)
    assert "(Fault report) is registered" in promise and "settle it by" in promise, promise


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text", "kind"),
    [
        (REQUESTER, "小区门口的井盖被偷了,很危险", "故障报修"),
        (
            ENGLISH,
            "The manhole cover outside building 3 is missing, it is dangerous",
            "Fault report",
        ),
    ],
)
async def test_a_things_danger_stays_a_fault_report_to_settle(
    running: tuple[Emulator, App], user: int, text: str, kind: str
) -> None:
    """A manhole open: a danger of a thing, its repair promised with its dates."""
    emulator, _ = running
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    promise = next(e.text for e in bot_said(world, user) if "#1" in e.text)
    assert kind in promise and not any(w in promise for w in URGENT[user][1:]), promise
