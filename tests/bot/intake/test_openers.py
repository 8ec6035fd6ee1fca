"""Openers that carry no matter (`bot.intake.openers`) and what the first-inquiry decision does
with them (`bot.intake.decision`): what is it about? once, then the next text looked up alone;
a person asked for after one is asked the matter first."""

from __future__ import annotations

import pytest

from bot.intake.decision import (
    Action,
    before_match,
    carries_no_matter,
    is_opening,
    is_vague,
    searched_words,
)
from bot.intake.openers import anger_only, is_opener, outburst
from bot.models import DialogStep

OPENERS = [
    "我想咨询一下",
    "我想反映个情况",
    "我想反映情况",
    "我有个问题",
    "你好,我想问个事",
    "请问一下",
    "能帮我吗?",
    "I have a question",
    "I have a question.",
    "I need help",
    "Hi, can you help me?",
    "I'd like to ask a question",
    "I need some advice",
    # Unfinished: what it is about not yet said (a trial's were asked their category).
    "我想咨询一下关于",
    "我想问一下关于…",
    "关于",
    "I have a question about",
    "I want to ask about",
    "Can you help me with...",
    # Unfinished before what they own or name (a trial's opened a ticket of these words alone).
    "关于我的",
    "我想问一下我的",
    "我想咨询一下关于我们家的",
    "Question about my",
    "I have a question about the",
    "I'd like to ask about the...",
    "I want to ask about my",
]
MATTERS = [
    "社保卡丢了怎么补办",
    "我想问社保卡怎么补办",
    "我想了解一下公积金",
    "I have a question about my pension",
    "I need help with my tax return",
    "关于社保卡补办",
    "I want to ask about my pension",
    "我想",
    "我的",
    "my",
    "the",
    "好的",
    "我要投诉",
    "",
]


@pytest.mark.parametrize("text", OPENERS)
def test_an_opener_carries_no_matter_and_is_vague(text: str) -> None:
    assert is_opener(text) or is_opening(text)
    assert carries_no_matter(text) and is_vague(text)


@pytest.mark.parametrize("text", MATTERS)
def test_words_of_a_matter_or_a_service_are_no_opener(text: str) -> None:
    assert not is_opener(text)


@pytest.mark.parametrize("step", [None, DialogStep.NEW_QUESTION])
def test_an_opener_is_asked_what_it_is_about_before_any_search(step: DialogStep | None) -> None:
    decided = before_match(step=step, ticket_in_progress=False, asks_for_person=False, opener=True)
    assert decided is Action.CLARIFY


@pytest.mark.parametrize("step", [None, DialogStep.CLARIFY])
def test_an_opener_while_a_question_waits_is_searched(step: DialogStep | None) -> None:
    decided = before_match(
        step=step,
        ticket_in_progress=False,
        asks_for_person=False,
        opener=True,
        question_waiting=True,
    )
    assert decided is None  # more of the question waiting: the search decides


def test_a_second_opener_after_asking_is_asked_again_never_searched() -> None:
    """Issue 14: "我想咨询一下", then "你好,我有个问题": nothing of the matter yet, so the
    second is no question either (a tester's went to the category buttons, and the real
    question after it was taken as its details)."""
    clarified = before_match(
        step=DialogStep.CLARIFY, ticket_in_progress=False, asks_for_person=False, opener=True
    )
    assert clarified is Action.CLARIFY


def test_a_person_asked_for_after_an_opener_alone_is_asked_the_matter() -> None:
    decided = before_match(
        step=DialogStep.CLARIFY,
        ticket_in_progress=False,
        asks_for_person=True,
        no_matter=True,
        question_waiting=False,
    )
    assert decided is Action.ASK_MATTER


def test_the_text_after_an_opener_is_searched_alone() -> None:
    words = searched_words(
        step=DialogStep.CLARIFY, earlier="我想咨询一下", text="社保卡丢了怎么补办"
    )
    assert words == "社保卡丢了怎么补办"
    # After a vague text that says something of the matter, the two are searched together.
    joined = searched_words(step=DialogStep.CLARIFY, earlier="社保卡", text="丢了怎么办呢我很着急")
    assert joined == "社保卡\n丢了怎么办呢我很着急"


def test_the_text_after_an_unfinished_opener_is_searched_alone() -> None:
    for earlier, text in [("我想咨询一下关于", "社保卡补办"), ("I have a question on", "my card")]:
        assert searched_words(step=DialogStep.CLARIFY, earlier=earlier, text=text) == text


@pytest.mark.parametrize(
    "text",
    ["thanks for nothing", "Thanks a lot for nothing!", "谢谢你们什么都没做", "谢谢你们啥也没干"],
)
def test_thanks_in_sarcasm_are_anger(text: str) -> None:
    """A trial's "thanks for nothing" was asked its category: it vents anger, as a clerk
    hears it (an apology and "what happened?")."""
    assert outburst(text) and anger_only(text)
