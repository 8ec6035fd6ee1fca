"""Issue 14, a tester: a street light's ticket (#1) resolved and closed by itself (no answer by
the auto-close time), then another matter's ticket (#2, noise from upstairs) in hand. The
requester writes "路灯昨晚又不亮了" ("The street light is out again"): it became a plain new
ticket (or was filed into the noise ticket), while without #2 the same words are #1's
recurrence. A careful clerk hears the light's matter back whatever else is in hand: #1's
recurrence, as without #2 (a new ticket in #1's department, its card saying it recurs #1,
given back to #1's officer, who is told); nothing of it filed into #2. Words of #2's own
matter ("楼上又在吵了") still go to #2. Both languages, over the emulation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram.ext import Application

from bot.models import TicketStatus
from emulator.server import Emulator
from handlers.context import DeskContext
from handlers.runtime.jobs import sweep
from tests.handlers.conftest import ENGLISH, REQUESTER, DeskClock, bot_said, until
from tests.handlers.looks import all_tickets, filed_texts
from tests.handlers.test_runs_two_tickets import Side
from tests.handlers.test_solved_but_new_thing import _opened, _resolve

App = Application  # type: ignore[type-arg]

LIGHT = {
    REQUESTER: "幸福路12号门口的路灯不亮了",
    ENGLISH: "The street light outside 12 Xingfu Road is broken",
}
NOISE = {
    REQUESTER: "我要投诉楼上邻居每天半夜装修,吵得睡不着",
    ENGLISH: "I want to complain: my upstairs neighbours renovate every night, I can't sleep",
}
AGAIN = {
    REQUESTER: "路灯昨晚又不亮了",
    ENGLISH: "The street light is out again",
}
NOISE_AGAIN = {
    REQUESTER: "楼上昨晚又在装修,吵死了",
    ENGLISH: "The neighbours upstairs were renovating again last night",
}
CLOSED = {REQUESTER: "如仍有问题", ENGLISH: "If anything is still wrong"}


async def _light_closed_then_noise(
    side: Side, user: int, *, noise_first: bool
) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """#1 the street light's, claimed and resolved, then closed by itself; #2 the noise's,
    claimed, opened after #1 closed (or, `noise_first`, while #1's resolution awaited an
    answer): (#1's officer, group, topic; #2's)."""
    application = side.application
    desk = DeskContext(application).desk
    light = await _opened(side, LIGHT[user], 1)
    await _resolve(side, light, "路灯已修复" if user == REQUESTER else "Repaired")
    if noise_first:
        await side.says("/new")
        noise = await _opened(side, NOISE[user], 2)
    side.clock.now += desk.settings.closure.auto_close_after + timedelta(minutes=1)
    await sweep(DeskContext(application))
    await until(lambda: any(CLOSED[user] in e.text for e in side.heard()))
    first = await side.ticket(1)
    assert first.status is TicketStatus.CLOSED
    if not noise_first:
        side.clock.now += timedelta(hours=2)
        noise = await _opened(side, NOISE[user], 2)
    side.clock.now += timedelta(hours=5)
    return light, noise


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
@pytest.mark.parametrize("noise_first", [False, True], ids=["noise_after", "noise_before"])
async def test_the_closed_light_again_beside_another_ticket_is_its_recurrence(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int, noise_first: bool
) -> None:
    emulator, application = running
    world = emulator.world
    side = Side(emulator, application, desk_clock, user)
    light, noise = await _light_closed_then_noise(side, user, noise_first=noise_first)
    told, cards = len(bot_said(world, light[0])), len(bot_said(world, light[1]))
    said = await side.says(AGAIN[user])
    try:
        third = await side.ticket(3)
    except TimeoutError:
        heard = [e.text for e in side.heard()[said:]]
        raise AssertionError((heard, await filed_texts(application, 2))) from None
    first = await side.ticket(1)
    # #1's recurrence: its department, back to its officer, its card saying so.
    assert third.question == AGAIN[user], third
    assert third.department_key == first.department_key
    assert third.owner_id == light[0] and third.status is TicketStatus.CLAIMED
    turns = third.inquiry or []
    assert any(t.get("did") == "recurrence" and t.get("ticket_id") == 1 for t in turns), turns
    await until(
        lambda: any(
            "#3" in e.text and "#1" in e.text and AGAIN[user] in e.text
            for e in bot_said(world, light[0])[told:]
        )
    )
    yours = next(e.text for e in bot_said(world, light[0])[told:] if "#3" in e.text)
    assert "诉求人又来反映了这件事" in yours, yours  # not "replied to its message"
    await until(lambda: any("#3" in e.text for e in bot_said(world, light[1])[cards:]))
    card = next(e.text for e in bot_said(world, light[1])[cards:] if "#3" in e.text)
    assert "旧事复发:诉求人又来反映已关闭的工单 #1 的事" in card, card
    # Nothing of it filed into the noise ticket, which stays as it was.
    assert AGAIN[user] not in await filed_texts(application, 2)
    assert len(await all_tickets(application)) == 3
    second = await side.ticket(2)
    assert second.status is TicketStatus.CLAIMED and second.owner_id == noise[0]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_the_open_tickets_own_matter_again_stays_with_it(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    """Words of the noise ticket's matter in hand, "楼上昨晚又在装修": filed into #2, no
    recurrence of the closed light."""
    emulator, application = running
    side = Side(emulator, application, desk_clock, user)
    await _light_closed_then_noise(side, user, noise_first=False)
    await side.says(NOISE_AGAIN[user])

    async def filed() -> bool:
        return NOISE_AGAIN[user] in await filed_texts(application, 2)

    await until(filed)
    assert len(await all_tickets(application)) == 2


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_the_resolved_light_again_beside_another_ticket_reopens_it(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    """#1 resolved, its answer awaited, #2 the noise's in hand: "路灯昨晚又不亮了" is #1 not
    solved, as without #2: reopened to its officer, the words filed under it, not #2's."""
    emulator, application = running
    side = Side(emulator, application, desk_clock, user)
    light = await _opened(side, LIGHT[user], 1)
    await _resolve(side, light, "路灯已修复" if user == REQUESTER else "Repaired")
    await side.says("/new")
    await _opened(side, NOISE[user], 2)
    said = await side.says(AGAIN[user])

    async def reopened() -> bool:
        return (await side.ticket(1)).status is TicketStatus.CLAIMED

    try:
        await until(reopened)
    except TimeoutError:
        heard = [e.text for e in side.heard()[said:]]
        raise AssertionError((heard, await all_tickets(application))) from None
    first = await side.ticket(1)
    assert first.owner_id == light[0] and first.reopen_count == 1
    assert AGAIN[user] in await filed_texts(application, 1)
    assert AGAIN[user] not in await filed_texts(application, 2)
    assert len(await all_tickets(application)) == 2
