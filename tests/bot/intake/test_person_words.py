"""The words that ask for a person, in one place (bot/intake/openers.py): said alone they only
ask for a person (`wants_person`: a clerk asks what the matter is); said with a matter, asking
to see or speak to a person about it, they hand it to one (`asks_in_person`)."""

from __future__ import annotations

import pytest

from bot.intake.openers import asks_in_person, names_no_matter, wants_person


@pytest.mark.parametrize(
    "text",
    [
        "人工",
        "转人工客服",
        "我要人工",
        "Human",
        "talk to a person",
        "I want to talk to a person",
        "I'd like to speak to someone please",
        "can I speak with somebody?",
        "let me talk to a member of staff",
        "a real person please",
    ],
)
def test_words_that_only_ask_for_a_person(text: str) -> None:
    assert wants_person(text) and names_no_matter(text)


@pytest.mark.parametrize(
    "text",
    [
        "公积金的事情我想当面找人谈谈",
        "我想当面咨询社保的事",
        "能不能面谈一下户口的问题",
        "I'd like to talk to someone in person about my housing fund",
        "Can we meet face to face about my permit?",
        "I want to speak to an officer about my pension",
        "please let me speak with a member of staff about the parking fine",
        "I need to talk to a human about my water bill",
    ],
)
def test_asking_to_see_or_speak_to_a_person_about_a_matter(text: str) -> None:
    assert asks_in_person(text) and not wants_person(text)


@pytest.mark.parametrize(
    "text",
    [
        "公积金怎么提取",
        "人工",  # a person asked for, with no matter: asked what it is (`wants_person`)
        "I went to talk to the officer at window 3 and she shouted at me",
        "the staffing agency never pays on time",
        "which personal documents do I need?",
    ],
)
def test_words_that_ask_nobody_to_talk_about_the_matter(text: str) -> None:
    assert not asks_in_person(text)
