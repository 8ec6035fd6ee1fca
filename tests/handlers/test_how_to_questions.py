"""A question about how, where or whom to report a matter, its phone number or procedure is a
question, not the matter happening (issue 14: a tester's "停电报修电话是多少" opened an urgent
ticket): it is answered from the knowledge base, no ticket opened, no priority raised, no
emergency numbers; "怎么报修燃气泄漏" is no gas leak now. Said with the matter happening
("家里停电了,报修电话是多少?"), it is both: the number answered, the outage registered. The
emergency message reads as a clerk writes it (no "there is nothing to choose"). End to end over
the emulation, in both languages."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from telegram.ext import Application

from bot.models import Ticket
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import all_tickets

App = Application  # type: ignore[type-arg]


def _with_buttons(world: Any, user: int) -> list[Any]:
    return [e for e in bot_said(world, user) if e.buttons]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text", "answer"),
    [
        (REQUESTER, "停电报修电话是多少", "95598"),
        (ENGLISH, "What number do I call for a power cut?", "95598"),
        (REQUESTER, "你好,请问停电报修电话是多少?", "95598"),
        (ENGLISH, "Who fixes a broken street light?", None),
        (REQUESTER, "路灯坏了找谁修", None),
    ],
)
async def test_a_how_to_question_is_answered_not_registered(
    running: tuple[Emulator, App], user: int, text: str, answer: str | None
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, text)
    # The reply ends with buttons: the answer's *Solved* / *Not solved*, or "did you mean".
    await until(lambda: _with_buttons(world, user))
    said = bot_said(world, user)
    assert await all_tickets(application) == []
    assert not any("⚠️" in e.text for e in said)
    if answer is not None:
        assert answer in said[0].text


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text"),
    [(REQUESTER, "怎么报修燃气泄漏"), (ENGLISH, "Who do I call about a gas leak?")],
)
async def test_asking_how_to_report_a_gas_leak_is_no_emergency(
    running: tuple[Emulator, App], user: int, text: str
) -> None:
    """The gas template is offered (its "act now" is for a leak happening), nothing urgent."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: _with_buttons(world, user))
    said = bot_said(world, user)
    assert not any("⚠️" in e.text for e in said)
    assert await all_tickets(application) == []


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text", "promise"),
    [
        (REQUESTER, "家里停电了,报修电话是多少?", "已为您登记工单 #1"),
        (ENGLISH, "There is no power in my flat, what number do I call?", "ticket #1"),
    ],
)
async def test_a_how_to_with_the_matter_happening_is_both(
    running: tuple[Emulator, App], user: int, text: str, promise: str
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: any(promise in e.text for e in bot_said(world, user)))
    said = bot_said(world, user)
    assert "95598" in said[0].text  # the number asked for, answered
    (ticket,) = await all_tickets(application)
    assert ticket.category == "fault_report"


@pytest.mark.parametrize("store", ["sqlite"])
async def test_an_outage_asked_about_in_few_words_opens_nothing(
    running: tuple[Emulator, App],
) -> None:
    """Asked "停水了找谁": whom to see when the water is off, no outage of theirs told."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, "停水了找谁")
    await until(lambda: _with_buttons(world, REQUESTER))
    assert "计划停水" in bot_said(world, REQUESTER)[0].text  # the water outage's answer
    assert await all_tickets(application) == []
    assert not any("⚠️" in e.text for e in bot_said(world, REQUESTER))


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_chinese_outage_happening_is_urgent(running: tuple[Emulator, App]) -> None:
    """Said happening, "停电" keeps its configured priority (urgent), asked about it does not."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, "家里停电了,报修电话是多少?")

    async def opened() -> bool:
        async with application.bot_data.desk.sessions() as session:
            return bool(await session.scalar(select(func.count()).select_from(Ticket)))

    await until(opened)
    (ticket,) = await all_tickets(application)
    assert ticket.priority == "urgent"


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text", "ending"),
    [
        (REQUESTER, "楼道里有烟,幸福路4号楼", "我们正按特急事项登记,并已通知值班负责人。"),
        (
            ENGLISH,
            "There is smoke in the stairwell of building 4, Xingfu Road",
            "We are registering this as an emergency and have alerted the duty supervisors.",
        ),
    ],
)
async def test_the_emergency_message_ends_as_a_clerk_writes(
    running: tuple[Emulator, App], user: int, text: str, ending: str
) -> None:
    """The numbers, then what the desk does: no leftover of the category buttons' wording."""
    emulator, _ = running
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: len(bot_said(world, user)) >= 2)
    first = bot_said(world, user)[0].text
    assert first.endswith(ending)
    assert "choose" not in first and "选择" not in first
