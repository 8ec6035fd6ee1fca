"""Words right after an answer (`bot.intake.reply.reply_to_answer`): each phrase family, and
that words naming a matter of their own are no reply (the caller reads them as a question)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.config import load_settings
from bot.intake.new_matter import starts_anew
from bot.intake.pending import category_in
from bot.intake.reply import Reply, reply_alone, reply_to_answer

NOT_SOLVED = [
    "This does not help me",
    "that did not help",
    "does not help",
    "did not help",
    "not helpful",
    "Not helpful at all.",
    "no",
    "No.",
    "not really",
    "nope",
    "没用",
    "不管用",
    "doesn't help",
    "it didn't work",
    "没有",
    "没有用",
    "没解决",
    "不行",
    "这个根本没用",
]
SOLVED = ["yes", "Yes!", "yeah, thanks", "thanks, solved", "solved", "是的", "解决了", "有用,谢谢"]
# Thanks or "ok" alone, a whole message: the answered matter closed (a tester: "好的,谢谢" opened
# a ticket, "谢谢" was asked for more).
COURTESY = ["好的,谢谢", "好的谢谢", "谢谢", "谢谢您!", "ok, thanks", "thanks", "Thank you!"]
MATTERS = [
    "How do I renew my passport?",
    "The radiator still does not work",
    "暖气还是不热",
    "路灯坏了三天了",
    "No, how do I renew my passport?",
    "that did not help, the street light outside my house is broken",
    "I want to complain",
    "我要投诉",
    "hello",
]
COMPLAINTS = [
    "I want to complain",
    "it is a complaint",
    "it's a complaint",
    "我要投诉",
    "这是投诉",
]


@pytest.mark.parametrize("text", NOT_SOLVED)
def test_not_solved_phrasings(text: str) -> None:
    assert reply_to_answer(text) is Reply.NOT_SOLVED


@pytest.mark.parametrize("text", SOLVED)
def test_solved_phrasings(text: str) -> None:
    assert reply_to_answer(text) is Reply.SOLVED


@pytest.mark.parametrize("text", MATTERS)
def test_words_with_a_matter_or_a_kind_are_no_reply(text: str) -> None:
    assert reply_to_answer(text) is None


@pytest.mark.parametrize("text", COMPLAINTS)
def test_a_complaint_alone_names_the_complaint_category(text: str) -> None:
    assert category_in(load_settings(), text) == "complaint"


def test_a_real_new_question_still_starts_anew() -> None:
    text = "How do I renew my passport?"
    assert reply_to_answer(text) is None
    assert starts_anew(text=text, answered="parking-complaint", closest="passport-renewal")


@given(
    phrase=st.sampled_from(NOT_SOLVED + SOLVED),
    before=st.sampled_from(["", " ", "「", '"', "(", "  "]),
    after=st.sampled_from(["", ".", "。", "!", "!!", " ", "…", "?"]),
    upper=st.booleans(),
)
def test_case_and_punctuation_around_change_nothing(
    phrase: str, before: str, after: str, upper: bool
) -> None:
    text = before + (phrase.upper() if upper else phrase) + after
    assert reply_to_answer(text) is reply_to_answer(phrase) is not None


@given(
    phrase=st.sampled_from(NOT_SOLVED),
    matter=st.sampled_from(
        ["the street light outside is broken", "how do I renew my passport", "我家暖气不热"]
    ),
)
def test_not_solved_with_a_matter_of_its_own_is_no_reply(phrase: str, matter: str) -> None:
    assert reply_to_answer(f"{phrase}, {matter}") is None


@pytest.mark.parametrize("text", [*SOLVED, *COURTESY, "ok", "好的", "OK thank you"])
def test_a_whole_message_of_thanks_or_ok_after_an_answer_is_solved(text: str) -> None:
    assert reply_alone(text) is Reply.SOLVED


@pytest.mark.parametrize("text", [*NOT_SOLVED, *MATTERS, "谢谢。另外我家门口的路灯坏了"])
def test_no_other_message_is_solved_alone(text: str) -> None:
    assert reply_alone(text) is reply_to_answer(text)
