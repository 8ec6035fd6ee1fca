"""What the emergency tests check alike over the emulation: a danger said into an open ticket
raises it; ordinary words that name a danger are none."""

from __future__ import annotations

from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import bot_lines, bot_said, until
from tests.handlers.looks import ticket_no

App = Application  # type: ignore[type-arg]
MANAGEMENT = -1000000000900


async def on_to_a_person(emulator: Emulator, user: int) -> None:
    """Press through the bot's offers ("none of these") and category question
    (consultation) until a person has the matter: ticket #1 promised."""
    world = emulator.world
    for _ in range(3):
        if any("#1" in e.text for e in bot_said(world, user)):
            return
        last = bot_said(world, user)[-1]
        pressed = [
            b["callback_data"]
            for row in last.buttons
            for b in row
            if b["callback_data"] == "human" or b["text"] in ("咨询", "Consultation")
        ]
        assert pressed, last.text
        count = len(bot_said(world, user))
        await world.user_presses(user, user, last.message_id, pressed[0])
        await until(lambda n=count: len(bot_said(world, user)) > n)  # type: ignore[misc]
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))


async def raised_in_its_ticket(
    emulator: Emulator,
    application: App,
    user: int,
    first: str,
    then: str,
    raised: str,
    number: str,
) -> None:
    """`first` opens an ordinary ticket; `then`, a danger, makes it urgent at once: the
    requester hears the emergency number that fits it (`number`; `raised` in their words)
    and the supervisors are alerted about ticket #1."""
    world = emulator.world
    await world.user_sends(user, first)
    await bot_lines(emulator, user, 2)
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.priority == "normal"
    await world.user_sends(user, then)

    async def urgent() -> bool:
        ticket = await ticket_no(application, 1)
        return ticket is not None and ticket.priority == "urgent"

    await until(urgent)
    await until(lambda: any(raised in e.text for e in bot_said(world, user)))
    advice = next(e for e in bot_said(world, user) if raised in e.text)
    assert number in advice.text, advice.text
    alert = await bot_lines(emulator, MANAGEMENT, 1)
    assert any("#1" in line.text for line in alert)


async def no_emergency(emulator: Emulator, application: App, user: int, text: str) -> None:
    """`text` is no emergency: no emergency numbers, no urgent ticket, no alert."""
    world = emulator.world
    await world.user_sends(user, text)
    said = await bot_lines(emulator, user, 1)
    if said[-1].buttons:  # offers or the category question: on to a person
        await on_to_a_person(emulator, user)
    assert not any("119" in e.text for e in bot_said(world, user))
    ticket = await ticket_no(application, 1)
    assert ticket is None or ticket.priority == "normal"
    assert not bot_said(world, MANAGEMENT)
