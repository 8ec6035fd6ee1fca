"""The presenter: a stored notice as the Bot API call that shows it, buttons and place by its
kind and audience; rows stored before audiences were recorded keep their buttons. No Telegram:
the calls are data."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.answered import without_buttons
from bot.config import Settings
from bot.desk import Desk, build_desk
from bot.notices import BUTTONS_GONE, Audience
from bot.outgoing import Outgoing
from handlers.presenter import present
from tests.conftest import MONDAY_9AM

SUPERVISOR, OFFICER, GROUP, REQUESTER = 100190, 100101, -1000000000101, 5001
ESCALATION = {
    "step": 1,
    "deadline": "first_response",
    "deadline_at": MONDAY_9AM,
    "overdue": True,
    "ticket_id": 7,
    "question": "路灯坏了",
    "owner_name": None,
    "owner_staff_number": None,
}


@pytest.fixture
async def desk(settings: Settings, database_url: str) -> AsyncIterator[Desk]:
    desk = await build_desk(settings, database_url)
    yield desk
    await desk.transactions.engine.dispose()


def _buttons(params: dict[str, Any]) -> list[str]:
    markup = params.get("reply_markup") or {"inline_keyboard": []}
    return [b["callback_data"] for row in markup["inline_keyboard"] for b in row]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_supervisors_get_the_escalations_buttons_and_owners_do_not(desk: Desk) -> None:
    def shown(chat_id: int, audience: Audience | None) -> list[str]:
        message = Outgoing(chat_id, "zh", "escalation", ESCALATION, 7, audience)
        return _buttons(present(desk, message).params)

    assert shown(SUPERVISOR, Audience.DEPARTMENT_SUPERVISORS) == ["sv:a:7", "sv:p:7"]
    assert shown(desk.settings.management.chat_id, Audience.MANAGEMENT) == ["sv:a:7", "sv:p:7"]
    assert shown(OFFICER, Audience.OWNER) == []
    # A supervisor who owns the ticket hears as its owner: no supervising buttons.
    assert shown(SUPERVISOR, Audience.OWNER) == []
    # Stored before audiences were recorded: known by the chat, as before.
    assert shown(SUPERVISOR, None) == ["sv:a:7", "sv:p:7"]
    assert shown(OFFICER, None) == []


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_handoff_card_has_accept_and_a_resolution_the_rating(desk: Desk) -> None:
    card = Outgoing(
        GROUP,
        "zh",
        "handoff_card",
        {
            "ticket_id": 7,
            "from_department": "综合服务窗口",
            "owner": "王芳",
            "summary": "s",
            "suggested": "h",
            "due_at": MONDAY_9AM,
            "question": "q",
        },
        7,
        Audience.DEPARTMENT_GROUP,
    )
    call = present(desk, card)
    assert (call.chat_id, call.method, call.kind, call.ticket_id) == (
        GROUP,
        "sendMessage",
        "handoff_card",
        7,
    )
    assert _buttons(call.params) == ["accept:7"] and not call.in_topic
    resolution = Outgoing(
        REQUESTER,
        "en",
        "resolution",
        {"ticket_id": 7, "summary": "fixed"},
        7,
        Audience.REQUESTER,
    )
    rated = present(desk, resolution)
    assert rated.params["text"].startswith("Your ticket #7 is resolved: fixed")
    assert _buttons(rated.params)[:5] == [f"rate:7:{n}" for n in range(1, 6)]
    # Answered before it was sent (bot/answered.py): its words only, linked as buttons gone.
    answered = present(
        desk, without_buttons(resolution, template="resolution", ticket_id=7, chat_id=REQUESTER)
    )
    assert answered.params["text"] == rated.params["text"]
    assert _buttons(answered.params) == [] and answered.kind == BUTTONS_GONE


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_tickets_staff_hear_in_its_topic(desk: Desk) -> None:
    event = {"event": "accepted", "ticket_id": 7, "department": "社会保障科", "owner": "王芳"}
    in_topic = present(
        desk, Outgoing(GROUP, "zh", "handoff_event", event, 7, Audience.TICKET_STAFF)
    )
    assert in_topic.in_topic and in_topic.ticket_id == 7
    assert "社会保障科" in in_topic.params["text"] and "reply_markup" not in in_topic.params
    elsewhere = present(desk, Outgoing(GROUP, "zh", "handoff_event", event, 7, Audience.OWNER))
    assert not elsewhere.in_topic


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_staff_reply_is_a_copy_of_the_staffs_message(desk: Desk) -> None:
    copied = {"from_chat_id": GROUP, "message_id": 42, "ticket_id": 7}
    call = present(desk, Outgoing(REQUESTER, "en", "staff_reply", copied, 7, Audience.REQUESTER))
    assert (call.method, call.kind, call.in_topic) == ("copyMessage", "staff_reply", False)
    assert call.params == {"chat_id": REQUESTER, "from_chat_id": GROUP, "message_id": 42}


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_relay_is_copied_into_the_topic_and_linked_to_its_ticket(desk: Desk) -> None:
    copied = {"from_chat_id": REQUESTER, "message_id": 17, "ticket_id": 7}
    call = present(desk, Outgoing(GROUP, "zh", "relay", copied, 7, Audience.TICKET_STAFF))
    assert (call.method, call.kind, call.in_topic, call.after) == (
        "copyMessage",
        "relay",
        True,
        "link",
    )
    assert call.params == {"chat_id": GROUP, "from_chat_id": REQUESTER, "message_id": 17}


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_new_tickets_card_has_claim_and_keeps_its_message_id(desk: Desk) -> None:
    values = {
        "ticket_id": 7,
        "category": "咨询",
        "priority": "普通",
        "first_response_due_at": MONDAY_9AM,
        "resolution_due_at": MONDAY_9AM,
        "question": "路灯坏了",
        "attempts": [],
        "earlier": [{"id": 3, "status": "closed"}],
    }
    call = present(
        desk, Outgoing(GROUP, "zh", "ticket_card", values, 7, Audience.DEPARTMENT_GROUP)
    )
    assert (call.kind, call.after, call.in_topic) == ("ticket_card", "card", False)
    assert _buttons(call.params) == ["claim:7"]
    closed = desk.texts.render("statuses", "zh", status="closed")
    assert f"#3 {closed}" in call.params["text"] and "路灯坏了" in call.params["text"]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_accepting_departments_copy_is_a_numbered_reply_to_the_form(desk: Desk) -> None:
    """bot/handed.py's HANDED_RELAY, each part as its reader sees it: under the form (message
    17), linked to the ticket, the ticket's number on the words where Telegram allows it."""
    base = {"ticket_id": 7, "reply_to": 17, "from_chat_id": REQUESTER, "message_id": 3}

    def shown(**values: Any) -> Any:
        call = present(desk, Outgoing(GROUP, "zh", "handed_relay", {**base, **values}, 7, None))
        reply = call.params["reply_parameters"]["message_id"]
        assert (reply, call.after, call.ticket_id) == (17, "link", 7)
        return call

    text = shown(part="copy", text="白天有人", content_type="text")
    assert (text.method, text.params["text"]) == ("sendMessage", "📩 工单 #7 诉求人:白天有人")
    photo = shown(part="copy", text="合同", content_type="photo")
    assert (photo.method, photo.params["caption"]) == ("copyMessage", "📩 工单 #7 诉求人:合同")
    sticker = shown(part="copy", text="", content_type="sticker")
    assert sticker.method == "copyMessage" and "caption" not in sticker.params
    long = shown(part="copy", text="长" * 4090, content_type="text")
    assert long.method == "copyMessage" and "caption" not in long.params
    edited = shown(part="copy")  # an edit's copy: the mark before it names the ticket
    assert edited.method == "copyMessage" and "caption" not in edited.params
    mark = shown(part="edit")
    assert mark.method == "sendMessage" and "工单 #7" in mark.params["text"]
    origin = shown(part="origin", origin_kind="channel", origin_name="本地新闻")
    assert "工单 #7" in origin.params["text"] and "本地新闻" in origin.params["text"]
    poll = shown(part="described", kind="poll", described="哪天能办?")
    assert "工单 #7" in poll.params["text"] and "哪天能办?" in poll.params["text"]
