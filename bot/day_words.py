"""Days a requester names: a date ("3月5号", "3月5日", "3.5号", "March 5th", "5 March", "the
5th"), a day of the month said alone before what began on it ("5号开始", "5号起"), a day gone
by ("上周三", "上个月", "last Wednesday"). A new-user trial's "从3月5号开始幸福里小区就没水了"
read "3月5号" as a house number and its date as a notice's: a day is never a house number
nor a building (`undated`, for the readers of places), and a day a matter is told to have
begun on and to go on since ("从3月5号开始就没水了", "上周三开始一直没水", "no water since
March 5th") is no plan of one, nor over (`since_blanked`, `goes_on_since`, for
`bot.hazard.Clause`); a notice's day ("通知:3月5日起停水", "3月5号停水") is still a plan.
Pure: plain text in, as long as it came.
"""

from __future__ import annotations

import re

_ZH_NUMBER = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
# What may follow a day said alone, as what began on it or when in it ("5号开始", "5号晚上").
_ZH_AFTER_DAY = (
    r"开始|起|以来|以后|之后|至今|到现在|那天|当天|晚上|早上|上午|下午|中午|凌晨|夜里|傍晚|就"
)
ZH_DAY = (
    # a month and its day: "3月5号", "3月5日", "三月五号", "3月5" (not "3月5号楼")
    rf"{_ZH_NUMBER}\s*月\s*{_ZH_NUMBER}(?:\s*[日号](?![楼院])|(?![\d号日栋幢座单室楼]))"
    # a month and its day written with a point or a slash: "3.5号", "3/5日" (no house number
    # has a point in it)
    r"|(?<![\d.])\d{1,2}[./]\d{1,2}\s*[日号](?![楼院])"
    # a day of the month alone, before what began on it, not after a road's or an estate's
    # name ("幸福里5号开始" is a house): "5号开始", "从5号起", "5日晚上"
    rf"|(?<![路街道巷弄里村\d.])\d{{1,2}}\s*[日号](?=\s*(?:{_ZH_AFTER_DAY}))"
    # a month and its day in figures alone after 从 or before 开始, 起, 以来: "从3/5", "3.5起"
    r"|(?<=[从自打])\s*\d{1,2}[./]\d{1,2}(?![\d./])"
    r"|(?<![\d./])\d{1,2}[./]\d{1,2}(?=\s*(?:开始|起|以来))"
    # a day gone by: "上周三", "上星期", "上个月5号"
    rf"|上个?(?:周|星期|礼拜)[一二三四五六日天]?|上个?月(?:\s*{_ZH_NUMBER}\s*[日号])?"
)
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_ORDINAL = r"\d{1,2}(?:st|nd|rd|th)?"
_EN_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
EN_DAY = (
    rf"\b(?:{_MONTHS}\.?\s+{_ORDINAL}(?![\d:])|{_ORDINAL}\s+(?:of\s+)?{_MONTHS}\b"
    # "the 5th", not "the 5th floor", "the 5th building"
    r"|the\s+\d{1,2}(?:st|nd|rd|th)\b(?!\s+(?:floor|store?y|building|block|unit|flat"
    r"|entrance|street|avenue|road))"
    rf"|last\s+(?:week|month|{_EN_WEEKDAY}))"
    # a day in figures after "since" or "from", in either order ("since 3/5", "from 5.3.2026")
    r"|(?:(?<=since\s)|(?<=from\s))\d{1,2}[./]\d{1,2}(?:[./](?:\d{4}|\d{2}))?(?![\d./:])"
)
# A day with the word after it that says what began on it ("3月5日起", "5号开始", "上周三以来"):
# the word is the day's, no part of a place after it ("3月5日起阳光花园停水" names 阳光花园).
_DAY = re.compile(
    rf"(?:{ZH_DAY})(?:\s*(?:就\s*)?(?:开始|起|以来|以后|之后|至今))?|{EN_DAY}", re.IGNORECASE
)
# A day something began on, told going on since: "从3月5号开始…就没水了", "上周三开始一直没水",
# "3月5号以来", "since March 5th"; not a notice's "3月5日起停水" (nothing told done).
_BEGAN = re.compile(rf"(?:从|自|打)?\s*(?:{ZH_DAY})\s*(?:就\s*)?(?:开始|起|以来|至今|到现在)")
_GONE_ON = re.compile(r"了|以来|至今|到现在|一直|还|仍|依然|持续|就")
# What a requester, not a notice, says began on a day: a supply none of which is left ("从5号
# 开始没水": a notice says 停水), or their own place named ("3月5日起阳光花园停水", "绿城小区
# 3号楼从5号开始没水"), in a clause that is no notice (no 通知 heading, no time it lasts:
# "从3月5号开始停水三天", "通知:3月5日起阳光花园停水").
_NONE_LEFT = re.compile(r"没有?(?:自来)?(?:水|电|暖气|燃气|气)")
_OWN_PLACE = re.compile(
    r"小区|花园|家园|新村|公寓|大厦|苑|社区|[路街巷弄](?![灯面口])|里(?=\s*\d)"
    r"|\d+\s*(?:号楼|栋|幢|单元|室)|我家|家里"
)
_NOTICE = re.compile(
    r"通知|公告|告知|提示|计划|预计|检修|施工|将(?:于|会|要)|"
    r"(?:停|断)(?:水|电|气|暖)\s*(?:\d+|[一二两三四五六七八九十半]+)\s*(?:个\s*)?(?:天|日|小时|钟头)"
)
# A house number right after its road's or estate's name ("解放路3号", "和平路18号", "碧桂园
# 5号"): no day of a notice ("解放路3号停电了" is no notice of the 3rd); one before what began
# on it is a day ("幸福里小区5号开始就停水了": `since_blanked` reads it).
_HOUSE = re.compile(r"(?<=[路街道巷弄里区园苑村])\s*\d{1,5}\s*[号弄](?!\s*(?:开始|起|以来|至今))")
_SINCE = re.compile(rf"\bsince\s+(?:(?:on|about|around)\s+)?(?:{EN_DAY})", re.IGNORECASE)


