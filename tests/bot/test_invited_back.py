"""Which first words after the auto-close notice continue the closed matter
(bot/intake/invited_back.py `continues`), given how `different_matter.differs` judged them."""

from __future__ import annotations

import pytest

from bot.intake.different_matter import Differs
from bot.intake.invited_back import continues, says_closed_wrongly

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


@pytest.mark.parametrize(
    "text",
    [
        "wait, that was not solved, you closed it without asking me",
        "Why was my ticket closed?",
        "It shouldn't have been closed",
        "please reopen it",
        "没解决怎么就关了",
        "我还没确认就给我关闭了",
        "你们凭什么结案了",
        "请重新打开",
    ],
)
def test_the_closing_said_wrong(text: str) -> None:
    assert says_closed_wrongly(text)


@pytest.mark.parametrize(
    "text",
    [
        "我家门关了",
        "门关不上",
        "the shop closed early",
        "the road is closed",
        "when will the library reopen?",
        "我想问关于关闭账户的事",
    ],
)
def test_other_closings_are_not(text: str) -> None:
    assert not says_closed_wrongly(text)
