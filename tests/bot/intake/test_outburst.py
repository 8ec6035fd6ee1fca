"""Anger at the service that names no matter (`bot.intake.openers.outburst`): pure. A clerk
acknowledges it and asks what the matter is (ASK_MATTER, `names_no_matter`)."""

from __future__ import annotations

import pytest

from bot.intake.openers import names_no_matter, outburst


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
