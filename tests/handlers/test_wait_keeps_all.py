"""Issue 14, "the first inquiry loses nothing": while the bot waits on a requester (the kind
of matter, with its buttons; what a vague opener is about), whatever they send is kept with
the question waiting, or said plainly to be no part of it, and they hear what waits: a
forward is added to the question (never its kind: a forwarded notice's "停水" is someone
else's news), a sticker or an emoji is answered with the question waiting, not a generic
"write your question". End to end over the emulation, both languages."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import DialogStep, Requester
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines
from tests.handlers.looks import all_tickets
from tests.handlers.test_every_kind import control

App = Application  # type: ignore[type-arg]

# A question neither cue words nor a close template sort: the bot asks its kind.
QUESTION = {
    REQUESTER: "我上个月提交的材料到现在还没有消息",
    ENGLISH: "I handed in my papers last month and have heard nothing since",
}
CHOOSE = {REQUESTER: "事项类型", ENGLISH: "kind of matter"}
OPENER = {REQUESTER: "我想咨询一下", ENGLISH: "I need help"}
CLARIFY = {REQUESTER: "能再具体说说吗", ENGLISH: "tell me a little more"}
NOTICE = {REQUESTER: "通知:本周六全天停水", ENGLISH: "Notice: no water all day on Saturday"}
TIMES = {REQUESTER: "停水时间:8:00-18:00", ENGLISH: "From 8:00 to 18:00"}
TOO = {REQUESTER: "这条也补充到问题里了", ENGLISH: "This one is added to your question too"}
FORWARD_KEPT = {REQUESTER: "转发的消息", ENGLISH: "forwarded"}
ASK_ABOUT = {REQUESTER: "请问您希望我们就这条消息为您做什么", ENGLISH: "What would you like us"}
GENERIC = {REQUESTER: "请用文字简单说说您的问题", ENGLISH: "Please write your question"}
NOT_READ = {REQUESTER: "贴纸", ENGLISH: "sticker"}


async def _sends(emulator: Emulator, path: str, body: dict[str, Any]) -> None:
    await control(emulator, path, body)


async def _requester(application: App, user: int) -> Requester:
    async with application.bot_data.desk.sessions() as session:
        found = await session.scalar(select(Requester).where(Requester.telegram_user_id == user))
        assert found is not None
        return found


async def _asked(emulator: Emulator, user: int, text: str, expected: str) -> Any:
    await _sends(emulator, "messages", {"user_id": user, "text": text})
    (asked,) = await bot_lines(emulator, user, 1)
    assert expected in asked.text, asked.text
    return asked


def _data(entry: Any) -> list[str]:
    return [b["callback_data"] for row in entry.buttons for b in row]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_forward_under_the_category_buttons_is_added_never_its_kind(
    running: tuple[Emulator, App], user: int
) -> None:
    """A forwarded notice while the kind of matter waits: added to the question, the
    requester told so and asked for the kind again; it opened a fault report of the
    notice's "停水" at once, unacknowledged."""
    emulator, application = running
    choice = await _asked(emulator, user, QUESTION[user], CHOOSE[user])
    forward = {"user_id": user, "text": NOTICE[user], "origin": "channel"}
    await _sends(emulator, "forwards", forward)
    told = (await bot_lines(emulator, user, 2))[-1].text
    assert FORWARD_KEPT[user] in told and CHOOSE[user] in told, told
    assert await all_tickets(application) == []
    requester = await _requester(application, user)
    assert requester.dialog_step == DialogStep.CATEGORY.value
    # Another right after it (several passed on at once): "this one too", in other words.
    await _sends(emulator, "forwards", {**forward, "text": TIMES[user]})
    again = (await bot_lines(emulator, user, 3))[-1].text
    assert TOO[user] in again and again != told, again
    # The choice, pressed, opens the ticket with all of it.
    await emulator.world.user_presses(user, user, choice.message_id, "cat:complaint")
    await bot_lines(emulator, user, 4)
    (ticket,) = await all_tickets(application)
    assert ticket.category == "complaint"
    assert all(w in ticket.question for w in (QUESTION[user], NOTICE[user], TIMES[user]))


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
@pytest.mark.parametrize("kind", ["sticker", "animation", "dice"])
async def test_a_sticker_under_the_category_buttons_reminds_of_the_choice(
    running: tuple[Emulator, App], user: int, kind: str
) -> None:
    """A sticker (a GIF, a dice) while the kind of matter waits: the question waiting is
    kept and they are reminded of the choice; it got "write your question in a few words",
    as if nothing had been asked."""
    emulator, application = running
    await _asked(emulator, user, QUESTION[user], CHOOSE[user])
    await _sends(emulator, "media", {"user_id": user, "kind": kind})
    told = (await bot_lines(emulator, user, 2))[-1].text
    assert CHOOSE[user] in told and GENERIC[user] not in told, told
    requester = await _requester(application, user)
    assert requester.dialog_step == DialogStep.CATEGORY.value
    assert requester.last_question == QUESTION[user]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_forward_after_an_opener_is_kept_and_asked_about(
    running: tuple[Emulator, App], user: int
) -> None:
    """ "I need help", "what is it about?", then a forwarded notice: none of it says what they
    want, so it is kept and they are asked what to do about it (it was searched as their
    answer, and a fault report of the notice's water cut opened in their name)."""
    emulator, application = running
    await _asked(emulator, user, OPENER[user], CLARIFY[user])
    forward = {"user_id": user, "text": NOTICE[user], "origin": "channel"}
    await _sends(emulator, "forwards", forward)
    told = (await bot_lines(emulator, user, 2))[-1].text
    assert ASK_ABOUT[user] in told, told
    assert await all_tickets(application) == []
    requester = await _requester(application, user)
    assert requester.dialog_step == DialogStep.ABOUT.value
    assert NOTICE[user] in (requester.last_question or "")


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
@pytest.mark.parametrize(
    ("path", "body"), [("media", {"kind": "sticker"}), ("messages", {"text": "👍"})]
)
async def test_no_words_after_an_opener_get_the_clarification_again(
    running: tuple[Emulator, App], user: int, path: str, body: dict[str, Any]
) -> None:
    """A sticker or a thumbs-up to "what is it about?": they are asked again what it is
    about, not told generically to write a question."""
    emulator, application = running
    await _asked(emulator, user, OPENER[user], CLARIFY[user])
    await _sends(emulator, path, {"user_id": user, **body})
    told = (await bot_lines(emulator, user, 2))[-1].text
    assert CLARIFY[user] in told and GENERIC[user] not in told, told
    requester = await _requester(application, user)
    assert requester.dialog_step == DialogStep.CLARIFY.value
