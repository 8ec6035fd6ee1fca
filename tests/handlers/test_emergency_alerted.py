"""A danger said into a ticket already urgent (issue 14, SPEC rule 9): a tester was told
"supervisors alerted" when no alert was sent (the ticket was already 特急, so nothing was
raised, and nothing said). The supervisors now hear of the danger said again, and the
requester is told so, without hearing their ticket was raised; the same danger said again
soon after an alert is merged into it (filed, no second alert: a flood of cries is no flood
of alerts; the requester still hears, briefly, the number to call themselves, never
silence: bot/danger_asked.py), and alerts again once `bot.dangers.REPEAT_AFTER` has passed.
End to end over the emulation, in both languages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram.ext import Application

from bot.dangers import REPEAT_AFTER
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, DeskClock, bot_said, until

App = Application  # type: ignore[type-arg]
MANAGEMENT = -1000000000900


def _alerts(emulator: Emulator, words: str) -> list[str]:
    return [e.text for e in bot_said(emulator.world, MANAGEMENT) if words in e.text]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "first", "then", "opened", "told", "wrong"),
    [
        (
            REQUESTER,
            "电梯里有人被困了,幸福路4号楼,快来人",
            "人还困在电梯里,已经半小时了,快来人",
            "已为您登记工单 #1",
            "值班负责人已收到工单 #1 的提醒",
            "已升为特急",
        ),
        (
            ENGLISH,
            "Someone is trapped in the lift at Xingfu Road building 4, please hurry",
            "They are still trapped in the lift, half an hour now, please hurry",
            "#1",
            "The duty supervisors have been alerted about ticket #1",
            "now handled as an emergency",
        ),
    ],
)
async def test_a_danger_said_again_into_an_urgent_ticket_alerts_the_supervisors(
    running: tuple[Emulator, App],
    desk_clock: DeskClock,
    user: int,
    first: str,
    then: str,
    opened: str,
    told: str,
    wrong: str,
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(user, first)
    await until(lambda: any(opened in e.text for e in bot_said(world, user)))
    await until(lambda: len(_alerts(emulator, "#1")) == 1)
    # Said again at once: merged into the alert just sent, filed and acknowledged with the
    # number to call themselves (a new-user tester met silence), no alert said.
    before = len(bot_said(world, user))
    await world.user_sends(user, then)
    await until(lambda: len(bot_said(world, user)) > before)
    again = "\n".join(e.text for e in bot_said(world, user)[before:])
    assert told not in again and "96333" in again, again
    assert len(_alerts(emulator, "#1")) == 1
    # Said again once the alert is old: the supervisors alerted again, the requester told.
    desk_clock.now += REPEAT_AFTER + timedelta(minutes=1)
    before = len(bot_said(world, user))
    await world.user_sends(user, then)
    await until(lambda: any(told in e.text for e in bot_said(world, user)[before:]))
    assert not any(wrong in e.text for e in bot_said(world, user)[before:])
    await until(lambda: len(_alerts(emulator, "#1")) == 2)
    assert then[:8] in _alerts(emulator, "#1")[-1]
