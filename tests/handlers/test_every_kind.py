"""Every kind of message a requester can send, forwards and topics people close or delete
(issue 15, "What the bot does"), through the real Application against the emulation's
control API: what reaches the ticket's staff, and what the requester hears."""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import Ticket
from emulator.server import Emulator
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    REQUESTER,
    bot_lines,
    bot_said,
    only_topic,
    until,
)

App = Application  # type: ignore[type-arg]
OFFICER = 100101
# Each kind the control API sends, as the staff see it in the topic (a poll: in words).
COPIED = ("photo", "document", "voice", "video", "video_note", "audio", "animation")
PLACES = ("sticker", "location", "venue", "contact", "dice")


async def control(emulator: Emulator, path: str, body: dict[str, Any]) -> Any:
    url = f"http://127.0.0.1:{emulator.port}/control/{path}"
    async with aiohttp.ClientSession() as client, client.post(url, json=body) as answer:
        assert answer.status == 200, await answer.text()
        return await answer.json()


def said(world: Any, chat_id: int, thread_id: int | None = None) -> list[Any]:
    return bot_said(world, chat_id, thread_id)


async def claimed_ticket(emulator: Emulator) -> Any:
    """Ticket #1 of REQUESTER, claimed by OFFICER: its topic."""
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    await until(lambda: "王芳" in said(world, REQUESTER)[-1].text)  # told who owns it
    return topic


@pytest.mark.parametrize("store", ["sqlite"])
async def test_every_kind_in_a_ticket_reaches_its_staff(running: tuple[Emulator, App]) -> None:
    emulator, _ = running
    world = emulator.world
    world.limits.enabled = False  # thirteen messages in a row: Telegram's limits elsewhere
    topic = await claimed_ticket(emulator)
    before = len(said(world, REQUESTER))
    for kind in (*COPIED, *PLACES):
        await control(emulator, "media", {"user_id": REQUESTER, "kind": kind})
    quiz = {"question": "哪天能办?", "options": ["周一", "周二"], "quiz": True}
    await control(emulator, "media", {"user_id": REQUESTER, "kind": "poll", **quiz})
    in_topic = lambda: said(world, GENERAL_GROUP, topic.thread_id)  # noqa: E731
    await until(lambda: any("投票" in e.text for e in in_topic()))
    kinds = [e.kind for e in in_topic() if e.kind != "text"]
    assert kinds == [*COPIED, *PLACES]  # each copied, in order
    (poll,) = [e for e in in_topic() if "投票" in e.text]
    assert "哪天能办?" in poll.text and "• 周一" in poll.text and "• 周二" in poll.text
    # The requester hears of each that it was added to their ticket.
    lines = await bot_lines(emulator, REQUESTER, before + len(COPIED) + len(PLACES) + 1)
    assert all("已记入工单 #1" in e.text for e in lines[before:])


