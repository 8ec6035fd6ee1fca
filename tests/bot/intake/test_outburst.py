"""Anger at the service that names no matter (`bot.intake.openers.outburst`): pure. A clerk
acknowledges it and asks what the matter is (ASK_MATTER, `names_no_matter`)."""

from __future__ import annotations

import pytest

from bot.intake.anger import Kind, heated, kinds, only_anger
from bot.intake.decision import Action, before_match
from bot.intake.openers import anger_asked, anger_only, ignored, names_no_matter, outburst
from bot.models import DialogStep


@pytest.mark.parametrize(
    "text",
    [
        "你们这是什么破服务!",
        "什么破机器人",
        "服务太差了!!",
        "气死我了,你们到底管不管!",
        "什么破服务,我要投诉!",
        "你們這是什麼破服務!",  # traditional characters
        "What a useless service!",
        "This is ridiculous, you are useless!",
        "I'm fed up.",
        "Useless bot",
        "You people are the worst",
        "你们这些人到底干什么吃的!!!打了十几次电话都没人管!",  # issue 14, a tester
        "This is ridiculous!!! I have called ten times and nobody cares!",
        "I'm so angry!",
        "I am furious. What the hell are you people doing?",
        "Are you even doing your jobs?",
        "What kind of service is this!",
    ],
)
def test_anger_alone_names_no_matter(text: str) -> None:
    assert outburst(text) and names_no_matter(text)


@pytest.mark.parametrize(
    "text",
    [
        "什么破路灯又坏了",  # the street light: a matter
        "垃圾!",  # perhaps the rubbish itself
        "小区门口的垃圾三天没人收,太差了",
        "No water again, this is ridiculous",
        "the street light is useless",
        "I'm angry that the street light is still broken",  # the matter beside the anger
        "What kind of service is this passport office offering?",
        "what the hell is a hukou",
        "我要投诉",  # a kind of service, no anger: asked the matter as before
        "你好",
        "",
    ],
)
def test_anger_beside_a_matter_or_none_is_no_outburst(text: str) -> None:
    assert not outburst(text)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("打了十几次电话都没人管", True),
        ("我都来了三趟了还是没人处理", True),
        ("I have called ten times and nobody cares", True),
        ("I've written 3 times but nobody answers", True),
        ("小区门口的垃圾一个星期没人清运了", False),  # the matter's own "nobody"
        ("我打了电话", False),
        ("the phone rang ten times", False),
    ],
)
def test_ignored_however_often_they_tried(text: str, said: bool) -> None:
    assert ignored(text) is said


def test_a_service_named_after_anger_is_asked_about_once_more() -> None:
    """ "This is ridiculous!!!", asked what happened, then "I want to complain": still no
    matter, asked again (a tester's opened a complaint ticket with none); anger and a
    service already said, or a person asked for, it is handed over."""
    assert anger_only("This is ridiculous!!!")
    assert not anger_only("This is ridiculous!!!\nI want to complain")
    assert not anger_only("我要投诉")
    asked = {"step": DialogStep.MATTER, "ticket_in_progress": False, "asks_for_person": False}
    assert before_match(**asked, no_matter=True, vented=True) is Action.ASK_MATTER
    assert before_match(**asked, no_matter=True, vented=False) is None
    person = {**asked, "asks_for_person": True}
    assert before_match(**person, no_matter=True, vented=True) is Action.HANDOVER


