"""Where the emulation used to part from real Telegram (issue 15's tester, E1-E10): a topic's
first message and the implicit reply to it, replies into other topics, a kicked bot, members
who left or were kicked, forward origins and forwarded media, captions, quiz answers, and the
bot's first word to someone who never wrote to it. Through a real Bot and the control API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from telegram import Bot, Update
from telegram.error import Forbidden

from emulator.server import Emulator
from emulator.world import World

TOKEN = "123456:LOCAL"
ALICE, OFFICER, BOB, NEWCOMER = 5001, 100101, 100102, 5002
FORUM = -100101


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    server = Emulator(World(clock=lambda: 1_800_000_000.0), token=TOKEN)
    await server.start()
    world = server.world
    world.add_user(ALICE, "Alice", "zh", started=True)
    world.add_user(OFFICER, "王芳", "zh", started=True)
    world.add_user(BOB, "李强", "zh", started=True)
    world.add_user(NEWCOMER, "Newcomer", "en")  # never wrote to the bot
    world.add_group(FORUM, "综合服务窗口", [OFFICER, BOB], forum=True).admins.add(OFFICER)
    world.limits.enabled = False
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def bot(emulator: Emulator) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=f"http://127.0.0.1:{emulator.port}/bot") as client:
        yield client


async def post(emulator: Emulator, path: str, body: dict[str, Any]) -> httpx.Response:
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{emulator.port}") as client:
        return await client.post(f"/control/{path}", json=body)


async def control(emulator: Emulator, path: str, body: dict[str, Any]) -> Any:
    answer = await post(emulator, path, body)
    assert answer.status_code == 200, answer.text
    return answer.json()


async def refused(emulator: Emulator, path: str, body: dict[str, Any]) -> str:
    """The description of the control API's 400 for this body."""
    answer = await post(emulator, path, body)
    assert answer.status_code == 400, answer.text
    assert answer.json()["ok"] is False
    return str(answer.json()["description"])


async def updates(bot: Bot) -> list[Update]:
    got = list(await bot.get_updates(timeout=0))
    if got:  # confirmed: the next call gives only what comes after
        await bot.get_updates(offset=got[-1].update_id + 1, timeout=0)
    return got


async def test_a_topic_begins_with_its_service_message_that_its_messages_reply_to(
    emulator: Emulator, bot: Bot
) -> None:
    topic = await bot.create_forum_topic(FORUM, "#7 停水")
    thread = topic.message_thread_id
    root = emulator.world.messages[(FORUM, thread)]
    assert root["message_id"] == thread and root["from"]["id"] == bot.id
    assert root["forum_topic_created"]["name"] == "#7 停水"
    assert root["message_thread_id"] == thread and root["is_topic_message"] is True
    assert await updates(bot) == []  # the bot's own doing: no update
    in_topic = {"user_id": OFFICER, "chat_id": FORUM, "message_thread_id": thread}
    first = await control(emulator, "messages", {**in_topic, "text": "我来处理"})
    explicit = await control(
        emulator, "messages", {**in_topic, "text": "回复", "reply_to_message_id": thread}
    )
    answer = {**in_topic, "text": "补充", "reply_to_message_id": first["message"]["message_id"]}
    await control(emulator, "messages", answer)
    general = await control(
        emulator, "messages", {"user_id": OFFICER, "chat_id": FORUM, "text": "大家好"}
    )
    sent = await bot.send_message(FORUM, "已受理", message_thread_id=thread)
    plain, to_root, to_first, outside = (u.message for u in await updates(bot))
    for message in (plain, to_root):  # the implicit reply Telegram adds, and the same explicit
        assert message.is_topic_message and message.message_thread_id == thread
        assert message.reply_to_message.message_id == thread
        assert message.reply_to_message.forum_topic_created.name == "#7 停水"
    assert explicit["message"]["reply_to_message"]["message_id"] == thread
    assert to_first.reply_to_message.text == "我来处理"
    assert outside.reply_to_message is None and "reply_to_message" not in general["message"]
    assert sent.reply_to_message is not None and sent.reply_to_message.message_id == thread


async def test_a_reply_into_another_topic_is_an_external_reply(
    emulator: Emulator, bot: Bot
) -> None:
    one = (await bot.create_forum_topic(FORUM, "#1")).message_thread_id
    two = (await bot.create_forum_topic(FORUM, "#2")).message_thread_id
    there = await control(
        emulator,
        "media",
        {"user_id": BOB, "chat_id": FORUM, "message_thread_id": one, "kind": "photo"},
    )
    target = there[0]["message"]["message_id"]
    base = {"user_id": OFFICER, "chat_id": FORUM, "reply_to_message_id": target}
    await control(emulator, "messages", {**base, "message_thread_id": two, "text": "见#1"})
    await control(emulator, "messages", {**base, "text": "见#1"})  # from the General topic
    sent = await bot.send_message(
        FORUM, "见#1", message_thread_id=two, reply_parameters={"message_id": target}
    )
    _, in_two, in_general = (u.message for u in await updates(bot))
    for message in (in_two, in_general, sent):
        external = message.external_reply
        assert external is not None and external.message_id == target
        assert external.chat.id == FORUM and external.origin.sender_user.id == BOB
        assert external.photo  # what an ExternalReplyInfo carries of a photo
    assert in_two.reply_to_message.message_id == two  # still in its own topic
    assert in_general.reply_to_message is None


