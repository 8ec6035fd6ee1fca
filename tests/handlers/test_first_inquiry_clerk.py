"""Issue 14, a tester's first inquiries that a careful clerk would have handled without a
question: plain fault reports asked their kind, replies in the language of the client's
setting rather than of the requester's words, a template asking for the place already said,
an edit under the category buttons opening a ticket, and *Not solved* under an older answer
taken for the latest. End to end over the emulation."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import InquiryOffer, Requester
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until
from tests.handlers.looks import all_tickets
from tests.handlers.test_every_kind import control

App = Application  # type: ignore[type-arg]
UTILITIES_GROUP = -1000000000103
CHOOSE = {REQUESTER: "事项类型", ENGLISH: "what kind of matter"}
FAULT = {REQUESTER: "(故障报修)", ENGLISH: "(Fault report)"}


async def _says(emulator: Emulator, user: int, text: str) -> dict[str, Any]:
    sent = await control(emulator, "messages", {"user_id": user, "text": text})
    assert isinstance(sent, dict)
    return sent


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "report"),
    [
        (REQUESTER, "下水道堵了"),
        (REQUESTER, "井盖丢了"),
        (REQUESTER, "树倒了压住了一辆车"),
        (ENGLISH, "No water at all in Xingfu Road estate since this morning"),
        (ENGLISH, "the drain is blocked"),
        (ENGLISH, "manhole cover is missing"),
        (ENGLISH, "a tree fell on a car"),
    ],
)
async def test_a_plain_fault_report_opens_a_fault_ticket_without_asking_its_kind(
    running: tuple[Emulator, App], user: int, report: str
) -> None:
    """A thing broken, missing, blocked or fallen is a fault report to a clerk: the ticket
    opens at once as one, for the department fault reports are routed to."""
    emulator, application = running
    await _says(emulator, user, report)
    await until(lambda: any(FAULT[user] in e.text for e in bot_said(emulator.world, user)))
    assert not any(CHOOSE[user] in e.text for e in bot_said(emulator.world, user))
    (ticket,) = await all_tickets(application)
    assert (ticket.category, ticket.department_key) == ("fault_report", "utilities")
    assert report in ticket.question
    (card,) = await bot_lines(emulator, UTILITIES_GROUP, 1)
    assert f"#{ticket.id}" in card.text


BILINGUAL_ZH, BILINGUAL_EN = 900300, 900400  # a Chinese client setting, an English one


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "client", "question", "reply", "later", "later_reply"),
    [
        # A Chinese client's owner writing English is answered in English; then Chinese.
        (
            BILINGUAL_ZH,
            "zh",
            "I handed in my papers last month and have heard nothing since",
            "what kind of matter",
            "材料是三月五号在三号窗口交的",
            "已记入工单",
        ),
        (
            BILINGUAL_EN,
            "en",
            "我上个月提交的材料到现在还没有消息",
            "事项类型",
            "It was on March 5th, at window 3",
            "Added to ticket",
        ),
    ],
)
async def test_the_reply_is_in_the_language_of_the_requesters_words(
    running: tuple[Emulator, App],
    user: int,
    client: str,
    question: str,
    reply: str,
    later: str,
    later_reply: str,
) -> None:
    """Replies follow what the requester writes, not their client's language setting; the
    language they write in is kept for what the bot tells them later; a text without letters
    or Chinese characters (only digits) changes nothing."""
    emulator, application = running
    world = emulator.world
    world.add_user(user, "Lin", client)
    await _says(emulator, user, question)
    (choice,) = await bot_lines(emulator, user, 1)
    assert reply in choice.text
    body = {"user_id": user, "chat_id": user, "message_id": choice.message_id}
    await control(emulator, "presses", {**body, "data": "cat:consultation"})
    (_, promise) = await bot_lines(emulator, user, 2)
    assert (promise.text.startswith("Your ticket")) is (client == "zh"), promise.text
    await _says(emulator, user, later)
    await until(lambda: later_reply in bot_said(world, user)[-1].text)
    async with application.bot_data.desk.sessions() as session:
        language = await session.scalar(
            select(Requester.language).where(Requester.telegram_user_id == user)
        )
    assert language == client  # what they wrote last
    # Digits alone say nothing of a language: the one they wrote in last stays.
    await _says(emulator, user, "12345")
    await until(lambda: len(bot_said(world, user)) >= 4)
    assert later_reply in bot_said(world, user)[-1].text


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "question", "corrected", "updated"),
    [
        (
            REQUESTER,
            "我上个月提交的材料到现在还没有消息",
            "我上个月提交的材料到现在还没有消息,窗口工作人员态度差",
            "已按您修改后的内容更新问题",
        ),
        (
            ENGLISH,
            "I handed in my papers last month and have heard nothing since",
            "I handed in my papers last month and the clerk was rude to me",
            "as you corrected",
        ),
    ],
)
async def test_an_edit_under_the_category_buttons_opens_nothing_until_chosen(
    running: tuple[Emulator, App], user: int, question: str, corrected: str, updated: str
) -> None:
    """The edit replaces the question waiting for its kind, even when its new words tell the
    kind: nothing is opened behind the requester's back; they are told the edit was taken,
    and the ticket opens, with the words as they now read, when they choose."""
    emulator, application = running
    world = emulator.world
    sent = await _says(emulator, user, question)
    (choice,) = await bot_lines(emulator, user, 1)
    assert CHOOSE[user] in choice.text
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
    body = {"user_id": user, "chat_id": user, "message_id": choice.message_id}
    await control(emulator, "presses", {**body, "data": "cat:complaint"})
    await until(lambda: len(bot_said(world, user)) >= 3)
    (ticket,) = await all_tickets(application)
    assert (ticket.category, ticket.question) == ("complaint", corrected)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "report", "asked", "received", "not_asked"),
    [
        (
            REQUESTER,
            "幸福路23号门口路灯坏了",
            "请在这里发送:现场照片;灯杆编号。",
            "已收到您说的:路灯的具体位置",
            "路灯的具体位置",
        ),
        (
            REQUESTER,
            "幸福路23号门口的路灯坏了,灯杆编号LD-0457",
            "请在这里发送:现场照片。",
            "已收到您说的:路灯的具体位置(街道、门牌号或附近地标)、灯杆编号",
            "灯杆编号",
        ),
        (
            ENGLISH,
            "the street light outside No. 23 Xingfu Road is broken",
            "please send here: a photo; the pole number.",
            "Noted from your message: where the light is",
            "where the light is",
        ),
    ],
)
async def test_a_template_asks_only_for_the_details_not_given(
    running: tuple[Emulator, App],
    user: int,
    report: str,
    asked: str,
    received: str,
    not_asked: str,
) -> None:
    """The street light's place said in the report is not asked for again, by the answer
    nor by the promise: the promise says what was received and asks for the rest."""
    emulator, application = running
    await _says(emulator, user, report)
    answer, promise = await bot_lines(emulator, user, 2)
    assert FAULT[user] in promise.text
    assert asked in promise.text, promise.text
    assert received in promise.text, promise.text
    assert not_asked not in answer.text, answer.text
    assert not_asked not in promise.text.replace(received, ""), promise.text
    (ticket,) = await all_tickets(application)
    assert ticket.department_key == "utilities"


async def _recorded(application: App, user: int, message_id: int) -> None:
    """The message is recorded as carrying the inquiry's buttons (as by the time a person
    reads it)."""

    async def recorded() -> bool:
        async with application.bot_data.desk.sessions() as session:
            return await session.get(InquiryOffer, (user, message_id)) is not None

    await until(recorded)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "first", "second", "about"),
    [
        (REQUESTER, "租房怎么提取公积金", "社保卡丢了怎么补办", "租房怎么提取公积金"),
        (
            ENGLISH,
            "How do I pay my water and electricity bills?",
            "How do I get a residence permit?",
            "How do I pay my water and electricity bills?",
        ),
    ],
)
async def test_not_solved_under_an_older_answer_is_about_its_question(
    running: tuple[Emulator, App], user: int, first: str, second: str, about: str
) -> None:
    """Two questions answered one after the other; *Not solved* pressed under the first
    answer: a person takes the first question (the ticket's words, its card), not the
    second, and the requester is told which question the ticket is about."""
    emulator, application = running
    world = emulator.world
    await _says(emulator, user, first)
    (older,) = await bot_lines(emulator, user, 1)
    await _recorded(application, user, older.message_id)
    await _says(emulator, user, second)
    (_, latest) = await bot_lines(emulator, user, 2)
    await _recorded(application, user, latest.message_id)
    assert older.buttons  # the older answer keeps its buttons: it can still be said unsolved
    body = {"user_id": user, "chat_id": user, "message_id": older.message_id, "data": "human"}
    await control(emulator, "presses", body)
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    (ticket,) = await all_tickets(application)
    assert ticket.question == first
    promise = next(e for e in bot_said(world, user) if "#1" in e.text)
    assert about in promise.text, promise.text
    # The question in progress is untouched: its answer's buttons still work.
    (shown,) = [e for e in bot_said(world, user) if e.message_id == latest.message_id]
    assert shown.buttons
