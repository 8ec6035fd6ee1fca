"""Issue 14, "solved, but" a new thing: after an officer's /resolve, the requester confirms and
tells, in the same breath, something new the readers missed.

- A danger after it: "灯修好了,谢谢!不过小区东门那个井盖不见了,晚上很危险…".
- A new thing or state after "but": "Fixed, but now the pavement outside is dug up and nobody
  put up a sign", "ok the car is gone, thanks. but now the bins have not been collected for a
  week", "its fixed thanks!! but my water bill is wrong" (a bill is its own inquiry).

A careful clerk confirms the resolution (the stars asked for as usual) and takes the new thing
up as its own inquiry: a danger an urgent ticket of its own, the danger's advice told. Where
the new thing names no place, it is at the resolved ticket's (the requester's words confirmed
it: the place the officer just worked at), so five homes each telling "小区东门那个井盖" after
their own street light's repair are five places, not one false incident. "修好了,但是还是没有
电" is still not solved: the ticket reopens. Over the emulation."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import Application

from bot.models import Requester, Ticket, TicketStatus
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, DeskClock, until
from tests.handlers.looks import all_tickets, callbacks_of, filed_texts
from tests.handlers.test_runs_two_tickets import MINUTE, OFFICERS, Side

App = Application  # type: ignore[type-arg]
Sessions = async_sessionmaker[AsyncSession]

CONFIRMED = {REQUESTER: "已确认解决", ENGLISH: "is confirmed solved"}
REOPENED = {REQUESTER: "重新打开", ENGLISH: "reopened"}


async def _resolve(side: Side, officer: tuple[int, int, int], summary: str) -> None:
    """`officer` (who, their group, the topic) resolves their ticket; the requester hears it."""
    side.clock.now += MINUTE
    count = len(side.heard())
    await side.world.user_sends(officer[0], f"/resolve {summary}", officer[1], officer[2])
    await side.hears(count, summary)


async def _opened(side: Side, words: str, number: int) -> tuple[int, int, int]:
    """`words` open ticket #`number` (its kind chosen, a complaint, when asked), claimed by its
    group's officer: (officer, their group, the ticket's topic)."""
    said = await side.says(words)

    def reply() -> Any:
        return next(
            (e for e in side.heard()[said:] if f"#{number}" in e.text or callbacks_of(e)), None
        )

    await until(reply)
    kinds = [c for c in callbacks_of(reply()) if c.startswith("cat:")]
    if kinds:
        chosen = "cat:complaint" if "cat:complaint" in kinds else kinds[0]
        await side.world.user_presses(side.user, side.user, reply().message_id, chosen)
    ticket = await side.ticket(number, lambda t: t.card_message_id is not None)
    group, officer = ticket.staff_chat_id, OFFICERS[ticket.staff_chat_id]
    topics = len(side.world.chats[group].topics)
    await side.world.user_presses(officer, group, ticket.card_message_id, f"claim:{number}")
    await until(lambda: len(side.world.chats[group].topics) > topics)
    claimed = await side.ticket(number, lambda t: t.staff_thread_id is not None)
    return officer, group, claimed.staff_thread_id


async def _ticket_of(application: App, user: int, number: int) -> Ticket:
    """`user`'s ticket #`number` among theirs (1: their first), once it is there."""
    found: list[Ticket] = []

    async def there() -> bool:
        async with application.bot_data.desk.sessions() as session:
            who = (await session.scalars(select(Requester).where(Requester.chat_id == user))).one()
            rows = list(
                await session.scalars(
                    select(Ticket).where(Ticket.requester_id == who.id).order_by(Ticket.id)
                )
            )
        found[:] = rows
        return len(rows) >= number

    try:
        await until(there)
    except TimeoutError:
        raise AssertionError(found) from None
    return found[number - 1]


async def _pending(application: App, user: int) -> str:
    """The words of the requester's first inquiry going on."""
    async with application.bot_data.desk.sessions() as session:
        who = (await session.scalars(select(Requester).where(Requester.chat_id == user))).one()
        return " ".join(t.get("text", "") for t in who.inquiry or [])


async def _confirmed(side: Side, said: int, user: int) -> None:
    """The requester's first ticket closed as confirmed (never reopened), they told so."""
    application = side.application

    async def closed() -> bool:
        return (await _ticket_of(application, user, 1)).status is TicketStatus.CLOSED

    try:
        await until(closed)
        await side.hears(said, CONFIRMED.get(user, CONFIRMED[REQUESTER]))
    except (TimeoutError, AssertionError):
        heard = [e.text for e in side.heard()[said:]]
        raise AssertionError((await all_tickets(application), heard)) from None
    assert (await _ticket_of(application, user, 1)).reopen_count == 0


LIGHT_AT = "幸福路12号门口的路灯坏了"
MANHOLE = "灯修好了,谢谢!不过小区东门那个井盖不见了,晚上很危险…"


