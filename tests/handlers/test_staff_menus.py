"""The menu each person sees where they write to the bot (SPEC: the command menus per scope):
an officer's private chat shows what staff do there (their tickets, the queue, a ticket's
record, /new to ask as a citizen), not the requester's /start and /status; a requester's
private chat the requester's; a staff group the staff's; a supervisor's private chat the
supervisors'; each in the language of whoever reads it. Seen as Telegram chooses among the
menus the bot set (emulator/menus.py), through the real Application."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.menus import shown
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, GENERAL_GROUP, REQUESTER, until

App = Application  # type: ignore[type-arg]
OFFICER, SUPERVISOR = 100101, 100190


def menu(emulator: Emulator, user_id: int, chat_id: int) -> list[str]:
    world = emulator.world
    return [
        c["command"] for c in shown(world.commands, world.chats[chat_id], world.users[user_id])
    ]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_an_officer_sees_the_staff_menu_in_private(running: tuple[Emulator, App]) -> None:
    emulator, _application = running
    await until(lambda: menu(emulator, REQUESTER, REQUESTER) != [])
    await until(lambda: menu(emulator, OFFICER, OFFICER) != menu(emulator, REQUESTER, REQUESTER))
    mine = menu(emulator, OFFICER, OFFICER)
    assert {"mine", "queue", "ticket", "new", "help"} <= set(mine)
    assert "start" not in mine and "status" not in mine and "resolve" not in mine
    # In the staff's language (the officers write Chinese here).
    world = emulator.world
    (described,) = [
        c["description"]
        for c in shown(world.commands, world.chats[OFFICER], world.users[OFFICER])
        if c["command"] == "mine"
    ]
    assert described == "我负责的工单"
    # An officer who reads English reads it in English.
    world.users[OFFICER].language_code = "en-GB"
    (described,) = [
        c["description"]
        for c in shown(world.commands, world.chats[OFFICER], world.users[OFFICER])
        if c["command"] == "mine"
    ]
    assert described == "Tickets I own"


@pytest.mark.parametrize("store", ["sqlite"])
async def test_everyone_else_keeps_their_menu(running: tuple[Emulator, App]) -> None:
    emulator, _application = running
    await until(lambda: "mine" in menu(emulator, OFFICER, OFFICER))
    assert menu(emulator, REQUESTER, REQUESTER) == ["start", "help", "status", "new", "lang"]
    assert menu(emulator, ENGLISH, ENGLISH) == ["start", "help", "status", "new", "lang"]
    assert "resolve" in menu(emulator, OFFICER, GENERAL_GROUP)
    assert "assign" in menu(emulator, SUPERVISOR, SUPERVISOR)
