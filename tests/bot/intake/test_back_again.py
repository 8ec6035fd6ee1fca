"""The ticket's matter said back again after "solved, but" (bot/intake/lead.py `back_again`):
the same supply cut again, or the thing in hand again so, in both languages; another matter,
or the supply named without its cut, is not."""

from __future__ import annotations

import pytest

from bot.intake.lead import back_again

POWER_CUT = {"en": "There is no power in my flat", "zh": "我家停电了"}


@pytest.mark.parametrize(
    ("words", "language", "back"),
    [
        ("the power keeps going off again", "en", True),
        ("the power went off again", "en", True),
        ("又停电了", "zh", True),
        ("又坏了", "zh", True),
        ("the water is off again", "en", False),  # another supply: a matter of its own
        ("又有一件事,公积金怎么提取", "zh", False),
        ("the bill is wrong again", "en", False),
        ("the power is fine, thanks again", "en", False),
    ],
)
def test_the_same_matter_back_again(words: str, language: str, back: bool) -> None:
    assert back_again(words, POWER_CUT[language]) is back