@pytest.mark.parametrize("store", ["sqlite", "postgresql"])
@pytest.mark.parametrize(
    ("words", "place", "not_place"),
    [
        (MANHOLE, "幸福路12号", None),
        # A place of its own named: that one, the ticket's not carried.
        ("灯修好了,谢谢!不过和平路8号那个井盖不见了,晚上很危险", "和平路8号", "幸福路12号"),
    ],
)
async def test_zh_solved_but_a_danger_is_an_urgent_ticket_of_its_own(
    sessions: Sessions,  # first: on PostgreSQL, a database emptied of earlier tests
    running: tuple[Emulator, App],
    desk_clock: DeskClock,
    words: str,
    place: str,
    not_place: str | None,
) -> None:
    """The light's #1 confirmed; the missing manhole cover #2, urgent, the danger's advice
    told first; #2 at #1's place (幸福路12号) when the requester names none."""
    emulator, application = running
    side = Side(emulator, application, desk_clock, REQUESTER)
    light = await side.opened(LIGHT_AT, 1)
    await _resolve(side, light, "路灯已修复")
    said = await side.says(words)
    await _confirmed(side, said, REQUESTER)
    manhole = await _ticket_of(application, REQUESTER, 2)
    assert "井盖" in manhole.question and manhole.priority == "urgent", manhole
    assert place in manhole.question, manhole.question
    assert not_place is None or not_place not in manhole.question, manhole.question
    await side.hears(said, "#2")
    # The danger's advice first: the emergency number, and keep people away from the hole.
    advice = (await side.hears(said, "紧急情况")).text
    assert "110" in advice and "远离" in advice, advice
    assert words not in await filed_texts(application, 1)


FIXED_BUT = [
    (
        "The street light outside 12 Xingfu Road is broken",
        "Fixed, but now the pavement outside is dug up and nobody put up a sign",
        "pavement",
    ),
    (
        "A car has been abandoned outside 12 Xingfu Road for weeks",
        "ok the car is gone, thanks. but now the bins have not been collected for a week",
        "bins",
    ),
    (
        "The street light outside 12 Xingfu Road is broken",
        "its fixed thanks!! but my water bill is wrong",
        "water bill",
    ),
]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(("first", "words", "thing"), FIXED_BUT)
async def test_en_solved_but_a_new_thing_is_its_own_inquiry(
    running: tuple[Emulator, App], desk_clock: DeskClock, first: str, words: str, thing: str
) -> None:
    """#1 confirmed, never reopened; the new thing a first inquiry of its own (its words
    waiting in the inquiry, or a new ticket's question), never filed into #1."""
    emulator, application = running
    side = Side(emulator, application, desk_clock, ENGLISH)
    opened = await _opened(side, first, 1)
    await _resolve(side, opened, "Done")
    said = await side.says(words)
    await _confirmed(side, said, ENGLISH)
    assert not any(thing in t for t in await filed_texts(application, 1))

    async def taken_up() -> bool:
        tickets = await all_tickets(application)
        pending = await _pending(application, ENGLISH)
        return thing in pending or any(thing in t.question for t in tickets[1:])

    try:
        await until(taken_up)
    except TimeoutError:
        raise AssertionError(
            (await _pending(application, ENGLISH), await all_tickets(application))
        ) from None


@pytest.mark.parametrize("store", ["sqlite"])
async def test_zh_solved_but_still_no_power_reopens(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    """The same supply still cut after "solved, but": not solved, #1 reopened."""
    emulator, application = running
    side = Side(emulator, application, desk_clock, REQUESTER)
    power = await side.opened("幸福里3号楼从早上开始停电了", 1)
    await _resolve(side, power, "已恢复供电")
    said = await side.says("修好了,但是还是没有电")
    await side.hears(said, REOPENED[REQUESTER])
    (one,) = await all_tickets(application)
    assert one.status is TicketStatus.CLAIMED and one.reopen_count == 1


# Each home's resolved ticket, at its own address: street lights (the utilities') and
# complaints about the stairwells (the general window's), so that neither group's cards wait
# on Telegram's twenty messages a minute to a group.
HOMES = [
    (REQUESTER, "幸福路12号门口的路灯坏了", "幸福路12号"),
    (700011, "我要投诉物业,和平路3号的楼道一直没人打扫", "和平路3号"),
    (700012, "建设路45号门口的路灯坏了", "建设路45号"),
    (700013, "我要投诉物业,解放路8号的楼道一直没人打扫", "解放路8号"),
    (700014, "我要投诉物业,人民路20号的楼道一直没人打扫", "人民路20号"),
]
EAST_GATE = "修好了,谢谢。不过小区东门那个井盖不见了,晚上很危险"


@pytest.mark.parametrize("store", ["sqlite"])
async def test_five_homes_each_east_gate_are_no_one_incident(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    """Five requesters, each after their own ticket's resolution at their own address, tell
    "小区东门" of no address: each manhole ticket is at its requester's place (the resolved
    ticket's), and none is linked with another as one incident."""
    emulator, application = running
    world = emulator.world
    for user, first, place in HOMES:
        if user not in world.users:
            world.add_user(user, f"R{user}", "zh", started=True)
        side = Side(emulator, application, desk_clock, user)
        number = len(await all_tickets(application)) + 1
        opened = await side.opened(first, number)
        await _resolve(side, opened, "已处理")
        said = await side.says(EAST_GATE)
        await _confirmed(side, said, user)
        manhole = await _ticket_of(application, user, 2)
        assert "井盖" in manhole.question and place in manhole.question, manhole.question
    tickets = await all_tickets(application)
    assert len(tickets) == 2 * len(HOMES), tickets
    assert all(t.incident_id is None for t in tickets), [t.incident_id for t in tickets]
