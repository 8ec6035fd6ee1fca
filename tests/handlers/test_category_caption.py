"""A photo sent while the category buttons wait, as a careful clerk takes it: nothing lost.
A caption that sets a new matter apart ("另外,楼道的灯坏了,照片如下", "By the way, the hallway
light is broken, photo attached") is taken as the same words typed are
(tests/handlers/test_category_apart.py): the waiting question filed, the new matter taken
alone with its photo. A caption that adds to the waiting question ("这是我的收入证明"), and a
photo without one, stay with the waiting question: the photo goes into the ticket it becomes.
End to end over the emulation, both languages."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.classify import fallback_category
from bot.models import TicketMessage
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until
from tests.handlers.looks import all_tickets
from tests.handlers.test_category_apart import ABOUT, FILED, QUESTION, _asked_kind
from tests.handlers.test_whole_input import photo

App = Application  # type: ignore[type-arg]

APART = {
    REQUESTER: "另外,楼道的灯坏了,照片如下",
    ENGLISH: "By the way, the hallway light is broken, photo attached",
}
LIGHT = {REQUESTER: "楼道的灯坏了", ENGLISH: "hallway light is broken"}
ADDS = {REQUESTER: "这是我的收入证明", ENGLISH: "here is my income certificate"}
ADDED = {REQUESTER: "已补充到您的问题里", ENGLISH: "Added to your question"}
HELD = {REQUESTER: "会随您的问题一并交给经办人", ENGLISH: "together with your question"}


async def _photos(application: App) -> dict[int, list[str | None]]:
    """The photos filed, by the ticket they are filed under."""
    async with application.bot_data.desk.sessions() as session:
        rows = await session.scalars(
            select(TicketMessage)
            .where(TicketMessage.content_type == "photo")
            .order_by(TicketMessage.id)
        )
        filed: dict[int, list[str | None]] = {}
        for row in rows:
            filed.setdefault(row.ticket_id, []).append(row.file_id)
        return filed


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_caption_apart_files_the_waiting_question_and_takes_its_matter_with_the_photo(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    await _asked_kind(emulator, user)
    await world.user_sends_content(user, {**photo("P1"), "caption": APART[user]})
    await until(lambda: sum("#2" in e.text for e in bot_said(world, user)) >= 1)
    said = [e.text for e in bot_said(world, user)][1:]
    # The waiting matter filed first, and they are told which question that ticket took.
    filed = next(t for t in said if FILED[user] in t)
    assert ABOUT[user] in filed and QUESTION[user] in filed, filed
    assert said.index(filed) < next(i for i, t in enumerate(said) if "#2" in t)
    first, second = sorted(await all_tickets(application), key=lambda t: t.id)
    # The waiting question filed alone, in the fallback kind, without the photo.
    assert (first.category, first.question) == (fallback_category(desk.settings), QUESTION[user])
    assert LIGHT[user] not in first.question
    # The new matter, a fault, taken alone, with its photo.
    assert second.category == "fault_report"
    assert LIGHT[user] in second.question and QUESTION[user] not in second.question
    await until(lambda: _filed_under(application, second.id))
    assert await _photos(application) == {second.id: ["P1"]}


async def _filed_under(application: App, ticket_id: int) -> bool:
    return ticket_id in await _photos(application)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_photo_kept_for_the_waiting_question_stays_with_it_when_a_caption_is_apart(
    running: tuple[Emulator, App], user: int
) -> None:
    """Each photo with its own matter: the one sent for the waiting question goes into its
    ticket, the one under the caption apart into the new matter's."""
    emulator, application = running
    world = emulator.world
    await _asked_kind(emulator, user)
    await world.user_sends_content(user, photo("P0"))
    assert HELD[user] in (await bot_lines(emulator, user, 2))[-1].text
    await world.user_sends_content(user, {**photo("P1"), "caption": APART[user]})
    await until(lambda: sum("#2" in e.text for e in bot_said(world, user)) >= 1)
    first, second = sorted(await all_tickets(application), key=lambda t: t.id)
    assert first.question == QUESTION[user] and LIGHT[user] in second.question
    assert await _photos(application) == {first.id: ["P0"], second.id: ["P1"]}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_caption_adding_to_the_waiting_question_goes_with_it_photo_and_all(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    world = emulator.world
    choice = await _asked_kind(emulator, user)
    await world.user_sends_content(user, {**photo("P1"), "caption": ADDS[user]})
    reply = (await bot_lines(emulator, user, 2))[-1].text
    # Added to it, the buttons still waiting; or, the whole question now telling its kind (as
    # the same words typed do: the English one), handed over at once, caption and all.
    if ADDED[user] in reply:
        assert await all_tickets(application) == []
        await world.user_presses(user, user, choice.message_id, "cat:complaint")
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    (ticket,) = await all_tickets(application)
    assert QUESTION[user] in ticket.question and ADDS[user] in ticket.question
    assert await _photos(application) == {ticket.id: ["P1"]}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_photo_without_a_caption_goes_with_the_waiting_question(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    world = emulator.world
    choice = await _asked_kind(emulator, user)
    await world.user_sends_content(user, photo("P1"))
    assert HELD[user] in (await bot_lines(emulator, user, 2))[-1].text
    assert await all_tickets(application) == []
    await world.user_presses(user, user, choice.message_id, "cat:complaint")
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    (ticket,) = await all_tickets(application)
    assert ticket.question == QUESTION[user]
    assert await _photos(application) == {ticket.id: ["P1"]}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_an_album_under_a_caption_apart_goes_whole_with_the_new_matter(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    world = emulator.world
    await _asked_kind(emulator, user)
    await world.user_sends_album(user, [photo("A1"), photo("A2"), photo("A3")], APART[user])
    await until(lambda: sum("#2" in e.text for e in bot_said(world, user)) >= 1)
    first, second = sorted(await all_tickets(application), key=lambda t: t.id)
    assert first.question == QUESTION[user] and LIGHT[user] in second.question
    await until(lambda: _all_filed(application, 3))
    assert await _photos(application) == {second.id: ["A1", "A2", "A3"]}


async def _all_filed(application: App, photos: int) -> bool:
    return sum(map(len, (await _photos(application)).values())) >= photos