# Issue 14: anger read by its kinds (`bot.intake.anger`).
@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "你们这帮人到底管不管事?!!打了8次12345都没人理!!!",
            {Kind.CONTEMPT, Kind.MARKS, Kind.TRIES, Kind.UNANSWERED},
        ),
        ("This is ridiculous!!! I called 6 times", {Kind.CONTEMPT, Kind.MARKS, Kind.TRIES}),
        (
            "Unbelievable. Third time I am writing and still no answer!!",
            {Kind.CONTEMPT, Kind.MARKS, Kind.TRIES, Kind.UNANSWERED},
        ),
        ("我都来了三趟了", {Kind.TRIES}),
        ("发了好几次留言都石沉大海", {Kind.TRIES, Kind.UNANSWERED}),
        ("Nobody has answered?!", {Kind.UNANSWERED, Kind.MARKS}),
        ("我打了2次电话想问一下公积金怎么提取", {Kind.TRIES}),  # calm: tries alone
        ("How do I renew my passport? Thanks!", set()),  # one mark
        ("What is this??", set()),  # puzzled, no "!"
        ("小区门口的垃圾一个星期没人清运了", set()),
        ("The rubbish at our estate gate has not been collected for a week", set()),
    ],
)
def test_anger_is_read_by_its_kinds(text: str, found: set[Kind]) -> None:
    assert kinds(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "你们这帮人到底管不管事?!!打了8次12345都没人理!!!",
        "This is ridiculous!!! I called 6 times",
        "Unbelievable. Third time I am writing and still no answer!!",
        "I called 6 times!!",  # tries and marks
        "我都打了五次电话了,还是没人回复!",
        "你們這幫人到底管不管事?!!",  # traditional characters
    ],
)
def test_anger_of_two_kinds_names_no_matter(text: str) -> None:
    assert heated(text) and outburst(text) and names_no_matter(text) and anger_only(text)


@pytest.mark.parametrize(
    "text",
    [
        "我打了2次电话想问一下公积金怎么提取",
        "How do I renew my passport? Thanks!",
        "I called 6 times",  # tries alone: calm
        "我想问一下,打了3次电话没打通怎么办",
        "The street light is broken again!!",  # marks alone
        "我打了8次12345都没人理,路灯还是不亮!!",  # angry, and a matter told
        "Unbelievable!! The street light outside 23 Xingfu Road is still broken",
    ],
)
def test_calm_words_or_a_matter_told_are_no_outburst(text: str) -> None:
    assert not outburst(text) and not names_no_matter(text)


@pytest.mark.parametrize(
    ("clause", "only"),
    [
        ("打了8次12345都没人理", True),
        ("你们这帮人到底管不管事", True),
        ("third time i am writing and still no answer", True),
        ("i called 6 times", True),
        ("我打了2次电话想问一下公积金怎么提取", False),
        ("i called 6 times about my passport", False),
        ("how do i renew my passport", False),
    ],
)
def test_a_clause_of_anger_alone(clause: str, only: bool) -> None:
    assert only_anger(clause) is only


_ASKED_ONCE = [{"text": "我要投诉!!!"}, {"did": "matter"}]
_ASKED_TWICE = [*_ASKED_ONCE, {"text": "你们这些人到底干什么吃的!!!"}, {"did": "matter"}]


@pytest.mark.parametrize(
    ("earlier", "text"),
    [
        ("我要投诉!!!", "你们这些人到底干什么吃的!!!"),  # anger after a service named
        ("I want to complain!", "This is ridiculous!!!"),
        ("你们这些人到底干什么吃的!!!", "我要投诉"),  # a service named after anger
        ("This is ridiculous!!!", "I want to complain"),
    ],
)
def test_anger_before_or_now_is_asked_about_once_more(earlier: str | None, text: str) -> None:
    assert anger_asked(earlier, text, _ASKED_ONCE)
    assert not anger_asked(earlier, text, _ASKED_TWICE)  # never a third time


@pytest.mark.parametrize(
    ("earlier", "text"),
    [
        ("我要投诉!!!", "我要投诉"),  # no anger at all
        ("I want to complain!", "The rubbish at our gate has not been collected"),
        ("我要报修", "小区门口的路灯坏了"),
    ],
)
def test_no_anger_is_not_asked_about_again(earlier: str, text: str) -> None:
    assert not anger_asked(earlier, text, _ASKED_ONCE)


@pytest.mark.parametrize(
    ("earlier", "text"),
    [
        (None, "你们这些人到底干什么吃的!!!"),  # after "人工": no words kept
        (None, "This is ridiculous!!!"),  # after "human"
    ],
)
def test_anger_after_asking_for_a_person_goes_to_the_person(
    earlier: str | None, text: str
) -> None:
    """They asked for a person: anger after it is not asked about again, the person takes it."""
    assert not anger_asked(earlier, text, _ASKED_ONCE)
