"""Past the open-ticket limit (config `abuse.open_tickets`: 3) a new matter's words are kept, not
refused into nothing: filed in the requester's latest open ticket as a message of theirs,
copied to its staff as their other messages are, and the requester told which ticket took
them and what to do to open a new one (withdraw one). A danger still opens its own urgent
ticket. End to end over the emulation, both languages."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import Direction, TicketMessage
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, GENERAL_GROUP, REQUESTER, bot_said, until
from tests.handlers.looks import all_tickets, callbacks_of, filed_texts
from tests.handlers.test_whole_input import photo

App = Application  # type: ignore[type-arg]
OPENING = {
    REQUESTER: ["我想申请公租房", "我家门口的路灯坏了", "我上个月提交的材料到现在还没有消息"],
    ENGLISH: [
        "I want to apply for public rental housing",
        "The street light outside number 23 is broken",
        "I handed in my papers last month and have heard nothing since",
    ],
}
NOISE = {
    REQUESTER: "隔壁工地半夜施工太吵了,我要投诉",
    ENGLISH: "the construction site next door is noisy all night, I want to complain",
}
GAS = {
    REQUESTER: "厨房里煤气泄漏了,味道很大",
    ENGLISH: "There is a gas leak in my kitchen, it smells strongly of gas",
}
KEPT = {REQUESTER: ("工单 #3", "撤销"), ENGLISH: ("ticket #3", "withdraw")}
REFUSED = {REQUESTER: "暂时不能再新建", ENGLISH: "cannot be opened yet"}


async def step(world: Any, user: int, text: str) -> Any:
    """`text` sent; the bot's last word once it has said something more."""
    count = len(bot_said(world, user))
    await world.user_sends(user, text)
    await until(lambda: len(bot_said(world, user)) > count)
    return bot_said(world, user)[-1]


async def three_open(emulator: Emulator, application: App, user: int) -> None:
    """Tickets #1, #2 and #3 open: the requester at their limit."""
    world = emulator.world
    for number, question in enumerate(OPENING[user], 1):
        if number > 1:
            await step(world, user, "/new")
        said = await step(world, user, question)
        if "cat:complaint" in callbacks_of(said):
            await world.user_presses(user, user, said.message_id, "cat:complaint")

        async def opened(count: int = number) -> bool:
            return len(await all_tickets(application)) == count

        await until(opened)
        await until(lambda n=number: any(f"#{n}" in e.text for e in bot_said(world, user)))


def staff_read(world: Any, words: str) -> bool:
    """Whether the general window's staff group shows `words` (a copy, or the card)."""
    return any(
        words in str(world.messages[(GENERAL_GROUP, e.message_id)].get("text", ""))
        for e in bot_said(world, GENERAL_GROUP)
    )


async def filed_in(application: App, ticket_id: int, words: str) -> bool:
    return any(words in text for text in await filed_texts(application, ticket_id))


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_new_matter_past_the_limit_goes_into_the_latest_ticket(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    world = emulator.world
    await three_open(emulator, application, user)
    await step(world, user, "/new")
    offered = await step(world, user, NOISE[user])
    assert "human" in callbacks_of(offered), offered.text
    count = len(bot_said(world, user))
    await world.user_presses(user, user, offered.message_id, "human")
    await until(lambda: len(bot_said(world, user)) > count)
    told = "\n".join(e.text for e in bot_said(world, user)[count:])
    assert all(word in told for word in KEPT[user]), told
    await until(lambda: filed_in(application, 3, NOISE[user]))
    assert len(await all_tickets(application)) == 3
    await until(lambda: staff_read(world, NOISE[user]))
    # Its buttons are used up: the words are in a ticket.
    await until(lambda: not world.find(user, offered.message_id).get("reply_markup"))


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_danger_past_the_limit_still_opens_its_own_ticket(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    world = emulator.world
    await three_open(emulator, application, user)
    await step(world, user, "/new")
    await step(world, user, GAS[user])

    async def fourth() -> bool:
        return len(await all_tickets(application)) == 4

    await until(fourth)
    urgent = (await all_tickets(application))[3]
    assert urgent.priority == "urgent" and GAS[user] in urgent.question
    assert not await filed_in(application, 3, GAS[user])
    await until(lambda: any("#4" in e.text for e in bot_said(world, user)))
    assert all(REFUSED[user] not in e.text for e in bot_said(world, user))


async def files_in(application: App, ticket_id: int) -> set[str]:
    async with application.bot_data.desk.sessions() as session:
        rows = await session.scalars(
            select(TicketMessage.file_id).where(
                TicketMessage.ticket_id == ticket_id, TicketMessage.direction == Direction.IN
            )
        )
        return {f for f in rows if f}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_photo_sent_with_the_new_matter_past_the_limit_is_kept_too(
    running: tuple[Emulator, App], user: int
) -> None:
    """A photo of the building site, sent before the words that take it past the limit, goes
    into the same ticket with them (it was held for the ticket the matter would open)."""
    emulator, application = running
    world = emulator.world
    await three_open(emulator, application, user)
    await step(world, user, "/new")
    count = len(bot_said(world, user))
    await world.user_sends_content(user, photo("SITE"))
    await until(lambda: len(bot_said(world, user)) > count)
    offered = await step(world, user, NOISE[user])
    if "human" in callbacks_of(offered):
        await world.user_presses(user, user, offered.message_id, "human")

    async def kept() -> bool:
        return "SITE" in await files_in(application, 3)

    await until(kept)
    await until(lambda: filed_in(application, 3, NOISE[user]))
    assert len(await all_tickets(application)) == 3
