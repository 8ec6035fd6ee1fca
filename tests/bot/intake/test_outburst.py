"""Anger at the service that names no matter (`bot.intake.openers.outburst`): pure. A clerk
acknowledges it and asks what the matter is (ASK_MATTER, `names_no_matter`)."""

from __future__ import annotations

import pytest

from bot.intake.decision import Action, before_match
from bot.intake.openers import anger_only, ignored, names_no_matter, outburst
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
    matter, asked again (a tester's opened a complaint ticket with none); after a service
    asked for first, or anger and a service already, it is handed over as before."""
    assert anger_only("This is ridiculous!!!")
    assert not anger_only("This is ridiculous!!!\nI want to complain")
    assert not anger_only("我要投诉")
    asked = {"step": DialogStep.MATTER, "ticket_in_progress": False, "asks_for_person": False}
    assert before_match(**asked, no_matter=True, vented=True) is Action.ASK_MATTER
    assert before_match(**asked, no_matter=True, vented=False) is None
    person = {**asked, "asks_for_person": True}
    assert before_match(**person, no_matter=True, vented=True) is Action.HANDOVER
