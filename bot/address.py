"""Part of an address, as a clerk with a form reads it: an estate's or a road's name alone
("幸福里小区从早上开始就没水了", "No water in Xingfu Estate since this morning") is a place
(`details.given` reads LOCATION: the matter is somewhere), yet not the address a template asks
for when its item lists a building among the address's parts.

The knowledge base says which parts an address item needs, in its brackets: "详细地址(小区、
楼栋)", "the exact address (estate and building)" need the estate and the building; "路灯的具体
位置(街道、门牌号或附近地标)", "where the light is (street, number or a landmark)" any one of
them ("或", "or"); "详细地址", "the exact address" (water quality: an area's matter,
`handling.area`) list none, and the estate is enough. An item that lists a building (楼栋,
门牌号, building, flat) is still asked for when only an estate or a road was named, without
the parts named ("详细地址(楼栋)", "the exact address (building)"); whatever the item, the
reply says what it received, the place as said ("小区:幸福里", "estate: Xingfu Estate"), never
the item ("已收到您说的:详细地址(小区、楼栋)" claimed an address a new-user trial never gave).
A house number, a building, a unit or a room named with it ("幸福里5号楼3单元", "幸福路23号",
"Xingfuli building 5") makes the address whole: taken as given, nothing asked again."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet

from bot import details
from bot.places import where
from bot.reading import reading

# An item's parts, in its closing brackets: "详细地址(小区、楼栋)" -> 小区, 楼栋.
_PARTS = re.compile(r"[(（]([^()（）]+)[)）]\s*$")
_SEPARATOR = re.compile(r"\s*(?:[、,，;；]|\band\b)\s*")
_ANY_ONE = re.compile(r"或|\bor\b", re.IGNORECASE)  # "街道、门牌号或附近地标": any one will do
_BUILDING = re.compile(r"楼栋|楼号|门牌|单元|\b(?:building|block|flat|apartment|unit)\b", re.I)
_ESTATE = re.compile(r"^(?:小区|\bestate|\bcompound)$", re.IGNORECASE)
_STREET = re.compile(r"^(?:街道|道路|\bstreet|\broad)$", re.IGNORECASE)
# A name's last word that makes it an estate's (else it is a road's): 幸福里小区, 锦绣花园,
# Xingfu Estate.
_ESTATE_NAME = re.compile(
    r"(?:小区|花园|新村|家园|公寓|大厦|苑|社区|里)$"
    r"|\b(?:estate|compound|community|gardens?|residences?|village|apartments|court)$",
    re.IGNORECASE,
)


def parts(item: str) -> list[str]:
    """The parts of an address an `ask_for` item lists in its brackets, in order: "详细地址
    (小区、楼栋)" -> 小区, 楼栋; "the exact address (estate, building, flat)" -> estate,
    building, flat; none for "详细地址"."""
    found = _PARTS.search(reading(item))
    return [p for p in _SEPARATOR.split(found.group(1)) if p] if found else []


def needs_building(item: str) -> bool:
    """Whether an `ask_for` item needs a building: it lists one among the parts it needs all
    of ("详细地址(小区、楼栋)", "the exact address (estate and building)"), not among parts any
    one of which will do ("(街道、门牌号或附近地标)")."""
    found = _PARTS.search(reading(item))
    if found is None:
        return False
    return not _ANY_ONE.search(found.group(1)) and bool(_BUILDING.search(found.group(1)))


def part_named(words: str) -> str | None:
    """The estate or road `words` name, as written, when they name no house number, building,
    unit nor room with it (`bot.places.where`: its spots; a pole's code is none): "幸福里小区"
    of "幸福里小区从早上开始就没水了", "Xingfu Estate" of "No water in Xingfu Estate since this
    morning"; None for "幸福里5号楼3单元停水了", "幸福路23号门口", or words naming no place."""
    text = reading(words)
    said = where(text.casefold())
    if not said.places or any(" " in spot for spot in said.spots):
        return None
    found = []
    for name in said.places:
        pattern = r"\s+".join(re.escape(w) for w in name.split())
        if match := re.search(pattern, text, re.IGNORECASE):
            found.append((match.start(), words[match.start() : match.end()]))
    return min(found)[1] if found else None


def named_alone(words: str, carries: AbstractSet[str]) -> str | None:
    """`part_named(words)`, unless a location sent with them (`details.LOCATION` among
    `carries`: what a photo or a place sent carries, bot/intake/held.py) says where."""
    return None if details.LOCATION in carries else part_named(words)


def _noted(item: str, place: str) -> str:
    """The place said, as received for `item`: labelled by the part of the address it is when
    the item lists that part ("小区:幸福里" of "幸福里小区", "estate: Xingfu Estate"); a Chinese
    name without its kind's word the label says already."""
    kind = _ESTATE if _ESTATE_NAME.search(place) else _STREET
    label = next((p for p in parts(item) if kind.match(p)), None)
    if label is None:
        return place
    if not label.isascii():
        stem = place.removesuffix(label)
        return f"{label}:{stem if len(stem) >= 2 else place}"
    return f"{label}: {place}"


def _rest(item: str, place: str) -> str:
    """`item` asking only for the parts `place` is not: "详细地址(楼栋)" of "详细地址(小区、
    楼栋)" once an estate was named; the item as it is when it lists none of its kind."""
    found = _PARTS.search(item)
    if found is None:
        return item
    kind = _ESTATE if _ESTATE_NAME.search(place) else _STREET
    listed = parts(item)
    left = [p for p in listed if not kind.match(p)]
    if len(left) == len(listed) or not left:
        return item
    joined = "、".join(left) if not item.isascii() else ", ".join(left)
    return f"{item[: found.start(1)]}{joined}{item[found.end(1) :]}"


def split(
    items: Sequence[str], have: Iterable[str], place: str | None = None
) -> tuple[list[str], list[str]]:
    """The `ask_for` items still to ask for, and what the reply says was received, each in
    the template's order (`details.split`), when the requester's words named only `place` of
    the address (`part_named`; None: an address whole, or a place shared): an item that needs
    a building (`needs_building`) is asked for still, without the part named, and the place
    is received as said; any other place item is received as the place said ("幸福里小区从早上
    开始就没水了": asked "详细地址(楼栋)", received "小区:幸福里" and the time)."""
    asked, received = details.split(items, have)
    if place is None:
        return asked, received
    located = [item for item in received if details.kind_of(item) == details.LOCATION]
    lacking = {item for item in located if needs_building(item)}
    asked = [_rest(i, place) if i in lacking else i for i in items if i in asked or i in lacking]
    received = [_noted(i, place) if i in located else i for i in received]
    return asked, list(dict.fromkeys(received))
