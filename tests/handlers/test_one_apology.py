"""One apology at a time (a fresh tester's finding, issue 14): when a promised time passed,
the requester got the apology and, at once or soon after, a progress notice apologising again.
The apology is the service's word to them: the progress-notice clock starts again from it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from telegram.ext import Application

from bot.models import OutboxMessage
from emulator.server import Emulator
from handlers.context import DeskContext
from handlers.runtime.jobs import sweep
from tests.handlers.conftest import DeskClock, bot_said, until
from tests.handlers.test_promises_kept import LANGUAGES, _open

App = Application  # type: ignore[type-arg]


async def _stored(application: App, chat_id: int) -> int:
    """How many messages the outbox holds for `chat_id` (each is one message to them)."""
    async with DeskContext(application).desk.sessions() as session:
        query = select(func.count()).where(OutboxMessage.chat_id == chat_id)
        return int(await session.scalar(query) or 0)


NOTICE = {"zh": "进展通知", "en": "Progress"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(("user_id", "language"), LANGUAGES)
async def test_a_progress_notice_comes_only_after_a_day_without_a_word(
    running: tuple[Emulator, App], desk_clock: DeskClock, user_id: int, language: str
) -> None:
    """Unclaimed for four days, swept hour by hour: each word to the requester (the apologies
    for the reply and the settlement promised, the progress notices) is heard; a progress
    notice comes only when a day has passed since the last word, and never in the same hour
    as an apology."""
    emulator, application = running
    world = emulator.world
    world.users[user_id].started = True
    await _open(application, user_id, language)
    context = DeskContext(application)
    heard: list[tuple[int, str]] = []  # (hour, text)
    for hour in range(1, 97):
        desk_clock.now += timedelta(hours=1)
        await sweep(context)
        stored = await _stored(application, user_id)
        await until(lambda: len(bot_said(world, user_id)) >= stored)  # noqa: B023
        known = len(heard)
        heard += [(hour, e.text) for e in bot_said(world, user_id)[known:]]
    notices = [(h, t) for h, t in heard if NOTICE[language] in t]
    assert notices, heard
    for hour, text in notices:
        before = [h for h, t in heard if h < hour or (h == hour and t != text)]
        assert not before or hour - max(before) >= 24, heard
