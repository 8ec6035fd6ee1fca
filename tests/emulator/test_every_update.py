"""Every update the control API can produce (issue 15): each kind of message, replies,
forwards, topics closed and deleted, a group upgraded, the bot's membership and members';
each checked against the specification as it is queued (strict mode) and read back by
python-telegram-bot, and the sends that must fail failing as Telegram fails them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from telegram import Bot, Update
from telegram.error import BadRequest, ChatMigrated, Forbidden

from emulator.kinds import KINDS
from emulator.objects import CAPTIONED
from emulator.server import Emulator
from emulator.world import World

TOKEN = "123456:LOCAL"
ALICE, OFFICER = 5001, 100101
FORUM, BASIC = -100101, -4001


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    server = Emulator(World(clock=lambda: 1_800_000_000.0), token=TOKEN)
    await server.start()
    world = server.world
    world.add_user(ALICE, "Alice", "zh", started=True)
    world.add_user(OFFICER, "王芳", "zh", started=True)
    world.add_group(FORUM, "综合服务窗口", [OFFICER], forum=True).admins.add(OFFICER)
    world.add_group(BASIC, "老群", [OFFICER], kind="group").admins.add(OFFICER)
    world.limits.enabled = False
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def bot(emulator: Emulator) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=f"http://127.0.0.1:{emulator.port}/bot") as client:
        yield client


async def control(emulator: Emulator, path: str, body: dict[str, Any]) -> Any:
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{emulator.port}") as client:
        answer = await client.post(f"/control/{path}", json=body)
        return answer.json()


async def updates(bot: Bot) -> list[Update]:
    """What getUpdates gives now (checked in strict mode on the way out too)."""
    return list(await bot.get_updates(timeout=0))


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "album"])
async def test_each_kind_arrives_as_telegram_sends_it(
    emulator: Emulator, bot: Bot, kind: str
) -> None:
    body = {"user_id": ALICE, "kind": kind, "caption": "看"}
    if kind not in CAPTIONED:  # Telegram has no caption for it: refused, nothing sent
        refused = await control(emulator, "media", body)
        assert refused["ok"] is False and f"a {kind} has no caption" in refused["description"]
        del body["caption"]
    (sent,) = await control(emulator, "media", body)
    (update,) = await updates(bot)
    message = update.message
    assert message is not None and message.message_id == sent["message"]["message_id"]
    assert getattr(message, kind) not in (None, (), [])
    assert message.caption == ("看" if kind in CAPTIONED else None)
    # A copy goes as Telegram makes it: everything here can be copied.
    copy = await bot.copy_message(FORUM, ALICE, message.message_id)
    assert (FORUM, copy.message_id) in emulator.world.messages


async def test_a_quiz_poll_and_a_service_message_cannot_be_copied(
    emulator: Emulator, bot: Bot
) -> None:
    # In the bot's private chat a quiz shows its right answer (Poll.correct_option_ids), so
    # it can be copied; in a group or forwarded it does not, and cannot.
    quiz_body = {"kind": "poll", "quiz": True, "options": ["a", "b", "c"], "correct_option_id": 2}
    (private,) = await control(emulator, "media", {"user_id": ALICE, **quiz_body})
    assert private["message"]["poll"]["correct_option_ids"] == [2]
    await bot.copy_message(FORUM, ALICE, private["message"]["message_id"])
    (grouped,) = await control(
        emulator, "media", {"user_id": OFFICER, "chat_id": FORUM, **quiz_body}
    )
    forwarded = await control(
        emulator, "forwards", {"user_id": ALICE, **quiz_body, "origin": "hidden_user"}
    )
    for quiz in (grouped, forwarded):
        assert quiz["message"]["poll"]["type"] == "quiz"
        assert "correct_option_ids" not in quiz["message"]["poll"]
        with pytest.raises(BadRequest, match="can't be copied"):
            await bot.copy_message(
                ALICE, quiz["message"]["chat"]["id"], quiz["message"]["message_id"]
            )
    closed = await control(
        emulator,
        "topics",
        {"user_id": OFFICER, "chat_id": FORUM, "message_thread_id": 1, "action": "close"},
    )
    assert closed["ok"] is False  # no topic 1 yet: the API's error, passed on
    topic = await bot.create_forum_topic(FORUM, "#1")
    closed = await control(
        emulator,
        "topics",
        {
            "user_id": OFFICER,
            "chat_id": FORUM,
            "message_thread_id": topic.message_thread_id,
            "action": "close",
        },
    )
    with pytest.raises(BadRequest, match="can't be copied"):
        await bot.copy_message(ALICE, FORUM, closed["message"]["message_id"])


async def test_an_album_and_replies(emulator: Emulator, bot: Bot) -> None:
    first = await control(emulator, "messages", {"user_id": ALICE, "text": "社保卡丢了"})
    items = await control(
        emulator, "media", {"user_id": ALICE, "kind": "album", "count": 3, "caption": "照片"}
    )
    assert len({i["message"]["media_group_id"] for i in items}) == 1
    reply = await control(
        emulator,
        "messages",
        {"user_id": ALICE, "text": "补充", "reply_to_message_id": first["message"]["message_id"]},
    )
    photo = await control(
        emulator,
        "media",
        {"user_id": ALICE, "kind": "photo", "reply_to_message_id": reply["message"]["message_id"]},
    )
    got = await updates(bot)
    assert len(got) == 6
    assert got[4].message.reply_to_message.text == "社保卡丢了"
    assert got[5].message.reply_to_message.message_id == reply["message"]["message_id"]
    assert photo[0]["message"]["reply_to_message"]["text"] == "补充"


@pytest.mark.parametrize("origin", ["user", "hidden_user", "chat", "channel"])
async def test_forwards_carry_their_origin(emulator: Emulator, bot: Bot, origin: str) -> None:
    body = {"user_id": ALICE, "text": "通知:明天停水", "origin": origin, "name": "张三"}
    if origin == "user":
        body["from_user_id"] = OFFICER
    if origin == "chat":
        body["from_chat_id"] = FORUM
    await control(emulator, "forwards", body)
    (update,) = await updates(bot)
    forwarded = update.message.forward_origin
    assert forwarded is not None and forwarded.type == origin
    if origin == "user":
        assert forwarded.sender_user.id == OFFICER
    if origin == "hidden_user":
        assert forwarded.sender_user_name == "张三"


async def test_topics_closed_reopened_and_deleted(emulator: Emulator, bot: Bot) -> None:
    topic = await bot.create_forum_topic(FORUM, "#7 停水")
    thread = topic.message_thread_id
    base = {"user_id": OFFICER, "chat_id": FORUM, "message_thread_id": thread}
    await control(emulator, "topics", {**base, "action": "close"})
    with pytest.raises(BadRequest, match=r"(?i)topic_closed"):
        await bot.send_message(FORUM, "在吗", message_thread_id=thread)
    await control(emulator, "topics", {**base, "action": "reopen"})
    await bot.send_message(FORUM, "在", message_thread_id=thread)
    assert await control(emulator, "topics", {**base, "action": "delete"}) is None
    with pytest.raises(BadRequest, match=r"(?i)message thread not found"):
        await bot.send_message(FORUM, "还在吗", message_thread_id=thread)
    closed, reopened = (u.message for u in await updates(bot))
    assert closed.forum_topic_closed is not None and closed.message_thread_id == thread
    assert reopened.forum_topic_reopened is not None


async def test_a_group_upgraded_to_a_supergroup(emulator: Emulator, bot: Bot) -> None:
    await bot.send_message(BASIC, "before")
    moved = await control(emulator, "migrations", {"chat_id": BASIC})
    new_id = moved["chat"]["id"]
    assert moved["chat"]["type"] == "supergroup" and new_id == -1004001
    with pytest.raises(ChatMigrated) as refused:
        await bot.send_message(BASIC, "after")
    assert refused.value.new_chat_id == new_id
    await bot.send_message(new_id, "after")
    old_note, new_note = (u.message for u in await updates(bot))
    assert old_note.chat.id == BASIC and old_note.migrate_to_chat_id == new_id
    assert new_note.chat.id == new_id and new_note.migrate_from_chat_id == BASIC
    again = await control(emulator, "migrations", {"chat_id": BASIC})
    assert again["ok"] is False  # a supergroup already


async def test_the_bots_membership(emulator: Emulator, bot: Bot) -> None:
    await control(emulator, "membership", {"chat_id": FORUM, "status": "kicked"})
    with pytest.raises(Forbidden, match="bot was kicked from the supergroup chat"):
        await bot.send_message(FORUM, "x")
    await control(emulator, "membership", {"chat_id": FORUM, "status": "left"})
    with pytest.raises(Forbidden, match="bot is not a member"):
        await bot.send_message(FORUM, "x")
    await control(emulator, "membership", {"chat_id": FORUM, "status": "member"})
    await bot.send_message(FORUM, "back")
    with pytest.raises(BadRequest, match=r"(?i)not enough rights to create a topic"):
        await bot.create_forum_topic(FORUM, "#1")
    await control(
        emulator,
        "membership",
        {"chat_id": FORUM, "status": "administrator", "can_manage_topics": False},
    )
    assert (await bot.get_chat_member(FORUM, bot.id)).can_manage_topics is False
    with pytest.raises(BadRequest, match=r"(?i)not enough rights"):
        await bot.create_forum_topic(FORUM, "#1")
    await control(emulator, "membership", {"chat_id": FORUM, "status": "administrator"})
    await bot.create_forum_topic(FORUM, "#1")
    got = await updates(bot)
    changes = [u.my_chat_member for u in got if u.my_chat_member is not None]
    # Added back (left -> member): the group's service message naming the bot follows.
    (added,) = [u.message for u in got if u.message is not None]
    assert added.new_chat_members[0].id == bot.id and added.from_user.id == OFFICER
    assert [(c.old_chat_member.status, c.new_chat_member.status) for c in changes] == [
        ("administrator", "kicked"),
        ("kicked", "left"),
        ("left", "member"),
        ("member", "administrator"),
        ("administrator", "administrator"),
    ]
    assert changes[0].from_user.id == OFFICER


async def test_a_user_blocking_and_unblocking_the_bot(emulator: Emulator, bot: Bot) -> None:
    """Telegram tells the bot in the user's private chat (member -> kicked -> member), from
    the user; the bot's messages fail with 403 meanwhile; blocking twice changes nothing."""
    body = {"user_id": ALICE, "blocked": True}
    assert (await control(emulator, "blocks", body))["update"] is not None
    assert (await control(emulator, "blocks", body))["update"] is None
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(ALICE, "x")
    await control(emulator, "blocks", {**body, "blocked": False})
    await bot.send_message(ALICE, "back")
    changes = [u.my_chat_member for u in await updates(bot) if u.my_chat_member is not None]
    assert [(c.old_chat_member.status, c.new_chat_member.status) for c in changes] == [
        ("member", "kicked"),
        ("kicked", "member"),
    ]
    assert {(c.chat.id, c.chat.type, c.from_user.id) for c in changes} == {
        (ALICE, "private", ALICE)
    }
    assert {c.new_chat_member.user.id for c in changes} == {bot.id}


