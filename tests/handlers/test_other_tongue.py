"""Issue 14: a requester writing in a language the desk does not write (French, Russian). A
clerk answers in a language the desk has (English), says once that the desk answers in Chinese
or English, and the staff see on the ticket's card which language the requester writes in."""

from __future__ import annotations

import contextlib

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import Requester, Ticket
from emulator.server import Emulator
from handlers.context import DeskContext
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until

App = Application  # type: ignore[type-arg]
FRENCH, RUSSIAN = 730001, 730002
TOLD = "This service answers in Chinese or English"


async def _in_question(application: App, user_id: int, words: str) -> bool:
    """Whether `words` are in the requester's question waiting, or in a ticket's."""
    async with DeskContext(application).desk.sessions() as session:
        requester = await session.scalar(
            select(Requester).where(Requester.telegram_user_id == user_id)
        )
        if requester is not None and words in (requester.last_question or ""):
            return True
        return bool(await session.scalar(select(Ticket.id).where(Ticket.question.contains(words))))


def _texts(emulator: Emulator, chat_id: int) -> list[str]:
    return [e.text for e in bot_said(emulator.world, chat_id)]


def _staff_lines(emulator: Emulator) -> list[str]:
    world = emulator.world
    return [
        e.text for chat in world.chats.values() if chat.id < 0 for e in bot_said(world, chat.id)
    ]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user_id", "code", "first", "second", "name"),
    [
        (
            FRENCH,
            "fr",
            "Bonjour, le lampadaire devant chez moi est cassé depuis trois jours",
            "Il fait très noir dans la rue le soir",
            "法语",
        ),
        (
            RUSSIAN,
            "ru",
            "Здравствуйте, у нас во дворе не работает фонарь уже три дня",
            "Вечером очень темно",
            "俄语",
        ),
    ],
)
async def test_words_in_another_language_are_answered_in_english_told_once_and_noted(
    running: tuple[Emulator, App], user_id: int, code: str, first: str, second: str, name: str
) -> None:
    emulator, _ = running
    world = emulator.world
    world.add_user(user_id, "Claire", code)
    await world.user_sends(user_id, first)
    await until(lambda: len(_texts(emulator, user_id)) >= 2)
    said = _texts(emulator, user_id)
    assert TOLD in said[0], said
    assert not any("\u4e00" <= ch <= "\u9fff" for line in said for ch in line), said
    asked = bot_said(world, user_id)[-1]
    if asked.buttons:  # the kind of matter asked: the first one; the ticket opens
        data = asked.buttons[0][0]["callback_data"]
        await world.user_presses(user_id, user_id, asked.message_id, data)
        # Its staff read on the card which language the requester writes in.
        await until(lambda: any(f"🌐 诉求人使用{name}书写" in t for t in _staff_lines(emulator)))
        await until(lambda: len(_texts(emulator, user_id)) >= 3)
    heard = len(_texts(emulator, user_id))
    await world.user_sends(user_id, second)
    await until(lambda: len(_texts(emulator, user_id)) > heard)
    assert sum(TOLD in t for t in _texts(emulator, user_id)) == 1  # said once


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user_id", [REQUESTER, ENGLISH])
async def test_the_note_is_said_once_for_each_other_language(
    running: tuple[Emulator, App], user_id: int
) -> None:
    """Japanese, then French: each is said once (French after Japanese heard nothing), before
    the answer, to a requester whose client is set to Chinese or to English."""
    emulator, application = running
    world = emulator.world

    def notes() -> list[str]:
        return [t for t in _texts(emulator, user_id) if TOLD in t]

    for words in (
        "こんにちは、家の前の街灯が三日間壊れています",
        "すみません、まだ直っていません",
        "Le lampadaire devant chez moi est cassé depuis trois jours",
        "Il fait très noir dans la rue le soir et je ne vois pas",
    ):
        await world.user_sends(user_id, words)
        # Each taken before the next (lines added in a row to the question waiting for its
        # kind get one "added" between them, so a reply need not come to each).
        await until(lambda w=words: _in_question(application, user_id, w))
    with contextlib.suppress(TimeoutError):  # what it heard is shown below
        await until(lambda: len(notes()) >= 2)
    first, second = notes()
    assert "Japanese" in first and "French" in second, notes()
