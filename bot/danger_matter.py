"""Whether a danger to people told beside a ticket in hand is that ticket's matter, as a
careful clerk hears it (issue 14, SPEC rule 9): sparks from the pole of the street light
reported broken, a gas smell where the stove would not light, someone trapped in the lift
reported stuck are the ticket's, raised to urgent; a gas smell beside a power cut, a fire
beside a fire-lane complaint are not: a danger is never lost inside another matter, it is
its own urgent ticket. The ticket's words must tell the same kind of danger already, or only
a cry for help (`CRIES`: "救命", then "someone fainted in the stairwell": what the cry was
about, the same emergency; a cry alone after a danger is that danger's too), or both must
name one thing (`THINGS`: a lift, a street light
and its pole, the gas and what burns it, an electrical box, a wire). When in doubt, its own
ticket: an extra urgent ticket costs less than a danger filed under a power cut. Pure: words
in, a yes or no out."""

from __future__ import annotations

import re

from bot import hazard
from bot.hazard_words import words
from bot.reading import reading
from bot.same_matter import CRIES, Subject  # CRIES: a ticket opened by one is about what follows

# The things a danger may be of, each in both languages: a danger and a ticket naming the
# same one are one matter.
THINGS: tuple[re.Pattern[str], ...] = (
    words("电梯", "轿厢", "lifts?", "elevators?"),
    words("路灯", "灯杆", "灯柱", "street ?lights?", "street ?lamps?", "lamp ?posts?", "poles?"),
    words(
        *("燃气", "煤气", "天然气", "液化气", "燃气灶", "煤气灶", "灶台", "热水器", "壁挂炉"),
        *("gas", "stoves?", "cookers?", "hobs?", "boilers?", "water heaters?"),
    ),
    words(
        *("配电箱", "配电房", "配电室", "电箱", "电表箱", "变压器", "变电箱", "电闸", "总闸"),
        *("electrical (?:box|room|panel|cabinet)", "fuse ?box", "transformer", "breaker"),
        "meter (?:box|room|cupboard)",
    ),
    words("电线", "电缆", "高压线", "wires?", "cables?", "power lines?"),
    words("插座", "插头", "sockets?", "outlets?", "plugs?"),
)


def of_matter(danger: str, matter: str) -> bool:
    """Whether the danger told in `danger` (words of a requester's, `bot.hazard` hears one
    in them) is the matter told in `matter` (the ticket's own words): `matter` tells a
    danger of the same kind, or only a cry for help (`CRIES`), or `danger` only cries for
    help beside the danger `matter` told ("he is coming back now, please help" after "my
    husband hits me": the same emergency going on), or both name one of `THINGS`,
    or `danger` names none and points back into the one `matter` names ("在里面", "inside")."""
    danger, matter = reading(danger), reading(matter)
    theirs_told, told = _as_one(hazard.kinds(matter)), _as_one(hazard.kinds(danger))
    if told & theirs_told or (theirs_told and (theirs_told <= CRIES or told <= CRIES)):
        return True
    # Someone dying or not breathing, said after a danger told ("他快不行了" after someone
    # electrocuted or trapped): the person of that emergency, not a second one.
    if theirs_told and told <= _WORSE:
        return True
    said, theirs = danger.casefold(), matter.casefold()
    if any(thing.search(said) and thing.search(theirs) for thing in THINGS):
        return True
    # No thing named, one pointed back to ("有人被困在里面", "someone is trapped inside",
    # the answer to the lift's "is anyone trapped?"): the ticket's thing, when it names one.
    named = any(thing.search(said) for thing in THINGS)
    return not named and bool(_INSIDE.search(said)) and any(t.search(theirs) for t in THINGS)


# Kinds that are one matter told of one person: someone bleeding heavily, something swallowed,
# fallen, bitten, then dying or not answering ("a man is bleeding a lot", then "please help he
# is dying"; "孩子误吞了电池", then "孩子没有呼吸了": the same person, not a second ticket).
_ONE_BODY = {kind: "person" for kind in ("bleeding", "swallowed", "fallen", "bitten", "snake")}
_ONE_BODY["smoke"] = "fire"  # the smoke of the fire told ("fainted from the smoke")
_WORSE = frozenset({"person"}) | CRIES  # a person's state, or a cry, and nothing else


def _as_one(kinds: set[str]) -> set[str]:
    """`kinds` with those of one matter (`_ONE_BODY`) told as one."""
    return {_ONE_BODY.get(kind, kind) for kind in kinds}


# Words pointing back into a thing named before: "在里面", "里头", "inside", "in there".
_INSIDE = words("里面", "里头", "inside", "in (?:it|there)")


# The dangers a supply cut brings about or comes from, by supply (`bot.faults.cut_supplies`):
# someone trapped in a lift stopped by a power cut, sparks or a shock from the wiring that
# failed; a gas smell where the gas was cut. A danger of another kind at the place of a cut
# (a gas smell where the power is out) is not the cut's matter.
OF_CUTS: dict[str, frozenset[str]] = {
    "power": frozenset({"trapped", "sparks", "electric", "flood_electric"}),
    "gas": frozenset({"gas"}),
}


def of_incident(danger: str, told: Subject, matter: str, theirs: Subject) -> bool:
    """Whether the danger told in `danger` (its subject `told`, bot/same_matter.py) is of the
    matter of an incident's ticket, told in `matter` (its subject `theirs`): the same matter
    (`of_matter`: the same kind of danger, or one thing named), or a danger its supply cut
    brings about (`OF_CUTS`). A danger at an incident's place alone is not of it."""
    brought = frozenset().union(*(OF_CUTS.get(s, frozenset()) for s in theirs.supplies))
    return bool(told.dangers & brought) or of_matter(danger, matter)