async def test_members_only_when_asked_for(emulator: Emulator, bot: Bot) -> None:
    body = {"user_id": ALICE, "chat_id": FORUM, "status": "member"}
    (joined,) = await control(emulator, "members", body)  # the service message only
    assert joined["message"]["new_chat_members"][0]["id"] == ALICE
    assert ALICE in emulator.world.chats[FORUM].members
    await bot.get_updates(timeout=0, allowed_updates=["message", "chat_member"])
    note, left = await control(emulator, "members", {**body, "status": "left"})
    assert note["message"]["left_chat_member"]["id"] == ALICE
    assert left["chat_member"]["new_chat_member"]["status"] == "left"
    came, gone, update = await updates(bot)  # the setting is remembered
    assert came.message.new_chat_members[0].id == ALICE
    assert gone.message.left_chat_member.id == ALICE
    assert update.chat_member.new_chat_member.user.id == ALICE
    assert (await bot.get_chat_member(FORUM, ALICE)).status == "left"


async def test_bad_bodies_are_refused(emulator: Emulator) -> None:
    answers = [
        await control(emulator, "media", {"user_id": ALICE, "kind": "hologram"}),
        await control(emulator, "forwards", {"user_id": ALICE, "text": "x", "origin": "moon"}),
        await control(emulator, "membership", {"chat_id": FORUM, "status": "owner"}),
        await control(emulator, "members", {"user_id": 1, "chat_id": FORUM, "status": "member"}),
        await control(
            emulator, "media", {"user_id": ALICE, "kind": "photo", "caption": "长" * 1025}
        ),
    ]
    assert [a["ok"] for a in answers] == [False] * 5
