"""Where a report says its matter is, for a surge (SPEC rule 9): pure functions on plain text.

A report names places of two sizes. A *place* is a named road or estate: the run of Chinese
characters before a road's word or an estate's ("人民幸福路", "解放西路", "和平小区",
"锦绣花园"), trimmed of the words that lead to it ("我家住在人民幸福路" is 人民幸福路, not
幸福路; "我们小区" names none); a road or estate named in English ("Xingfu Road", "Heping
Estate"); or any name config `surge.places` lists, in any language, each group one place
("幸福里", "Xingfuli"). 里 ends an estate's name only before its building's number
("幸福里3号楼"): "家里", "楼里" are no estates. A *spot* is a numbered address within it or
a code: a house number, a building, a unit, a room ("23号", "3号楼", "building 3", "No. 23")
or a pole's code ("LD-0457"), the same in either language. A day is neither ("3月5号",
"5号开始", "March 5th": `bot.day_words`; "从3月5号开始幸福里小区就没水了" names 幸福里小区 and
no house number 5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.day_words import undated
from bot.reading import reading

_HAN = "\u3400-\u9fff\uf900-\ufaff"

# The word ending a road's or an estate's name. 路 not of 路灯 (a street light) nor 路面, 路过;
# 街 not of 街道 (the sub-district office); 里 only before a number ("幸福里3号楼").
_ZH_END = re.compile(
    r"小区|花园|新村|家园|公寓|大厦|苑|社区|大街|大道|胡同|路(?![灯面过线况费人])|街(?![道坊])"
    r"|巷|弄|里(?=\s*\d)"
)
# Words after which a name starts: what leads to it ("住在", "我家", "的"), where it is
# ("门口", "对面"), when ("昨晚"), a generic estate ("小区里的"): the name is what follows the
# last of them.
_ZH_LEADS = re.compile(
    r".*(?:的|在|住|位于|靠近|我家|我们|咱们|你们|他们|门口|对面|旁边|附近|边上|里面|外面|楼下|楼上"
    r"|这个|那个|整个|小区|社区|昨天|今天|昨晚|今晚|早上|晚上|刚才|现在|一直|已经|报修|投诉|反映"
    r"|请问|你好|您好|麻烦|我是|俺是|俺家|我要|我想|想问|咨询|这里|那里|这边|那边|还有|而且|但是|就是|然后|发现"
    # what began on a day (its day blanked, `undated`): "(3月5号)开始幸福里小区就没水了"
    r"|开始|以来|以后|之后|至今)"
)
# Words leading to a name at its start only, when two characters of it remain ("和建设路" is
# 建设路, "和平路" stays 和平路).
_ZH_PREFIX = re.compile(r"^(?:和|与|跟|及|到|去|从|是|就|也|都|本|该|这|那|全)")
_HAN_RUN = re.compile(rf"[{_HAN}]+$")

_EN_END = (
    r"road|rd|street|st|avenue|ave|lane|boulevard|estate|compound|community|gardens?"
    r"|residences?|village|apartments|court"
)
_EN_NAME = re.compile(rf"\b((?:[a-z]+\s+){{1,2}})({_EN_END})\b")
_EN_LEADS = frozenset(
    [
        "the",
        "a",
        "an",
        "on",
        "at",
        "in",
        "of",
        "outside",
        "near",
        "by",
        "to",
        "from",
        "our",
        "my",
        "your",
        "this",
        "that",
        "and",
        "is",
        "are",
        "no",
        "whole",
        "entire",
        "all",
        "street",
        "light",
        "lamp",
        "lights",
        "lamps",
        "power",
        "water",
        "gas",
        "there",
        "here",
    ]
)
_EN_ENDS = {"rd": "road", "st": "street", "ave": "avenue", "garden": "gardens"}

# Spots: a number and what it numbers, in either language, one mark ("3号楼" and "building
# 3" are "building 3").
_ZH_SPOT = re.compile(r"(\d+)\s*(号楼|号院|号|栋|幢|座|单元|室)")
_ZH_KINDS = {"号楼": "building", "栋": "building", "幢": "building", "座": "building"}
_ZH_KINDS |= {"号院": "yard", "单元": "unit", "室": "room", "号": "no"}
_EN_SPOT = re.compile(
    r"\b(building|block|bldg|tower|unit|entrance|room|flat|apartment|apt|no|number)\.?\s*"
    r"(?:no\.?\s*|#\s*)?(\d+)\b|#\s*(\d+)\b"
    rf"|\b(\d+)\s+(?:[a-z]+\s+){{1,2}}(?:{_EN_END})\b"
)
_EN_KINDS = {"block": "building", "bldg": "building", "tower": "building", "entrance": "unit"}
_EN_KINDS |= {"flat": "room", "apartment": "room", "apt": "room", "number": "no"}
_CODE = re.compile(r"(?<![a-z])([a-z]{1,4})-?(\d{3,})(?!\d)")


@dataclass(frozen=True)
class Where:
    """The places a report names (`places`: roads and estates, a configured group's first
    name for any of its names) and its spots (`spots`: numbered addresses, codes)."""

    places: frozenset[str] = frozenset()
    spots: frozenset[str] = frozenset()


def trimmed(run: str, *, keep: int = 2) -> str:
    """A run of Chinese characters before a name's last word, without the words leading to
    the name (`_ZH_LEADS` anywhere, `_ZH_PREFIX` at its start while `keep` characters
    remain)."""
    run = _ZH_LEADS.sub("", run)
    while (found := _ZH_PREFIX.match(run)) and len(run) - found.end() >= keep:
        run = run[found.end() :]
    return run


def _chinese(folded: str) -> list[str]:
    names, start = [], 0
    for end in _ZH_END.finditer(folded):
        # Its name starts after the name before it ends: "幸福路和建设路" names 建设路.
        before = _HAN_RUN.search(folded, start, end.start())
        name = trimmed(before.group()) if before else ""
        if len(name) >= 2:
            names.append(name + end.group())
        start = end.end()
    return names


def _english(folded: str) -> list[str]:
    names = []
    for found in _EN_NAME.finditer(folded):
        words = found.group(1).split()
        while words and words[0] in _EN_LEADS:
            words = words[1:]
        if words and not any(w in _EN_LEADS for w in words):
            end = found.group(2)
            names.append(" ".join([*words, _EN_ENDS.get(end, end)]))
    return names


def _configured(groups: tuple[tuple[str, ...], ...]) -> dict[str, str]:
    """Each configured name (folded) and its group's first name, the place's mark."""
    return {name: names[0] for names in groups for name in names}


def _named(folded: str, name: str) -> bool:
    """Whether `folded` names `name` as a whole name: a Latin one as whole words, a Chinese one
    not the end of a longer name ("人民幸福里" names no 幸福里)."""
    if name.isascii():
        pattern = r"\s+".join(re.escape(w) for w in name.split())
        return re.search(rf"(?<![a-z0-9]){pattern}(?![a-z0-9])", folded) is not None
    for found in re.finditer(re.escape(name), folded):
        before = _HAN_RUN.search(folded, 0, found.start())
        if before is None or not trimmed(before.group(), keep=0):
            return True
    return False


def where(folded: str, groups: tuple[tuple[str, ...], ...] = ()) -> Where:
    """Where a (NFKC-normalised, casefolded) text says its matter is; `groups`: config
    `surge.places`, NFKC-normalised and casefolded. A day is no spot ("3月5号", "5号开始":
    `day_words.undated`)."""
    folded = undated(reading(folded))
    marks = _configured(groups)
    places = set()
    for name in [*_chinese(folded), *_english(folded)]:
        plain = re.sub(r"(?<=[^\s])(?:小区|社区)$", "", name)  # 幸福里小区 is 幸福里
        places.add(marks.get(name) or marks.get(plain) or name)
    places.update(mark for name, mark in marks.items() if _named(folded, name))
    spots = {f"{_ZH_KINDS[kind]} {number}" for number, kind in _ZH_SPOT.findall(folded)}
    for kind, number, hashed, house in _EN_SPOT.findall(folded):
        if kind:
            spots.add(f"{_EN_KINDS.get(kind, kind)} {number}")
        else:
            spots.add(f"no {hashed or house}")
    spots.update(f"{a}-{n}" for a, n in _CODE.findall(folded))
    return Where(frozenset(places), frozenset(spots))


def at_one_place(mine: frozenset[str], others: list[frozenset[str]]) -> list[int]:
    """Which of `others` (each the places a report names, or its incident's when it names
    none) can be one event with a report naming `mine`: when `mine` is empty, those naming
    none (a report naming no place is not guessed to be of a place: "停电了" joins no power
    cut of 幸福里); else those naming the one place of `mine` most of them name. Every two
    chosen name no place, or share one."""
    if not mine:
        return [n for n, places in enumerate(others) if not places]
    named = [n for n, places in enumerate(others) if places]
    place = max(sorted(mine), key=lambda p: sum(p in others[n] for n in named))
    return [n for n in named if place in others[n]]


def elsewhere(folded: str, groups: tuple[tuple[str, ...], ...] = ()) -> str:
    """What a (NFKC-normalised, casefolded) text says besides where (`where`: its roads,
    estates and spots taken out): the words of its matter, so that two reports are never one
    matter by their shared address alone ("幸福里3号楼太吵" is no "幸福里3号楼停电"); `groups` as
    for `where`."""
    folded = undated(reading(folded))
    text = folded
    names = [*_chinese(folded), *(n for n in _configured(groups) if _named(folded, n))]
    for name in sorted(set(names), key=len, reverse=True):
        text = text.replace(name, " ")

    def leads_only(found: re.Match[str]) -> str:
        words = found.group(1).split()
        kept = []
        while words and words[0] in _EN_LEADS:
            kept.append(words.pop(0))
        return " " + " ".join(kept) + " "

    text = _EN_NAME.sub(leads_only, text)
    for spot in (_ZH_SPOT, _EN_SPOT, _CODE):
        text = spot.sub(" ", text)
    return text
