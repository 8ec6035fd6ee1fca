"""A tester after /resolve: "solved, but <a new problem>" in words the readers missed.

- Two tickets, Chinese with 不过: "修好了,谢谢。不过我家的燃气表不走字了" after the street
  light's (#1) resolution, while #2 (another officer's) goes on a run, went silently into #2:
  no reply, #1 not confirmed, no new inquiry.
- One ticket: "谢谢,路修好了,不过我的水费账单还是不对" reopened the road's ticket and filed the
  bill there (the lead names the thing solved, "路修好了"; the bill "还是不对" read as the
  road still bad).
- Two tickets, English: "the pothole is fixed, but now the street light next to it is out"
  was filed into the resolved ticket and the requester was asked to rate again.

A careful clerk confirms the resolution awaiting the requester's word (the stars asked for as
usual) and takes the new problem as a first inquiry of its own (answered, or its own ticket),
never filed into the resolved ticket nor into another one in hand, and says both. The same
matter still bad after "solved, but" ("修好了,但是还是没有电", "Fixed, but there is still no
electricity") is not solved: the ticket reopens to the same owner. Over the emulation."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import Application

from bot.models import Requester, TicketStatus
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, DeskClock, until
from tests.handlers.looks import all_tickets, filed_texts
from tests.handlers.test_promised_run import _linked
from tests.handlers.test_runs_two_tickets import MINUTE, OTHER, Side

App = Application  # type: ignore[type-arg]
Sessions = async_sessionmaker[AsyncSession]

CONFIRMED = {REQUESTER: "工单 #1 已确认解决", ENGLISH: "ticket #1 is confirmed solved"}
APART = {REQUESTER: "新的事项另行受理", ENGLISH: "taken up separately, as a new inquiry"}
REOPENED = {REQUESTER: "重新打开", ENGLISH: "reopened"}
ASKS_OTHER = {REQUESTER: "请问具体是几号楼?", ENGLISH: "Which building number exactly?"}
BUILDING = {REQUESTER: "5号楼", ENGLISH: "Building 5"}


async def _resolve(side: Side, officer: tuple[int, int, int], summary: str) -> None:
    """`officer` (who, their group, the topic) resolves their ticket; the requester hears it."""
    side.clock.now += MINUTE
    count = len(side.heard())
    await side.world.user_sends(officer[0], f"/resolve {summary}", officer[1], officer[2])
    await side.hears(count, summary)


async def _two_in_hand(side: Side, first: str, user: int) -> tuple[int, int, int]:
    """#1 of `first`'s words and #2 another matter's, each claimed by its own officer; #2's
    officer asks which building and the requester replies to it (a run on #2, as the tester's
    was). #1's officer, returned."""
    one = await side.opened(first, 1)
    await side.says("/new")
    two = await side.opened(OTHER[user], 2)
    assert two[0] != one[0]
    asked = await side.asked(two, ASKS_OTHER[user])
    await _linked(side.application, side.user, asked)
    await side.says(BUILDING[user], reply_to=asked.message_id)
    await _filed(side, 2, BUILDING[user])
    return one


async def _filed(side: Side, number: int, words: str) -> None:
    async def there() -> bool:
        return words in await filed_texts(side.application, number)

    await until(there)


async def _pending(application: App, user: int) -> str:
    """The words of the requester's first inquiry going on."""
    async with application.bot_data.desk.sessions() as session:
        who = (await session.scalars(select(Requester).where(Requester.chat_id == user))).one()
        return " ".join(t.get("text", "") for t in who.inquiry or [])


async def _confirmed_and_apart(
    side: Side, said: int, user: int, problem: str, others: tuple[int, ...]
) -> None:
    """#1 confirmed solved (never reopened), the requester told so, that `problem` is taken up
    apart, and asked for the stars; `problem` a first inquiry of its own (its words waiting in
    the inquiry, or a new ticket's question), filed in none of the tickets in hand before (#1
    and `others`), and answered in a message after the confirmation."""
    application = side.application

    async def closed() -> bool:
        return (await all_tickets(application))[0].status is TicketStatus.CLOSED

    try:
        await until(closed)
        told = await side.hears(said, CONFIRMED[user])
    except (TimeoutError, AssertionError):
        heard = [e.text for e in side.heard()[said:]]
        raise AssertionError((await all_tickets(application), heard)) from None
    tickets = await all_tickets(application)
    assert tickets[0].reopen_count == 0
    buttons = [b["callback_data"] for row in getattr(told, "buttons", []) for b in row]
    assert any(b.startswith("rate:") for b in buttons), buttons
    for number in (1, *others):
        assert not any(problem in t for t in await filed_texts(application, number)), number
    later = tickets[1 + len(others) :]

    async def taken_up() -> bool:
        pending = await _pending(application, user)
        fresh = await all_tickets(application)
        return problem in pending or any(problem in t.question for t in fresh[1 + len(others) :])

    try:
        await until(taken_up)
    except TimeoutError:
        raise AssertionError((await _pending(application, user), later)) from None

    # The new matter is answered too, after the confirmation.
    def after() -> list[Any]:
        return side.heard()[side.heard().index(told) + 1 :]

    try:
        await until(after)
    except TimeoutError:
        raise AssertionError([e.text for e in side.heard()[said:]]) from None
    assert problem in told.text and APART[user] in told.text, told.text


LIGHT_ZH = "路灯坏了"
GAS = "修好了,谢谢。不过我家的燃气表不走字了"


