"""A question and a matter of another kind in one message, told apart (bot/intake/two_matters.py):
the question first, the matter a person takes; details and second questions are no matter of
their own. Pure functions, no database."""

from __future__ import annotations

import pytest

from bot.intake.second import message_parts, two_questions
from bot.intake.two_matters import question_first, question_then_matter, reported, tells_matter


@pytest.mark.parametrize(
    ("text", "question", "matter"),
    [
        (
            "How do I apply for a residence permit? Also the street light outside my house has"
            " been broken for a week.",
            "How do I apply for a residence permit?",
            "the street light outside my house has been broken for a week.",
        ),
        (
            "请问怎么办理居住证?另外我家楼下路灯坏了一个星期了。",
            "怎么办理居住证?",
            "我家楼下路灯坏了一个星期了。",
        ),
        (  # full-width question mark
            "请问怎么办理居住证？另外我家楼下路灯坏了一个星期了。",
            "怎么办理居住证？",
            "我家楼下路灯坏了一个星期了。",
        ),
        (
            "What are your opening hours? By the way, the clerk at window 3 was very rude to me.",
            "What are your opening hours?",
            "the clerk at window 3 was very rude to me.",
        ),
        (
            "怎么办理居住证?另外窗口的工作人员态度太差了",
            "怎么办理居住证?",
            "窗口的工作人员态度太差了",
        ),
        (  # traditional characters: the parts as written
            "請問怎麼辦理居住證?另外我家樓下路燈壞了一個星期了。",
            "怎麼辦理居住證?",
            "我家樓下路燈壞了一個星期了。",
        ),
        (  # a greeting and asking words before the question (knowledge.text.without_lead)
            "你好，请问一下，怎么办理居住证?另外我家楼下路灯坏了一个星期了。",
            "怎么办理居住证?",
            "我家楼下路灯坏了一个星期了。",
        ),
        (
            "Hi, could you tell me how to apply for a residence permit? Also the street light"
            " outside my house has been broken for a week.",
            "how to apply for a residence permit?",
            "the street light outside my house has been broken for a week.",
        ),
    ],
)
def test_a_question_then_a_matter_is_parted_question_first(
    text: str, question: str, matter: str
) -> None:
    assert question_then_matter(text) == (question, matter)
    assert message_parts(text) == (question, matter)


@pytest.mark.parametrize(
    "text",
    [
        "怎么办理居住证?另外我是外地户口",  # a detail of the question
        "How do I apply for a residence permit? Also, I live in Haidian.",
        "How do I apply for a residence permit? Also thanks",
        "你们几点上班?另外社保卡丢了怎么补?",  # two questions: second.two_questions
        "路灯坏了。还有,楼道灯也不亮",  # more of one report
        "我家楼下路灯坏了一个星期了",  # one matter
        "另外,我家楼下路灯坏了",  # an opener leading the text
    ],
)
def test_no_question_then_matter(text: str) -> None:
    assert question_then_matter(text) is None


@pytest.mark.parametrize(
    ("text", "question", "complaint"),
    [
        ("你们窗口态度太差了!另外想问下公积金怎么提取?", "公积金怎么提取?", "你们窗口态度太差了!"),
        ("你们窗口态度太差了!另外我问下公积金怎么提取?", "公积金怎么提取?", "你们窗口态度太差了!"),
        (
            "The clerk at window 3 was very rude to me! Also, how do I withdraw my housing fund"
            " to pay rent?",
            "how do I withdraw my housing fund to pay rent?",
            "The clerk at window 3 was very rude to me!",
        ),
    ],
)
def test_a_complaint_then_a_question_puts_the_question_first(
    text: str, question: str, complaint: str
) -> None:
    parts = two_questions(text)  # as a second question reads it: the complaint first
    assert parts is not None and parts[0] == complaint
    assert message_parts(text) == (question, complaint)


def test_a_fault_then_a_question_keeps_its_order() -> None:
    """The fault's template answers it and opens its ticket; the question is answered beside."""
    text = "我家门口的路灯坏了三天了,在和平路88号。还有,社保卡丢了怎么补办?"
    parts = ("我家门口的路灯坏了三天了,在和平路88号。", "社保卡丢了怎么补办?")
    assert question_first(parts) == parts
    assert message_parts(text) == parts


@pytest.mark.parametrize(
    ("words", "matter"),
    [
        ("我家楼下路灯坏了一个星期了。", True),
        ("the street light outside my house has been broken for a week", True),
        ("你们窗口态度太差了!", True),  # anger at someone: a complaint
        ("楼道里有烟,好像着火了", True),
        ("我是外地户口", False),
        ("谢谢", False),
        ("路灯坏了怎么办?", False),  # asks
        ("I live in Haidian", False),
    ],
)
def test_what_tells_a_matter(words: str, matter: bool) -> None:
    assert tells_matter(words) is matter


def test_a_part_not_answered_is_reported_or_asked() -> None:
    assert reported("我家楼下路灯坏了一个星期了。")
    assert reported("The clerk at window 3 was very rude to me!")
    assert not reported("我家的鹦鹉可以带进市民服务中心吗?")
    assert not reported("can I bring my parrot into the service centre?")
