"""Words right after an answer that name another thing than the answered matter's
(`own_kind.names_another_thing`, issue 14), on the sample knowledge base: the bins after the
social security card's answer are a new matter in either language, and start anew
(`own_kind.anew_after`) though no template comes close to them; words that answer the
answer ("还是不行", "怎么弄"), or name the answered thing, or give details it asked for, do
not."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from bot.config import Settings
from bot.desk import Desk, build_desk
from bot.intake import inquiry
from bot.intake.own_kind import anew_after, names_another_thing

AT = datetime(2026, 12, 3, 1, tzinfo=UTC)
CARD = {
    "zh": "我的社保卡丢了,怎么补办?",
    "en": "I lost my social security card, how do I get a new one?",
}
BINS = "The bins downstairs haven't been emptied for days"
LIGHT = {"zh": "小区门口路灯不亮", "en": "The street lamp outside does not work"}


@pytest.fixture
async def desk(settings: Settings, database_url: str) -> AsyncIterator[Desk]:
    desk = await build_desk(settings, database_url)
    yield desk
    await desk.close()


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("asked", "answered", "text", "expected"),
    [
        (CARD["zh"], "social-card-lost", "我家楼下的垃圾桶好几天没人清理了,臭得不行", True),
        (CARD["en"], "social-card-lost", BINS, True),
        (CARD["zh"], "social-card-lost", "小区电梯坏了三天了", True),
        (CARD["zh"], "social-card-lost", "还是不行", False),  # answers the answer
        (CARD["zh"], "social-card-lost", "怎么弄", False),
        (CARD["zh"], "social-card-lost", "补办要多久", False),  # names no thing
        (CARD["en"], "social-card-lost", "That didn't help, the bins are still full", False),
        (LIGHT["zh"], "streetlight-fault", "路灯还是不亮", False),  # the answered thing
        (LIGHT["zh"], "streetlight-fault", "灯杆编号是A123", False),  # a detail it asks for
        (LIGHT["en"], "streetlight-fault", "The lamp post is outside number 12", False),
        (LIGHT["zh"], "streetlight-fault", "另外楼下的下水道堵了", True),
    ],
)
async def test_another_thing_after_an_answer(
    desk: Desk, asked: str, answered: str, text: str, expected: bool
) -> None:
    turns = [inquiry.said(asked, AT), inquiry.bot_did("answer", AT, templates=[answered])]
    assert names_another_thing(desk, text, answered, turns) is expected
    if expected:  # a new matter however close the knowledge base finds the words
        for closest in (None, answered):
            assert anew_after(desk, text, answered, closest, turns=turns)
