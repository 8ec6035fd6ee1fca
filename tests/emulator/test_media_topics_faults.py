"""Files, albums, copies, forum topics, members, faults and flood limits, through a real Bot."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest
from telegram import Bot
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.request import HTTPXRequest

from emulator.server import Emulator
from emulator.world import World

TOKEN = "123456:LOCAL"
ALICE, OFFICER = 5001, 100101
GROUP = -100101


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def emulator(clock: FakeClock) -> AsyncIterator[Emulator]:
    server = Emulator(World(clock=clock), token=TOKEN)
    await server.start()
    server.world.add_user(ALICE, "Alice", "zh", started=True)
    server.world.add_user(OFFICER, "王芳", "zh", started=True)
    group = server.world.add_group(GROUP, "综合服务窗口", [OFFICER], forum=True)
    group.admins.add(OFFICER)
    server.world.limits.enabled = False  # on for test_flood_limits only
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def bot(emulator: Emulator) -> AsyncIterator[Bot]:
    base = f"http://127.0.0.1:{emulator.port}"
    async with Bot(
        TOKEN,
        base_url=f"{base}/bot",
        base_file_url=f"{base}/file/bot",
        request=HTTPXRequest(read_timeout=0.5),
    ) as client:
        yield client


async def control(emulator: Emulator, path: str, body: dict[str, object]) -> object:
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{emulator.port}") as client:
        answer = await client.post(f"/control/{path}", json=body)
        return answer.json()


async def test_photo_upload_get_file_and_download(bot: Bot) -> None:
    sent = await bot.send_photo(ALICE, photo=b"\x89PNG fake", caption="现场照片")
    assert sent.photo and sent.caption == "现场照片"
    file = await bot.get_file(sent.photo[-1].file_id)
    assert bytes(await file.download_as_bytearray()) == b"\x89PNG fake"


async def test_document_voice_location_and_caption_limit(bot: Bot) -> None:
    document = await bot.send_document(ALICE, document=b"%PDF", filename="回执.pdf")
    assert document.document.file_name == "回执.pdf"
    voice = await bot.send_voice(ALICE, voice=b"OggS", duration=2)
    assert voice.voice.duration == timedelta(seconds=2)
    location = await bot.send_location(ALICE, latitude=31.23, longitude=121.47)
    assert location.location.latitude == pytest.approx(31.23)
    with pytest.raises(BadRequest, match=r"(?i)caption is too long"):
        await bot.send_document(ALICE, document=b"x", caption="长" * 1025)


async def test_album_and_copy_into_a_forum_topic(bot: Bot, emulator: Emulator) -> None:
    from telegram import InputMediaPhoto

    album = await bot.send_media_group(
        ALICE, [InputMediaPhoto(b"one"), InputMediaPhoto(b"two", caption="第二张")]
    )
    assert len(album) == 2 and album[0].media_group_id == album[1].media_group_id
    topic = await bot.create_forum_topic(GROUP, "#12 社保卡补办")
    copied = await bot.copy_message(
        GROUP,
        from_chat_id=ALICE,
        message_id=album[1].message_id,
        message_thread_id=topic.message_thread_id,
    )
    message = emulator.world.messages[(GROUP, copied.message_id)]
    assert (
        message["caption"] == "第二张" and message["message_thread_id"] == topic.message_thread_id
    )
    forwarded = await bot.forward_message(
        GROUP, from_chat_id=ALICE, message_id=album[0].message_id
    )
    assert forwarded.forward_origin is not None


async def test_forum_rules(bot: Bot, emulator: Emulator) -> None:
    topic = await bot.create_forum_topic(GROUP, "#13 停水")
    thread = topic.message_thread_id
    await bot.send_message(GROUP, "已认领", message_thread_id=thread)
    assert await bot.close_forum_topic(GROUP, thread)
    with pytest.raises(BadRequest, match=r"(?i)TOPIC_CLOSED"):
        await bot.send_message(GROUP, "还在吗", message_thread_id=thread)
    assert await bot.reopen_forum_topic(GROUP, thread)
    assert await bot.edit_forum_topic(GROUP, thread, name="#13 停水(已办结)")
    await bot.send_message(GROUP, "已办结", message_thread_id=thread)
    with pytest.raises(BadRequest, match=r"(?i)message thread not found"):
        await bot.send_message(GROUP, "?", message_thread_id=99999)
    emulator.world.add_group(-100200, "普通群", [OFFICER])
    with pytest.raises(BadRequest, match=r"(?i)not a forum"):
        await bot.create_forum_topic(-100200, "x")


async def test_chat_members(bot: Bot) -> None:
    assert (await bot.get_chat_member(GROUP, OFFICER)).status == "administrator"
    assert (await bot.get_chat_member(GROUP, ALICE)).status == "left"


async def test_users_send_every_kind_of_message(bot: Bot, emulator: Emulator) -> None:
    await control(emulator, "media", {"user_id": ALICE, "kind": "photo", "caption": "漏水"})
    await control(emulator, "media", {"user_id": ALICE, "kind": "document", "file_name": "a.pdf"})
    await control(emulator, "media", {"user_id": ALICE, "kind": "voice", "duration": 4})
    await control(
        emulator, "media", {"user_id": ALICE, "kind": "location", "latitude": 1, "longitude": 2}
    )
    await control(emulator, "media", {"user_id": ALICE, "kind": "sticker"})
    await control(
        emulator, "media", {"user_id": ALICE, "kind": "album", "count": 3, "caption": "三张"}
    )
    sent = await control(emulator, "messages", {"user_id": ALICE, "text": "原文"})
    message_id = sent["message"]["message_id"]  # type: ignore[index]
    await control(
        emulator,
        "edits",
        {"user_id": ALICE, "chat_id": ALICE, "message_id": message_id, "text": "改过"},
    )
    updates = await bot.get_updates(timeout=0)
    messages = [u.message for u in updates if u.message]
    assert messages[0].photo and messages[0].caption == "漏水"
    assert messages[1].document.file_name == "a.pdf"
    assert messages[2].voice.duration == timedelta(seconds=4)
    assert messages[3].location.longitude == 2
    assert messages[4].sticker is not None
    album = messages[5:8]
    assert len({m.media_group_id for m in album}) == 1 and all(m.photo for m in album)
    # Telegram puts an album's caption on its first item.
    assert [m.caption for m in album] == ["三张", None, None]
    assert updates[-1].edited_message.text == "改过"
    assert [u.update_id for u in updates] == sorted(u.update_id for u in updates)


async def test_injected_faults(bot: Bot, emulator: Emulator) -> None:
    await control(emulator, "faults", {"method": "sendMessage", "status": 429, "retry_after": 7})
    with pytest.raises(RetryAfter) as raised:
        await bot.send_message(ALICE, "hi")
    assert raised.value.retry_after == timedelta(seconds=7)
    await control(emulator, "faults", {"method": "sendMessage", "status": 502})
    with pytest.raises(NetworkError):
        await bot.send_message(ALICE, "hi")
    await control(emulator, "faults", {"method": "sendMessage", "status": None, "delay": 2})
    with pytest.raises(TimedOut):
        await bot.send_message(ALICE, "hi")
    sent = await bot.send_message(ALICE, "hi")  # the faults are used up
    assert sent.text == "hi"


async def test_flood_limits(bot: Bot, emulator: Emulator, clock: FakeClock) -> None:
    await control(emulator, "flood", {"enabled": True})
    for n in range(3):  # a short burst passes
        await bot.send_message(ALICE, f"{n}")
    with pytest.raises(RetryAfter) as raised:
        await bot.send_message(ALICE, "too fast")
    assert raised.value.retry_after >= timedelta(seconds=1)
    clock.now += 1.0
    await bot.send_message(ALICE, "after a second")
    for n in range(20):
        clock.now += 1.0
        await bot.send_message(GROUP, f"group {n}")
    with pytest.raises(RetryAfter):  # a group takes 20 a minute
        clock.now += 1.0
        await bot.send_message(GROUP, "21st in a minute")
    counters = await control_get(emulator, "counters")
    assert counters["served_429"] == 2
    assert counters["sendMessage"] == 26


async def control_get(emulator: Emulator, path: str) -> dict[str, int]:
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{emulator.port}") as client:
        return dict((await client.get(f"/control/{path}")).json())


async def test_the_transcript_shows_what_each_line_replies_to_and_when(
    bot: Bot, emulator: Emulator, clock: FakeClock
) -> None:
    """A tester reads from the control API whether the bot answered a message as a reply (a
    card's answer, an edit's copy) and when, as a Telegram client shows both."""
    question = await bot.send_message(ALICE, "社保卡丢了怎么办")
    clock.now += 60
    answer = await bot.send_message(
        ALICE, "请带身份证到窗口补办", reply_to_message_id=question.message_id
    )
    topic = await bot.create_forum_topic(GROUP, "#12 社保卡补办")
    in_topic = await bot.send_message(GROUP, "已认领", message_thread_id=topic.message_thread_id)
    base = f"http://127.0.0.1:{emulator.port}"
    async with httpx.AsyncClient(base_url=base) as client:
        private = (await client.get("/control/transcript", params={"chat_id": ALICE})).json()
        group = (await client.get("/control/transcript", params={"chat_id": GROUP})).json()
    lines = {line["message_id"]: line for line in private}
    assert lines[question.message_id]["reply_to_message_id"] is None
    assert lines[answer.message_id]["reply_to_message_id"] == question.message_id
    assert lines[answer.message_id]["date"] - lines[question.message_id]["date"] == 60
    (line,) = [line for line in group if line["message_id"] == in_topic.message_id]
    assert line["reply_to_message_id"] == topic.message_thread_id
