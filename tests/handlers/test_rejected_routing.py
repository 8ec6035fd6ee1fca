"""Issue 14, "rejected candidates still decide routing": once the requester said "not that"
of a template (*Not solved* under its answer, "none of these" under suggestions, "that did not
help"), that template chooses neither the ticket's department nor
its category: the routing table (config `routing`: fault_report to utilities) and the
requester's own words do, else the requester is asked the category. End to end over the
emulation, in both languages."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from bot.intake import offers
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, GENERAL_GROUP, REQUESTER, bot_lines, bot_said, until
from tests.handlers.looks import ticket_no

App = Application  # type: ignore[type-arg]
SOCIAL_GROUP, UTILITIES_GROUP = -1000000000102, -1000000000103
GROUPS = (GENERAL_GROUP, SOCIAL_GROUP, UTILITIES_GROUP)

# A broken thing by a parked car the matcher takes for the parking complaint (general
# window): answered. (An English broken pavement is the road-repair template's now.)
PAVEMENT = {
    REQUESTER: "有车堵在我家门口的路面坏了",
    ENGLISH: "A car is blocking my gate and my gate is broken",
}
# The same, only close enough to suggest the parking complaint (a thing a clerk would not take
# for public works alone: a broken pavement told plainly is registered as a fault at once).
SIDEWALK = {REQUESTER: "占道停车的车位坏了", ENGLISH: "the parking spaces by my gate are broken"}
# No cue word; "did you mean" social-security templates the requester then refuses.
PENSION = {REQUESTER: "社保", ENGLISH: "my pension payment did not arrive this month"}
NONE = {REQUESTER: "都不是", ENGLISH: "none of these"}


async def _recorded(application: App, user: int, message: Any) -> None:
    """The message is recorded as the inquiry's (as it is by the time a person reads it)."""

    async def recorded() -> bool:
        async with application.bot_data.desk.sessions() as session:
            found = await offers.of(session=session, chat_id=user, message_id=message.message_id)
            return found is not None

    await until(recorded)


async def _card(emulator: Emulator, ticket_id: int) -> tuple[int, Any]:
    """The staff group that got a ticket's card, and the card."""
    found: list[tuple[int, Any]] = []

    def shown() -> bool:
        found[:] = [
            (group, e)
            for group in GROUPS
            for e in bot_said(emulator.world, group)
            if f"#{ticket_id}" in e.text
        ]
        return bool(found)

    await until(shown)
    return found[0]


async def _fault_for_utilities(emulator: Emulator, application: App, user: int) -> None:
    """Ticket #1: a fault report (its cue word), for utilities (the routing table), not for
    the general window the parking complaint would send it to."""
    await until(lambda: any("#1" in e.text for e in bot_said(emulator.world, user)))
    ticket = await ticket_no(application, 1)
    assert ticket is not None
    assert (ticket.category, ticket.department_key) == ("fault_report", "utilities")
    group, _ = await _card(emulator, 1)
    assert group == UTILITIES_GROUP


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_not_solved_pressed_leaves_the_rejected_template_out_of_the_routing(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    await emulator.world.user_sends(user, PAVEMENT[user])
    (answer,) = await bot_lines(emulator, user, 1)
    assert "solved" in [b["callback_data"] for row in answer.buttons for b in row]
    await _recorded(application, user, answer)
    await emulator.world.user_presses(user, user, answer.message_id, "human")
    await _fault_for_utilities(emulator, application, user)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(("user", "said"), [(REQUESTER, "没用"), (ENGLISH, "that did not help")])
async def test_not_solved_said_leaves_the_rejected_template_out_of_the_routing(
    running: tuple[Emulator, App], user: int, said: str
) -> None:
    emulator, application = running
    await emulator.world.user_sends(user, PAVEMENT[user])
    (answer,) = await bot_lines(emulator, user, 1)
    await _recorded(application, user, answer)
    await emulator.world.user_sends(user, said)
    await _fault_for_utilities(emulator, application, user)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
@pytest.mark.parametrize("typed", [False, True])
async def test_none_of_these_leaves_the_offered_templates_out_of_the_routing(
    running: tuple[Emulator, App], user: int, typed: bool
) -> None:
    emulator, application = running
    await emulator.world.user_sends(user, SIDEWALK[user])
    (offered,) = await bot_lines(emulator, user, 1)
    assert offered.buttons[0][0]["callback_data"] == "kb:parking-complaint"
    await _recorded(application, user, offered)
    if typed:
        await emulator.world.user_sends(user, NONE[user])
    else:
        await emulator.world.user_presses(user, user, offered.message_id, "human")
    await _fault_for_utilities(emulator, application, user)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_none_of_these_takes_no_category_from_the_refused_templates(
    running: tuple[Emulator, App], user: int
) -> None:
    """No cue word, the offered templates refused: the requester picks the category, and
    the ticket goes where the routing table sends that category (the general window for a
    complaint), not to social security."""
    emulator, application = running
    await emulator.world.user_sends(user, PENSION[user])
    (offered,) = await bot_lines(emulator, user, 1)
    assert offered.buttons[0][0]["callback_data"].startswith("kb:")
    await _recorded(application, user, offered)
    await emulator.world.user_presses(user, user, offered.message_id, "human")
    asked = (await bot_lines(emulator, user, 2))[-1]
    data = [b["callback_data"] for row in asked.buttons for b in row]
    assert "cat:complaint" in data
    assert await ticket_no(application, 1) is None
    await _recorded(application, user, asked)
    await emulator.world.user_presses(user, user, asked.message_id, "cat:complaint")
    await until(lambda: any("#1" in e.text for e in bot_said(emulator.world, user)))
    ticket = await ticket_no(application, 1)
    assert ticket is not None
    assert (ticket.category, ticket.department_key) == ("complaint", "general")
    group, _ = await _card(emulator, 1)
    assert group == GENERAL_GROUP