@pytest.mark.parametrize("store", ["sqlite", "postgresql"])
@pytest.mark.parametrize(
    "words", [GAS, "修好了，谢谢。不过我家的燃气表不走字了", "灯修好了,可是我家的燃气表不走字了"]
)
async def test_zh_solved_but_a_new_problem_beside_another_ticket(
    sessions: Sessions,  # first: on PostgreSQL, a database emptied of earlier tests
    running: tuple[Emulator, App],
    desk_clock: DeskClock,
    words: str,
) -> None:
    """(a) #1 confirmed, the gas meter its own first inquiry; #2 on its run gets nothing."""
    emulator, application = running
    side = Side(emulator, application, desk_clock, REQUESTER)
    light = await _two_in_hand(side, LIGHT_ZH, REQUESTER)
    await _resolve(side, light, "路灯已修复")
    said = await side.says(words)
    await _confirmed_and_apart(side, said, REQUESTER, "燃气表", (2,))
    # A meter stopped is no gas leak: nobody is sent out of their home for it.
    await until(lambda: len(side.heard()) >= said + 2)
    assert not any("燃气总阀" in e.text for e in side.heard()[said:])
    assert (await all_tickets(application))[1].status is TicketStatus.CLAIMED


POTHOLE = {REQUESTER: "我家门口的路上有个大坑", ENGLISH: "There is a big pothole in the road"}
BILL = "谢谢,路修好了,不过我的水费账单还是不对"


@pytest.mark.parametrize("store", ["sqlite", "postgresql"])
@pytest.mark.parametrize("words", [BILL, "谢谢，路修好了，但是我的水费账单还是不对"])
async def test_zh_road_fixed_but_the_water_bill_is_wrong_with_one_ticket(
    sessions: Sessions,  # first: on PostgreSQL, a database emptied of earlier tests
    running: tuple[Emulator, App],
    desk_clock: DeskClock,
    words: str,
) -> None:
    """(b) The road's ticket confirmed, never reopened; the bill a first inquiry of its own."""
    emulator, application = running
    side = Side(emulator, application, desk_clock, REQUESTER)
    road = await side.opened(POTHOLE[REQUESTER], 1)
    await _resolve(side, road, "坑已填平")
    said = await side.says(words)
    await _confirmed_and_apart(side, said, REQUESTER, "水费", ())


STREET_LIGHT = "the pothole is fixed, but now the street light next to it is out"


@pytest.mark.parametrize("store", ["sqlite", "postgresql"])
@pytest.mark.parametrize(
    "words",
    [STREET_LIGHT, "The pothole is fixed, although the street light next to it is out now."],
)
async def test_en_pothole_fixed_but_the_street_light_is_out_beside_another_ticket(
    sessions: Sessions,  # first: on PostgreSQL, a database emptied of earlier tests
    running: tuple[Emulator, App],
    desk_clock: DeskClock,
    words: str,
) -> None:
    """(c) #1 confirmed (asked for the stars once), the street light its own first inquiry;
    nothing filed into #1 nor #2."""
    emulator, application = running
    side = Side(emulator, application, desk_clock, ENGLISH)
    pothole = await _two_in_hand(side, POTHOLE[ENGLISH], ENGLISH)
    await _resolve(side, pothole, "The pothole was filled")
    said = await side.says(words)
    await _confirmed_and_apart(side, said, ENGLISH, "street light", (2,))
    assert (await all_tickets(application))[1].status is TicketStatus.CLAIMED


POWER = {
    REQUESTER: "幸福里3号楼从早上开始停电了",
    ENGLISH: "There is no electricity in building 3",
}
STILL = {REQUESTER: "修好了,但是还是没有电", ENGLISH: "Fixed, but there is still no electricity"}


@pytest.mark.parametrize("store", ["sqlite", "postgresql"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_solved_but_the_same_still_bad_reopens_beside_another_ticket(
    sessions: Sessions,  # first: on PostgreSQL, a database emptied of earlier tests
    running: tuple[Emulator, App],
    desk_clock: DeskClock,
    user: int,
) -> None:
    """Not solved: the power cut's #1 reopens to its owner, the words filed there, the
    requester told; #2 gets nothing and no new inquiry begins."""
    emulator, application = running
    side = Side(emulator, application, desk_clock, user)
    power = await _two_in_hand(side, POWER[user], user)
    await _resolve(side, power, "已恢复供电")
    said = await side.says(STILL[user])
    try:
        await side.hears(said, REOPENED[user])
    except AssertionError:
        raise AssertionError(await all_tickets(application)) from None
    one, two = await all_tickets(application)
    assert one.status is TicketStatus.CLAIMED and one.reopen_count == 1
    assert one.owner_id == power[0]
    assert STILL[user] in await filed_texts(application, 1)
    assert STILL[user] not in await filed_texts(application, 2)
    assert two.status is TicketStatus.CLAIMED
    assert "电" not in await _pending(application, user)
    assert "electricity" not in await _pending(application, user)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "words"), [(REQUESTER, "修好了,谢谢"), (ENGLISH, "The pothole is fixed, thanks")]
)
async def test_solved_alone_beside_another_tickets_run_confirms_the_resolution(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int, words: str
) -> None:
    """ "Solved" and nothing else, while #2 goes on a run: #1's resolution awaits that word,
    so #1 is confirmed (the stars asked for); nothing is filed into #2."""
    emulator, application = running
    side = Side(emulator, application, desk_clock, user)
    first = LIGHT_ZH if user == REQUESTER else POTHOLE[ENGLISH]
    one = await _two_in_hand(side, first, user)
    await _resolve(side, one, "已修复")
    said = await side.says(words)

    async def closed() -> bool:
        return (await all_tickets(application))[0].status is TicketStatus.CLOSED

    try:
        await until(closed)
    except TimeoutError:
        heard = [e.text for e in side.heard()[said:]]
        raise AssertionError((await all_tickets(application), heard)) from None
    assert words not in await filed_texts(application, 2)
