"""Issue 14, /new while a ticket is open: once the new question was answered from a template,
what the requester wrote next went into the OLD ticket. It belongs to the new inquiry until
that ends (Solved pressed, a ticket opened, or left idle a day): "没用" / "that didn't help" is
*Not solved*, added details are more of the new question. And /new while a forward waits to
be asked about keeps the forward with the new question. End to end over the emulation."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until
from tests.handlers.looks import filed_texts, ticket_no
from tests.handlers.test_every_kind import control

App = Application  # type: ignore[type-arg]
SOCIAL_GROUP = -1000000000102

OLD = {REQUESTER: "我想申请公租房", ENGLISH: "I want to apply for public rental housing"}
NEW = {REQUESTER: "社保卡丢了怎么补办", ENGLISH: "How do I replace a lost social security card?"}
ANSWERED = {REQUESTER: "挂失", ENGLISH: "Report the card lost"}


async def _answered_beside_ticket_one(emulator: Emulator, user: int) -> int:
    """Ticket #1 open, /new, and the new question answered from a template: how many things
    the bot has said to the requester by then."""
    world = emulator.world
    await world.user_sends(user, OLD[user])
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    await world.user_sends(user, "/new")
    await until(lambda: len(bot_said(world, user)) >= 2)
    count = len(bot_said(world, user))
    await world.user_sends(user, NEW[user])
    answer = (await bot_lines(emulator, user, count + 1))[-1]
    assert ANSWERED[user] in answer.text
    assert "solved" in [b["callback_data"] for row in answer.buttons for b in row]
    return count + 1


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "unhelped", "opened"),
    [(REQUESTER, "没用", "工单 #2"), (ENGLISH, "that didn't help", "ticket #2")],
)
async def test_not_helped_after_the_new_answer_is_not_solved_not_the_old_ticket(
    running: tuple[Emulator, App], user: int, unhelped: str, opened: str
) -> None:
    emulator, application = running
    count = await _answered_beside_ticket_one(emulator, user)
    await control(emulator, "messages", {"user_id": user, "text": unhelped})
    promise = (await bot_lines(emulator, user, count + 1))[-1]
    assert opened in promise.text
    assert unhelped not in await filed_texts(application, 1)
    second = await ticket_no(application, 2)
    assert second is not None and NEW[user] in second.question
    (card,) = await bot_lines(emulator, SOCIAL_GROUP, 1)
    assert "#2" in card.text and unhelped in card.text


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "details"),
    [
        (REQUESTER, "卡是上周在公交车上丢的,尾号1234"),
        (ENGLISH, "I lost it on the bus last week, it ends in 1234"),
    ],
)
async def test_details_after_the_new_answer_are_the_new_question_s_until_solved(
    running: tuple[Emulator, App], user: int, details: str
) -> None:
    emulator, application = running
    count = await _answered_beside_ticket_one(emulator, user)
    await control(emulator, "messages", {"user_id": user, "text": details})
    await bot_lines(emulator, user, count + 1)
    assert details not in await filed_texts(application, 1)
    # Whatever the bot made of them (answered again, or a person), they are the new inquiry's:
    # a second ticket with them, or none yet.
    # A person takes the new question with them (a ticket of its own), not ticket #1.
    second = await ticket_no(application, 2)
    assert second is not None
    assert second.question == f"{NEW[user]}\n{details}"


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "more", "filed"),
    [
        (REQUESTER, "补充:家里四口人", "已记入工单 #1"),
        (ENGLISH, "Also: we are a family of four", "Added to ticket #1"),
    ],
)
async def test_once_the_new_inquiry_is_solved_the_old_ticket_takes_words_again(
    running: tuple[Emulator, App], user: int, more: str, filed: str
) -> None:
    emulator, application = running
    world = emulator.world
    count = await _answered_beside_ticket_one(emulator, user)
    answer = bot_said(world, user)[-1]
    await world.user_presses(user, user, answer.message_id, "solved")
    await until(lambda: _shown(emulator, user, answer.message_id).buttons == [])
    await world.user_sends(user, more)
    assert filed in (await bot_lines(emulator, user, count + 1))[-1].text
    await until(_filed_has(application, 1, more))
    assert await ticket_no(application, 2) is None


def _shown(emulator: Emulator, user: int, message_id: int) -> Any:
    (entry,) = [e for e in bot_said(emulator.world, user) if e.message_id == message_id]
    return entry


def _filed_has(application: App, ticket_id: int, text: str) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return text in await filed_texts(application, ticket_id)

    return check


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "notice", "kept", "question"),
    [
        (
            REQUESTER,
            "通知:本周六停水",
            "您刚才转发的消息我已留着",
            "周六我家有老人在,能不能送水上门?",
        ),
        (
            ENGLISH,
            "Notice: water supply cut on Saturday",
            "I have kept what you forwarded",
            "My mother is disabled, can water be delivered on Saturday?",
        ),
    ],
)
async def test_new_while_a_forward_waits_keeps_the_forward_with_the_new_question(
    running: tuple[Emulator, App], user: int, notice: str, kept: str, question: str
) -> None:
    emulator, application = running
    world = emulator.world
    await control(emulator, "forwards", {"user_id": user, "text": notice, "origin": "channel"})
    await bot_lines(emulator, user, 1)
    await world.user_sends(user, "/new")
    assert kept in (await bot_lines(emulator, user, 2))[-1].text
    await world.user_sends(user, question)
    await until(lambda: len(bot_said(world, user)) >= 3)
    offered = bot_said(world, user)[-1]
    if "human" in [b["callback_data"] for row in offered.buttons for b in row]:
        await world.user_presses(user, user, offered.message_id, "human")
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    ticket = await ticket_no(application, 1)
    assert ticket is not None
    assert notice in ticket.question and ticket.question.endswith(question)


async def _inquiry_words(application: App, ticket_id: int) -> list[str]:
    """The requester's words in a ticket's record of its first inquiry, in order."""
    ticket = await ticket_no(application, ticket_id)
    assert ticket is not None
    return [t["text"] for t in ticket.inquiry or [] if t.get("by") == "requester" and "text" in t]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "person", "stands"),
    [(REQUESTER, "人工", "您要转人工"), (ENGLISH, "human", "You asked for a person")],
)
async def test_new_after_asking_for_a_person_keeps_the_request_for_the_matter_said_next(
    running: tuple[Emulator, App], user: int, person: str, stands: str
) -> None:
    """ "人工", asked what the matter is, then /new: the request for a person stands and the
    words they send next are its matter, to a person (a question the knowledge base answers
    too: they asked for a person), with "人工" in the ticket's record."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, person)
    await bot_lines(emulator, user, 1)
    await world.user_sends(user, "/new")
    assert stands in (await bot_lines(emulator, user, 2))[-1].text
    await world.user_sends(user, NEW[user])
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.question == NEW[user]
    assert await _inquiry_words(application, 1) == [person, NEW[user]]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "service", "kept", "matter"),
    [
        (REQUESTER, "我要报修", "您要办的事我已记下", "楼道的灯坏了三天了,在3号楼2单元"),
        (
            ENGLISH,
            "I want to report a fault",
            "I have kept what you asked for",
            "The stairwell light in building 3 has been broken for three days",
        ),
    ],
)
async def test_new_twice_beside_a_ticket_after_asking_for_a_service_loses_no_word(
    running: tuple[Emulator, App], user: int, service: str, kept: str, matter: str
) -> None:
    """Ticket #1 open, /new, "我要报修" (asked what it is about), /new again: the service
    asked for stays, and with the matter said next it makes ticket #2, every word in it and
    none of them in ticket #1."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, OLD[user])
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    await world.user_sends(user, "/new")
    await until(lambda: len(bot_said(world, user)) >= 2)
    await world.user_sends(user, service)
    await bot_lines(emulator, user, 3)
    await world.user_sends(user, "/new")
    assert kept in (await bot_lines(emulator, user, 4))[-1].text
    await world.user_sends(user, matter)
    await until(lambda: any("#2" in e.text for e in bot_said(world, user)))
    second = await ticket_no(application, 2)
    assert second is not None and second.question == f"{service}\n{matter}"
    assert await _inquiry_words(application, 2) == [service, matter]
    filed = await filed_texts(application, 1)
    assert service not in filed and matter not in filed