def _blank(found: re.Match[str]) -> str:
    return " " * len(found.group())


def undated(text: str) -> str:
    """`text` with the days it names blanked (as long as it was), with the word after each
    that says what began on it ("起", "开始", "以来"): what is left of it to read places in
    ("从3月5号开始幸福里小区就没水了" names the estate, no house number 5; "3月5日起阳光花园停水"
    names 阳光花园, not 起阳光花园)."""
    return _DAY.sub(_blank, text)


def since_blanked(clause: str) -> str:
    """`clause` with the days blanked that it tells a matter began on and goes on since
    ("从3月5号开始幸福里小区就没水了", "上周三开始一直没水", "no water since March 5th"): what
    is left to read a plan or a notice's date in. A day before "开始", "起" counts only when
    the clause tells the matter done or going on after it (了, 一直, 就, 以来…), or is a
    requester's, no notice's: a supply none of which is left ("碧桂园小区从5号开始没水") or
    their place named ("3月5日起阳光花园停水"). "3月5日起停水", "从3月5号开始停水三天",
    "通知:3月5日起阳光花园停水" are a notice's."""
    clause = _SINCE.sub(_blank, clause)
    told = not _NOTICE.search(clause) and bool(
        _NONE_LEFT.search(clause) or _OWN_PLACE.search(_DAY.sub(_blank, clause))
    )
    for found in _BEGAN.finditer(clause):
        if told or _GONE_ON.search(found.group()) or _GONE_ON.search(clause, found.end()):
            clause = clause[: found.start()] + _blank(found) + clause[found.end() :]
    return clause


def goes_on_since(clause: str) -> bool:
    """Whether `clause` tells a matter going on since a day it names (`since_blanked`: "上周三
    开始就没水了", "no water since March 5th"): no day gone by ends it."""
    return since_blanked(clause) != clause


def plan_read(clause: str) -> str:
    """`clause` as read for a plan's or a notice's date: the days it goes on since
    (`since_blanked`) and its house numbers ("解放路3号停电了", "和平路18号一直没水") blanked."""
    return _HOUSE.sub(_blank, since_blanked(clause))
