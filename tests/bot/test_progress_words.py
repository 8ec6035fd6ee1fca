"""Which words ask how a ticket stands (bot/progress_words.py): pure."""

from __future__ import annotations

import pytest

from bot.progress_words import asks_progress


@pytest.mark.parametrize(
    "text",
    [
        "有进展吗?",
        "有什么消息吗",
        "进度怎么样了",
        "处理得怎么样了",
        "什么时候来修?",
        "还要等多久",
        "Any news?",
        "any update on my ticket?",
        "When will someone come?",
        "How long will it take?",
        "What's the status of my ticket?",
        # Nobody said to have answered yet (a tester's "怎么还没人理我" was only noted).
        "怎么还没人理我",
        "都两天了还没人联系我",
        "有人管吗?",
        "Nobody has replied to me",
        "Why hasn't anyone called me back?",
        "Is anyone handling this?",
    ],
)
def test_asking_how_it_stands(text: str) -> None:
    assert asks_progress(text)


@pytest.mark.parametrize(
    "text",
    [
        "谢谢",
        "我家地址是幸福路3号",
        "还没修好",
        "我什么时候都在家",
        "the lights went off when it rained",
        "my phone is 13800138000",
        "thanks",
        "没人在家,请白天来",
        "nobody was hurt",
        "someone is there at the door",
    ],
)
def test_other_words_do_not(text: str) -> None:
    assert not asks_progress(text)
