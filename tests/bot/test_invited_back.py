"""Which first words after the auto-close notice continue the closed matter
(bot/intake/invited_back.py `continues`), given how `different_matter.differs` judged them."""

from __future__ import annotations

import pytest

from bot.intake.different_matter import Differs
from bot.intake.invited_back import continues

CARRY_ON = [
    "Actually the website said my account does not exist.",
    "其实网站上显示我的账户不存在",
    "但是我还是登录不了",
    "But it still says my application is pending",
]


@pytest.mark.parametrize("text", [*CARRY_ON, "网站上显示我的账户不存在", "It errors again"])
def test_words_of_the_matter_continue_it(text: str) -> None:
    assert continues(text, None)


@pytest.mark.parametrize("text", CARRY_ON)
def test_maybe_another_matter_continues_it_when_carrying_on(text: str) -> None:
    assert continues(text, Differs.ASK)


@pytest.mark.parametrize("text", ["楼上邻居天天晚上吵得睡不着", "Kids play football in the hall"])
def test_maybe_another_matter_said_plainly_is_read_as_any(text: str) -> None:
    assert not continues(text, Differs.ASK)


@pytest.mark.parametrize("text", CARRY_ON)
def test_plainly_another_matter_never_continues_it(text: str) -> None:
    assert not continues(text, Differs.APART)


@pytest.mark.parametrize(
    "text",
    [
        "谢谢",
        "thanks",
        "ok",
        "好的",
        "你好",
        "hello",
        "",
        "   ",
        "👍",
        "另外,公积金怎么提取?",
        "Also, another question: how do I renew my ID card?",
        "谢谢,还有一个问题,社保卡怎么补办?",
    ],
)
def test_courtesy_or_a_new_matter_said_is_no_continuation(text: str) -> None:
    assert not continues(text, None)