@pytest.mark.parametrize("store", ["sqlite"])
async def test_outside_a_ticket_a_kind_without_a_question_gets_one_polite_reply(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    world.limits.enabled = False
    for kind in ("dice", "sticker", "animation"):
        before = len(said(world, ENGLISH))
        await control(emulator, "media", {"user_id": ENGLISH, "kind": kind})
        lines = await bot_lines(emulator, ENGLISH, before + 1)
        if not before:
            assert "I can read words and photos" in lines[-1].text  # write it, please
        else:  # in a row: said otherwise, with examples and how to reach a person; no ticket
            assert "I still cannot read stickers" in lines[-1].text
            assert 'send "human"' in lines[-1].text
    # Something a case can use, without words: kept, and they are asked what it is about.
    await control(emulator, "media", {"user_id": ENGLISH, "kind": "contact"})
    await until(lambda: "What is it about?" in said(world, ENGLISH)[-1].text)
    await control(emulator, "media", {"user_id": ENGLISH, "kind": "poll"})
    await until(lambda: len(said(world, ENGLISH)) == 4)
    assert len(said(world, ENGLISH)) == 4  # one reply each
    assert said(world, GENERAL_GROUP) == []  # nothing for staff without a ticket


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("origin", "shown"),
    [
        ({"origin": "hidden_user", "name": "张三"}, '隐藏了账号(显示为"张三")'),
        ({"origin": "user", "from_user_id": ENGLISH}, "原发送人:Sam"),
        ({"origin": "channel"}, '来自频道"Channel"'),
    ],
)
async def test_a_forward_is_copied_with_its_origin_written_out(
    running: tuple[Emulator, App], origin: dict[str, Any], shown: str
) -> None:
    emulator, _ = running
    world = emulator.world
    topic = await claimed_ticket(emulator)
    body = {"user_id": REQUESTER, "text": "通知:本周六停水", **origin}
    await control(emulator, "forwards", body)
    in_topic = lambda: said(world, GENERAL_GROUP, topic.thread_id)  # noqa: E731
    await until(lambda: in_topic()[-1].text == "通知:本周六停水")
    where, copied = in_topic()[-2:]
    assert "转发" in where.text and shown in where.text
    assert copied.kind == "text"
    forwarded = world.messages[(GENERAL_GROUP, copied.message_id)]
    assert "forward_origin" not in forwarded  # copied, never forwarded


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_topic_closed_by_a_person_is_reopened_and_a_deleted_one_replaced(
    running: tuple[Emulator, App],
) -> None:
    """Closed: the bot reopens the same topic (no second topic of the same name), and the
    officer goes on writing there. Deleted: a new topic, with an introduction."""
    emulator, _ = running
    world = emulator.world
    world.limits.enabled = False
    topic = await claimed_ticket(emulator)
    closing = {"user_id": OFFICER, "chat_id": GENERAL_GROUP, "action": "close"}
    closed = await control(emulator, "topics", {**closing, "message_thread_id": topic.thread_id})
    assert "forum_topic_closed" in closed["message"]
    await world.user_sends(REQUESTER, "还需要带什么材料?")
    await until(
        lambda: said(world, GENERAL_GROUP, topic.thread_id)[-1].text == "还需要带什么材料?"
    )
    assert list(world.chats[GENERAL_GROUP].topics) == [topic.thread_id]
    assert not world.chats[GENERAL_GROUP].topics[topic.thread_id].closed
    # The service message was no staff reply: the requester heard nothing of it.
    assert not any("关闭" in e.text for e in said(world, REQUESTER))
    # The officer answers in the reopened topic: it reaches the requester.
    await world.user_sends(OFFICER, "带上身份证", GENERAL_GROUP, topic.thread_id)
    await until(lambda: said(world, REQUESTER)[-1].text == "带上身份证")

    deleting = {"user_id": OFFICER, "chat_id": GENERAL_GROUP, "action": "delete"}
    deleted = {**deleting, "message_thread_id": topic.thread_id}
    assert await control(emulator, "topics", deleted) is None
    await world.user_sends(REQUESTER, "户口本要原件吗?")
    await until(lambda: len(world.chats[GENERAL_GROUP].topics) == 1)
    second = max(world.chats[GENERAL_GROUP].topics)
    assert second != topic.thread_id
    await until(lambda: len(said(world, GENERAL_GROUP, second)) == 2)
    intro, copied = said(world, GENERAL_GROUP, second)
    assert "原来的话题已被关闭或删除" in intro.text and "我想申请公租房" in intro.text
    assert copied.text == "户口本要原件吗?"


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("origin", "shown"),
    [
        ({"origin": "hidden_user", "name": "Neighbour"}, '原发送人隐藏了账号,显示为"Neighbour"'),
        ({"origin": "channel"}, '来自频道"Channel"'),
    ],
)
async def test_a_forward_as_the_first_message_keeps_its_origin_on_the_ticket(
    running: tuple[Emulator, App], origin: dict[str, Any], shown: str
) -> None:
    """Forwarded words that open a ticket are not the requester's own: the card, the topic's
    introduction and the ticket say where they come from (issue 15, D6). Alone, a forward
    is first asked about (what do they want done about it?), and their answer completes it."""
    emulator, application = running
    world = emulator.world
    body = {"user_id": REQUESTER, "text": "我想申请公租房", **origin}
    await control(emulator, "forwards", body)
    await bot_lines(emulator, REQUESTER, 1)
    await world.user_sends(REQUESTER, "这是我邻居的情况,我家也想申请,请帮我们登记")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    assert "转发" in card.text and shown in card.text and "我想申请公租房" in card.text
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    await until(lambda: bool(said(world, GENERAL_GROUP, topic.thread_id)))
    intro = said(world, GENERAL_GROUP, topic.thread_id)[0]
    assert shown in intro.text and "我想申请公租房" in intro.text
    async with application.bot_data.desk.sessions() as session:
        question = await session.scalar(select(Ticket.question))
    assert question is not None and shown in question


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("quiz", [True, False])
async def test_a_poll_an_officer_sends_reaches_the_requester_in_words(
    running: tuple[Emulator, App], quiz: bool
) -> None:
    """Telegram cannot copy a quiz (and a copied poll's votes would reach nobody): the
    requester reads it in words, with its ticket's number, and answers in words (issue 15,
    D7); what they answer reaches the topic."""
    emulator, _ = running
    world = emulator.world
    topic = await claimed_ticket(emulator)
    poll = {"question": "您选哪天来办?", "options": ["周一", "周二"], "quiz": quiz}
    where = {"chat_id": GENERAL_GROUP, "message_thread_id": topic.thread_id}
    await control(emulator, "media", {"user_id": OFFICER, "kind": "poll", **where, **poll})
    await until(lambda: "您选哪天来办?" in said(world, REQUESTER)[-1].text)
    told = said(world, REQUESTER)[-1]
    assert told.kind == "text" and "工单 #1" in told.text
    assert "• 周一" in told.text and "• 周二" in told.text
    await world.user_sends(REQUESTER, "周二", reply_to=told.message_id)
    await until(lambda: said(world, GENERAL_GROUP, topic.thread_id)[-1].text == "周二")


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_card_words_what_was_kept_by_its_kind(running: tuple[Emulator, App]) -> None:
    """A poll and a location kept before the question: the card says a poll and a location,
    not "photos or files"."""
    emulator, _ = running
    world = emulator.world
    poll = {"question": "哪天能办?", "options": ["周一", "周二"]}
    await control(emulator, "media", {"user_id": REQUESTER, "kind": "poll", **poll})
    await bot_lines(emulator, REQUESTER, 1)  # asked what it is about
    await control(emulator, "media", {"user_id": REQUESTER, "kind": "location"})
    await world.user_sends(REQUESTER, "我想申请公租房")
    # The card first; what came with the question follows under it.
    card = (await bot_lines(emulator, GENERAL_GROUP, 1))[0]
    assert "另附:投票×1、位置×1" in card.text
    assert "照片" not in card.text


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_forward_before_the_claim_reaches_the_topic_with_its_origin(
    running: tuple[Emulator, App],
) -> None:
    """Forwarded into a ticket nobody has claimed yet (a forum group: it waits for the
    topic): once claimed, the topic has the line saying where it comes from before its copy,
    as when it is relayed into a topic."""
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await bot_lines(emulator, REQUESTER, 1)
    poll = {"question": "哪天能办?", "options": ["周一", "周二"]}
    await control(emulator, "media", {"user_id": REQUESTER, "kind": "poll", **poll})
    body = {
        "user_id": REQUESTER,
        "text": "通知:本周六停水",
        "origin": "hidden_user",
        "name": "张三",
    }
    await control(emulator, "forwards", body)
    await until(lambda: len(said(world, REQUESTER)) == 3)  # both added to the ticket
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    in_topic = lambda: [e.text for e in said(world, GENERAL_GROUP, topic.thread_id)]  # noqa: E731
    await until(lambda: "通知:本周六停水" in in_topic())
    texts = in_topic()
    copied = texts.index("通知:本周六停水")
    assert '隐藏了账号(显示为"张三")' in texts[copied - 1]
    assert sum("转发" in t for t in texts) == 1  # the poll before it has no origin line
