"""A place said alone, as a pure function: "我家楼下", "小区门口", "幸福路23号", "outside my
building". It says where, not what: a clerk asks what the matter is there, as after an
opener, and reads the place with the matter said next (the matter searched alone, the place
kept in the question as where it is: `decision.searched_words`). The same spot leading a
matter in one text ("我家楼下路灯坏了三天了") is no part of the matter searched for
(`without_spot`, as `bot.details.matter_of` leaves out an address)."""

from __future__ import annotations

import re
import unicodedata

from bot import details
from bot.reading import read
from bot.remembered import remembered

# A spot told by what it is near: "我家楼下", "小区门口", "单位对面的".
_ZH_SPOT = re.compile(
    r"(?:(?:在|住在|就在)?(?:我家|我们家|咱家|家|我们小区|小区|我们楼|楼|单位|公司|学校|医院"
    r"|这|那)?(?:的)?(?:楼下|楼上|门口|门前|对面|旁边|附近|后面|前面|外面|路口|楼道|这里|那里"
    r"|这边|那边)(?:的)?)"
)
_EN_SPOT = re.compile(
    r"(?:it(?:'s| is) )?(?:right |just )?(?:outside|in front of|near|next to|behind|opposite"
    r"|across from|by|at|on|in)(?: (?:my|our|the|this))? (?:home|house|building|flat|block"
    r"|estate|door|gate|front door|place|compound|street|road|community)"
    r"|(?:right )?(?:downstairs|upstairs|outside)(?: (?:my|our) (?:home|house|building|flat))?"
)
_ZH_LEAD = re.compile(r"^(?:在|住在|就在|我家|我们家|地址是?|地点是?|位置是?)+|(?:这里|那里|的)+$")
_EN_LEAD = re.compile(r"^(?:(?:it's|it is|i live (?:at|in|on)|at|on|in|near)\b\s*)+")


def _folded(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    return re.sub(r"[^\w'.-]+", " ", folded).strip(" .")


@read
@remembered
def without_spot(text: str) -> str:
    """`text` without the spot leading it, told by what it is near ("路灯坏了三天了" of
    "我家楼下路灯坏了三天了"); the text as it is when nothing else would be left."""
    stripped = text.strip()
    found = _ZH_SPOT.match(stripped)
    rest = stripped[found.end() :].strip(" ,，、") if found else ""
    return rest if rest else text


@read
@remembered
def only_place(text: str) -> bool:
    """The text only says where: a spot by what it is near ("我家楼下", "outside my
    building"), or a place the details read (`details.given`: "幸福路23号", "building 3"),
    a spot beside it or not ("幸福路23号门口"), with nothing of a matter beside it."""
    folded = _folded(text)
    if not folded:
        return False
    if _ZH_SPOT.fullmatch(folded.replace(" ", "")) or _EN_SPOT.fullmatch(folded):
        return True
    if details.LOCATION not in details.given(text):
        return False
    rest = _folded(details.without_places(text))
    rest = _EN_LEAD.sub("", _ZH_LEAD.sub("", rest.replace(" ", "") if _han(rest) else rest))
    rest = re.sub(r"\b(?:no\.?\s*)?\d+[a-z]?\b", "", rest).strip(" .")
    # the spot beside the place is where too: "幸福路23号门口", "No. 23 Xingfu Road, outside"
    return not rest or bool(_ZH_SPOT.fullmatch(rest) or _EN_SPOT.fullmatch(rest))


def _han(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)
