"""Issue 14, a fresh tester: the same matter said in Chinese and in English was treated two
ways, and the first inquiry took a generic word for a detail given. A careful clerk treats
each language as the other (the better of the two): "我要投诉小区物业乱收费,每月多收50元"
names no estate ("小区" is no name) yet tells the problem; peeling plaster is a fault to
repair in either language; "How do I withdraw my housing provident fund?" is offered the
withdrawals to choose from, as "怎么提取住房公积金?" is; a question about the power cut at
the place of an open outage incident joins it, however it is put. End to end over the
emulation."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import all_tickets
from tests.handlers.test_incident_matter import OUTAGE, _opened

App = Application  # type: ignore[type-arg]


def _promise(world: Any, user: int) -> str | None:
    return next(
        (e.text for e in bot_said(world, user) if "工单 #1" in e.text or "ticket #1" in e.text),
        None,
    )


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text", "noted", "asked", "not_asked"),
    [
        (
            REQUESTER,
            "/new 我要投诉小区物业乱收费,每月多收50元",
            "已收到您说的:问题经过。",
            "请在这里发送:小区名称;物业公司名称。",
            "已收到您说的:小区名称",
        ),
        (
            ENGLISH,
            "/new I want to complain about the estate's property company, it charges us "
            "50 yuan extra every month",
            "Noted from your message: the problem.",
            "please send here: the estate; the property company.",
            "Noted from your message: the estate",
        ),
    ],
)
async def test_a_generic_estate_is_no_name_and_the_wrong_told_is_the_problem(
    running: tuple[Emulator, App], user: int, text: str, noted: str, asked: str, not_asked: str
) -> None:
    """Only what was said is noted (the wrong charged), only what is missing is asked (the
    estate's name, the company's)."""
    emulator, _application = running
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: _promise(world, user) is not None)
    promise = _promise(world, user)
    assert promise is not None and noted in promise and asked in promise, promise
    assert not_asked not in promise, promise


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text"),
    [
        (REQUESTER, "我家天花板的墙皮在脱落"),
        (ENGLISH, "The plaster on my ceiling is peeling off"),
        (ENGLISH, "Tiles are coming off the wall of our stairwell"),
    ],
)
async def test_a_coat_coming_away_is_a_fault_filed_in_either_language(
    running: tuple[Emulator, App], user: int, text: str
) -> None:
    """Plaster, paint or tiles coming away: a fault report at once, no category asked."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: _promise(world, user) is not None)
    assert not any(
        b["callback_data"].startswith("cat:")
        for e in bot_said(world, user)
        for row in e.buttons
        for b in row
    )
    (ticket,) = await all_tickets(application)
    assert ticket.category == "fault_report", ticket.category


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text"),
    [
        (REQUESTER, "怎么提取住房公积金?"),
        (ENGLISH, "How do I withdraw my housing provident fund?"),
    ],
)
async def test_a_withdrawal_not_said_which_is_offered_the_three(
    running: tuple[Emulator, App], user: int, text: str
) -> None:
    """Rent, purchase or leaving: the words name none, so the clerk asks which."""
    emulator, _application = running
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: bool(bot_said(world, user)))
    offered = [b["callback_data"] for row in bot_said(world, user)[-1].buttons for b in row]
    assert {"kb:fund-withdraw-rent", "kb:fund-withdraw-purchase"} <= set(offered), offered
    assert "kb:fund-withdraw-leaving" in offered, offered


ASKED = {
    REQUESTER: ["幸福里3号楼停电是怎么回事?", "幸福里3号楼什么时候来电?"],
    ENGLISH: [
        "What is going on with the power cut in Xingfuli building 3?",
        "Is there a power outage in Xingfuli building 3?",
        "When will the power come back in Xingfuli building 3?",
    ],
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_question_about_the_power_cut_joins_its_open_incident(
    running: tuple[Emulator, App], user: int
) -> None:
    """Five reports of the outage in 幸福里3号楼 make an incident; each question about it from
    another requester, in either language, is a report of it and joins it."""
    emulator, application = running
    world = emulator.world
    for n, text in enumerate(OUTAGE[REQUESTER], start=1):
        world.add_user(700000 + n, f"R{n}", "zh")
        await _opened(emulator, 700000 + n, text, n)
    incident = (await all_tickets(application))[0].incident_id
    assert incident is not None
    language = "zh" if user == REQUESTER else "en"
    for n, text in enumerate(ASKED[user], start=len(OUTAGE[REQUESTER]) + 1):
        asker = 710000 + n
        world.add_user(asker, f"A{n}", language)
        await world.user_sends(asker, text)
        await until(lambda: any(f"#{n}" in e.text for e in bot_said(world, asker)))  # noqa: B023
        assert not any(e.buttons for e in bot_said(world, asker)), text
    rows = await all_tickets(application)
    assert [t.incident_id for t in rows] == [incident] * len(rows), [
        (t.id, t.question, t.incident_id) for t in rows
    ]


LIFT = {
    REQUESTER: ("电梯卡在5楼不动了", "电梯里是否有人被困", "有人被困在里面,快来人"),
    ENGLISH: (
        "The lift is stuck on the 5th floor",
        "whether anyone is trapped inside",
        "Yes, my neighbour is trapped inside",
    ),
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_stuck_lift_is_asked_whether_anyone_is_inside_before_an_emergency(
    running: tuple[Emulator, App], user: int
) -> None:
    """A lift stuck with nobody said inside: a fault ticket that asks whether anyone is
    trapped, no emergency numbers yet; someone trapped, said next, raises it to urgent."""
    emulator, application = running
    world = emulator.world
    stuck, asked, trapped = LIFT[user]
    await world.user_sends(user, stuck)
    await until(lambda: _promise(world, user) is not None)
    promise = _promise(world, user)
    assert promise is not None and asked in promise, promise
    assert not any("96333" in e.text and "⚠️" in e.text for e in bot_said(world, user))
    (ticket,) = await all_tickets(application)
    assert ticket.category == "fault_report" and ticket.priority != "urgent", ticket.priority
    await world.user_sends(user, trapped)

    async def urgent() -> bool:
        return (await all_tickets(application))[0].priority == "urgent"

    await until(urgent)
    assert len(await all_tickets(application)) == 1
