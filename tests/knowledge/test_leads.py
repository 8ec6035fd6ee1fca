"""Words before a question that only greet or say a question follows (knowledge/text.py
`without_lead`), and the matcher asked with them: "你好，请问一下，路灯坏了" is answered as
"路灯坏了" is, "Hi, could you tell me when do you open" as "when do you open"."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.matcher import Matcher
from knowledge.text import without_lead


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("你好，请问一下，公积金怎么提取?", "公积金怎么提取?"),
        ("我想咨询一下社保卡怎么补办", "社保卡怎么补办"),
        ("麻烦问下几点上班", "几点上班"),
        ("您好!我想问问医保怎么报销", "医保怎么报销"),
        ("喂，你好，请问公积金余额怎么查", "公积金余额怎么查"),
        ("有个问题想问下，医保怎么报销", "医保怎么报销"),
        ("打扰一下，身份证过期了怎么换", "身份证过期了怎么换"),
        ("早上好!在吗?我问下社保怎么交", "社保怎么交"),
        ("你好师傅，路灯坏了", "路灯坏了"),
        ("請問怎麼辦理居住證?", "怎麼辦理居住證?"),  # traditional: the rest as written
        ("请问下午几点开门", "下午几点开门"),  # 下午 is the question's
        ("Hi, could you tell me how to renew my ID card?", "how to renew my ID card?"),
        ("Hello, I'd like to ask how to pay my tax", "how to pay my tax"),
        ("Excuse me, I was wondering where the office is", "where the office is"),
        ("Hi there! Quick question - when do you open?", "when do you open?"),
        ("Good morning, can I ask about parking fees", "parking fees"),
        ("HELLO, I WANT TO KNOW MY BALANCE", "MY BALANCE"),
        ("Hello guys, I’m wondering how to pay tax", "how to pay tax"),
    ],
)
def test_the_lead_words_are_left_out(text: str, question: str) -> None:
    assert without_lead(text) == question


@pytest.mark.parametrize(
    "text",
    [
        "你好",  # nothing but the lead: kept
        "请问一下?",
        "Hello!",
        "你好像没回复我",  # 你好像: "you seem"
        "问下水道堵了找谁",  # 下水道
        "麻烦你了,谢谢",  # thanks
        "麻烦死了",
        "下午好办吗",  # "is it easy in the afternoon?"
        "highway 5 is closed",  # hi, but no word "hi"
        "公积金怎么提取",
        "How do I apply for a residence permit?",
    ],
)
def test_no_lead_or_nothing_after_it_keeps_the_text(text: str) -> None:
    assert without_lead(text) == text


_LEADS = st.sampled_from(
    [
        "你好，",
        "您好!",
        "请问",
        "请问一下,",
        "我想咨询一下",
        "麻烦问下",
        "Hi, ",
        "Hello ",
        "could you tell me ",
        "I'd like to ask ",
        "excuse me, ",
        "",
    ]
)


@given(st.lists(_LEADS, max_size=4), st.text(max_size=30))
def test_never_empty_and_its_own_fixed_point(leads: list[str], rest: str) -> None:
    text = "".join(leads) + rest
    stripped = without_lead(text)
    if text.strip():
        assert stripped.strip()
    assert without_lead(stripped) == stripped
    assert text.endswith(stripped)


@pytest.mark.parametrize(
    ("lead", "question", "language"),
    [
        ("你好，请问一下，", "路灯坏了", "zh"),
        ("我想咨询一下", "几点上班", "zh"),
        ("麻烦问下", "身份证过期了怎么换", "zh"),
        ("您好!我想问问", "社保卡丢了怎么补办", "zh"),
        ("Hi, could you tell me ", "when do you open", "en"),
        ("Hello, I'd like to ask ", "where is your office", "en"),
        ("Excuse me, I was wondering ", "how do I check my housing fund balance", "en"),
    ],
)
def test_a_led_question_is_answered_as_the_plain_one(
    shared_matcher: Matcher, lead: str, question: str, language: str
) -> None:
    """The same templates, at the same confidence, so the same band: led, "路灯坏了" was
    handed over (confidence 79 -> 46) and "when do you open" only suggested."""
    plain = shared_matcher.search(question, language)
    led = shared_matcher.search(lead + question, language)
    assert plain and led == plain
    assert shared_matcher.band(led) is shared_matcher.band(plain)
