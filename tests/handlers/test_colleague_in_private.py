"""A staff member who writes plain words to the bot in private (issue 14's tester: an officer
asking "井盖那个工单怎么办理?" got a citizen's ticket opened in their name) is answered as a
colleague, in the staff's language: their commands here, tickets handled in the staff group,
and /new to ask as a citizen; after /new their question is taken as any requester's
(bot/intake/colleagues.py). End to end over the emulation."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select
from telegram.ext import Application

from bot.config import Settings
from bot.models import Requester, Ticket
from emulator.server import Emulator
from tests.handlers.conftest import GENERAL_GROUP, bot_lines, bot_said, staff_speaking
from tests.handlers.test_whole_input import photo

App = Application  # type: ignore[type-arg]
OFFICER, SUPERVISOR, MANAGER = 100101, 100190, 900001
SAID = {"zh": "工单在各部门的工作群里办理", "en": "Tickets are handled in your department's"}


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(request.param)


async def _tickets_of(application: App, user_id: int) -> int:
    async with application.bot_data.desk.sessions() as session:
        found = await session.scalar(
            select(func.count())
            .select_from(Ticket)
            .join(Requester, Requester.id == Ticket.requester_id)
            .where(Requester.telegram_user_id == user_id)
        )
    return int(found or 0)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_a_colleagues_words_in_private_open_no_ticket_until_new(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, application = running
    world = emulator.world
    said = SAID[settings.languages.default]
    for who in (OFFICER, SUPERVISOR, MANAGER):
        await world.user_sends(who, "井盖那个工单怎么办理?")
        (answer,) = await bot_lines(emulator, who, 1)
        assert said in answer.text, answer.text
        assert all(c in answer.text for c in ("/mine", "/queue", "/ticket N", "/new"))
        assert await _tickets_of(application, who) == 0
    assert bot_said(world, GENERAL_GROUP) == []
    # With /new they ask as a citizen: the question opens their ticket, as anyone's.
    await world.user_sends(OFFICER, "/new")
    await bot_lines(emulator, OFFICER, 2)
    await world.user_sends(OFFICER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    assert "公租房" in card.text
    assert await _tickets_of(application, OFFICER) == 1
    # What they add goes to it, not answered as a colleague.
    heard = len(bot_said(world, OFFICER))
    await world.user_sends(OFFICER, "我家三口人")
    answer = (await bot_lines(emulator, OFFICER, heard + 1))[-1].text
    assert said not in answer, answer


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh"], indirect=True)
async def test_a_colleagues_photo_or_album_is_answered_once_as_a_colleagues(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends_content(OFFICER, {**photo("P1"), "caption": "井盖这样算谁的?"})
    (answer,) = await bot_lines(emulator, OFFICER, 1)
    assert SAID["zh"] in answer.text
    await world.user_sends_album(OFFICER, [photo("A1"), photo("A2"), photo("A3")], "井盖照片")
    # Something answered after the album: by then each of its items was handled.
    await world.user_sends(OFFICER, "还有一个问题")
    lines = await bot_lines(emulator, OFFICER, 3)
    await asyncio.sleep(0.3)
    assert len(bot_said(world, OFFICER)) == 3  # the photo, the album once, the text
    assert all(SAID["zh"] in line.text for line in lines)
    assert await _tickets_of(application, OFFICER) == 0
    assert bot_said(world, GENERAL_GROUP) == []