async def test_bad_references_are_a_clean_400_everywhere(emulator: Emulator, bot: Bot) -> None:
    thread = (await bot.create_forum_topic(FORUM, "#3")).message_thread_id
    await control(
        emulator,
        "topics",
        {"user_id": OFFICER, "chat_id": FORUM, "message_thread_id": thread, "action": "delete"},
    )
    missing = {"user_id": ALICE, "reply_to_message_id": 999}
    gone = {"user_id": OFFICER, "chat_id": FORUM, "message_thread_id": thread}
    for path, extra in (("messages", {"text": "x"}), ("media", {"kind": "photo"})):
        assert "message to be replied not found" in await refused(
            emulator, path, {**missing, **extra}
        )
        assert "message thread not found" in await refused(emulator, path, {**gone, **extra})
    assert "'text'" in await refused(emulator, "messages", {"user_id": ALICE})
    assert "missing field 'user_id'" in await refused(emulator, "media", {"kind": "photo"})


async def test_a_kicked_or_departed_bot_receives_nothing_of_the_group(
    emulator: Emulator, bot: Bot
) -> None:
    in_group = {"user_id": OFFICER, "chat_id": FORUM, "text": "机器人还在吗"}
    for status in ("kicked", "left"):
        await control(emulator, "membership", {"chat_id": FORUM, "status": status})
        assert await control(emulator, "messages", in_group) is None
        sticker = {"user_id": OFFICER, "chat_id": FORUM, "kind": "sticker"}
        assert await control(emulator, "media", sticker) == [None]
        (change,) = await updates(bot)
        assert change.my_chat_member.new_chat_member.status == status
    await control(emulator, "membership", {"chat_id": FORUM, "status": "member"})
    await control(emulator, "messages", in_group)
    back, added, message = await updates(bot)
    assert back.my_chat_member is not None and added.message.new_chat_members[0].id == bot.id
    assert message.message.text == "机器人还在吗"


async def test_members_who_left_or_were_kicked_cannot_act_and_telegram_says_who_did_it(
    emulator: Emulator, bot: Bot
) -> None:
    card = await bot.send_message(
        FORUM,
        "工单 #1",
        reply_markup={"inline_keyboard": [[{"text": "认领", "callback_data": "claim:1"}]]},
    )
    await bot.get_updates(timeout=0, allowed_updates=["message", "chat_member"])
    kicked = await control(
        emulator, "members", {"user_id": BOB, "chat_id": FORUM, "status": "kicked"}
    )
    note, change = kicked
    assert note["message"]["left_chat_member"]["id"] == BOB
    assert note["message"]["from"]["id"] == OFFICER  # the administrator who removed him
    member = change["chat_member"]
    assert member["from"]["id"] == OFFICER and member["new_chat_member"]["status"] == "kicked"
    assert (await bot.get_chat_member(FORUM, BOB)).status == "kicked"
    in_group = {"user_id": BOB, "chat_id": FORUM}
    for path, body in (
        ("messages", {"text": "我还能说话吗"}),
        ("media", {"kind": "photo"}),
        ("presses", {"message_id": card.message_id, "data": "claim:1"}),
    ):
        assert "not a member" in await refused(emulator, path, {**in_group, **body})
    # Let back in by an administrator named as the actor: the old state is the ban.
    back = await control(
        emulator,
        "members",
        {"user_id": BOB, "chat_id": FORUM, "status": "member", "actor": OFFICER},
    )
    assert back[0]["message"]["new_chat_members"][0]["id"] == BOB
    assert back[1]["chat_member"]["old_chat_member"]["status"] == "kicked"
    assert back[1]["chat_member"]["from"]["id"] == OFFICER
    await control(emulator, "members", {"user_id": BOB, "chat_id": FORUM, "status": "left"})
    assert "not a member" in await refused(emulator, "messages", {**in_group, "text": "再见"})
    got = await updates(bot)  # every one parsed by python-telegram-bot
    assert [u.message.left_chat_member is not None for u in got if u.message] == [
        True,
        False,
        True,
    ]
    assert [u.chat_member.from_user.id for u in got if u.chat_member] == [OFFICER, OFFICER, BOB]


