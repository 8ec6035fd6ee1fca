"""Which of a requester's tickets in hand their words are for (`replies.choose`), and how a staff
message to a requester with several is numbered (`replies.numbered`)."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.excerpt import MARK_ROOM, MAX_CAPTION, MAX_MESSAGE, units
from bot.models import IN_HAND, TicketStatus
from bot.replies import InHand, choose, numbered

T0 = datetime(2026, 3, 2, 9, 0)


def at(minute: int) -> datetime:
    """When staff last spoke: `minute` minutes after T0."""
    return T0 + timedelta(minutes=minute)


TWO_UNWRITTEN = [InHand(1, None), InHand(2, None)]


def test_a_reply_to_a_ticket_in_hand_wins() -> None:
    in_hand = [InHand(1, at(10)), InHand(2, at(30))]
    assert choose(replied_to=1, in_hand=in_hand) == 1
    assert choose(replied_to=2, in_hand=TWO_UNWRITTEN) == 2


def test_a_reply_to_something_else_is_no_clue() -> None:
    in_hand = [InHand(1, at(10)), InHand(2, at(30))]
    assert choose(replied_to=9, in_hand=in_hand) == 2  # a closed ticket's message, say
    assert choose(replied_to=9, in_hand=TWO_UNWRITTEN) is None


def test_one_ticket_in_hand_takes_everything() -> None:
    assert choose(replied_to=None, in_hand=[InHand(4, None)]) == 4
    assert choose(replied_to=9, in_hand=[InHand(4, at(3))]) == 4


def test_else_the_ticket_whose_staff_wrote_last() -> None:
    assert choose(replied_to=None, in_hand=[InHand(1, at(30)), InHand(2, at(10))]) == 1
    assert choose(replied_to=None, in_hand=[InHand(1, at(10)), InHand(2, at(30))]) == 2
    assert (
        choose(replied_to=None, in_hand=[InHand(1, None), InHand(2, at(5)), InHand(3, None)]) == 2
    )


def test_else_the_requester_is_asked() -> None:
    assert choose(replied_to=None, in_hand=TWO_UNWRITTEN) is None


def test_in_hand_is_every_status_but_closed() -> None:
    # The requester's query says "in hand" as "not closed" (bot/requesters.py).
    assert set(IN_HAND) == set(TicketStatus) - {TicketStatus.CLOSED}


COPIED: dict[str, object] = {"from_chat_id": -100, "message_id": 40}


def test_numbered_values_keep_every_word_and_number_every_part() -> None:
    short = numbered(COPIED, "请提供卡号", "text")
    assert short == [{**COPIED, "numbered": True, "content_type": "text", "text": "请提供卡号"}]
    long_text = "请带身份证。" * 700
    parts = numbered(COPIED, long_text, "text")
    assert len(parts) == 2 and "".join(str(p["text"]) for p in parts) == long_text
    assert all(units(str(p["text"])) <= MAX_MESSAGE - MARK_ROOM for p in parts)
    fits = numbered(COPIED, "合同照片", "photo")
    assert [(p["content_type"], p["text"]) for p in fits] == [("photo", "合同照片")]
    caption = "字" * (MAX_CAPTION - MARK_ROOM + 1)
    split = numbered(COPIED, caption, "photo")
    assert [(p["content_type"], p["text"]) for p in split] == [("photo", ""), ("text", caption)]
    assert all(p["numbered"] for p in split)
