"""Staff replies to a requester with several tickets in hand carry the ticket's number, and
what reaches a requester about a ticket is linked to it (presenter; the calls are data)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.config import Settings
from bot.desk import Desk, build_desk
from bot.notices import Audience
from bot.outgoing import Outgoing
from handlers.presenter import present
from tests.conftest import MONDAY_9AM

GROUP, REQUESTER = -1000000000101, 5001
COPIED = {"from_chat_id": GROUP, "message_id": 40}
REQUESTER_ = str(Audience.REQUESTER)


@pytest.fixture
async def desk(settings: Settings, database_url: str) -> AsyncIterator[Desk]:
    desk = await build_desk(settings, database_url)
    yield desk
    await desk.transactions.engine.dispose()


def _reply(language: str, **values: object) -> Outgoing:
    return Outgoing(REQUESTER, language, "staff_reply", {**COPIED, **values}, 7, REQUESTER_)


@pytest.mark.parametrize("store", ["sqlite"])
async def test_one_ticket_in_hand_gets_the_copy_as_it_is(desk: Desk) -> None:
    call = present(desk, _reply("zh"))
    assert call.method == "copyMessage" and "caption" not in call.params
    assert call.after == "link"


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_numbered_text_starts_with_its_ticket_in_each_language(desk: Desk) -> None:
    zh = present(desk, _reply("zh", numbered=True, text="请提供卡号", content_type="text"))
    en = present(desk, _reply("en", numbered=True, text="Your card number?", content_type="text"))
    assert (zh.method, zh.params["text"]) == ("sendMessage", "【工单 #7】请提供卡号")
    assert en.params["text"] == "[Ticket #7] Your card number?"
    assert zh.after == en.after == "link"


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_numbered_photo_gets_the_number_in_its_caption(desk: Desk) -> None:
    call = present(desk, _reply("zh", numbered=True, text="", content_type="media"))
    assert call.method == "copyMessage" and call.params["caption"] == "【工单 #7】"


@pytest.mark.parametrize("store", ["sqlite"])
async def test_what_would_pass_the_limits_is_copied_whole(desk: Desk) -> None:
    long_text = present(desk, _reply("zh", numbered=True, text="字" * 4094, content_type="text"))
    long_caption = present(
        desk, _reply("zh", numbered=True, text="字" * 1020, content_type="media")
    )
    assert long_text.method == long_caption.method == "copyMessage"
    assert "caption" not in long_caption.params


@pytest.mark.parametrize("store", ["sqlite"])
async def test_notices_to_a_requester_about_a_ticket_are_linked_to_it(desk: Desk) -> None:
    values = {"ticket_id": 7, "owner": "王芳", "resolution_due_at": MONDAY_9AM}
    notice = Outgoing(REQUESTER, "zh", "claimed_notice", values, 7, REQUESTER_)
    answer = Outgoing(REQUESTER, "zh", "welcome_back", {"count": 1}, None, REQUESTER_)
    assert present(desk, notice).after == "link"
    assert present(desk, answer).after is None
