"""The details a template that needs a person asks for (its `handling.ask_for`: a place, a
photo, a number, a phone), and those the requester's words already give, as a clerk with a
form sees them: a clerk told "幸福路23号门口路灯坏了" does not ask where the light is, but
says the place is noted and asks for the photo and the pole number.

What a detail is, is read from the words the template asks for it with (`kind_of`: "路灯的
具体位置", "the exact address" ask for a place); whether the requester gave it, from their words
(`given`: an address, a code such as a pole number, a phone number). A photo is never taken as
given from words. The details are no part of the matter either: the knowledge base is searched
without them (`matter_of`: "幸福路23号门口路灯坏了" is a street light out, wherever it is)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

LOCATION, PHONE, NUMBER, PHOTO = "location", "phone", "number", "photo"
TIME, SCOPE = "time", "scope"

# What an item of `ask_for` asks for, by its words; the first kind that matches (a phone
# number is a phone, not a number; "where the light is (street, number...)" a place).
_ASKS = (
    (PHONE, re.compile(r"电话|手机|联系方式|phone|mobile")),
    (PHOTO, re.compile(r"照片|图片|photo|picture")),
    (LOCATION, re.compile(r"位置|地址|地点|门牌|\baddress|\bwhere\b|\blocation")),
    (NUMBER, re.compile(r"编号|号码|户号|\bnumber\b")),
    # when it began ("停电开始的时间", "when the power went"); how far it reaches ("是否整栋楼或
    # 片区停电", "邻居是否同样停水", "whether the whole building or area is dark")
    (TIME, re.compile(r"时间|什么时候|几点|\bwhen\b|\btime\b")),
    (SCOPE, re.compile(r"整栋|整幢|片区|邻居|范围|\bwhole\b|neighbou?rs?|\bother\s+flats\b")),
)

_NUMERAL = r"(?:\d+|[一二三四五六七八九十百零〇两]+)"
_ZH_PLACE = (
    rf"[\u4e00-\u9fff]{{2,4}}(?:路|街|大道|大街|巷|胡同|弄){_NUMERAL}(?:号|弄)(?:院|楼)?",
    rf"{_NUMERAL}\s*(?:号楼|栋|幢|单元|室|层)",
    r"[\u4e00-\u9fff]{2,4}(?:小区|花园|家园|新村|公寓)",
)
_EN_STREET = r"(?:road|rd|street|st|avenue|ave|lane|ln|way|boulevard|drive)"
_NOT_A_NAME = r"(?!(?:the|a|an|this|that|our|my|your|main|side|busy|same)\b)"
_EN_PLACE = (
    rf"\b(?:no\.?\s*)?\d+[a-z]?,?\s+(?:[a-z]+\s+){{1,3}}?{_EN_STREET}\b",
    rf"\b{_NOT_A_NAME}[a-z]+\s+{_EN_STREET}\b(?!\s*(?:lights?|lamps?))"
    r"(?:\s+(?:estate|compound))?",
    r"\b(?:building|block|flat|room|apartment|unit)\s+\d+[a-z]?\b",
)
_GIVES = (
    (LOCATION, re.compile("|".join((*_ZH_PLACE, *_EN_PLACE)), re.IGNORECASE)),
    (
        PHONE,
        re.compile(
            r"(?:(?:联系|手机)?电话(?:号码?)?|手机(?:号码?)?|(?:phone|mobile|tel)(?:\s+number)?)?"
            r"\s*(?:[:：是为]|is)?\s*"
            r"(?:(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)|(?<!\d)0\d{2,3}-?\d{7,8}(?!\d))",
            re.IGNORECASE,
        ),
    ),
    (
        NUMBER,
        re.compile(
            r"(?:[\u4e00-\u9fff]{0,2}(?:编号|号码|户号)|(?:[a-z]+\s+)?number)"
            r"\s*(?:[:：是为]|is)?\s*[a-z0-9-]*\d[a-z0-9-]{2,}"
            r"|(?<![a-z0-9])[a-z]{1,4}-?\d{3,}(?![a-z0-9])",
            re.IGNORECASE,
        ),
    ),
)


# When a matter began, as said beside it: "从早上8点", "8点开始", "两个小时了", "since 8am",
# "an hour ago", "for two hours".
_ZH_WHEN = r"(?:今天|昨天|前天|今早|昨晚|今晚|早上|上午|中午|下午|傍晚|晚上|夜里|半夜|凌晨)"
_ZH_HOUR = rf"{_ZH_WHEN}?\s*{_NUMERAL}\s*(?:点|时|[:：]\d\d)(?:\d+分?|半|多|左右)?"
_ZH_SPAN = rf"(?:{_NUMERAL}|半|几|好几)\s*个?\s*(?:多)?(?:小时|钟头|分钟|天)"
_EN_HOUR = r"\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.|o['’]clock)|noon|midnight"
_EN_SPAN = (
    r"(?:\d+|an?|one|two|three|four|five|six|several|a\s+few|half\s+an?)\s+"
    r"(?:hours?|minutes?|mins?|days?)"
)
_TIMES = (
    rf"(?:从|自|打)\s*(?:{_ZH_HOUR}|{_ZH_WHEN})",
    rf"(?:{_ZH_HOUR}|{_ZH_WHEN})(?:就|钟)?\s*(?:开始|起|以后|之后|到现在)",
    rf"{_ZH_HOUR}\s*(?:就)?\s*(?:停|断|没)",
    rf"{_ZH_SPAN}(?:了|之前|以前|前)|一(?:整天|上午|下午|晚上|整晚|夜|早上)",
    rf"\bsince\s+(?:about\s+|around\s+)?(?:{_EN_HOUR}|this\s+(?:morning|afternoon|evening)"
    r"|last\s+night|yesterday|(?:mon|tues|wednes|thurs|fri|satur|sun)day|breakfast|lunch|dawn)",
    rf"\b{_EN_SPAN}\s+ago\b",
    rf"\bfor\s+(?:the\s+(?:last|past)\s+)?{_EN_SPAN}\b",
    rf"\b(?:at|around|about|from)\s+{_EN_HOUR}",
    r"\ball\s+(?:day|night|morning|afternoon|evening)\b",
)
# How far it reaches: the whole building, the area, the neighbours too.
_SCOPES = (
    r"整(?:栋|幢|座|个)(?:楼|小区|片|单元)?|全(?:楼|小区|栋|单元)|(?:一|整)片|片区|"
    r"(?:邻居|左邻右舍|别人家|其他(?:住户|人家))(?:家)?(?:也|都)|(?:家家|各家|每家)",
    r"\b(?:the\s+)?(?:whole|entire)\s+(?:of\s+(?:the\s+)?(?:\w+\s+)?)?(?:building|block|estate|street|area|neighbou?rhood|"
    r"compound|floor)\b|\ball\s+(?:of\s+)?(?:the\s+)?(?:building|block|estate|flats|"
    r"neighbou?rs)\b|\b(?:neighbou?rs|everyone|everybody)\b[^.,;!?]{0,20}\b(?:too|as\s+well"
    r"|also)\b|\b(?:the\s+)?neighbou?rs\s+(?:are|have)\b",
)
_WHEN_GIVEN = (
    (TIME, re.compile("|".join(_TIMES), re.IGNORECASE)),
    (SCOPE, re.compile("|".join(_SCOPES), re.IGNORECASE)),
)


def kind_of(item: str) -> str | None:
    """What kind of detail an `ask_for` item asks for (LOCATION, PHONE, NUMBER, PHOTO, TIME,
    SCOPE), by its words; None for any other ("关闭总阀后水是否还在流")."""
    folded = item.casefold()
    return next((kind for kind, asks in _ASKS if asks.search(folded)), None)


def given(words: str) -> frozenset[str]:
    """The kinds of detail the requester's `words` give: an address or a place (LOCATION), a
    phone number (PHONE), a code such as a pole or account number (NUMBER), when the matter
    began (TIME: "从早上8点", "since 8am") and how far it reaches (SCOPE: "整栋楼",
    "the whole building")."""
    return frozenset(kind for kind, gives in (*_GIVES, *_WHEN_GIVEN) if gives.search(words))


def split(items: Sequence[str], have: Iterable[str]) -> tuple[list[str], list[str]]:
    """The `ask_for` items still to ask for, and those already given (their kinds in
    `have`), each in the template's order."""
    kinds = frozenset(have)
    received = [item for item in items if kind_of(item) in kinds]
    return [item for item in items if item not in received], received


def matter_of(text: str) -> str:
    """`text` without the details it gives (addresses, codes, phone numbers): what the matter
    is, for the knowledge base; the text as it is when nothing else would be left."""
    stripped = text
    for _kind, gives in _GIVES:
        stripped = gives.sub(" ", stripped)
    left = re.sub(r"\s+", " ", stripped).strip(" ,，。.;；")
    return left if any(ch.isalpha() for ch in left) else text
