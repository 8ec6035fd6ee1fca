"""Where an emergency's ticket is filed (issue 14, a fresh tester: an elderly neighbour not
answering the door for days, someone fainted at a station went to Utilities as fault reports).
A danger of a thing a department repairs or makes safe (a gas leak, sparks, a fire, a missing
manhole cover, a collapse, something about to fall, water in an electrical room, someone on
oxygen in a power cut) is a fault report (config `emergency.category`), routed as config
`routing` says (Utilities). A danger to a person themselves, and nothing else (someone fainted,
an old neighbour not answering the door for days, someone out in the freezing cold, in the
water, about to jump, hurt in a fight, missing, a cry for help) is no fault of anything: the
general window (config `default_department`) takes it, in the general category (the one
without cue words, `classify.fallback_category`: 咨询 with the repository's config), as
urgent as any emergency. Someone trapped in a lift stays a fault report: the lift is what must
be opened, by the lift's maintainers Utilities calls; its urgency (urgent, the supervisors
alerted, the lift rescue number told first) does not depend on the category. Pure: kinds in,
where out."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from bot.classify import fallback_category
from bot.config import Settings

# The kinds of danger (`bot.hazard`) to a person themselves, of no thing to repair: someone
# unconscious or fallen and not answering, in the water, about to jump, a weapon or a fight,
# missing, the police or an ambulance called for, a plea for help, a frail person not
# answering the door (bot/frail_words.py `WELFARE`), someone out in the freezing cold
# (`EXPOSED`). Not "falling" (a thing about to fall on people), "electric" (a live wire),
# "trapped" (a lift), "dependent" (a supply cut).
TO_PEOPLE = frozenset(
    {
        *("person", "water", "suicide", "violence", "missing", "police", "ambulance"),
        *("plea", "welfare", "cold"),
    }
)


@dataclass(frozen=True)
class Filing:
    """An emergency ticket's category, and its department (None: as config `routing` says)."""

    category: str
    department: str | None = None


def filing(settings: Settings, kinds: Collection[str]) -> Filing:
    """Where an emergency told with danger `kinds` is filed: dangers to people alone
    (`TO_PEOPLE`) at the general window in the general category; any danger of a thing
    among them, or none named (a configured phrase alone), a fault report as before."""
    if kinds and set(kinds) <= TO_PEOPLE:
        return Filing(fallback_category(settings), settings.home_department)
    return Filing(settings.emergency.category)
