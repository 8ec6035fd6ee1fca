"""Issue 14, a tester: a short follow-up question right after an answer is read with the
answered template ("居住证怎么办理", answered, then "要多久能拿到?": the template's "一般15个工作
日内发证", never a bare ticket); one it does not cover goes to a person with the matter
("离职了公积金…" then "那要带什么材料?": a ticket with both, no category buttons). "算了,取消
吧" with two tickets open asks which one. "/priority 13 紧急" in ticket #13's topic is taken;
another ticket's number there is refused with the reason. End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.models import TicketStatus
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
from tests.handlers.looks import ticket_no

App = Application  # type: ignore[type-arg]
OFFICER = 100101


def _data(entry: object) -> list[str]:
    return [b["callback_data"] for row in entry.buttons for b in row]  # type: ignore[attr-defined]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "question", "follow_up", "covered"),
    [
        (REQUESTER, "居住证怎么办理", "要多久能拿到?", "15个工作日"),
        (REQUESTER, "居住证怎么办理", "多长时间能办好", "15个工作日"),
        (ENGLISH, "How do I apply for a residence permit?", "How long does it take?", "15"),
        (REQUESTER, "身份证丢了怎么补办", "要带什么材料?", "户口簿"),
    ],
)
async def test_a_follow_up_the_answer_covers_is_answered_from_it(
    running: tuple[Emulator, App], user: int, question: str, follow_up: str, covered: str
) -> None:
    emulator, application = running
    await emulator.world.user_sends(user, question)
    await bot_lines(emulator, user, 1)
    await emulator.world.user_sends(user, follow_up)
    said = (await bot_lines(emulator, user, 2))[-1]
    assert covered in said.text, said.text
    assert "solved" in _data(said)  # an answer: Solved / Not solved under it
    assert await ticket_no(application, 1) is None


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "question", "follow_up"),
    [
        (REQUESTER, "离职了公积金能取出来吗", "那要带什么材料?"),
        (REQUESTER, "离职了公积金", "那要带什么材料?"),
        (ENGLISH, "How can I change the name on utility accounts?", "How long does it take?"),
    ],
)
async def test_a_follow_up_the_answer_does_not_cover_goes_to_a_person_with_its_matter(
    running: tuple[Emulator, App], user: int, question: str, follow_up: str
) -> None:
    emulator, application = running
    await emulator.world.user_sends(user, question)
    await bot_lines(emulator, user, 1)
    await emulator.world.user_sends(user, follow_up)
    said = (await bot_lines(emulator, user, 2))[-1]
    assert not any(d.startswith("cat:") for d in _data(said)), said.text
    await until(lambda: any("#1" in e.text for e in bot_said(emulator.world, user)))
    ticket = await ticket_no(application, 1)
    assert ticket is not None
    assert question in ticket.question and follow_up in ticket.question, ticket.question


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "first", "second", "cancel"),
    [
        (REQUESTER, "我想申请公租房", "我家门口的路灯坏了", "算了,取消吧"),
        (
            ENGLISH,
            "The rude clerk at window 3 shouted at me and refused my papers",
            "The street light outside my house is broken",
            "Never mind, please cancel it.",
        ),
    ],
)
async def test_cancel_with_two_tickets_open_asks_which(
    running: tuple[Emulator, App], user: int, first: str, second: str, cancel: str
) -> None:
    emulator, application = running
    await emulator.world.user_sends(user, first)
    await until(lambda: any("#1" in e.text for e in bot_said(emulator.world, user)))
    await emulator.world.user_sends(user, "/new")  # a matter of its own
    await emulator.world.user_sends(user, second)
    await until(lambda: any("#2" in e.text for e in bot_said(emulator.world, user)))
    count = len(bot_said(emulator.world, user))
    await emulator.world.user_sends(user, cancel)
    asked = (await bot_lines(emulator, user, count + 1))[-1]
    data = _data(asked)
    assert [d.split(":")[0] for d in data] == ["which", "which", "wdno"], data  # and none
    assert [d.split(":")[1] for d in data[:2]] == ["1", "2"], data
    for number in (1, 2):  # nothing withdrawn until they choose
        ticket = await ticket_no(application, number)
        assert ticket is not None and ticket.status is TicketStatus.OPEN
    if user == ENGLISH:  # none of them: both go on, nothing filed
        await emulator.world.user_presses(user, user, asked.message_id, data[2])
        told = (await bot_lines(emulator, user, count + 2))[-1]
        assert "none of your tickets is withdrawn" in told.text, told.text
        await until(lambda: asked.buttons == [])
        for number in (1, 2):
            ticket = await ticket_no(application, number)
            assert ticket is not None and ticket.status is TicketStatus.OPEN
        return
    # Chosen: that one's withdrawal is asked, by its number.
    await emulator.world.user_presses(user, user, asked.message_id, data[0])
    confirm = (await bot_lines(emulator, user, count + 2))[-1]
    assert _data(confirm) == ["wd:1", "keep:1"], (confirm.text, _data(confirm))


@pytest.mark.parametrize("store", ["sqlite"])
async def test_priority_with_the_topic_s_own_number(running: tuple[Emulator, App]) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_sends(ENGLISH, "The street light outside my house is broken")
    await until(lambda: any("#2" in e.text for e in bot_said(world, ENGLISH)))
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    await world.user_sends(OFFICER, "/priority 1 紧急", GENERAL_GROUP, topic.thread_id)

    async def raised() -> bool:
        ticket = await ticket_no(application, 1)
        return ticket is not None and ticket.priority == "high"

    await until(raised)
    await world.user_sends(OFFICER, "/priority 2 特急", GENERAL_GROUP, topic.thread_id)
    await until(
        lambda: any(
            "“2”是另一张工单" in e.text and "#1" in e.text and "/priority [N]" in e.text
            for e in bot_said(world, GENERAL_GROUP)
        )
    )
    other = await ticket_no(application, 2)
    assert other is not None and other.priority != "urgent"
