"""The words of someone hurt, each kind named as it was said (a new-user trial: "孩子误吞了电
池" and "我家老人摔倒了起不来" were alerted as someone unconscious, "我被狗咬了,流血了" heard as
no danger at all): someone who swallowed pills or something harmful (`swallowed`: "my baby
swallowed a battery", "我吞了半瓶安眠药", bot/harm_words.py `SWALLOWED`), someone fallen or
hurt who cannot get up (`fallen`: "我家老人摔倒了起不来", "I fell in the kitchen and can't get
up"), someone bitten by a snake, blood or none (`snake`: "我被蛇咬了", "my son got bitten by
a snake and his leg is swelling"), someone bitten by an animal and bleeding (`bitten`: "我被
狗咬了,流血了", "A dog just bit my daughter, her arm is bleeding"), someone bleeding heavily
(`BLEEDING`: "他流了很多血", "he is bleeding heavily"; once alerted as someone unconscious).
The ambulance for each (config `emergency.numbers`). A dog bitten ("我家狗被咬了", "我家狗被
蛇咬了"), a bite feared ("怕被咬") or asked about ("狗咬人怎么投诉") is none. Heard before
someone unconscious (`bot.hazard.ALL`): the precise kind first; a bite's bleeding is the
bite's (`precise`). Pure."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from bot.harm_words import SWALLOWED
from bot.hazard_words import PEOPLE_NOUNS, Kind, words

_SOMEONE_ZH = (
    "(?:孩子|小孩|儿子|女儿|老人|老太太|老大爷|爸|妈|爷爷|奶奶|外公|外婆|姥姥|姥爷|老公|老婆)"
)
_SOMEONE_EN = (
    r"(?:son|daughter|child|kid|baby|boy|girl|father|dad|mother|mum|mom|grand\w+|husband"
    r"|wife|brother|sister|he|she|him|her|neighbou?r|old (?:man|woman|lady)|elderly \w+)"
)
# Fallen and not getting up ("I fell in the kitchen and can't get up", "she has fallen and
# can't get up"); asleep is no fall.
_FELL_NOT_UP = r"(?:fell|fallen)(?!\s+asleep)[^,.;!?]{0,40}?can(?:not|['’]t)\s+get\s+up"

# An animal that bites (a snake's bite is `snake`, blood or none).
_BITER_ZH = "(?:狗|犬|猫|老鼠|猴子?|动物)"
_BITER_EN = r"(?:dogs?|cats?|rats?|monkeys?|animals?|pit ?bulls?|rottweilers?)"
_SNAKE_ZH = "(?:毒蛇|蛇)"
_SNAKE_EN = r"(?:snakes?|rattlesnakes?|vipers?|adders?|cobras?)"


def _bitten_zh(biter: str) -> str:
    """Someone bitten by `biter`: "被狗咬了", "被邻居家的狗咬伤", not the dog bitten ("我家狗被
    咬了": no animal after 被) nor a bite feared ("怕被咬")."""
    return "(?<![狗犬猫蛇鼠猴物])被[^,。!?,.!?被]{0,8}?" + biter + "咬(?:了|伤|到|破)"


_PERSON_EN = r"(?:(?<![a-z0-9'’])(?:i|we|he|she|they|me|him|her|us|them)(?![a-z0-9'’])"
_PERSON_EN += rf"|{_SOMEONE_EN}|{PEOPLE_NOUNS})"


def _bitten_en(biter: str) -> tuple[str, str]:
    """Someone bitten by `biter` ("I was bitten by a dog"), and `biter` that bit someone ("A
    dog just bit my daughter")."""
    return (
        rf"{_PERSON_EN}(?:['’]ve|['’]s| (?:was|were|has been|have been|got|just got|is|am|are))?"
        rf"(?: just)? bitten by (?:a|an|the|my|our|his|her|their|some|this|that|[\w'’]+['’]s)"
        rf"(?: [\w'’-]+){{0,2}}? {biter}",
        rf"{biter}(?: just)? (?:bit|has bitten|attacked) "
        rf"(?:me|us|him|her|them|(?:my|our|his|her|their|a|the) {_SOMEONE_EN}|{PEOPLE_NOUNS})",
    )


# A bite asked about or feared ("狗咬人怎么投诉", "怕被咬"), or a pet's ("我家狗刚被蛇咬了").
_NO_BITE = words(
    *("怎么", "如何", "怕", "how (?:do|can|to|should)", "afraid", "scared"),
    "(?:狗|猫|宠物)[^,。!?,.!?]{0,6}被",
)
# Heavy bleeding, said alone or of someone ("他流了很多血", "he is bleeding heavily").
_SOMEONE_ANY = words(
    *(_SOMEONE_ZH, "他", "她", "人", _SOMEONE_EN, "someone", "somebody", "i", "we"),
    f"(?:{PEOPLE_NOUNS})",
)
_BLEEDS_HEAVILY = words(
    r"(?:is|['’]s|are|am) (?:bleeding|losing blood) (?:a lot|badly|heavily|profusely|so much"
    r"|everywhere)",
    r"(?:is|['’]s|are|am) losing (?:a lot of |so much )blood",
)
# Blood, a wound: the bite is one to treat now.
_BLEEDING = words(
    *("流血", "出血", "血流", "流了?很多血", "满手是血", "全是血", "伤口", "咬伤", "咬破"),
    *("bleeding", "blood", "wounds?", "gash"),
)

HURT: tuple[Kind, ...] = (
    # pills or something harmful swallowed: the ambulance, nothing to eat or drink
    Kind("swallowed", events=SWALLOWED),
    Kind(
        "fallen",
        events=words(
            "摔倒[^,。!?,.!?]{0,4}起不来", "摔(?:伤|倒)了?[^,。!?,.!?]{0,4}动不了", _FELL_NOT_UP
        ),
        # someone who cannot get up ("我妈起不来了", "my grandad can't get up")
        pairs=(
            (
                words(_SOMEONE_ZH, "他", "她", "人", _SOMEONE_EN, "someone", "somebody"),
                words("起不来", "can(?:not|['’]t) get up"),
            ),
        ),
        # not a morning's lie-in ("孩子早上起不来", "my son can't get up for school")
        pairs_not_when=words("起床", "早上", "上学", "morning", "for (?:school|work)"),
    ),
    # a snake's bite, blood or none: the ambulance, keep still, no cut nor sucking
    Kind(
        "snake",
        events=words(
            _bitten_zh(_SNAKE_ZH),
            _SNAKE_ZH + "咬(?:了|伤了?|到了?)(?:我|他|她|孩子|小孩|儿子|女儿|老人|人)",
            *_bitten_en(_SNAKE_EN),
        ),
        not_when=_NO_BITE,
    ),
    Kind(
        "bitten",
        across=(
            (words(_bitten_zh(_BITER_ZH)), _BLEEDING),
            (words(*_bitten_en(_BITER_EN)), _BLEEDING),
        ),
        not_when=_NO_BITE,
    ),
)

# Heavy bleeding, of no bite (`precise`): press on the wound, the ambulance. Heard where someone
# unconscious was (bot/hazard_people.py `PEOPLE`, just before "person"): a fight's or a
# crash's first ("楼上在打架,有人流了很多血": the police, then the ambulance).
BLEEDING = Kind(
    "bleeding",
    events=words(
        *("大出血", "流血不止", "流了?很多血", "满身是血", "到处是血", "bleeding heavily"),
    ),
    pairs=((_SOMEONE_ANY, _BLEEDS_HEAVILY),),
)


def before_person(kinds: tuple[Kind, ...]) -> tuple[Kind, ...]:
    """`kinds` (bot/hazard_words.py `KINDS`) with `HURT` just before someone unconscious
    ("person"): the kind as said first, its number and its advice."""
    at = next(n for n, kind in enumerate(kinds) if kind.key == "person")
    return (*kinds[:at], *HURT, *kinds[at:])


class _Heard(Protocol):
    @property
    def kind(self) -> str: ...


_D = TypeVar("_D", bound=_Heard)
_BITES = ("snake", "bitten")


def precise(found: Sequence[_D]) -> tuple[_D, ...]:
    """The dangers `found` (`bot.hazard.Danger`) without heavy bleeding ("bleeding") beside a
    bite ("我被狗咬了,流血不止": someone bitten and bleeding, the bite's advice); someone
    unconscious told too is kept ("…,流血不止,现在昏迷了")."""
    if not any(d.kind in _BITES for d in found):
        return tuple(found)
    return tuple(d for d in found if d.kind != "bleeding")
