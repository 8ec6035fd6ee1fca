"""A ticket's topic name: one line, its number first, the matter shown (no forward marker, no
bare request phrase), within Telegram's 128 characters. A pure function."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.intake.naming import MAX_NAME, topic_name
from bot.texts import Texts

TEXTS = Texts(ZoneInfo("Asia/Shanghai"), "zh", ["zh", "en"])


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("我要报修\n楼道的灯坏了三天了", "#7 楼道的灯坏了三天了"),
        ("人工\n我要报修\n楼道的灯坏了", "#7 楼道的灯坏了"),
        ("你好,我要报修:楼道的灯坏了", "#7 楼道的灯坏了"),
        ("I want to complain\nthe  bins\twere not emptied", "#7 the bins were not emptied"),
        ("Hello\nI want to complain, the bins were not emptied", "#7 the bins were not emptied"),
        # Nothing but a request: the words themselves, on one line.
        ("我要报修\n人工", "#7 我要报修 人工"),
        # "投诉物业" is the matter: a phrase is only left out where a mark ends it.
        ("我要投诉物业不作为", "#7 我要投诉物业不作为"),
        ("   ", "#7"),
    ],
)
def test_a_topic_is_named_by_the_matter(question: str, name: str) -> None:
    assert topic_name(7, question) == name


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("kind", ["user", "hidden_user", "chat", "channel"])
@pytest.mark.parametrize("origin", ["李四", "Zhang (Bob) San", '"quoted" name'])
def test_the_forward_marker_is_not_the_name(language: str, kind: str, origin: str) -> None:
    """Whatever the template words a forward as (bot/templates/*/forwarded_words.j2)."""
    words = TEXTS.render(
        "forwarded_words", language, origin_kind=kind, origin_name=origin, text="停水三天了"
    )
    assert topic_name(3, words) == "#3 停水三天了"
    assert topic_name(3, f"我要投诉\n{words}") == "#3 停水三天了"


def test_a_long_matter_is_shortened_with_an_ellipsis() -> None:
    name = topic_name(12, "我要报修\n" + "路灯坏了" * 50)
    assert name.startswith("#12 路灯坏了") and name.endswith("…") and len(name) <= 45


@given(ticket_id=st.integers(min_value=1, max_value=10**12), question=st.text(max_size=500))
def test_a_name_is_one_line_within_telegrams_limit(ticket_id: int, question: str) -> None:
    name = topic_name(ticket_id, question)
    assert name.startswith(f"#{ticket_id}")
    assert 1 <= len(name) <= MAX_NAME
    assert len(name.splitlines()) == 1 and name == name.strip()


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("你好我家停电了", "#5 我家停电了"),
        ("你好啊,我家停电了", "#5 我家停电了"),
        ("您好师傅,路灯坏了", "#5 路灯坏了"),
        ("早上好,我家停电了", "#5 我家停电了"),
        ("您好!请问社保卡丢了怎么补办", "#5 社保卡丢了怎么补办"),
        ("hello the power is out in my flat", "#5 the power is out in my flat"),
        ("hi there, the power is out", "#5 the power is out"),
        ("Good morning, the power is out", "#5 the power is out"),
        ("hey guys the light is broken", "#5 the light is broken"),
        # A greeting alone is still the name (nothing else said); words that only start
        # like one are the matter.
        ("你好", "#5 你好"),
        ("hello", "#5 hello"),
        ("high water in the basement", "#5 high water in the basement"),
        ("Hiking trail closed", "#5 Hiking trail closed"),
    ],
)
def test_a_greeting_without_a_break_is_not_the_name(question: str, name: str) -> None:
    assert topic_name(5, question) == name


@given(greeting=st.sampled_from(["你好", "您好", "hello", "Hi", "Hello!", "你好,", "在吗"]))
def test_a_greeting_never_leads_a_named_matter(greeting: str) -> None:
    name = topic_name(7, f"{greeting}路灯坏了")
    assert name == "#7 路灯坏了"
