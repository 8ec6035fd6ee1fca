"""Issue 14, a fresh tester: a photo sent as a Telegram reply to a closed ticket's message did
not open its recurrence, as text does (bot/intake/recurrence.py): it went wherever a photo
alone goes. A photo or a file under a closed ticket's message is the matter back too: a new
ticket at once, in the closed one's category and department, the photo filed under it, its
caption (if any) its question; the items of an album after the first go with it. End to end
over the emulation."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from bot.models import Ticket, TicketMessage
from emulator.server import Emulator
from handlers.context import DeskContext
from tests.handlers.closing import a_closed_ticket
from tests.handlers.conftest import (
    GENERAL_GROUP,
    REQUESTER,
    bot_said,
    until,
)
from tests.handlers.looks import ticket_no

App = Application  # type: ignore[type-arg]


def _photo(n: int) -> dict[str, Any]:
    return {
        "photo": [{"file_id": f"p-{n}", "file_unique_id": f"u-{n}", "width": 90, "height": 90}]
    }


async def _filed(application: App, ticket_id: int) -> list[str]:
    async with DeskContext(application).desk.sessions() as session:
        ticket = await session.get(Ticket, ticket_id)
        assert ticket is not None
        rows = await session.run_sync(
            lambda s: s.query(TicketMessage).filter(TicketMessage.ticket_id == ticket_id).all()
        )
        return [m.content_type for m in rows]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("caption", ["系统又报错了,截图在这", ""])
async def test_a_photo_under_a_closed_tickets_message_opens_its_recurrence(
    running: tuple[Emulator, App], caption: str
) -> None:
    emulator, application = running
    world = emulator.world
    theirs = await a_closed_ticket(emulator, application)
    cards = len(bot_said(world, GENERAL_GROUP))
    reply = world.reply_to(REQUESTER, {"message_id": theirs.message_id})
    content = {**_photo(1), **({"caption": caption} if caption else {})}
    await world.user_sends_content(REQUESTER, content, extra=reply)

    async def second() -> bool:
        return await ticket_no(application, 2) is not None

    await until(second)
    ticket, first = await ticket_no(application, 2), await ticket_no(application, 1)
    assert ticket is not None and first is not None
    assert (ticket.category, ticket.department_key) == (first.category, first.department_key)
    if caption:
        assert ticket.question == caption
    await until(lambda: any("#2" in e.text for e in bot_said(world, GENERAL_GROUP)[cards:]))
    new_card = next(e for e in bot_said(world, GENERAL_GROUP)[cards:] if "#2" in e.text)
    assert "旧事复发" in new_card.text and "#1" in new_card.text, new_card.text
    assert "photo" in await _filed(application, 2)


@pytest.mark.parametrize("store", ["sqlite"])
async def test_an_album_under_a_closed_tickets_message_opens_one_recurrence(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    theirs = await a_closed_ticket(emulator, application)
    reply = world.reply_to(REQUESTER, {"message_id": theirs.message_id})
    album = {"media_group_id": "album-1"}
    await world.user_sends_content(
        REQUESTER, {**_photo(1), **album, "caption": "系统又报错了"}, extra=reply
    )
    await world.user_sends_content(REQUESTER, {**_photo(2), **album}, extra=reply)

    async def both_filed() -> bool:
        return (
            await ticket_no(application, 2) is not None
            and (await _filed(application, 2)).count("photo") == 2
        )

    await until(both_filed)
    assert await ticket_no(application, 3) is None
