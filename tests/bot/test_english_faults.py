"""English fault reports as people type them (bot/faults.py): a street light out or off, the
power or the water gone in a contraction ("power's off"), a lift that broke down or stopped
working, a power cut that keeps coming back; lights turned off on purpose, and faults asked
about, are none."""

from __future__ import annotations

import pytest

from bot.faults import reports_fault, supplies_cut_now


@pytest.mark.parametrize(
    "text",
    [
        "the streetlight outside my building is out",
        "the streetlights have been off for a week",
        "the stairwell light is off again",
        "the street light keeps flickering",
        "the lights went out in the whole building",
        "the lift is broken",
        "lift's broken",
        "The lift has stopped working",
        "elevator broke down again",
        "lift keeps breaking down",
    ],
)
def test_a_light_or_a_lift_out_of_order_is_a_fault(text: str) -> None:
    assert reports_fault(text)


@pytest.mark.parametrize(
    ("text", "supply"),
    [
        ("no power since this morning", "power"),
        ("Power's been out since this morning", "power"),
        ("power's off", "power"),
        ("the power keeps going off", "power"),
        ("power keeps cutting out", "power"),
        ("electricity keeps tripping", "power"),
        ("water's been off all day", "water"),
        ("heating's off", "heating"),
    ],
)
def test_a_supply_gone_in_everyday_english_is_a_cut_now(text: str, supply: str) -> None:
    assert reports_fault(text)
    assert supplies_cut_now(text) == {supply}


@pytest.mark.parametrize(
    "text",
    [
        "turn the lights off please",
        "the tap is off",
        "my phone keeps switching off",
        "who do I call when the lift breaks down",
        "the lift hasn't broken down",
        "the power is going off tomorrow from 9 to 5",
    ],
)
def test_lights_turned_off_and_faults_asked_about_are_none(text: str) -> None:
    assert not reports_fault(text)