async def test_forward_origins_are_possible_ones_and_forwards_carry_media(
    emulator: Emulator, bot: Bot
) -> None:
    forward = {"user_id": ALICE, "text": "通知"}
    assert "needs a channel" in await refused(
        emulator, "forwards", {**forward, "origin": "channel", "from_chat_id": FORUM}
    )
    assert "needs a group or channel" in await refused(
        emulator, "forwards", {**forward, "origin": "chat", "from_chat_id": ALICE}
    )
    channel = await control(
        emulator, "groups", {"id": -1002002, "title": "市政通知", "type": "channel"}
    )
    assert channel["type"] == "channel"
    await control(emulator, "forwards", {**forward, "origin": "channel", "from_chat_id": -1002002})
    await control(emulator, "forwards", {**forward, "origin": "chat", "from_chat_id": FORUM})
    photo = {"user_id": ALICE, "origin": "hidden_user", "name": "张三"}
    await control(emulator, "forwards", {**photo, "kind": "photo", "caption": "停水通知"})
    await control(emulator, "forwards", {**photo, "kind": "poll", "question": "几点?"})
    described = await refused(emulator, "forwards", {"user_id": ALICE, "origin": "user"})
    assert "'text'" in described and "kind" in described
    from_channel, from_group, a_photo, a_poll = (u.message for u in await updates(bot))
    assert from_channel.forward_origin.chat.type == "channel"
    assert from_group.forward_origin.sender_chat.type == "supergroup"
    assert a_photo.photo and a_photo.caption == "停水通知"
    assert a_photo.forward_origin.sender_user_name == "张三"
    assert a_poll.poll.question == "几点?" and a_poll.forward_origin is not None


@pytest.mark.parametrize("kind", ["contact", "video_note", "sticker", "venue", "poll"])
async def test_a_caption_where_telegram_has_none_is_refused(
    emulator: Emulator, bot: Bot, kind: str
) -> None:
    body = {"user_id": ALICE, "kind": kind, "caption": "看"}
    assert f"a {kind} has no caption" in await refused(emulator, "media", body)
    assert emulator.world.transcripts.get(ALICE, []) == []  # nothing sent


async def test_the_bot_cannot_write_first_to_someone_who_never_wrote_to_it(
    emulator: Emulator, bot: Bot
) -> None:
    with pytest.raises(Forbidden, match="bot can't initiate conversation with a user"):
        await bot.send_message(NEWCOMER, "您好")
    with pytest.raises(Forbidden, match="bot can't initiate conversation with a user"):
        await bot.copy_message(NEWCOMER, FORUM, (await bot.send_message(FORUM, "x")).message_id)
    await control(emulator, "messages", {"user_id": NEWCOMER, "text": "/start"})
    await bot.send_message(NEWCOMER, "您好")
    await control(emulator, "users", {"id": 5003, "first_name": "Staff", "started": True})
    await bot.send_message(5003, "您好")  # set up as having started the bot
    await control(emulator, "users", {"id": 5004, "first_name": "New"})
    with pytest.raises(Forbidden, match="bot can't initiate"):
        await bot.send_message(5004, "您好")


async def test_a_user_added_again_keeps_their_chat(emulator: Emulator, bot: Bot) -> None:
    """POST /control/users for someone already there changes their name and language, not
    their chat: it wiped the chat's state (a new-user trial), so the bot, written to before,
    could no longer write to them."""
    await control(emulator, "messages", {"user_id": NEWCOMER, "text": "/start"})
    sent = await bot.send_message(NEWCOMER, "您好")
    await control(
        emulator, "users", {"id": NEWCOMER, "first_name": "Renamed", "language_code": "en"}
    )
    again = await bot.send_message(NEWCOMER, "hello")  # still started: no 403
    assert again.message_id > sent.message_id
    texts = [e.text for e in emulator.world.transcripts[NEWCOMER]]
    assert texts[-2:] == ["您好", "hello"]
    user = emulator.world.users[NEWCOMER]
    assert (user.first_name, user.language_code) == ("Renamed", "en")


async def test_a_person_cannot_send_a_text_longer_than_telegram_takes(
    emulator: Emulator,
) -> None:
    """Telegram's apps send a paste over 4,096 characters as several messages: the control
    API refuses one longer (a new-user trial's 4,097 went through), naming the limit."""
    said = await refused(emulator, "messages", {"user_id": ALICE, "text": "长" * 4097})
    assert "at most 4096 characters" in said and "4097" in said
    assert emulator.world.transcripts.get(ALICE, []) == []
    await control(emulator, "messages", {"user_id": ALICE, "text": "长" * 4096})
    assert len(emulator.world.transcripts[ALICE]) == 1


async def test_an_unknown_user_is_named_as_such_not_as_a_missing_field(emulator: Emulator) -> None:
    said = await refused(emulator, "messages", {"user_id": 555001, "text": "你好"})
    assert said.startswith("no user or chat 555001 in the emulation") and "/control/users" in said
    said = await refused(emulator, "messages", {"text": "你好"})
    assert said == "missing field 'user_id' (see the README's control API)"
