"""Where an emergency's ticket is filed (issue 14, a fresh tester: an elderly neighbour not
answering the door for days, someone fainted at a station went to Utilities as fault reports;
a later tester: a knife and someone fainted were then filed as consultations, a question
asked, not an emergency told). Every emergency's ticket is in the emergency's category
(config `emergency.category`: a safety matter, a fault report with the repository's
config), as urgent as its danger. A danger of a thing a department repairs or makes safe (a
gas leak, sparks, a fire, a missing manhole cover, a collapse, something about to fall, water
in an electrical room, someone on oxygen in a power cut) is routed as config `routing` says
(Utilities). A danger to a person themselves, and nothing else (someone fainted, an old
neighbour not answering the door for days, someone out in the freezing cold, in the water,
about to jump, a knife or a fight, missing, a cry for help) is no thing's to repair: the
general window (config `default_department`) takes it. Someone trapped in a lift is the
lift's: it must be opened, by the lift's maintainers Utilities calls. Pure: kinds in, where
out."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from bot.config import Settings

# The kinds of danger (`bot.hazard`) to a person themselves, of no thing to repair: someone
# unconscious or fallen and not answering, who swallowed something, fallen and cannot get
# up, bitten by a snake, bitten and bleeding, bleeding heavily (bot/hurt_words.py), in the
# water or fallen down a well or a manhole, about to jump, a weapon or a fight, a robbery,
# money just sent on a swindle, an accident with someone hurt, missing, the police or an
# ambulance called for, a plea for help, a frail person not answering the door (bot/
# frail_words.py `WELFARE`), someone out in the freezing cold (`EXPOSED`). Not "falling" (a
# thing about to fall on people), "electric" (a live wire), "trapped" (a lift),
# "dependent" (a supply cut), "co" (the fumes' stove or heater is made safe).
TO_PEOPLE = frozenset(
    {
        *("person", "water", "suicide", "violence", "missing", "police", "ambulance"),
        *("plea", "welfare", "cold", "robbery", "accident", "fraud", "fallen_in"),
        *("swallowed", "fallen", "snake", "bitten", "bleeding"),
    }
)


@dataclass(frozen=True)
class Filing:
    """An emergency ticket's category, and its department (None: as config `routing` says)."""

    category: str
    department: str | None = None


# Dangers to people now, to a person or beside a thing: those above, and a fire or its
# smoke, gas or fumes, someone electrocuted, trapped in a lift, a supply cut someone's life
# hangs on. Not a pole sparking, something falling or fallen (a tree on a car), a manhole
# open, water near the wiring: a thing's danger, a fault report to settle by its dates.
PEOPLE_NOW = TO_PEOPLE | {"fire", "smoke", "co", "gas", "electric", "trapped", "dependent"}


def to_people_now(kinds: Collection[str]) -> bool:
    """Whether some of danger `kinds` are to people now (`PEOPLE_NOW`) (pure)."""
    return bool(set(kinds) & PEOPLE_NOW)


def to_people_alone(kinds: Collection[str]) -> bool:
    """Whether danger `kinds` are all to a person themselves (`TO_PEOPLE`), and some (pure)."""
    return bool(kinds) and set(kinds) <= TO_PEOPLE


def filing(settings: Settings, kinds: Collection[str]) -> Filing:
    """Where an emergency told with danger `kinds` is filed: in the emergency's category
    (config `emergency.category`) always; dangers to people alone (`TO_PEOPLE`) at the
    general window, any danger of a thing among them, or none named (a configured phrase
    alone), where config `routing` sends that category."""
    if to_people_alone(kinds):
        return Filing(settings.emergency.category, settings.home_department)
    return Filing(settings.emergency.category)
