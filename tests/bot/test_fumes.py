"""Carbon monoxide breathed, as a new-user trial told it ("我家煤气中毒了,头很晕", "I think we
have carbon monoxide poisoning"; bot/hazard_words.py kind "co"): people poisoned, the
ambulance before the fire brigade, not a gas leak's gas company first. And the dangers to
leave before writing to us (`bot.dangers.leave_first`)."""

from __future__ import annotations

import pytest

from bot import hazard
from bot.config import Settings
from bot.dangers import leave_first
from bot.intake import emergency

CO = [
    "我家煤气中毒了,头很晕",
    "一氧化碳中毒",
    "我爸好像中了煤气,叫不太醒",
    "I think we have carbon monoxide poisoning, my head is spinning",
    "my flatmate got gas poisoning from the boiler",
    "家里有人CO中毒",
    "我妈被煤气熏晕了",
    "co报警器一直在响",
    "the CO alarm is beeping and we all have headaches",
    "our carbon monoxide alarm keeps going off",
]
# A detector or an alarm to buy or fit is no danger.
NOT_CO = [
    "一氧化碳报警器怎么安装",
    "我想买个一氧化碳检测仪",
    "I need to buy a carbon monoxide alarm",
    "where can I get a CO detector",
    "去年冬天邻居煤气中毒了",
]


@pytest.mark.parametrize("text", CO)
def test_carbon_monoxide_is_people_poisoned_the_ambulance_first(
    settings: Settings, text: str
) -> None:
    kinds = emergency.kinds_told(text)
    assert kinds[0] == "co" and "gas" not in kinds, hazard.dangers(text)
    told = [n["number"] for n in emergency.numbers(settings, "zh", kinds)]
    assert told[:2] == ["120", "119"], told


@pytest.mark.parametrize("text", NOT_CO)
def test_a_detector_to_fit_or_poisoning_long_past_is_no_danger(text: str) -> None:
    assert hazard.dangers(text) == []


def test_only_fumes_and_fire_are_left_before_writing() -> None:
    """Gas, carbon monoxide, a fire, smoke: left before a phone is used, so what asks them to
    write here asks it once outside (`bot.dangers.leave_first`); not someone fallen in."""
    assert leave_first(["gas"]) and leave_first(["plea", "co"]) and leave_first(["smoke"])
    assert not leave_first(["fallen_in"]) and not leave_first([])
