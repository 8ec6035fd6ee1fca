"""An officer's public words that ask the requester something (issue 14): shown to them as
the officer's question, never as "latest progress"."""

from __future__ import annotations

import pytest

from bot.asking import asks_requester


@pytest.mark.parametrize(
    "text",
    [
        "请问您家几口人?",
        "户籍在本市吗",
        "请提供具体门牌号",
        "麻烦您拍张照片发过来",
        "How many people live in your household?",
        "Please send a photo of the meter",
        "Could you tell us the building number",
    ],
)
def test_a_question_or_a_request_for_a_detail_asks(text: str) -> None:
    assert asks_requester(text)


@pytest.mark.parametrize(
    "text",
    [
        "已安排师傅明天上午上门检修",
        "材料已收到,正在审核",
        "The repair crew will come tomorrow morning",
        "Your application has been received and is under review",
    ],
)
def test_progress_asks_nothing(text: str) -> None:
    assert not asks_requester(text)
