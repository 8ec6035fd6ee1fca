"""Messages without words, each answered for what it is (issue 14, bad input of the same
family): a sticker, a GIF or a dice is no question (the bot reads words and photos: write
it, please); "??" right after the bot's answer asks what is unclear in that answer (and
offers a person); "??" with nothing before asks what they want to ask; a text of only
invisible characters (U+200B, U+200D, U+FEFF, a variation selector) arrived empty, and in a
ticket is not filed as their words. End to end over the emulation, in both languages."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from telegram.ext import Application

from bot.models import TicketMessage
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, GENERAL_GROUP, REQUESTER, bot_lines
from tests.handlers.test_every_kind import claimed_ticket, control, said
from tests.handlers.test_small_words import CARD, CARD_ANSWERED

App = Application  # type: ignore[type-arg]

# What each kind of reply says, by language.
NOT_WORDS = {REQUESTER: "文字和照片", ENGLISH: "words and photos"}
UNCLEAR = {REQUESTER: "哪里不清楚", ENGLISH: "unclear"}
WHAT = {REQUESTER: "想问什么", ENGLISH: "would you like to ask"}
EMPTY = {REQUESTER: "空的", ENGLISH: "arrived empty"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
@pytest.mark.parametrize("kind", ["sticker", "animation", "dice"])
async def test_a_sticker_gif_or_dice_is_no_question(
    running: tuple[Emulator, App], user: int, kind: str
) -> None:
    emulator, _ = running
    await control(emulator, "media", {"user_id": user, "kind": kind})
    assert NOT_WORDS[user] in (await bot_lines(emulator, user, 1))[-1].text


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
@pytest.mark.parametrize("marks", ["??", "？？", "?", "。。。"])
async def test_question_marks_alone_ask_what_they_want(
    running: tuple[Emulator, App], user: int, marks: str
) -> None:
    emulator, _ = running
    await emulator.world.user_sends(user, marks)
    assert WHAT[user] in (await bot_lines(emulator, user, 1))[-1].text


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_question_marks_after_an_answer_ask_what_is_unclear(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, _ = running
    await emulator.world.user_sends(user, CARD[user])
    answered = await bot_lines(emulator, user, 1)
    assert CARD_ANSWERED[user] in answered[-1].text
    await emulator.world.user_sends(user, "??")
    asked = (await bot_lines(emulator, user, len(answered) + 1))[-1]
    assert UNCLEAR[user] in asked.text
    # A person is offered, as under the answer.
    assert [b["callback_data"] for row in asked.buttons for b in row] == ["human"]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
@pytest.mark.parametrize("invisible", ["\u200b", "\u200d", "\ufeff", "\ufe0f", "\u200b \u200b"])
async def test_invisible_text_arrived_empty(
    running: tuple[Emulator, App], user: int, invisible: str
) -> None:
    emulator, _ = running
    await emulator.world.user_sends(user, invisible)
    assert EMPTY[user] in (await bot_lines(emulator, user, 1))[-1].text


@pytest.mark.parametrize("store", ["sqlite"])
async def test_invisible_text_in_a_ticket_is_not_filed(running: tuple[Emulator, App]) -> None:
    emulator, application = running
    world = emulator.world
    topic = await claimed_ticket(emulator)
    async with application.bot_data.desk.sessions() as session:
        count = select(func.count()).select_from(TicketMessage)
        before = await session.scalar(count)
    heard = len(said(world, REQUESTER))
    in_topic = len(said(world, GENERAL_GROUP, topic.thread_id))
    await world.user_sends(REQUESTER, "\u200b")
    assert EMPTY[REQUESTER] in (await bot_lines(emulator, REQUESTER, heard + 1))[-1].text
    async with application.bot_data.desk.sessions() as session:
        assert await session.scalar(count) == before
    assert len(said(world, GENERAL_GROUP, topic.thread_id)) == in_topic


# From the second wordless message in a row, said differently: what can be asked, and how to
# reach a person (/new, "人工", the general window's hours and hotline from config).
OTHERWISE = {
    REQUESTER: ("比如", "/new", "人工", "12345", "周一至周五"),
    ENGLISH: ("for example", "/new", "human", "12345", "Mon-Fri"),
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_wordless_again_is_said_otherwise(running: tuple[Emulator, App], user: int) -> None:
    """Issue 14: "??", "。。。", "……?" in a row got "what would you like to ask?" three times;
    a clerk says it otherwise from the second: examples, and how to reach a person."""
    emulator, _ = running
    replies: list[str] = []
    for count, marks in enumerate(["??", "。。。", "……?"], 1):
        await emulator.world.user_sends(user, marks)
        replies.append((await bot_lines(emulator, user, count))[-1].text)
    first, second, third = replies
    assert WHAT[user] in first and not any(w in first for w in OTHERWISE[user][1:])
    assert second != first
    for reply in (second, third):
        assert all(words in reply for words in OTHERWISE[user]), reply
