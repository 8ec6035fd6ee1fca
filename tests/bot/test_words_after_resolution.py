"""Which words after a resolution clearly say "not solved" (bot/closure.py): no database."""

from __future__ import annotations

import pytest

from bot.closure import says_not_solved


@pytest.mark.parametrize(
    "text",
    [
        "No, it is still not solved, the water is still brown",
        "not fixed yet",
        "It still doesn't work",
        "This didn't help at all",
        "The light is still broken",
        "still not working!!",
        "问题还是没解决",
        "路灯还是不亮",
        "没修好,水还是黄的",
        "根本没有解决",
        "仍然没有恢复供水",
        "不行,还是一样",
        "钱还没到账",
    ],
)
def test_clear_not_solved_words(text: str) -> None:
    assert says_not_solved(text)


@pytest.mark.parametrize(
    "text",
    [
        "Thanks, that fixed it",
        "Still, thank you for your help",
        "ok",
        "what does the summary mean?",
        "谢谢,已经好了",
        "还是谢谢你们",
        "好的,收到",
        "已经解决了,谢谢",
        "没有问题了",
        "",
    ],
)
def test_anything_less_clear_is_not_read_as_not_solved(text: str) -> None:
    assert not says_not_solved(text)
