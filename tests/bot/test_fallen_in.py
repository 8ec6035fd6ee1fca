"""Someone fallen into a well, a manhole or a pit (bot/peril_words.py `FALLEN_IN`), as a
new-user trial told it ("孩子掉进井里了", "a child fell into a manhole"): the rescue's and
the ambulance's, not the water's alone; a phone dropped down a drain is nobody's."""

from __future__ import annotations

import pytest

from bot import hazard
from bot.config import Settings
from bot.intake import emergency

FALLEN_IN = [
    "孩子掉进井里了",
    "有人掉进下水道了,快来人",
    "我妈不小心掉进化粪池了",
    "a child fell into a manhole",
    "My neighbour's son has fallen down a well",
    "a worker fell into a pit on the building site",
]
NOT_FALLEN_IN = [
    "我的手机掉进下水道了,能捞上来吗",
    "钥匙掉到井里了",
    "my keys fell into a drain",
    "I fell into a hole of debt",
    "I went down the rabbit hole on this topic",
]


@pytest.mark.parametrize("text", FALLEN_IN)
def test_someone_fallen_in_hears_the_rescue_then_the_ambulance(
    settings: Settings, text: str
) -> None:
    kinds = emergency.kinds_told(text)
    assert kinds and kinds[0] == "fallen_in", hazard.dangers(text)
    told = [n["number"] for n in emergency.numbers(settings, "en", kinds)]
    assert told[:2] == ["119", "120"], told


@pytest.mark.parametrize("text", NOT_FALLEN_IN)
def test_a_thing_dropped_in_or_a_hole_of_speech_is_no_danger(text: str) -> None:
    assert hazard.dangers(text) == []
