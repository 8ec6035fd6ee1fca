"""Whether two tickets are about the same matter, for a surge of similar complaints (SPEC rule
9, 群体性投诉): pure functions on plain values.

What a ticket is about is first what the knowledge base recognises in it (its `topic`: the
template it comes close to, in Chinese or in English), so that "小区停水了" and "There is no
water in our building" are one water cut, while a leak and an empty plot are not one matter
however many words their reports share ("小区旁边的水管漏水了没人管",
"小区旁边的空地堆满垃圾没人管").
Where the knowledge base does not recognise both, their words decide: Chinese compared by
character and by pair of characters together (Chinese words are mostly two characters:
"停水" and "漏水" share "水" but are other words), other scripts by word. When it recognises one
only, that is a sign they differ, and the pairs alone must agree as well. The category
decides nothing: a water cut filed as a complaint and one filed as a fault report are still
one water cut.

One matter is also one thing at one place. Two reports naming different things (config
`surge.objects`: a sewer by a street light is no broken light, whatever topic its words
recall) are never one; nor two naming different places, roads or estates (bot/places.py:
a power cut in 幸福里 and one in 和平小区 are two events), nor one naming a place and one
naming none (which place the second is of is not guessed). A danger to people told (a gas
smell, a fire, someone trapped: `bot.hazard.kinds`) is one matter only with the same
dangers told: never an outage's, whatever words they share; but a danger at one place is one
event with every report of the thing it is of there, or of the same danger at the same spot,
whatever their words or topics, whether they tell the danger or only the fault (`_one_danger`:
"和平小区4栋电梯坏了,有人被困", "Someone is trapped in the lift of Heping Estate building 4"
and "和平小区4栋的电梯坏了" are one lift; issue 14). Two naming different spots in
one (a numbered address, a pole's code) are one only when their matter is an area's
(`area`: a water cut or a power cut reaches a whole estate at once; a broken street light
at another address is another light). A supply cut off (`bot.faults.cut_supplies`) is one
matter in any words and either language, whether the knowledge base knows them or not.

Two requesters' reports are one event when they are one matter (`alike`); but a home's own
matter naming no road or estate (`Subject.household`, bot/home_words.py) is one event with
another requester's report only as one emergency at one spot (`one_event`): five requesters
each writing "我家楼上漏水" (water leaking from the flat upstairs into my home) told five
households' leaks, not one event, and were raised to 特急 as one. A shared thing told from a
home is the thing's ("小区电梯又坏了", "家里停水了": the estate's lift, an area's water cut),
and a home at a named place is of that place ("幸福里5号楼家里停水了" is 幸福里's water cut).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot import hazard
from bot.faults import cut_supplies
from bot.home_words import household_matter
from bot.places import elsewhere, where
from bot.reading import reading

_HAN = "\u3400-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_HAN}]|[^\W_{_HAN}]+")
_RUN = re.compile(rf"([{_HAN}]+)|[^\W_{_HAN}]+")


@dataclass(frozen=True)
class Subject:
    """What a ticket is about: `topic`, the id of the knowledge-base template its question
    comes close to (None: none does); `characters`, its words one token each (a Chinese
    character, or a word of another script), casefolded and space-joined; `pairs`, the same
    with each run of Chinese characters as its overlapping pairs; `places` and `spots`, the
    roads and estates and the numbered addresses and codes it names (bot/places.py);
    `objects`, the things it names; `supplies`, those it says are cut off
    (`bot.faults.cut_supplies`); `area`, its matter is an area's; `dangers`, the kinds of
    danger to people it tells now (`bot.hazard.kinds`: a gas smell, someone trapped);
    `household`, its matter is a home's own, not an area's (`bot.home_words`: "我家楼上漏水")."""

    topic: str | None
    characters: str
    pairs: str
    places: frozenset[str] = frozenset()
    objects: frozenset[int] = frozenset()
    area: bool = False
    spots: frozenset[str] = frozenset()
    supplies: frozenset[str] = frozenset()
    dangers: frozenset[str] = frozenset()
    household: bool = False


def things(text: str, objects: tuple[tuple[str, ...], ...]) -> frozenset[int]:
    """The things of `objects` (config `surge.objects`, a group of names each) that `text`
    names, by their places in it: a Chinese name anywhere in it ("垃圾桶" names 垃圾), a name
    in another script as a word of its own, or its plural ("bins", never "cabins"; "lifts",
    never "lifted")."""
    text = reading(text)
    folded = unicodedata.normalize("NFKC", text).casefold()
    return frozenset(
        n for n, names in enumerate(objects) if any(_name(name).search(folded) for name in names)
    )


@functools.lru_cache(maxsize=256)
def _name(name: str) -> re.Pattern[str]:
    folded = re.escape(unicodedata.normalize("NFKC", name).casefold().strip())
    if name.isascii():
        return re.compile(rf"(?<![^\W\d_]){folded}(?:e?s)?(?![^\W\d_])")
    return re.compile(folded)


@functools.lru_cache(maxsize=4096)  # the surge check reads every recent ticket's on each new one
def subject(
    question: str,
    topic: str | None,
    *,
    objects: tuple[tuple[str, ...], ...] = (),
    area: bool = False,
    places: tuple[tuple[str, ...], ...] = (),
) -> Subject:
    """The subject of a ticket's `question` (any text; NFKC-normalised, punctuation dropped):
    the things of `objects` (config `surge.objects`) and the places it names (`places`:
    config `surge.places`); `area`: its topic is a matter of an area (its template's
    `handling.area`), as a supply cut off is whatever the topic; a matter of no area that
    names the requester's home and no shared thing is a household's (`household`)."""
    question = reading(question)
    folded = unicodedata.normalize("NFKC", question).casefold()
    at = where(folded, _folded(places))
    supplies = cut_supplies(folded)
    wide = area or bool(supplies)
    # Compared by what they say of the matter, not of where (`bot.places.elsewhere`).
    said = elsewhere(folded, _folded(places))
    pairs: list[str] = []
    for found in _RUN.finditer(said):
        run = found.group()
        if found.group(1) and len(run) > 1:  # Chinese characters
            pairs.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            pairs.append(run)
    return Subject(
        topic,
        " ".join(_TOKEN.findall(said)),
        " ".join(pairs),
        at.places,
        things(folded, objects),
        wide,
        at.spots,
        supplies,
        frozenset(hazard.kinds(folded)),
        not wide and household_matter(folded),
    )


def _folded(groups: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(
        tuple(unicodedata.normalize("NFKC", name).casefold().strip() for name in names)
        for names in groups
    )


# The kinds of danger that say only that help is needed (bot/hazard_people.py): "快来人"
# beside someone trapped tells no other danger than theirs.
CRIES = frozenset({"plea", "police", "ambulance"})


def _one_danger(a: Subject, b: Subject) -> bool:
    """Whether a danger to people told on one side at least is one event with the other, at
    one place (both name it: `_same_thing_and_place` told the rest of where): no two
    different dangers told (cries for help aside, `CRIES`), and either one thing both name
    (config `surge.objects`: someone trapped in the lift of 4栋 and the lift of 4栋 broken,
    the fault and the people it traps) or the same danger at one spot (a gas smell in
    building 3). Not an outage beside a danger: a power cut names no lift (a trapped person
    joins its incident by `bot.danger_matter.of_incident`). With no road or estate named on
    either side, one numbered spot named on both ("3号楼", "building 3") is that place: a
    trapped lift of building 3 reported within the hour is not guessed to be two."""
    if not (a.dangers or b.dangers) or not (a.places or a.spots & b.spots):
        return False
    mine, theirs = a.dangers - CRIES, b.dangers - CRIES
    if mine and theirs and not mine & theirs:
        return False
    if a.objects & b.objects:
        return True
    return bool(mine & theirs and a.spots & b.spots)


def one_emergency(a: Subject, b: Subject) -> bool:
    """Whether `a` and `b` are one emergency: a danger to people told on one side at least,
    at one place, of one thing or the same danger at one spot (`_one_danger`): reports of
    it are one incident at once, however few (a tester: "电梯困人了,3号楼有人被关在里面",
    "Someone is trapped in the lift of building 3" and "3号楼电梯坏了,卡住不动" were three
    unlinked tickets, the last at normal priority). Symmetric."""
    return _same_thing_and_place(a, b, dangers=False) and _one_danger(a, b)


def _same_thing_and_place(a: Subject, b: Subject, *, dangers: bool = True) -> bool:
    """No different dangers told (a gas smell is no power cut, whatever words it shares
    with one; not asked when `dangers` is False), no different things named, the same
    places (roads, estates: a power cut in 幸福里 and one in 和平小区 are two, and one
    naming no place is not guessed to be either), and no different spots (numbered
    addresses, codes) unless the matter is an area's on both sides."""
    if dangers and a.dangers != b.dangers:
        return False
    if bool(a.places) != bool(b.places):
        return False
    if a.objects and b.objects and a.objects != b.objects:
        return False
    if a.places and b.places and not a.places & b.places:
        return False
    if a.area and b.area:
        return True
    return not (a.spots and b.spots and not a.spots & b.spots)


