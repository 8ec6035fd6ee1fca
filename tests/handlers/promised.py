"""What the reply promising a new ticket says it received from the requester's words and what
it still asks for, in the end-to-end tests (REQUESTER writes Chinese, ENGLISH English)."""

from __future__ import annotations

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, until
from tests.handlers.looks import said_text

NOTED = {REQUESTER: "已收到您说的:", ENGLISH: "Noted from your message: "}
ASKED = {REQUESTER: "请在这里发送:", ENGLISH: "please send here: "}


async def promise(emulator: Emulator, user: int, words: str) -> str:
    """All the bot said to `user` once `words` opened ticket #1 (its promise among it)."""
    world = emulator.world
    await world.user_sends(user, words)
    await until(lambda: "#1" in said_text(world, user))
    return said_text(world, user)


def noted(reply: str, user: int) -> str:
    """What the reply says was received, to the end of that sentence ("" when nothing)."""
    start = reply.find(NOTED[user])
    if start < 0:
        return ""
    rest = reply[start + len(NOTED[user]) :]
    return rest[: rest.find("。" if user == REQUESTER else ". ")]


def asked(reply: str, user: int) -> str:
    """What the reply still asks for, to the end of its line ("" when nothing)."""
    start = reply.find(ASKED[user])
    return "" if start < 0 else reply[start + len(ASKED[user]) :].split("\n")[0]
