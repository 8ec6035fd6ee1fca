"""Issue 14, "the first inquiry loses nothing": what a requester who has another ticket open
says or sends while a first inquiry of theirs is being formed (the category buttons wait, the
bot asked what the matter is, or it answered a question aside) joins that inquiry and reaches
the ticket it opens, never the other ticket. End to end over the emulation."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import Direction, TicketMessage
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, GENERAL_GROUP, REQUESTER, bot_said, until
from tests.handlers.looks import all_tickets
from tests.handlers.test_whole_input import photo

App = Application  # type: ignore[type-arg]

OLD = {REQUESTER: "我想申请公租房", ENGLISH: "I want to apply for public rental housing"}
# A question neither cue words nor a close template sort: the bot asks its kind.
UNSORTED = {
    REQUESTER: "我上个月提交的材料到现在还没有消息",
    ENGLISH: "I handed in my papers last month and have heard nothing since",
}
DETAILS = {
    REQUESTER: "地址是和平路12号3单元,电话13800138000",
    ENGLISH: "The address is 12 Heping Road, unit 3, phone 13800138000",
}


async def _filed(application: App, ticket_id: int) -> list[tuple[str, str | None]]:
    """The requester's messages filed under a ticket: (text, file id)."""
    async with application.bot_data.desk.sessions() as session:
        rows = await session.scalars(
            select(TicketMessage).where(
                TicketMessage.ticket_id == ticket_id, TicketMessage.direction == Direction.IN
            )
        )
        return [(m.text or "", m.file_id) for m in rows]


async def _step(world: Any, user: int, text: str) -> Any:
    count = len(bot_said(world, user))
    await world.user_sends(user, text)
    await until(lambda: len(bot_said(world, user)) > count)
    return bot_said(world, user)[-1]


async def _sent(world: Any, user: int, content: dict[str, Any]) -> Any:
    count = len(bot_said(world, user))
    await world.user_sends_content(user, content)
    await until(lambda: len(bot_said(world, user)) > count)
    return bot_said(world, user)[-1]


def _data(entry: Any) -> list[str]:
    return [b["callback_data"] for row in entry.buttons for b in row]


async def _buttons_beside_ticket_one(emulator: Emulator, user: int) -> Any:
    """Ticket #1 open, /new, and a question whose kind the bot asks (the buttons)."""
    world = emulator.world
    await _step(world, user, OLD[user])
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    await _step(world, user, "/new")
    choice = await _step(world, user, UNSORTED[user])
    assert "cat:complaint" in _data(choice), choice.text
    return choice


def _card_texts(world: Any) -> str:
    return "\n".join(
        str(world.messages[(GENERAL_GROUP, e.message_id)].get("text", ""))
        for e in bot_said(world, GENERAL_GROUP)
    )


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_details_while_the_buttons_wait_join_the_question_not_the_open_ticket(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    world = emulator.world
    choice = await _buttons_beside_ticket_one(emulator, user)
    await _step(world, user, DETAILS[user])
    assert DETAILS[user] not in [t for t, _ in await _filed(application, 1)]
    count = len(bot_said(world, user))
    await world.user_presses(user, user, choice.message_id, "cat:complaint")
    await until(lambda: any("#2" in e.text for e in bot_said(world, user)[count:]))
    second = (await all_tickets(application))[1]
    assert UNSORTED[user] in second.question and DETAILS[user] in second.question
    await until(lambda: DETAILS[user] in _card_texts(world))


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_photo_while_the_buttons_wait_reaches_the_new_ticket(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    world = emulator.world
    choice = await _buttons_beside_ticket_one(emulator, user)
    await _sent(world, user, photo("P1"))
    await _sent(world, user, {**photo("P2"), "caption": DETAILS[user]})
    assert not [f for _, f in await _filed(application, 1) if f]
    count = len(bot_said(world, user))
    await world.user_presses(user, user, choice.message_id, "cat:complaint")
    await until(lambda: any("#2" in e.text for e in bot_said(world, user)[count:]))
    await until(lambda: _has_files(application, 2, {"P1", "P2"}))
    await until(lambda: sum(e.kind == "photo" for e in bot_said(world, GENERAL_GROUP)) == 2)
    second = (await all_tickets(application))[1]
    assert DETAILS[user] in second.question


async def _has_files(application: App, ticket_id: int, files: set[str]) -> bool:
    return files <= {f for _, f in await _filed(application, ticket_id)}


COMPLAIN = {REQUESTER: "我要投诉", ENGLISH: "I want to complain"}
WHEN = {
    REQUESTER: "今天上午10点,和平路12号便利店门口,电话13800138000",
    ENGLISH: "This morning at 10, outside the shop at 12 Heping Road, phone 13800138000",
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_details_after_what_is_the_matter_join_the_complaint_not_the_open_ticket(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    world = emulator.world
    await _step(world, user, OLD[user])
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    asked = await _step(world, user, COMPLAIN[user])
    anew = next(d for d in _data(asked) if d.startswith("anew:"))
    count = len(bot_said(world, user))
    await world.user_presses(user, user, asked.message_id, anew)
    await until(lambda: len(bot_said(world, user)) > count)
    await _step(world, user, WHEN[user])
    await _sent(world, user, photo("P3"))
    filed = await _filed(application, 1)
    assert WHEN[user] not in [t for t, _ in filed] and not [f for _, f in filed if f]
    await until(lambda: len(bot_said(world, user)) > count + 2)
    tickets = await all_tickets(application)
    print([e.text for e in bot_said(world, user)])
    assert len(tickets) == 2, [t.question for t in tickets]
    assert WHEN[user] in tickets[1].question
    await until(lambda: _has_files(application, 2, {"P3"}))
    await until(lambda: WHEN[user] in _card_texts(world))


CONSUMER = {
    REQUESTER: "商场买的电器坏了,商家不给退款怎么办?",
    ENGLISH: "The shop refuses to refund me for a broken kettle, what can I do?",
}
KEPT = {REQUESTER: "随您刚才的问题", ENGLISH: "kept with the question you just asked"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
@pytest.mark.parametrize("beside", [True, False])
async def test_a_photo_after_an_answer_joins_that_inquiry_not_the_open_ticket(
    running: tuple[Emulator, App], user: int, beside: bool
) -> None:
    """The answer asks for photos of the product: the photo is kept with the question (beside
    ticket #1 too, never filed there), and reaches the ticket a person takes it in."""
    emulator, application = running
    world = emulator.world
    if beside:
        await _step(world, user, OLD[user])
        await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    answer = await _step(world, user, CONSUMER[user])
    assert "12315" in answer.text, answer.text
    kept = await _sent(world, user, photo("P4"))
    assert KEPT[user] in kept.text, kept.text
    if beside:
        assert not [f for _, f in await _filed(application, 1) if f]
    # The answer did not settle it: a person takes the question with the photo.
    await world.user_presses(user, user, answer.message_id, "human")
    number = 2 if beside else 1
    await until(lambda: any(f"#{number}" in e.text for e in bot_said(world, user)[-2:]))
    ticket = (await all_tickets(application))[number - 1]
    assert CONSUMER[user] in ticket.question
    await until(lambda: _has_files(application, number, {"P4"}))
