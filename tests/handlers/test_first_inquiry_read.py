"""Issue 14, a fresh tester's first inquiries: the promise said details noted that were never
given ("我们小区" taken for an address) and asked again for one just given ("since 20:00");
"我想问一下" then "医保卡" got the category buttons; "我家楼下" then "路灯坏了三天了" got no
answer. End to end over the emulation."""

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
    ("user", "text", "noted", "asked"),
    [
        (
            REQUESTER,
            "我们小区停水了,从昨晚八点开始",
            "已收到您说的:停水开始的时间。",
            "请在这里发送:详细地址(小区、楼栋);邻居是否同样停水。",
        ),
        (
            ENGLISH,
            "No water at all in our estate since 20:00",
            "Noted from your message: when the water stopped.",
            "please send here: the exact address (estate and building); whether neighbours",
        ),
    ],
)
async def test_the_promise_says_noted_only_what_the_words_gave(
    running: tuple[Emulator, App], user: int, text: str, noted: str, asked: str
) -> None:
    """ "我们小区" names no estate: the address is asked for, not said noted; the time said
    ("从昨晚八点", "since 20:00") is noted, not asked for again."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: _promise(world, user) is not None)
    promise = _promise(world, user)
    assert promise is not None and noted in promise and asked in promise, promise
    (ticket,) = await all_tickets(application)
    assert (ticket.category, ticket.department_key) == ("fault_report", "utilities")


def _offers(world: Any, user: int) -> list[str]:
    """The callback data of the buttons under the bot's latest message to `user`."""
    said = bot_said(world, user)
    return [b["callback_data"] for row in (said[-1].buttons or []) for b in row] if said else []


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "opener", "topic", "offered"),
    [
        (REQUESTER, "我想问一下", "医保卡", "kb:medical-insurance-reimbursement"),
        (REQUESTER, "你好", "住房公积金", "kb:fund-"),
        (REQUESTER, None, "医保卡", "kb:medical-insurance-reimbursement"),
        (ENGLISH, "I have a question", "housing fund", "kb:fund-"),
    ],
)
async def test_a_bare_topic_after_an_opener_is_offered_its_templates(
    running: tuple[Emulator, App], user: int, opener: str | None, topic: str, offered: str
) -> None:
    """ "我想问一下" then "医保卡": the topic is searched as if said alone, and a topic the
    knowledge base names by a keyword is offered its templates ("did you mean"), not the
    category buttons nor "say more"."""
    emulator, _application = running
    world = emulator.world
    if opener is not None:
        await world.user_sends(user, opener)
        await until(lambda: len(bot_said(world, user)) == 1)
    await world.user_sends(user, topic)
    await until(lambda: len(bot_said(world, user)) == (2 if opener else 1))
    await until(lambda: bool(_offers(world, user)))
    assert any(d.startswith(offered) for d in _offers(world, user)), bot_said(world, user)[-1].text
    assert not any(data.startswith("cat:") for data in _offers(world, user))


STREETLIGHT = {REQUESTER: "灯杆编号", ENGLISH: "the pole number"}  # its template asks for


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "place", "matter"),
    [
        (REQUESTER, "我家楼下", "路灯坏了三天了"),
        (REQUESTER, "我家楼下,", "路灯坏了三天了"),
        (REQUESTER, None, "我家楼下路灯坏了三天了"),
        (ENGLISH, "outside my building", "the street light has been broken for three days"),
    ],
)
async def test_a_place_then_the_matter_is_read_together(
    running: tuple[Emulator, App], user: int, place: str | None, matter: str
) -> None:
    """ "我家楼下" says where, not what: asked what the matter is (no category buttons); the
    matter said next is answered and opened as the street light's fault, with the place kept
    in the ticket's question as where it is."""
    emulator, application = running
    world = emulator.world
    if place is not None:
        await world.user_sends(user, place)
        await until(lambda: len(bot_said(world, user)) == 1)
        assert not bot_said(world, user)[0].buttons
    await world.user_sends(user, matter)
    await until(lambda: _promise(world, user) is not None)
    assert STREETLIGHT[user] in (_promise(world, user) or "")
    (ticket,) = await all_tickets(application)
    assert (ticket.category, ticket.department_key) == ("fault_report", "utilities")
    assert matter in ticket.question and (place or "").strip(",") in ticket.question
