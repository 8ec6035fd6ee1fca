"""Issue 14, the category buttons: while they wait, what the requester types is not taken as
the choice (a tester's "你好", the second part of a long paste, "这是投诉" and an edit of the
question all became consultations, and the right button pressed afterwards was refused as no
longer open). A careful clerk takes a typed or plainly said kind of matter as the choice,
reminds them of the buttons on a greeting (not in the same words twice), adds more words to
the question (deciding its kind anew from all of it), applies an edit to it, and keeps the
buttons working until a choice is made. End to end over the emulation, through its control
API as the tester did."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from bot.models import InquiryOffer
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, GENERAL_GROUP, REQUESTER, bot_lines, bot_said, until
from tests.handlers.looks import all_tickets
from tests.handlers.test_every_kind import control
from tests.handlers.test_stale_buttons import recorded

App = Application  # type: ignore[type-arg]

# A question neither cue words nor a close template sort: the bot asks its kind.
QUESTION = {
    REQUESTER: "我上个月提交的材料到现在还没有消息",
    ENGLISH: "I handed in my papers last month and have heard nothing since",
}
CHOOSE = {REQUESTER: "事项类型", ENGLISH: "what kind of matter"}


async def _says(emulator: Emulator, user: int, text: str) -> dict[str, Any]:
    sent = await control(emulator, "messages", {"user_id": user, "text": text})
    assert isinstance(sent, dict)
    return sent


async def _asked_kind(emulator: Emulator, user: int) -> Any:
    """The requester's question, and the bot's category choice (with its buttons)."""
    await _says(emulator, user, QUESTION[user])
    (choice,) = await bot_lines(emulator, user, 1)
    assert CHOOSE[user] in choice.text
    assert "cat:complaint" in _data(choice)
    return choice


def _data(entry: Any) -> list[str]:
    return [b["callback_data"] for row in entry.buttons for b in row]


def _shown(emulator: Emulator, user: int, message_id: int) -> Any:
    """The message as the requester's chat shows it now (its buttons as they are)."""
    (entry,) = [e for e in bot_said(emulator.world, user) if e.message_id == message_id]
    return entry


async def _press(emulator: Emulator, user: int, message_id: int, data: str) -> str:
    """Press a button through the control API; the alert the press was answered with."""
    body = {"user_id": user, "chat_id": user, "message_id": message_id, "data": data}
    pressed = await control(emulator, "presses", body)
    query = pressed["callback_query"]["id"]
    await until(lambda: query in emulator.world.answered)
    return str(emulator.world.answered[query])


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "hello", "reminded", "again", "promised"),
    [
        (REQUESTER, "你好", "请点上方按钮选择事项类型", "还在等您选择事项类型", "(投诉)"),
        (ENGLISH, "hi", "Please tap one of the buttons above", "still waiting", "(Complaint)"),
    ],
)
async def test_a_greeting_under_the_buttons_is_nothing_and_the_buttons_stay(
    running: tuple[Emulator, App],
    user: int,
    hello: str,
    reminded: str,
    again: str,
    promised: str,
) -> None:
    emulator, application = running
    choice = await _asked_kind(emulator, user)
    # Recorded as the inquiry's, as it is long before a person types on.
    await recorded(application, InquiryOffer, user, choice.message_id)
    await _says(emulator, user, hello)
    first = (await bot_lines(emulator, user, 2))[-1]
    assert reminded in first.text and first.buttons == []
    # Not the same words again: the second reminder brings the buttons back to hand, and
    # those first shown go (one live set).
    await _says(emulator, user, hello)
    second = (await bot_lines(emulator, user, 3))[-1]
    assert again in second.text and second.text != first.text
    assert "cat:complaint" in _data(second)
    await until(lambda: _shown(emulator, user, choice.message_id).buttons == [])
    await recorded(application, InquiryOffer, user, second.message_id)
    assert await all_tickets(application) == []
    # A press that raced their removal still counts: the choice opens the ticket, greetings
    # left out, and the buttons shown again go too.
    assert await _press(emulator, user, choice.message_id, "cat:complaint") == ""
    assert promised in (await bot_lines(emulator, user, 4))[-1].text
    (ticket,) = await all_tickets(application)
    assert (ticket.category, ticket.question) == ("complaint", QUESTION[user])
    await until(lambda: _shown(emulator, user, second.message_id).buttons == [])


