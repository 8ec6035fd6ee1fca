"""A supply cut now is one matter however it is said (issue 14: a tester's "Xingfuli building
3 is dark" got the category buttons, "整栋楼都没电了" and "No power ... since 8am" opened as
normal while "停电了" was urgent, and the bot asked for the time and the scope they had just
given). Every phrasing of a current power cut, in either language, is a fault report opened
at once in utilities, as urgent as "停电了", with the template's details asked for but those
the words already give. End to end over the emulation."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import all_tickets

App = Application  # type: ignore[type-arg]


def _promise(world: Any, user: int) -> str | None:
    return next(
        (e.text for e in bot_said(world, user) if "工单 #1" in e.text or "ticket #1" in e.text),
        None,
    )


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text"),
    [
        (REQUESTER, "幸福里3号楼停电了"),
        (REQUESTER, "幸福里3号楼整栋楼都没电了,电梯也停了"),
        (REQUESTER, "幸福里3号楼从早上8点就没电了"),
        (ENGLISH, "Xingfuli building 3 is dark"),
        (ENGLISH, "No power in Xingfuli building 3 since 8am"),
        (ENGLISH, "The power is out in Xingfuli building 3"),
        (ENGLISH, "Blackout in Xingfuli building 3"),
    ],
)
async def test_a_power_cut_in_any_words_is_an_urgent_fault_report_at_once(
    running: tuple[Emulator, App], user: int, text: str
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: _promise(world, user) is not None)
    said = bot_said(world, user)
    assert not any(e.buttons for e in said)  # no category to choose, no "did you mean"
    assert "95598" in said[0].text  # the power outage's answer first
    (ticket,) = await all_tickets(application)
    assert (ticket.category, ticket.department_key) == ("fault_report", "utilities")
    assert ticket.priority == "urgent"  # as "停电了" is


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text", "asked", "not_asked"),
    [
        (
            REQUESTER,
            "幸福里3号楼整栋楼都没电了,电梯也停了",
            ["停电开始的时间"],
            ["是否整栋楼或片区停电", "详细地址"],
        ),
        (
            REQUESTER,
            "幸福里3号楼从早上8点就没电了",
            ["是否整栋楼或片区停电"],
            ["停电开始的时间", "详细地址"],
        ),
        (
            ENGLISH,
            "No power in Xingfuli building 3 since 8am",
            ["whether the whole building or area is dark"],
            ["when the power went", "the exact address"],
        ),
        (
            ENGLISH,
            "The whole of Xingfuli building 3 has been dark for two hours",
            [],
            ["when the power went", "whether the whole building", "the exact address"],
        ),
    ],
)
async def test_the_details_already_said_are_not_asked_again(
    running: tuple[Emulator, App], user: int, text: str, asked: list[str], not_asked: list[str]
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: _promise(world, user) is not None)
    promise = _promise(world, user)
    assert promise is not None
    request = promise.split("请在这里发送", 1)[-1].split("please send here", 1)[-1]
    asking = "请在这里发送" in promise or "please send here" in promise
    for item in asked:
        assert asking and item in request
    for item in not_asked:
        assert not (asking and item in request)