def alike(a: Subject, b: Subject, similarity: float) -> bool:
    """Whether two subjects are one matter: never when they tell different dangers, name
    different things, or different places, or one a place and the other none
    (`_same_thing_and_place`); a supply cut off on both sides, in whatever
    language or words ("幸福里3号楼停电了", "Xingfuli building 3 is dark"), unless the
    knowledge base knows both as different topics; the same topic when it knows both; else
    their characters and pairs together alike, by rapidfuzz's token-set ratio (0-100), at
    least `similarity` (config `surge.similarity`), and when it knows one of them, their
    pairs alone alike as much too. A danger to people at one place is one matter with the
    reports of the thing it is of there, or of the same danger at the same spot, whatever
    their words or topics (`_one_danger`). Symmetric."""
    if one_emergency(a, b):
        return True
    if not _same_thing_and_place(a, b):
        return False
    known = a.topic is not None and b.topic is not None
    if a.supplies and b.supplies and not (known and a.topic != b.topic):
        return bool(a.supplies & b.supplies)
    if known:
        return a.topic == b.topic
    words = fuzz.token_set_ratio(f"{a.characters} {a.pairs}", f"{b.characters} {b.pairs}")
    if words < similarity:
        return False
    return (a.topic is None and b.topic is None) or fuzz.token_set_ratio(
        a.pairs, b.pairs
    ) >= similarity


def one_event(a: Subject, b: Subject, similarity: float) -> bool:
    """Whether two requesters' reports are one event, for the surge check: one matter
    (`alike`), but a home's own matter (`Subject.household`) with no road or estate named on
    either side only when they are one emergency (`one_emergency`: a gas smell in 3号楼 told
    from a home there): five requesters each writing "我家楼上漏水" tell five households'
    leaks at places unknown, not one, whatever their words or topics. One requester's words
    beside their ticket are its matter by `alike` alone ("我家楼上还在漏" after "我家楼上漏水").
    Symmetric."""
    if (a.household or b.household) and not (a.places or b.places):
        return one_emergency(a, b)
    return alike(a, b, similarity)
