"""Issue 14, a finished inquiry stays finished: a question answered from a template (and not
said to be unsolved) is over once the requester's next message is of another matter. That
message starts a new inquiry: its ticket holds only its own words, its title and routing
(category, department) come from them; /status lists it by its own words. End to end over
the emulation, both languages."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until
from tests.handlers.looks import all_tickets, callbacks_of

App = Application  # type: ignore[type-arg]
GROUPS = (-1000000000101, -1000000000102, -1000000000103)

CASES = [
    (
        REQUESTER,
        "社保卡丢了怎么补办",
        "我家楼上每天晚上装修到12点,吵得孩子没法睡觉,物业也不管,我要投诉",
        ("社保卡", "补办"),
        "装修",
    ),
    (
        ENGLISH,
        "How do I withdraw my housing provident fund to pay my rent?",
        "My neighbours sing KTV until 2 am every night and the noise keeps my kids awake, "
        "I want to complain",
        ("provident", "withdraw"),
        "KTV",
    ),
    (
        ENGLISH,
        "How do I withdraw my housing provident fund to pay my rent?",
        "The family next door sings KTV every night until 1am, it is so noisy, I want to "
        "complain about the noise",
        ("provident", "withdraw"),
        "KTV",
    ),
    (
        REQUESTER,
        "租房怎么提取公积金",
        "楼下KTV每天吵到凌晨两点,严重扰民",
        ("公积金", "提取"),
        "KTV",
    ),
]


async def _has_ticket(application: App) -> bool:
    return bool(await all_tickets(application))


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(("requester", "first", "then", "old", "own"), CASES)
async def test_a_complaint_after_an_answered_question_is_a_matter_of_its_own(
    running: tuple[Emulator, App],
    requester: int,
    first: str,
    then: str,
    old: tuple[str, ...],
    own: str,
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(requester, first)
    (answer,) = await bot_lines(emulator, requester, 1)
    assert "solved" in callbacks_of(answer), answer.text
    await world.user_sends(requester, then)
    reply = (await bot_lines(emulator, requester, 2))[-1]
    if any(c.startswith("cat:") for c in callbacks_of(reply)):
        await world.user_presses(requester, requester, reply.message_id, "cat:complaint")
    if "kb:noise-complaint" in callbacks_of(reply):  # "did you mean": the noise one
        await world.user_presses(requester, requester, reply.message_id, "kb:noise-complaint")
    await until(lambda: _has_ticket(application))
    (ticket,) = await all_tickets(application)
    assert own in ticket.question, ticket.question
    for word in old:
        assert word.lower() not in ticket.question.lower(), ticket.question
    assert ticket.category == "complaint", ticket.category
    for word in old:
        assert all(word not in str(turn.get("text", "")) for turn in ticket.inquiry or [])
    assert ticket.department_key != "social_security", ticket.department
    assert ticket.department_key != "housing_fund", ticket.department
    # The card shows none of the answered question.
    await until(lambda: any("#1" in e.text for g in GROUPS for e in bot_said(world, g)))
    card = next(e for g in GROUPS for e in bot_said(world, g) if "#1" in e.text)
    for word in old:
        assert word not in card.text, card.text
    # /status lists it by its own words.
    await until(lambda: any("#1" in e.text for e in bot_said(world, requester)))
    heard = len(bot_said(world, requester))
    await world.user_sends(requester, "/status")
    await until(lambda: any("#1" in e.text for e in bot_said(world, requester)[heard:]))
    status = next(e for e in bot_said(world, requester)[heard:] if "#1" in e.text)
    assert own in status.text, status.text
    assert all(word not in status.text for word in old), status.text
