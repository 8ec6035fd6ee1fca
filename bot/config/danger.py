"""The sections of config.yaml about dangers: `keywords` that raise a ticket's priority (an
emergency among them) and what an `emergency` comes to (its category, the numbers told)."""

from __future__ import annotations

from pydantic import Field

from bot.config.sections import ConfigModel


class KeywordRule(ConfigModel):
    """Words that raise a new ticket's priority (SPEC rule 9). `emergency`: the words tell a
    danger to people (someone trapped in a lift, a gas smell, sparks, fire, smoke): the
    requester's own words of one open an urgent ticket at once, in `emergency.category`,
    without asking its category, and they are told the emergency numbers first."""

    words: list[str] = Field(min_length=1)
    priority: str
    emergency: bool = False


class EmergencyNumber(ConfigModel):
    """A number to call in an emergency, named in every language: {zh: 火警, en: Fire};
    `kinds`: the kinds of danger it is for (`bot.hazard` keys: fire, water, violence, ...),
    told when one of them is heard."""

    names: dict[str, str]
    number: str = Field(min_length=1)
    kinds: list[str] = Field(default_factory=list)


# The default numbers: zh and en names, the number, the kinds of danger it is for.
_NUMBERS = (
    ("火警", "Fire", "119", "fire smoke gas collapse water falling co fallen_in"),
    ("报警", "Police", "110", "violence suicide missing police plea hole welfare cold"),
    (
        "急救",
        "Ambulance",
        "120",
        "person electric co violence suicide ambulance dependent welfare cold fallen_in"
        " swallowed fallen snake bitten bleeding",
    ),
    ("电梯困人救援", "Lift rescue", "96333", "trapped"),
    ("燃气抢修", "Gas emergency", "96777", "gas"),
    ("供电抢修", "Power emergency", "95598", "sparks electric flood_electric"),
)


def _emergency_numbers() -> list[EmergencyNumber]:
    return [
        EmergencyNumber(names={"zh": zh, "en": en}, number=number, kinds=kinds.split())
        for zh, en, number, kinds in _NUMBERS
    ]


class Emergency(ConfigModel):
    """What an emergency (an `emergency` keyword rule's words) comes to: a ticket in
    `category` (a safety matter is a fault report) and, first, the requester told those of
    `numbers` for the danger heard (fire 119, police 110, ambulance 120, lift rescue 96333,
    the local gas and power companies' lines: set them to the city's own); all of them only
    when the danger is of no kind."""

    category: str = "fault_report"
    numbers: list[EmergencyNumber] = Field(default_factory=_emergency_numbers, min_length=1)
