"""A requester who can only speak (issue 14, a fresh tester: four voice notes in a row, each
answered "已收到,并为您保存好了…请用文字说说是什么事?", and nobody ever listened; elderly
citizens do this). The first voice note is asked about in words, as any attachment alone is;
the second in a row is handed to a person: a ticket in the fallback category at the general
window, with both voice notes on it (the staff group gets the card and the voices), and the
requester is told plainly that a staff member will listen and reply, with the promise. A
voice note while that ticket is open goes into it. End to end over the emulation, in both
languages."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.classify import fallback_category
from bot.models import Ticket, TicketMessage
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, GENERAL_GROUP, REQUESTER, bot_lines, until
from tests.handlers.test_every_kind import control, said

App = Application  # type: ignore[type-arg]

ASKED = {REQUESTER: "请用文字说说是什么事", ENGLISH: "Please tell me in a few words"}
LISTENS = {REQUESTER: "工作人员会收听", ENGLISH: "A staff member will listen"}
PROMISE = {REQUESTER: "工单 #1", ENGLISH: "ticket #1"}
ADDED = {REQUESTER: "已记入工单 #1", ENGLISH: "Added to ticket #1"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_the_second_voice_note_in_a_row_reaches_a_person(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    await control(emulator, "media", {"user_id": user, "kind": "voice"})
    (asked,) = await bot_lines(emulator, user, 1)
    assert ASKED[user] in asked.text  # the first: asked for words, as now
    assert said(world, GENERAL_GROUP) == []
    await control(emulator, "media", {"user_id": user, "kind": "voice"})
    told = (await bot_lines(emulator, user, 2))[-1]
    assert LISTENS[user] in told.text and PROMISE[user] in told.text
    assert ASKED[user] not in told.text  # no longer asked for words
    # The staff group: the card, then both voice notes under it.
    await until(lambda: [e.kind for e in said(world, GENERAL_GROUP)] == ["text", "voice", "voice"])
    card = said(world, GENERAL_GROUP)[0]
    assert "#1" in card.text and "语音×2" in card.text
    async with desk.sessions() as session:
        (ticket,) = (await session.scalars(select(Ticket))).all()
        kinds = (
            await session.scalars(
                select(TicketMessage.content_type).where(TicketMessage.ticket_id == ticket.id)
            )
        ).all()
    assert ticket.category == fallback_category(desk.settings)
    assert ticket.department_key == desk.settings.home_department
    assert list(kinds).count("voice") == 2  # nothing lost: both are the ticket's messages
    # A third voice note goes into the open ticket.
    await control(emulator, "media", {"user_id": user, "kind": "voice"})
    added = (await bot_lines(emulator, user, 3))[-1]
    assert ADDED[user] in added.text and LISTENS[user] not in added.text
    await until(lambda: [e.kind for e in said(world, GENERAL_GROUP)].count("voice") == 3)
