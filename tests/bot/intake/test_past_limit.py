"""The words a new matter past the open-ticket limit keeps (bot/intake/past_limit.py): the
requester's texts of the first inquiry, each with its message, in order; never the bot's turns
nor a press."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.intake import inquiry
from bot.intake.past_limit import kept_words

AT = datetime(2026, 11, 30, 9, tzinfo=UTC)


def test_the_requesters_texts_with_their_messages_in_order() -> None:
    turns = [
        inquiry.said("隔壁工地半夜施工太吵了", AT, message_id=7),
        inquiry.bot_did("suggest", AT, ["噪音扰民投诉"], templates=["noise-complaint"]),
        inquiry.said("每天晚上十二点以后还在施工", AT, message_id=9),
        inquiry.asked_for_person(AT),
    ]
    assert kept_words(turns, "ignored") == [
        ("隔壁工地半夜施工太吵了", 7),
        ("每天晚上十二点以后还在施工", 9),
    ]


def test_the_question_alone_when_the_inquiry_holds_no_words() -> None:
    assert kept_words([], "the construction site is noisy") == [
        ("the construction site is noisy", None)
    ]
    assert kept_words([inquiry.bot_did("clarify", AT)], "  ") == []


def test_a_text_without_its_message_is_kept_too() -> None:
    assert kept_words([inquiry.said("noisy all night", AT)], "x") == [("noisy all night", None)]
