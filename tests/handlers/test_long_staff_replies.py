"""A long staff reply to a requester with two tickets in hand (issue 14's tester: a reply of
about 4,000 characters lost its "[Ticket #N]", and an edit of it failed with "Message is too
long" and was dropped without a word to anyone). Each reaches the requester in parts that fit
a message, each part with the ticket's number (and the edit's mark), in their language, and
the parts give back every word. End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.config import Settings, load_settings
from emulator.limits import Fault
from emulator.server import Emulator
from tests.conftest import ROOT
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    REQUESTER,
    bot_lines,
    bot_said,
    only_topic,
    until,
)
from tests.handlers.test_whole_input import photo

App = Application  # type: ignore[type-arg]
# the owner as the requester reads them: in their language
WANG_FANG = {REQUESTER: "王芳", ENGLISH: "Wang Fang"}
OFFICER = 100101
# The ticket's number, and the edit's mark after it, in the requester's language.
MARKS = {REQUESTER: ("【工单 #1】", "(已修改) "), ENGLISH: ("[Ticket #1] ", "(edited) ")}
# Each in their language: the bot answers in the language of the requester's words.
APPLY = {REQUESTER: "我想申请公租房", ENGLISH: "I want to apply for public rental housing"}
REPLY = (
    "".join(f"第{n}条:请携带身份证原件和户口本到综合窗口办理。" for n in range(161))
    + "以上,请知悉,谢谢配合。"
)
EDITED = (
    "".join(f"第{n}条:请带身份证复印件和居住证到二号窗口办理。" for n in range(161))
    + "以上为准,请知悉,谢谢配合。"
)


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _texts(emulator: Emulator, chat_id: int) -> list[str]:
    return [e.text for e in bot_said(emulator.world, chat_id)]


async def _heard(emulator: Emulator, requester: int, before: int, last: str) -> list[str]:
    """What the requester heard after their first `before` messages, once `last` (the end of
    the words) reached them."""
    await until(lambda: any(last in t for t in _texts(emulator, requester)[before:]))
    return _texts(emulator, requester)[before:]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_a_long_numbered_reply_and_its_edit_reach_the_requester_in_numbered_parts(
    running: tuple[Emulator, App], requester: int
) -> None:
    emulator, _ = running
    world = emulator.world
    number, edited = MARKS[requester]
    # Each fits the officer's message, not one message with the marks before it.
    assert 4085 <= _units(REPLY) <= 4096 and 4085 <= _units(EDITED) <= 4096
    await world.user_sends(requester, APPLY[requester])
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_sends(requester, "/new")
    await world.user_sends(requester, APPLY[requester])
    await bot_lines(emulator, GENERAL_GROUP, 2)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    await until(lambda: any(WANG_FANG[requester] in t for t in _texts(emulator, requester)))
    before = len(_texts(emulator, requester))

    reply = await world.user_sends(OFFICER, REPLY, GENERAL_GROUP, topic.thread_id)
    assert reply is not None
    parts = await _heard(
        emulator,
        requester,
        before,
        "第160条:请携带身份证原件和户口本到综合窗口办理。以上,请知悉,谢谢配合。",
    )
    assert len(parts) >= 2 and all(_units(p) <= 4096 for p in parts)
    assert all(p.startswith(number) for p in parts), [p[:20] for p in parts]
    assert "".join(p.removeprefix(number) for p in parts) == REPLY

    before = len(_texts(emulator, requester))
    await world.user_edits(OFFICER, GENERAL_GROUP, reply["message"]["message_id"], EDITED)
    parts = await _heard(
        emulator,
        requester,
        before,
        "第160条:请带身份证复印件和居住证到二号窗口办理。以上为准,请知悉,谢谢配合。",
    )
    assert len(parts) >= 2 and all(_units(p) <= 4096 for p in parts)
    assert all(p.startswith(number + edited) for p in parts), [p[:20] for p in parts]
    assert "".join(p.removeprefix(number + edited) for p in parts) == EDITED


UNDELIVERED = {"zh": "未能送达诉求人", "en": "did not reach the requester"}


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    """config.yaml, the staff's language as the test says (zh unless parametrized)."""
    configured = load_settings(ROOT / "config.yaml")
    language = getattr(request, "param", "zh")
    languages = configured.languages.model_copy(update={"default": language})
    return configured.model_copy(update={"languages": languages})


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_an_edit_telegram_refuses_is_said_to_the_officer(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    """Whatever Telegram refuses for good of staff's words to a requester (here an edit it
    calls too long), the ticket's staff hear it in its topic: not dropped without a word."""
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    reply = await world.user_sends(OFFICER, "请明天上午来窗口", GENERAL_GROUP, topic.thread_id)
    assert reply is not None
    await until(lambda: "请明天上午来窗口" in _texts(emulator, REQUESTER))
    emulator.faults.add("sendMessage", Fault(400, description="Bad Request: message is too long"))
    await world.user_edits(OFFICER, GENERAL_GROUP, reply["message"]["message_id"], "请后天来")
    said = UNDELIVERED[settings.languages.default]
    await until(
        lambda: any(said in e.text for e in bot_said(world, GENERAL_GROUP, topic.thread_id))
    )
    assert not any("请后天来" in t for t in _texts(emulator, REQUESTER))


CAPTION = "".join(f"第{n}项:请带户口本原件。" for n in range(78)) + "谢谢。"


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_a_photo_whose_caption_leaves_no_room_for_the_number_keeps_both(
    running: tuple[Emulator, App], requester: int
) -> None:
    """A caption too long for the number before it: the photo comes with the number alone as
    its caption, then the caption's words numbered; nothing cut, nothing unnumbered."""
    emulator, _ = running
    world = emulator.world
    number, _edited = MARKS[requester]
    assert 1000 <= _units(CAPTION) <= 1024
    await world.user_sends(requester, APPLY[requester])
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_sends(requester, "/new")
    await world.user_sends(requester, APPLY[requester])
    await bot_lines(emulator, GENERAL_GROUP, 2)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    await until(lambda: any(WANG_FANG[requester] in t for t in _texts(emulator, requester)))
    before = len(_texts(emulator, requester))
    content = {**photo("P1"), "caption": CAPTION}
    await world.user_sends_content(OFFICER, content, GENERAL_GROUP, topic.thread_id)
    await until(lambda: any("谢谢。" in t for t in _texts(emulator, requester)[before:]))
    shown = bot_said(world, requester)[before:]
    assert shown[0].kind == "photo" and shown[0].text.strip() == number.strip()
    assert all(e.kind == "text" and e.text.startswith(number) for e in shown[1:])
    assert "".join(e.text.removeprefix(number) for e in shown[1:]) == CAPTION
