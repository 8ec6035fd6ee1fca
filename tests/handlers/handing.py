"""A ticket handed to another department (SPEC rule 7), as the handoff tests set it up over the
emulation: claimed in its department's group, sent on with /transfer, the form accepted."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from telegram.ext import Application

from bot.models import StaffLink, Ticket
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, only_topic, until
from tests.handlers.test_whole_input import to_a_person

App = Application  # type: ignore[type-arg]
GROUPS = {
    "general": -1000000000101,
    "social_security": -1000000000102,
    "utilities": -1000000000103,
}
OFFICERS = {"general": 100101, "social_security": 100201, "utilities": 100301}
# Longer than the 1,800 characters the form showed of the words, shorter than a message.
CROWDED = "家里三口人挤在十平米的出租屋里,孩子上学也远。"
WORDS = "我想申请公租房," + CROWDED * 100 + "电话13800001234"


def elsewhere(department: str) -> str:
    """A department to hand a ticket of `department` to."""
    return "utilities" if department != "utilities" else "social_security"


async def claimed_in_its_group(emulator: Emulator) -> tuple[str, Any]:
    """Once a ticket's card is out in one department's group, its officer claims it: the
    department and the ticket's topic there."""
    world = emulator.world
    await until(lambda: any(bot_said(world, chat) for chat in GROUPS.values()))
    department = next(key for key, chat in GROUPS.items() if bot_said(world, chat))
    (card,) = bot_said(world, GROUPS[department])
    await world.user_presses(OFFICERS[department], GROUPS[department], card.message_id, "claim:1")
    return department, await only_topic(world, GROUPS[department])


async def a_ticket_with_an_inquiry(emulator: Emulator) -> tuple[str, Any]:
    """A ticket whose first inquiry has more than the question (a greeting, the bot's
    question, the words), claimed in its group: the department and its topic."""
    world = emulator.world
    await world.user_sends(REQUESTER, "你好")
    await bot_lines(emulator, REQUESTER, 1)
    await world.user_sends(REQUESTER, WORDS)
    await to_a_person(emulator, REQUESTER, (await bot_lines(emulator, REQUESTER, 2))[-1])
    department, topic = await claimed_in_its_group(emulator)
    # The topic's introduction (the inquiry to its last words) is out before anything else
    # is said there.
    group = GROUPS[department]
    await until(
        lambda: any(WORDS[-11:] in e.text for e in bot_said(world, group, topic.thread_id))
    )
    return department, topic


async def form_in(emulator: Emulator, chat_id: int) -> Any:
    (form,) = await bot_lines(emulator, chat_id, 1)
    return form


async def transferred(
    emulator: Emulator, department: str, topic: Any, order: str
) -> tuple[str, Any]:
    """The ticket's owner sends it on to another department (`order`: what /transfer takes
    after the department): that department and the form in its group."""
    to = elsewhere(department)
    await emulator.world.user_sends(
        OFFICERS[department], f"/transfer {to} {order}", GROUPS[department], topic.thread_id
    )
    return to, await form_in(emulator, GROUPS[to])


async def a_form(emulator: Emulator) -> tuple[str, Any, str]:
    """A ticket with an inquiry, claimed and sent to another department: that department,
    the form in its group, and the ticket's own department."""
    department, topic = await a_ticket_with_an_inquiry(emulator)
    to, form = await transferred(
        emulator, department, topic, "需上门核实住房情况 | 请安排走访 | 8"
    )
    return to, form, department


async def accept(emulator: Emulator, application: App, to: str, form: Any) -> None:
    """The receiving department's officer accepts the form; waits until `to` handles it."""
    await emulator.world.user_presses(OFFICERS[to], GROUPS[to], form.message_id, "accept:1")
    desk = application.bot_data.desk

    async def handled() -> bool:
        async with desk.sessions() as session:
            return await session.scalar(select(Ticket.handling_department_key)) == to

    await until(handled)


async def accepted(emulator: Emulator, application: App) -> tuple[str, Any, str, Any]:
    """A form accepted by the receiving department: that department, the form, the ticket's
    own department and its topic there."""
    world = emulator.world
    to, form, department = await a_form(emulator)
    await accept(emulator, application, to, form)
    await until(lambda: "接收办理" in form.text)
    (topic,) = world.chats[GROUPS[department]].topics.values()
    return to, form, department, topic


async def an_english_deposit_accepted(
    emulator: Emulator, application: App
) -> tuple[str, Any, str]:
    """An English requester's deposit dispute, taken to a person, claimed and handed to another
    department, which accepted it: that department, its form, and the ticket's own department."""
    await emulator.world.user_sends(
        ENGLISH, "My landlord is keeping my deposit and will not answer my calls, what can I do?"
    )
    await to_a_person(emulator, ENGLISH, (await bot_lines(emulator, ENGLISH, 1))[-1])
    department, topic = await claimed_in_its_group(emulator)
    order = "deposit dispute | please contact the landlord | 8"
    to, form = await transferred(emulator, department, topic, order)
    await accept(emulator, application, to, form)
    return to, form, department


async def linked(application: App, chat_id: int, message_id: int) -> None:
    """Wait until the sender has recorded the link of a message it sent."""
    desk = application.bot_data.desk

    async def done() -> bool:
        async with desk.sessions() as session:
            return await session.get(StaffLink, (chat_id, message_id)) is not None

    await until(done)
