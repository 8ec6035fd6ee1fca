"""Issue 14, "the first inquiry loses nothing": a requester with a street light's ticket open
writes, with no opener word, about another matter ("我家楼下的垃圾桶好几天没人清理了", "The
bins downstairs haven't been emptied for days", a lost social security card): it was filed
into the street light's ticket and acknowledged as added to it. A careful clerk does not file
a new matter into an unrelated case: it is an inquiry of its own (answered, or its own
ticket), and its words reach whichever ticket it ends in; where it may still be the ticket's
("还是没修好,垃圾也没人收"), the requester is asked. Follow-ups of the street light stay in
its ticket as before. End to end over the emulation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import Direction, Ticket, TicketMessage
from emulator.server import Emulator
from handlers.context import DeskContext
from tests.handlers.conftest import (
    ENGLISH,
    REQUESTER,
    DeskClock,
    bot_lines,
    bot_said,
    until,
)

App = Application  # type: ignore[type-arg]

LIGHT = {
    REQUESTER: "我家门口的路灯坏了三天了",
    ENGLISH: "The street light outside my door has been broken for three days",
}
BINS = {
    REQUESTER: "我家楼下的垃圾桶好几天没人清理了",
    ENGLISH: "The bins downstairs haven't been emptied for days",
}
CARD = {REQUESTER: "我的社保卡丢了", ENGLISH: "I lost my social security card"}
# The kind of matter a requester names when asked for one (the category buttons' names), and
# what they say to "did you mean…" when none is their matter.
COMPLAINT = {REQUESTER: "投诉", ENGLISH: "Complaint"}
NONE = {REQUESTER: "都不是", ENGLISH: "none of these"}
OFFERED = ("您是想问以下哪个问题", "Did you mean")


async def _tickets(application: App) -> list[Ticket]:
    async with DeskContext(application).desk.sessions() as session:
        return list(await session.scalars(select(Ticket).order_by(Ticket.id)))


async def _filed(application: App, ticket_id: int) -> list[str]:
    async with DeskContext(application).desk.sessions() as session:
        rows = await session.scalars(
            select(TicketMessage).where(
                TicketMessage.ticket_id == ticket_id, TicketMessage.direction == Direction.IN
            )
        )
        return [m.text or "" for m in rows]


def _said(world: object, requester: int) -> str:
    return "\n".join(line.text for line in bot_said(world, requester))


async def _to_its_own_ticket(emulator: Emulator, requester: int) -> None:
    """The first inquiry of its own going on becomes ticket #2, as a requester gets there:
    "none of these" to what the bot offered, the kind of matter named when asked."""
    world = emulator.world
    for _ in range(3):
        if "#2" in _said(world, requester):
            return
        heard = bot_said(world, requester)
        latest = heard[-1].text
        words = NONE if latest.startswith(OFFERED) else COMPLAINT
        await world.user_sends(requester, words[requester])
        await bot_lines(emulator, requester, len(heard) + 1)
    await until(lambda: "#2" in _said(world, requester))


async def _light_ticket(emulator: Emulator, requester: int) -> int:
    """Ticket #1, the street light's, open; how many lines the requester has heard."""
    world = emulator.world
    await world.user_sends(requester, LIGHT[requester])
    await until(lambda: "#1" in _said(world, requester))
    return len(bot_said(world, requester))


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "words"),
    [
        (REQUESTER, BINS[REQUESTER]),
        (ENGLISH, BINS[ENGLISH]),
        # The bins' own smell, not the street light unsolved ("臭得不行" after the bins).
        (REQUESTER, "垃圾桶又满了,臭得不行"),
        (ENGLISH, "The bins are full again, it still smells terrible"),
        # Noise from upstairs: another matter the knowledge base knows, not the light's.
        (ENGLISH, "My upstairs neighbours are so loud every night I can't sleep"),
    ],
)
async def test_the_bins_beside_a_street_light_are_a_matter_of_their_own(
    running: tuple[Emulator, App], requester: int, words: str
) -> None:
    """Ticket #1 the street light's; the bins not emptied, or full and stinking: not filed
    into #1 nor said added to it; it goes on as a first inquiry of its own, and the ticket it
    becomes (the kind of matter named when asked, or a person's) holds its words."""
    emulator, application = running
    world = emulator.world
    heard = await _light_ticket(emulator, requester)
    await world.user_sends(requester, words)
    reply = (await bot_lines(emulator, requester, heard + 1))[-1]
    # Not said added to #1: asked on, or (the bins not emptied, a complaint by its cue words)
    # a ticket of its own at once, saying it was not put into #1.
    assert "#1" not in reply.text or "#2" in reply.text, reply.text
    assert words not in await _filed(application, 1)
    # Nothing lost: the matter asked about becomes a ticket of its own with its words.
    await _to_its_own_ticket(emulator, requester)
    first, second = await _tickets(application)
    assert words in second.question, second.question
    assert LIGHT[requester] not in second.question
    assert words not in await _filed(application, first.id)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_a_lost_card_beside_a_street_light_is_not_filed_there(
    running: tuple[Emulator, App], requester: int
) -> None:
    """Ticket #1 the street light's; "我的社保卡丢了", a matter the knowledge base answers:
    answered as for anyone, not filed into #1."""
    emulator, application = running
    world = emulator.world
    heard = await _light_ticket(emulator, requester)
    await world.user_sends(requester, CARD[requester])
    reply = (await bot_lines(emulator, requester, heard + 1))[-1]
    assert "#1" not in reply.text, reply.text
    assert CARD[requester] not in await _filed(application, 1)
    assert len(await _tickets(application)) == 1


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "words"),
    [
        (REQUESTER, "路灯还是不亮"),
        (REQUESTER, "什么时候来修?"),
        (REQUESTER, "还是没修好"),
        (REQUESTER, "灯一闪一闪的"),
        (REQUESTER, "灯杆也歪了"),
        (REQUESTER, "路灯旁边的垃圾桶也被撞倒了"),
        (ENGLISH, "still dark outside my door"),
        (ENGLISH, "any news?"),
        (ENGLISH, "The street light is still dark"),
        (ENGLISH, "The light keeps flickering"),
        # Its handling: hurried, waited for at home (no word of another matter).
        (REQUESTER, "麻烦快点"),
        (REQUESTER, "我在家等着"),
        (ENGLISH, "Please hurry"),
    ],
)
async def test_the_street_light_s_follow_ups_stay_in_its_ticket(
    running: tuple[Emulator, App], requester: int, words: str
) -> None:
    """Follow-ups of the street light beside its ticket: filed into #1, the requester told
    so; no other ticket."""
    emulator, application = running
    world = emulator.world
    heard = await _light_ticket(emulator, requester)
    await world.user_sends(requester, words)
    reply = (await bot_lines(emulator, requester, heard + 1))[-1]
    assert "#1" in reply.text, reply.text
    await until(lambda: _has_filed(application, words))
    assert len(await _tickets(application)) == 1


