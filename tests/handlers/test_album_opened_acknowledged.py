"""A ticket opened by an album (its caption the question) acknowledges the requester's next
message as a ticket opened by a text or a single photo does (issue 14: a tester's album, a
2-photo album and a text after it heard nothing for ~400 s). The album's further items came
with the question: acknowledged by its promise, they start no run of messages
(bot/acknowledgements.py). One acknowledgement per album; end to end over the emulation."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from telegram.ext import Application

from bot.models import TicketMessage
from emulator.server import Emulator
from handlers.context import DeskContext
from tests.handlers.conftest import (
    ENGLISH,
    REQUESTER,
    DeskClock,
    bot_lines,
    bot_said,
    until,
)

App = Application  # type: ignore[type-arg]
ADDED = {REQUESTER: "已记入工单 #1", ENGLISH: "Added to ticket #1"}
QUESTION = {
    REQUESTER: "小区东门的消防栓一直在漏水,地上全是水",
    ENGLISH: "The fire hydrant at the east gate is leaking, water all over the ground",
}
MORE = {REQUESTER: "这是另一个角度", ENGLISH: "Another angle"}
MORE_WORDS = {REQUESTER: "就在东门旁边。", ENGLISH: "It is next to the east gate."}


def _photo(n: int) -> dict[str, Any]:
    return {"photo": [{"file_id": f"p{n}", "file_unique_id": f"u{n}", "width": 90, "height": 90}]}


def _acknowledged(emulator: Emulator, requester: int) -> int:
    return sum(ADDED[requester] in e.text for e in bot_said(emulator.world, requester))


async def _album(
    world: Any,
    clock: DeskClock,
    requester: int,
    photos: list[int],
    filed: Any,
    caption: str = "",
) -> None:
    """An album as Telegram delivers it: its items reach the bot one by one, each taken a
    second after the one before on the desk's clock (never all at one instant). `filed`
    counts the photos filed under the ticket."""
    group = {"media_group_id": f"album-{photos[0]}"}
    for number, n in enumerate(photos):
        content = {**_photo(n), "caption": caption} if caption and not number else _photo(n)
        before = await filed()
        await world.user_sends_content(requester, content, None, None, group)
        await until(lambda before=before: _filed(filed, before + 1))
        clock.now += timedelta(seconds=1)


async def _filed(count: Any, expected: int) -> bool:
    return bool(await count() == expected)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
@pytest.mark.parametrize("opened_by", ["text", "photo", "album"])
async def test_the_next_message_after_the_opening_is_acknowledged(
    running: tuple[Emulator, App], desk_clock: DeskClock, requester: int, opened_by: str
) -> None:
    emulator, application = running
    world = emulator.world

    async def photos_filed() -> int:
        async with DeskContext(application).desk.sessions() as session:
            count = select(func.count()).where(
                TicketMessage.ticket_id == 1, TicketMessage.content_type == "photo"
            )
            return int(await session.scalar(count) or 0)

    if opened_by == "text":
        await world.user_sends(requester, QUESTION[requester])
    elif opened_by == "photo":
        await world.user_sends_content(requester, {**_photo(1), "caption": QUESTION[requester]})
    else:
        await _album(world, desk_clock, requester, [1, 2, 3], photos_filed, QUESTION[requester])
    await bot_lines(emulator, requester, 1)  # the promise

    async def words_filed(text: str) -> bool:
        async with DeskContext(application).desk.sessions() as session:
            found = select(TicketMessage.id).where(TicketMessage.text == text)
            return await session.scalar(found) is not None

    opening = {"text": 0, "photo": 1, "album": 3}[opened_by]
    await until(lambda: _filed(photos_filed, opening))  # all its items filed
    heard = len(bot_said(world, requester))
    # A minute later, another album: one acknowledgement for it.
    desk_clock.now += timedelta(minutes=1)
    await _album(world, desk_clock, requester, [4, 5, 6], photos_filed)
    await until(lambda: _acknowledged(emulator, requester) == 1)
    await until(lambda: _filed(photos_filed, opening + 3))
    # Right after it, a 2-photo album with a caption, then a text: the same run, filed quietly.
    desk_clock.now += timedelta(minutes=1)
    await _album(world, desk_clock, requester, [7, 8], photos_filed, MORE[requester])
    await until(lambda: _filed(photos_filed, opening + 5))
    await world.user_sends(requester, MORE_WORDS[requester])
    await until(lambda: words_filed(MORE_WORDS[requester]))
    assert _acknowledged(emulator, requester) == 1
    assert len(bot_said(world, requester)) == heard + 1
