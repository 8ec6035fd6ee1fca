"""The emulation against python-telegram-bot itself: real Bot calls over loopback."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden

from emulator.server import Emulator
from emulator.spec import check_object

TOKEN = "123456:LOCAL"
ALICE = 5001


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    server = Emulator(token=TOKEN)
    await server.start()
    server.world.add_user(ALICE, "Alice", "zh", started=True)
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def bot(emulator: Emulator) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=f"http://127.0.0.1:{emulator.port}/bot") as client:
        yield client


def faithful(type_name: str, value: dict[str, Any]) -> None:
    assert check_object(type_name, value) == []


async def test_get_me(bot: Bot, emulator: Emulator) -> None:
    me = await bot.get_me()
    assert me.is_bot and me.username == "shouwen_bot"


async def test_send_message_with_buttons_is_parsed_and_seen(bot: Bot, emulator: Emulator) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("已解决 Solved", callback_data="ok:1")]])
    sent = await bot.send_message(ALICE, "您好,请问有什么可以帮您?", reply_markup=markup)
    assert sent.chat.id == ALICE and sent.text.startswith("您好")
    faithful("Message", emulator.world.messages[(ALICE, sent.message_id)])
    (entry,) = emulator.world.transcripts[ALICE]
    assert entry.buttons[0][0]["callback_data"] == "ok:1"


@pytest.mark.parametrize(
    ("text", "data", "wording"),
    [
        ("   ", None, "message text is empty"),
        ("x" * 4097, None, "message is too long"),
        ("ok", "x" * 65, "BUTTON_DATA_INVALID"),
    ],
)
async def test_real_limits_raise_bad_request(
    bot: Bot, text: str, data: str | None, wording: str
) -> None:
    markup = (
        InlineKeyboardMarkup([[InlineKeyboardButton("b", callback_data=data)]]) if data else None
    )
    with pytest.raises(BadRequest, match=rf"(?i){wording}"):
        await bot.send_message(ALICE, text, reply_markup=markup)


async def test_unknown_chat_and_blocked_user(bot: Bot, emulator: Emulator) -> None:
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(999, "hello")
    emulator.world.users[ALICE].blocked_bot = True
    with pytest.raises(Forbidden, match=r"(?i)bot was blocked by the user"):
        await bot.send_message(ALICE, "hello")


async def test_unknown_method_is_404_and_missing_field_is_400(emulator: Emulator) -> None:
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{emulator.port}") as client:
        unknown = await client.post(f"/bot{TOKEN}/sendTelepathy", data={"chat_id": ALICE})
        assert unknown.status_code == 404
        assert unknown.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
        missing = await client.post(f"/bot{TOKEN}/sendMessage", data={"text": "hi"})
        assert missing.status_code == 400
        assert missing.json()["description"] == "Bad Request: chat_id is empty"
        wrong_token = await client.post("/bot1:WRONG/getMe")
        assert wrong_token.status_code == 401


async def test_long_polling_delivers_in_order_without_loss_or_repetition(
    bot: Bot, emulator: Emulator
) -> None:
    for text in ("一", "二", "三"):
        await emulator.world.user_sends(ALICE, text)
    first = await bot.get_updates(timeout=0)
    assert [u.message.text for u in first] == ["一", "二", "三"]
    again = await bot.get_updates(offset=first[-1].update_id + 1, timeout=0)
    assert again == ()
    # A long poll waits for the next message instead of returning empty at once.
    poll = asyncio.create_task(bot.get_updates(offset=first[-1].update_id + 1, timeout=5))
    await asyncio.sleep(0)
    assert not poll.done()
    await emulator.world.user_sends(ALICE, "四")
    (fourth,) = await poll
    assert fourth.message.text == "四"
    assert fourth.update_id == first[-1].update_id + 1


async def test_button_press_edit_and_delete(bot: Bot, emulator: Emulator) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Rate 5", callback_data="rate:5")]])
    sent = await bot.send_message(ALICE, "请评价", reply_markup=markup)
    await emulator.world.user_presses(ALICE, ALICE, sent.message_id, "rate:5")
    (update,) = await bot.get_updates(timeout=0)
    query = update.callback_query
    assert query is not None and query.data == "rate:5" and query.from_user.id == ALICE
    assert await bot.answer_callback_query(query.id, text="谢谢")
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query(query.id)
    edited = await bot.edit_message_text("感谢您的评价", chat_id=ALICE, message_id=sent.message_id)
    assert edited.text == "感谢您的评价"
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("感谢您的评价", chat_id=ALICE, message_id=sent.message_id)
    assert await bot.delete_message(ALICE, sent.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await bot.delete_message(ALICE, sent.message_id)
    (entry,) = emulator.world.transcripts[ALICE]
    assert entry.edited and entry.deleted


async def test_group_chat_and_get_chat(bot: Bot, emulator: Emulator) -> None:
    emulator.world.add_group(-100101, "综合服务窗口", [ALICE], forum=True)
    chat = await bot.get_chat(-100101)
    assert chat.title == "综合服务窗口" and chat.is_forum
    sent = await bot.send_message(-100101, "新工单 #1", message_thread_id=None)
    assert sent.chat.type == "supergroup"


async def test_returned_objects_follow_the_specification(emulator: Emulator) -> None:
    emulator.world.add_group(-100102, "社会保障科", [ALICE])
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{emulator.port}") as client:
        me = (await client.post(f"/bot{TOKEN}/getMe")).json()["result"]
        chat = (await client.post(f"/bot{TOKEN}/getChat", data={"chat_id": -100102})).json()
        sent = await client.post(
            f"/bot{TOKEN}/sendMessage", json={"chat_id": ALICE, "text": "JSON body works too"}
        )
    faithful("User", me)
    faithful("ChatFullInfo", chat["result"])
    faithful("Message", sent.json()["result"])
    faithful("Chat", sent.json()["result"]["chat"])


async def test_the_remaining_methods(bot: Bot, emulator: Emulator) -> None:
    from telegram import BotCommand

    assert await bot.set_my_commands([BotCommand("start", "开始"), BotCommand("status", "进度")])
    assert await bot.send_chat_action(ALICE, "typing")
    assert await bot.set_webhook("https://example.invalid/hook")
    assert await bot.delete_webhook()
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="a")]])
    sent = await bot.send_message(ALICE, "选择", reply_markup=markup)
    edited = await bot.edit_message_reply_markup(ALICE, sent.message_id, reply_markup=None)
    assert edited.reply_markup is None
    (entry,) = emulator.world.transcripts[ALICE]
    assert entry.buttons == [] and entry.edited


def test_the_specification_check_can_fail() -> None:
    from emulator.spec import check_result

    assert check_result("sendMessage", {"message_id": 1, "date": 1}) == [
        "sendMessage.chat: required in Message but missing"
    ]
    assert check_result(
        "sendMessage",
        {"message_id": 1, "date": 1, "chat": {"id": 1, "type": "private"}, "bogus": 2},
    ) == ["sendMessage.bogus: not a field of Message"]
    assert check_result("getMe", {"id": "one", "is_bot": True, "first_name": "x"}) == [
        "getMe.id: expected Integer, got str"
    ]
