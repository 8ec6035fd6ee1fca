"""A command that does not exist ("/foobar", "/hepl", "/stauts", "/language") is said to be
unknown, in the requester's language, with the commands they can use and, where one is likely
meant, that one (/help, /status, /lang): never the greeting as if nothing were wrong. Staff
hear the same of theirs, in private and in a staff group. End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, GENERAL_GROUP, REQUESTER, bot_said, until
from tests.handlers.looks import all_tickets

App = Application  # type: ignore[type-arg]
OFFICER = 100101

# What each requester reads: the command is unknown, the one likely meant, and the greeting's
# first word (which they must not read).
SAYS = {
    REQUESTER: ("没有 /{} 这个指令", "您要的可能是 /{}", "您好"),
    ENGLISH: ("There is no /{} command", "Did you mean /{}?", "Hello"),
}
# What a bare "/" gets (Telegram may mark it as a command): the commands they can use.
LISTED = {REQUESTER: "您可以使用:\n/help", ENGLISH: "Here you can use:\n/help"}
# What is typed, the name read, and the command likely meant (None: none is).
TYPED = [
    ("/foobar", "foobar", None),
    ("/hepl", "hepl", "help"),
    ("/stauts", "stauts", "status"),
    ("/language", "language", "lang"),
    ("/Stauts@shouwen_bot", "stauts", "status"),
    ("／ｈｅｐｌ", "hepl", "help"),  # typed full-width
    ("/langauge en", "langauge", "lang"),
]


def _texts(emulator: Emulator, chat_id: int) -> list[str]:
    return [e.text for e in bot_said(emulator.world, chat_id)]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_an_unknown_command_is_said_unknown_with_the_one_meant(
    running: tuple[Emulator, App], requester: int
) -> None:
    emulator, application = running
    world = emulator.world
    unknown, did_you_mean, greeting = SAYS[requester]
    for typed, name, likely in TYPED:
        heard = len(_texts(emulator, requester))
        await world.user_sends(requester, typed.replace("shouwen_bot", world.bot.username))
        await until(lambda h=heard: len(_texts(emulator, requester)) > h)
        (answer,) = _texts(emulator, requester)[heard:]
        assert answer.startswith(unknown.format(name)), (typed, answer)
        assert greeting not in answer, (typed, answer)
        for command in ("/help", "/status", "/new", "/lang"):
            assert command in answer, (typed, answer)
        if likely is None:
            assert did_you_mean.format("") not in answer, (typed, answer)
        else:
            assert did_you_mean.format(likely) in answer, (typed, answer)
    heard = len(_texts(emulator, requester))
    await world.user_sends(requester, "/")
    await until(lambda: len(_texts(emulator, requester)) > heard)
    assert _texts(emulator, requester)[-1].startswith(LISTED[requester])
    assert await all_tickets(application) == []  # nothing taken for a question


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_staff_members_unknown_command_in_private_names_the_one_meant(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(OFFICER, "/hepl")
    await until(lambda: bool(_texts(emulator, OFFICER)))
    (answer,) = _texts(emulator, OFFICER)
    assert answer.startswith("没有 /hepl 这个指令。您要的可能是 /help。"), answer
    assert "/mine" in answer  # what works where, for staff
    await world.user_sends(OFFICER, "/qeueu")
    await until(lambda: len(_texts(emulator, OFFICER)) > 1)
    assert _texts(emulator, OFFICER)[-1].startswith("没有 /qeueu 这个指令。您要的可能是 /queue。")


@pytest.mark.parametrize("store", ["sqlite"])
async def test_an_unknown_command_in_a_staff_group_names_the_one_meant_there(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    for typed, meant in (("/tickets", "queue"), ("/incidents", "incident"), ("/hepl", None)):
        heard = len(_texts(emulator, GENERAL_GROUP))
        await world.user_sends(OFFICER, typed, GENERAL_GROUP)
        await until(lambda h=heard: len(_texts(emulator, GENERAL_GROUP)) > h)
        answer = _texts(emulator, GENERAL_GROUP)[-1]
        assert answer.startswith(f"没有 {typed} 这个指令。"), answer
        assert "/mine - " in answer, answer
        if meant is not None:
            assert f"您要的可能是 /{meant}。" in answer, answer
