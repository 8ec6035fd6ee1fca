"""Carbon monoxide breathed, as a new-user trial told it ("我家煤气中毒了,头很晕", "I think we
have carbon monoxide poisoning"; bot/hazard_words.py kind "co"): people poisoned, the
ambulance before the fire brigade, not a gas leak's gas company first."""

from __future__ import annotations

import pytest

from bot import hazard
from bot.config import Settings
from bot.intake import emergency

CO = [
    "我家煤气中毒了,头很晕",
    "一氧化碳中毒",
    "我爸好像中了煤气,叫不太醒",
    "I think we have carbon monoxide poisoning, my head is spinning",
    "my flatmate got gas poisoning from the boiler",
]


@pytest.mark.parametrize("text", CO)
def test_carbon_monoxide_is_people_poisoned_the_ambulance_first(
    settings: Settings, text: str
) -> None:
    kinds = emergency.kinds_told(text)
    assert kinds[0] == "co" and "gas" not in kinds, hazard.dangers(text)
    told = [n["number"] for n in emergency.numbers(settings, "zh", kinds)]
    assert told[:2] == ["120", "119"], told
