"""A second, unrelated matter said beside an open ticket is its own (issue 14, input 2): ticket
#1 a street light, acknowledged; "还有一件事,我家楼下的垃圾桶好几天没人清理了,很臭" got no
reply and was filed into the street light's ticket, and closed with it when the light was
confirmed fixed. A clerk says "that is a separate matter" and opens it apart; words that may
be the ticket's stay there, but are never met with silence."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import Direction, TicketMessage
from emulator.server import Emulator
from handlers.context import DeskContext
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until
from tests.handlers.handing import GROUPS, OFFICERS
from tests.handlers.looks import all_tickets

App = Application  # type: ignore[type-arg]
# the owner as the requester reads them: in their language
SUN_WEI = {REQUESTER: "孙伟", ENGLISH: "Sun Wei"}
LIGHT = {
    REQUESTER: "和平路12号门口的路灯坏了,晚上一片漆黑",
    ENGLISH: "The street light outside 12 Heping Road is broken, it is pitch dark at night",
}
RUBBISH = {
    REQUESTER: "还有一件事,我家楼下的垃圾桶好几天没人清理了,很臭",
    ENGLISH: "Another thing: the rubbish bins downstairs have not been emptied for days, "
    "they stink",
}
SEPARATE = {REQUESTER: "另一件事", ENGLISH: "separate matter"}


async def _filed(application: App, ticket_id: int) -> list[str]:
    async with DeskContext(application).desk.sessions() as session:
        return list(
            await session.scalars(
                select(TicketMessage.text).where(
                    TicketMessage.ticket_id == ticket_id, TicketMessage.direction == Direction.IN
                )
            )
        )


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_another_matter_beside_an_open_ticket_is_its_own_ticket(
    running: tuple[Emulator, App], requester: int
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(requester, LIGHT[requester])
    await until(lambda: any(bot_said(world, chat) for chat in GROUPS.values()))
    department = next(key for key, chat in GROUPS.items() if bot_said(world, chat))
    card = next(e for e in bot_said(world, GROUPS[department]) if e.buttons)
    await world.user_presses(OFFICERS[department], GROUPS[department], card.message_id, "claim:1")
    await until(lambda: any(SUN_WEI[requester] in e.text for e in bot_said(world, requester)))
    heard = len(bot_said(world, requester))
    await world.user_sends(requester, RUBBISH[requester])
    asked = (await bot_lines(emulator, requester, heard + 1))[-1]
    buttons = [b["callback_data"] for row in asked.buttons for b in row]
    if buttons:  # its kind asked, as for any new matter: its own ticket once chosen
        assert "cat:complaint" in buttons, asked.text
        await world.user_presses(requester, requester, asked.message_id, "cat:complaint")
        heard += 1
    told = (await bot_lines(emulator, requester, heard + 1))[-1].text
    tickets = await all_tickets(application)
    assert len(tickets) == 2, told
    assert "#2" in told and SEPARATE[requester] in told, told
    # The new ticket's text is the matter, without the opener that announced it, in both
    # languages ("Another thing:" stayed in it while "还有一件事," went).
    opener = RUBBISH[requester].split(":" if requester == ENGLISH else ",")[0]
    assert tickets[1].question.startswith(RUBBISH[requester][len(opener) + 1 :].strip()[:8])
    assert opener.lower() not in tickets[1].question.lower(), tickets[1].question
    assert not any("垃圾桶" in t or "rubbish" in t for t in await _filed(application, 1))


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "opener", "matter"),
    [
        (ENGLISH, "Oh, and another thing: ", RUBBISH[ENGLISH].split(": ", 1)[1]),
        (ENGLISH, "Also, another thing: ", RUBBISH[ENGLISH].split(": ", 1)[1]),
        (ENGLISH, "And another thing: ", RUBBISH[ENGLISH].split(": ", 1)[1]),
        (REQUESTER, "另外,还有一件事,", RUBBISH[REQUESTER].split(",", 1)[1]),
        (REQUESTER, "对了,还有一件事:", RUBBISH[REQUESTER].split(",", 1)[1]),
    ],
)
async def test_the_opener_of_another_matter_is_not_its_text(
    running: tuple[Emulator, App], requester: int, opener: str, matter: str
) -> None:
    """ "还有一件事," went from the new ticket's text while "another thing:" stayed in it: an
    opener, however many words it takes ("Oh, and another thing:", "另外,还有一件事,"), is
    how they announced the matter, not the matter, in either language."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(requester, LIGHT[requester])
    await until(lambda: any(bot_said(world, chat) for chat in GROUPS.values()))
    department = next(key for key, chat in GROUPS.items() if bot_said(world, chat))
    card = next(e for e in bot_said(world, GROUPS[department]) if e.buttons)
    await world.user_presses(OFFICERS[department], GROUPS[department], card.message_id, "claim:1")
    await until(lambda: any(SUN_WEI[requester] in e.text for e in bot_said(world, requester)))
    heard = len(bot_said(world, requester))
    await world.user_sends(requester, opener + matter)
    asked = (await bot_lines(emulator, requester, heard + 1))[-1]
    if any(b["callback_data"] == "cat:complaint" for row in asked.buttons for b in row):
        await world.user_presses(requester, requester, asked.message_id, "cat:complaint")

    async def two() -> bool:
        return len(await all_tickets(application)) == 2

    await until(two)
    assert (await all_tickets(application))[1].question == matter