def _live_keyboards(emulator: Emulator, user: int) -> list[int]:
    """The bot's messages in the requester's chat that show buttons now."""
    return [e.message_id for e in bot_said(emulator.world, user) if e.buttons]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "fillers", "plainly", "handed", "promised"),
    [
        (REQUESTER, ("你好", "在吗", "?", "好的"), '回复"好的"', "咨询", "(咨询)"),
        (ENGLISH, ("hello", "you there", "?", "ok"), 'reply "ok"', "Consultation", "(Consult"),
    ],
)
async def test_fillers_under_the_buttons_get_other_words_one_keyboard_then_a_person(
    running: tuple[Emulator, App],
    user: int,
    fillers: tuple[str, ...],
    plainly: str,
    handed: str,
    promised: str,
) -> None:
    """A requester who keeps sending fillers: each reminder in other words, the buttons
    never piled up (each set shown again takes the one above away), the third says plainly
    what to do and what happens if they do not choose, and the fourth filler passes the
    question to a person under the fallback category, every word of it kept."""
    emulator, application = running
    choice = await _asked_kind(emulator, user)
    await recorded(application, InquiryOffer, user, choice.message_id)
    reminders = []
    for count, filler in enumerate(fillers[:3], start=2):
        await _says(emulator, user, filler)
        reminder = (await bot_lines(emulator, user, count))[-1]
        reminders.append(reminder.text)
        if reminder.buttons:
            await recorded(application, InquiryOffer, user, reminder.message_id)
            await until(lambda: len(_live_keyboards(emulator, user)) == 1)
        assert len(_live_keyboards(emulator, user)) == 1
    assert len(set(reminders)) == 3  # never the same words twice
    assert plainly in reminders[2] and handed in reminders[2]
    assert _live_keyboards(emulator, user) == [reminder.message_id]
    assert await all_tickets(application) == []
    await _says(emulator, user, fillers[3])
    assert promised in (await bot_lines(emulator, user, 5))[-1].text
    (ticket,) = await all_tickets(application)
    assert (ticket.category, ticket.question) == ("consultation", QUESTION[user])
    await until(lambda: _live_keyboards(emulator, user) == [])


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "said", "promised"),
    [
        (REQUESTER, "这是投诉", "(投诉)"),
        (REQUESTER, "我要投诉。", "(投诉)"),
        (ENGLISH, "it's a complaint", "(Complaint)"),
        (ENGLISH, "I want to complain", "(Complaint)"),
    ],
)
async def test_a_sentence_naming_the_kind_is_the_choice(
    running: tuple[Emulator, App], user: int, said: str, promised: str
) -> None:
    emulator, application = running
    await _asked_kind(emulator, user)
    await _says(emulator, user, said)
    assert promised in (await bot_lines(emulator, user, 2))[-1].text
    (ticket,) = await all_tickets(application)
    assert (ticket.category, ticket.question) == ("complaint", QUESTION[user])


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "rest", "added"),
    [
        (REQUESTER, "材料是三月五号在三号窗口交的,当时说两周内答复。", "已补充到您的问题里"),
        (ENGLISH, "It was on March 5th, at window 3; they said two weeks.", "Added to your"),
    ],
)
async def test_a_long_pastes_second_part_joins_the_question(
    running: tuple[Emulator, App], user: int, rest: str, added: str
) -> None:
    """Telegram splits a text over 4,096 characters into two messages: the first asked for
    its kind, the second is more of the same question, never the choice."""
    emulator, application = running
    world = emulator.world
    first = QUESTION[user] + ("。" if user == REQUESTER else ". ") + "x" * 4000
    await _says(emulator, user, first[:4096])
    (choice,) = await bot_lines(emulator, user, 1)
    assert "cat:complaint" in _data(choice)
    await _says(emulator, user, rest)
    more = (await bot_lines(emulator, user, 2))[-1]
    assert added in more.text
    assert await all_tickets(application) == []
    assert await _press(emulator, user, choice.message_id, "cat:suggestion") == ""
    await until(lambda: len(bot_said(world, user)) >= 3)
    (ticket,) = await all_tickets(application)
    assert (ticket.category, ticket.question) == ("suggestion", f"{first[:4096]}\n{rest}")


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "rest", "promised"),
    [
        (REQUESTER, "而且窗口工作人员态度差,推诿不管", "(投诉)"),
        (ENGLISH, "and the clerk at window 3 was rude to me", "(Complaint)"),
    ],
)
async def test_more_words_that_tell_the_kind_open_the_ticket_in_it(
    running: tuple[Emulator, App], user: int, rest: str, promised: str
) -> None:
    emulator, application = running
    choice = await _asked_kind(emulator, user)
    # Recorded as the inquiry's, as it is long before a person types on.
    await recorded(application, InquiryOffer, user, choice.message_id)
    await _says(emulator, user, rest)
    assert promised in (await bot_lines(emulator, user, 2))[-1].text
    (ticket,) = await all_tickets(application)
    assert (ticket.category, ticket.question) == ("complaint", f"{QUESTION[user]}\n{rest}")
    # The choice's buttons went with the inquiry the ticket took.
    await until(lambda: _shown(emulator, user, choice.message_id).buttons == [])


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "corrected", "updated"),
    [
        (REQUESTER, "我上个月在三号窗口交的材料到现在还没有消息", "已按您修改后的内容更新问题"),
        (ENGLISH, "I handed in my housing papers in May and heard nothing", "as you corrected"),
    ],
)
async def test_an_edit_of_the_question_is_applied_to_it(
    running: tuple[Emulator, App], user: int, corrected: str, updated: str
) -> None:
    emulator, application = running
    world = emulator.world
    sent = await _says(emulator, user, QUESTION[user])
    (choice,) = await bot_lines(emulator, user, 1)
    edit = {
        "user_id": user,
        "chat_id": user,
        "message_id": sent["message"]["message_id"],
        "text": corrected,
    }
    await control(emulator, "edits", edit)
    await until(lambda: len(bot_said(world, user)) >= 2)
    assert updated in bot_said(world, user)[-1].text
    assert await all_tickets(application) == []
    assert await _press(emulator, user, choice.message_id, "cat:consultation") == ""
    await until(lambda: len(bot_said(world, user)) >= 3)
    (ticket,) = await all_tickets(application)
    # The question as it reads now, once: not the old words and the new.
    assert (ticket.category, ticket.question) == ("consultation", corrected)
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    assert corrected in card.text and QUESTION[user] not in card.text


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "denied"),
    [(REQUESTER, "不是投诉,就是想问问"), (ENGLISH, "This is not a complaint, I just want to ask")],
)
async def test_a_kind_denied_is_not_the_choice(
    running: tuple[Emulator, App], user: int, denied: str
) -> None:
    """A tester's "不是投诉,就是想问问" under the buttons opened a complaint (with the
    complaint's service level): a kind named only to deny it chooses nothing."""
    emulator, application = running
    await _asked_kind(emulator, user)
    await _says(emulator, user, denied)
    await bot_lines(emulator, user, 2)
    assert all(t.category != "complaint" for t in await all_tickets(application))


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "place", "added"),
    [(REQUESTER, "幸福路23号", "已补充到您的问题里"), (ENGLISH, "building 3", "Added to your")],
)
async def test_a_place_under_the_buttons_joins_the_question(
    running: tuple[Emulator, App], user: int, place: str, added: str
) -> None:
    """A place said alone is asked what the matter is when nothing waits (issue 14: "我家
    楼下"); under the category buttons it is where the question's matter is: added to it,
    never taken for a filler and reminded."""
    emulator, application = running
    await _asked_kind(emulator, user)
    await _says(emulator, user, place)
    assert added in (await bot_lines(emulator, user, 2))[-1].text
    assert await all_tickets(application) == []
