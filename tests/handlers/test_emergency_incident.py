"""A danger to people at the place of an open mass incident (issue 14, SPEC rule 9; a fresh
tester): someone trapped in a lift of 幸福里 while the power cut there is one incident was
left out of it. A careful clerk keeps the danger its own urgent ticket (the numbers first)
and links it to the incident, so that the incident's updates reach that requester too: the
latest one at once, the next ones as the others hear them. End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import bot_said, until
from tests.handlers.looks import all_tickets
from tests.handlers.test_surge_estates import XINGFULI, _all_open

App = Application  # type: ignore[type-arg]
MANAGER, MANAGEMENT_CHAT = 900001, -1000000000900
SUPERVISOR = 100390  # of Utilities, where the power cuts and the danger go (config.yaml)
FIRST_UPDATE = "供电公司已到场抢修,预计今晚20点前恢复供电"
NEXT_UPDATE = "幸福里已恢复供电,电梯正在逐台检查"
TRAPPED = {
    "zh": "幸福里3号楼的电梯里有人被困,快来人",
    "en": "Someone is trapped in the lift of Xingfuli building 3, please hurry",
}
NUMBER = {"zh": "电梯困人救援", "en": "Lift rescue"}


def _said(emulator: Emulator, chat_id: int) -> str:
    return "\n".join(e.text for e in bot_said(emulator.world, chat_id))


async def _post(emulator: Emulator, incident_id: int, text: str) -> None:
    before = len(bot_said(emulator.world, MANAGEMENT_CHAT))
    await emulator.world.user_sends(MANAGER, f"/incident {incident_id} {text}", MANAGEMENT_CHAT)
    await until(
        lambda: any(
            "已将进展发给" in e.text for e in bot_said(emulator.world, MANAGEMENT_CHAT)[before:]
        )
    )


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("language", ["zh", "en"])
async def test_a_danger_at_an_incidents_place_is_its_own_ticket_linked_to_it(
    running: tuple[Emulator, App], language: str
) -> None:
    emulator, application = running
    world = emulator.world
    await _all_open(emulator, 716000, XINGFULI)
    rows = await all_tickets(application)
    incident_id = rows[0].incident_id
    assert incident_id and {t.incident_id for t in rows} == {incident_id}
    await _post(emulator, incident_id, FIRST_UPDATE)
    user = 716100
    world.add_user(user, "R6", language)
    await world.user_sends(user, TRAPPED[language])
    await until(lambda: "#6" in _said(emulator, user))
    rows = await all_tickets(application)
    assert len(rows) == 6
    trapped = rows[5]
    assert trapped.priority == "urgent" and trapped.requester_id != rows[0].requester_id
    assert trapped.incident_id == incident_id
    said = bot_said(world, user)
    assert NUMBER[language] in said[0].text and "96333" in said[0].text
    await until(lambda: FIRST_UPDATE in _said(emulator, user))
    await _post(emulator, incident_id, NEXT_UPDATE)
    await until(lambda: NEXT_UPDATE in _said(emulator, user))


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_danger_from_a_requester_of_the_incident_is_not_merged_into_their_ticket(
    running: tuple[Emulator, App],
) -> None:
    """One of the incident's own requesters tells someone is trapped, naming no place: not
    filed into their power-cut ticket, but its own urgent ticket, linked to the incident
    their place is in."""
    emulator, application = running
    await _all_open(emulator, 717000, XINGFULI)
    rows = await all_tickets(application)
    incident_id = rows[0].incident_id
    assert incident_id
    user = 717001  # the first of them: "幸福里3号楼停电了"
    await emulator.world.user_sends(user, "电梯里有人被困了,快来人")
    await until(lambda: "#6" in _said(emulator, user))
    rows = await all_tickets(application)
    assert len(rows) == 6 and rows[5].priority == "urgent"
    assert rows[5].requester_id == rows[0].requester_id
    assert rows[5].incident_id == incident_id
    assert "96333" in _said(emulator, user)


@pytest.mark.parametrize("store", ["sqlite"])
async def test_resolving_the_incident_leaves_the_danger_to_be_settled_on_its_own(
    running: tuple[Emulator, App],
) -> None:
    """The power back is no rescue: `/incident N resolve` resolves the power-cut tickets and
    leaves the trapped person's, saying so; that requester is asked to confirm nothing."""
    emulator, application = running
    world = emulator.world
    await _all_open(emulator, 718000, XINGFULI)
    incident_id = (await all_tickets(application))[0].incident_id
    assert incident_id
    user = 718100
    world.add_user(user, "R6", "zh")
    await world.user_sends(user, TRAPPED["zh"])
    await until(lambda: "#6" in _said(emulator, user))
    rows = await all_tickets(application)
    assert rows[5].incident_id == incident_id
    assert {t.department_key for t in rows} == {"utilities"}
    before = len(bot_said(world, MANAGEMENT_CHAT))
    await world.user_sends(
        SUPERVISOR, f"/incident {incident_id} resolve 已恢复供电", MANAGEMENT_CHAT
    )
    await until(lambda: any("已办结" in e.text for e in bot_said(world, MANAGEMENT_CHAT)[before:]))
    told = next(e.text for e in bot_said(world, MANAGEMENT_CHAT)[before:] if "已办结" in e.text)
    assert "5 件" in told and "#6" in told and "人身危险" in told, told
    rows = await all_tickets(application)
    assert str(rows[5].status) == "open" and all(str(t.status) == "resolved" for t in rows[:5])