async def _has_filed(application: App, words: str) -> bool:
    return words in await _filed(application, 1)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "words", "choice", "into"),
    [
        (REQUESTER, "还是没修好,垃圾桶也没人清理", "#1", 1),
        (REQUESTER, "还是没修好,垃圾桶也没人清理", "新的问题", None),
        (ENGLISH, "Still not fixed, and the bins are not emptied either", "#1", 1),
        (ENGLISH, "Still not fixed, and the bins are not emptied either", "a new one", None),
        # Sharing nothing with the street light (no thing, no word, no follow-up), though the
        # knowledge base knows no matter of theirs: never filed silently.
        (REQUESTER, "楼上邻居天天晚上吵得睡不着", "新的问题", None),
        (REQUESTER, "楼上邻居天天晚上吵得睡不着", "#1", 1),
        (ENGLISH, "Kids keep playing football in the corridor", "a new one", None),
        (ENGLISH, "Kids keep playing football in the corridor", "#1", 1),
    ],
)
async def test_words_that_may_be_either_are_asked_about(
    running: tuple[Emulator, App],
    desk_clock: DeskClock,
    requester: int,
    words: str,
    choice: str,
    into: int | None,
) -> None:
    """Another thing named beside the street light, with words that point back at it ("还是
    没修好"): the requester is asked whether it is about #1 or a new matter; the words go
    where the answer says, never lost (#1's, or a first inquiry of their own)."""
    emulator, application = running
    world = emulator.world
    heard = await _light_ticket(emulator, requester)
    # Later than the street light's telling (`different_matter.TELLING`): words right after
    # it, of no matter the knowledge base knows, are more of its telling.
    desk_clock.now += timedelta(minutes=30)
    await world.user_sends(requester, words)
    asked = (await bot_lines(emulator, requester, heard + 1))[-1]
    assert "#1" in asked.text and asked.buttons, asked.text
    assert words not in await _filed(application, 1)
    await world.user_sends(requester, choice)
    await bot_lines(emulator, requester, heard + 2)
    if into is not None:
        await until(lambda: _has_filed(application, words))
        assert len(await _tickets(application)) == 1
        return
    assert words not in await _filed(application, 1)
    await _to_its_own_ticket(emulator, requester)
    second = (await _tickets(application))[1]
    assert words in second.question, second.question
