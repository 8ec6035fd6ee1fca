"""`letting_go.lets_go`: the words that let go of what the bot waits for, and those that go on
to ask after all (a new-user trial)."""

from __future__ import annotations

import pytest

from bot.intake.letting_go import lets_go


@pytest.mark.parametrize(
    "text",
    [
        "算了",
        "没事了",
        "没事了,谢谢",
        "那就算了吧",
        "算了,不用了",
        "never mind",
        "Never mind.",
        "nevermind, it's fine",
        "never mind, cancel it",
        "ok never mind",
        "forget it",
        "no worries, thanks",
    ],
)
def test_letting_go(text: str) -> None:
    assert lets_go(text)


@pytest.mark.parametrize(
    "text",
    [
        "算了,还是帮我查一下吧",
        "算了,但是能不能再帮我问问",
        "never mind that, but can you please check it for me?",
        "never mind, could you check it anyway",
        "不对,其实我想问水费怎么交",
        "没关系,我再等等",
        "不要乱收费",
        "不需要证明吗",
        "nothing works in my flat",
        "谢谢",
        "",
    ],
)
def test_not_letting_go(text: str) -> None:
    assert not lets_go(text)
