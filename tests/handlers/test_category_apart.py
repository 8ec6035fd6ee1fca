"""Under the category buttons, a different question introduced by an opener ("另外,请问社保卡
怎么补办?", "By the way, how do I replace my social security card?") was folded into the
question waiting for its kind as "more words", the new question never answered. A careful
clerk files the matter already told (in the kind its words name, else the fallback category,
as the sweep does on timeout), says so, and takes the new question on its own. Without an
opener, more words still join the waiting question. End to end over the emulation, both
languages."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from bot.classify import fallback_category
from bot.models import InquiryOffer
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until
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
APART = {
    REQUESTER: "另外,请问社保卡怎么补办?",
    ENGLISH: "By the way, how do I replace my social security card?",
}
ANSWERED = {REQUESTER: "挂失", ENGLISH: "Report the card lost"}
FILED = {REQUESTER: "工单 #1", ENGLISH: "ticket #1"}
ABOUT = {REQUESTER: "关于您之前的问题", ENGLISH: "about your earlier question"}


async def _says(emulator: Emulator, user: int, text: str) -> None:
    sent = await control(emulator, "messages", {"user_id": user, "text": text})
    assert isinstance(sent, dict)


def _data(entry: Any) -> list[str]:
    return [b["callback_data"] for row in entry.buttons for b in row]


def _shown(emulator: Emulator, user: int, message_id: int) -> Any:
    """The message as the requester's chat shows it now (its buttons as they are)."""
    return next(e for e in bot_said(emulator.world, user) if e.message_id == message_id)


async def _asked_kind(emulator: Emulator, user: int) -> Any:
    await _says(emulator, user, QUESTION[user])
    (choice,) = await bot_lines(emulator, user, 1)
    assert CHOOSE[user] in choice.text
    assert "cat:complaint" in _data(choice)
    return choice


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_question_apart_files_the_waiting_one_and_is_answered(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    choice = await _asked_kind(emulator, user)
    # Recorded as the inquiry's, as it is long before a person types on.
    await recorded(application, InquiryOffer, user, choice.message_id)
    await _says(emulator, user, APART[user])
    await until(lambda: any(ANSWERED[user] in e.text for e in bot_said(world, user)))
    said = [e.text for e in bot_said(world, user)][1:]
    # The waiting matter filed first, and they are told which question the ticket took.
    filed = next(t for t in said if FILED[user] in t)
    assert ABOUT[user] in filed and QUESTION[user] in filed, filed
    assert said.index(filed) < next(i for i, t in enumerate(said) if ANSWERED[user] in t)
    (ticket,) = await all_tickets(application)
    assert ticket.category == fallback_category(desk.settings)
    assert ticket.question == QUESTION[user]
    assert "社保" not in ticket.question and "social security" not in ticket.question
    # The category buttons went with the question the ticket took.
    await until(lambda: _shown(emulator, user, choice.message_id).buttons == [])


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "fault"),
    [
        (REQUESTER, "还有,我家楼下的路灯坏了三天了"),
        (ENGLISH, "Also, the street light outside my building has been broken for three days"),
    ],
)
async def test_a_matter_apart_gets_a_ticket_of_its_own(
    running: tuple[Emulator, App], user: int, fault: str
) -> None:
    """The new matter, a fault no template answers, is a ticket of its own in its own kind:
    neither joined to the waiting question nor deciding the waiting one's kind."""
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    await _asked_kind(emulator, user)
    await _says(emulator, user, fault)
    await until(lambda: sum("#" in e.text for e in bot_said(world, user)) >= 2)
    first, second = sorted(await all_tickets(application), key=lambda t: t.id)
    assert (first.category, first.question) == (fallback_category(desk.settings), QUESTION[user])
    assert second.category == "fault_report"
    assert QUESTION[user] not in second.question
    assert ("路灯" if user == REQUESTER else "street light") in second.question


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "rest", "added"),
    [
        (REQUESTER, "材料是三月五号在三号窗口交的,当时说两周内答复。", "已补充到您的问题里"),
        (ENGLISH, "It was on March 5th, at window 3; they said two weeks.", "Added to your"),
    ],
)
async def test_without_an_opener_more_words_still_join_the_waiting_question(
    running: tuple[Emulator, App], user: int, rest: str, added: str
) -> None:
    emulator, application = running
    await _asked_kind(emulator, user)
    await _says(emulator, user, rest)
    assert added in (await bot_lines(emulator, user, 2))[-1].text
    assert await all_tickets(application) == []
