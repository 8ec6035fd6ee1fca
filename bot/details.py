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

from bot.day_words import EN_DAY, ZH_DAY
from bot.places import trimmed
from bot.reading import reading
from bot.remembered import remembered

LOCATION, PHONE, NUMBER, PHOTO = "location", "phone", "number", "photo"
TIME, SCOPE, ACCOUNT = "time", "scope", "account"
CONDITION, APPEARANCE = "condition", "appearance"
OCCUPANTS = "occupants"

# What an item of `ask_for` asks for, by its words; the first kind that matches (a phone
# number is a phone, not a number; "where the light is (street, number...)" a place).
_ASKS = (
    (PHONE, re.compile(r"电话|手机|联系方式|phone|mobile")),
    (PHOTO, re.compile(r"照片|图片|photo|picture")),
    # whether anyone is in it ("电梯里是否有人被困", "whether anyone is trapped inside")
    (
        OCCUPANTS,
        re.compile(
            r"(?:是否|有没有)有?人?被困|(?:里面|里头|电梯里|轿厢里?)(?:是否|有没有)有?人"
            r"|\b(?:whether|is)\s+any\s*one\s+(?:is\s+)?(?:trapped|inside|in\s+(?:it|there))\b"
        ),
    ),
    (
        LOCATION,
        re.compile(
            r"位置|地址|住址|地点|门牌|路口|小区名称|\baddress|\bwhere\b|\blocation|\bjunction|pick-?up\b"
            r"|^the\s+estate\b"
            # which building, block or flat ("请问具体是几号楼?", "Which building number?")
            r"|几号楼|[几哪]一?[栋幢座]|哪一?个?单元|几单元|几零几|门牌号"
            r"|\bwhich\s+(?:building|block|flat|apartment|unit|estate)\b"
            r"|\b(?:building|block|flat|apartment)\s+number\b"
        ),
    ),
    (NUMBER, re.compile(r"编号|号码|户号|[牌单工口]号|\bnumber\b")),
    # when it began ("停电开始的时间", "when the power went"); how far it reaches ("是否整栋楼或
    # 片区停电", "邻居是否同样停水", "whether the whole building or area is dark")
    (TIME, re.compile(r"时间|时段|什么时候|几点|\bwhen\b|\btime\b")),
    (SCOPE, re.compile(r"整栋|整幢|片区|邻居|范围|\bwhole\b|neighbou?rs?|\bother\s+flats\b")),
    # what happened, told in a sentence ("经过", "问题经过", "what happened", "the problem")
    (ACCOUNT, re.compile(r"经过|\bwhat\s+happened\b|^the\s+problem$")),
    # what the broken thing does ("故障情况(不亮、常亮红灯或闪烁)", "what they do (dark, …)")
    (CONDITION, re.compile(r"故障(?:情况|现象|表现)|\bwhat\s+(?:they|it)\s+(?:do|does)\b")),
    # what it looks or smells like ("水的颜色或气味", "the colour or smell of the water")
    (APPEARANCE, re.compile(r"颜色|气味|味道|colou?r|smell|odou?r")),
)

_NUMERAL = r"(?:\d+|[一二三四五六七八九十百零〇两]+)"
# A place's name read before its kind ("幸福" of 幸福路, "幸福里" of 幸福里小区): Chinese
# characters up to a word that is no name ("我们小区", "整个小区", "隔壁小区" name none).
_ZH_NAMED = r"(?:路|街|大道|大街|巷|胡同|弄|小区|花园|家园|新村|公寓|苑)"
_ZH_NOT_NAME = re.compile(r"[的们个这那哪整全每各本我你他她咱了就也都楼]")
# Words before a name that may also begin one ("在和平路", "到和平小区"): left off its start
# only while two characters stay (和平 is a name, 和 alone is "and").
_ZH_BEFORE_NAME = "在住是到和与及跟从"
_ZH_NO_NAME = ("家", "隔壁", "附近", "对面", "周边", "旁边", "老", "新", "马", "道", "公", "铁")
_ZH_PLACE = (
    rf"(?P<road>[\u4e00-\u9fff]{{2,4}})(?:路|街|大道|大街|巷|胡同|弄){_NUMERAL}(?:号|弄)(?:院|楼)?",
    rf"\d+\s*(?:号楼|栋|幢|单元|室|层)|{_NUMERAL}\s*(?:号楼|单元|室)|{_NUMERAL}栋(?!楼)",
    r"(?P<estate>[\u4e00-\u9fff]{2,4})(?:小区|花园|家园|新村|公寓|苑|里(?=\s*\d))",
    r"(?P<cross>[\u4e00-\u9fff]{2,4})(?:路|街|大道)(?=(?:与|和|跟)[\u4e00-\u9fff]{2,4}(?:路|街|大道)"
    r"|(?:交叉)?路?口)",
)
_EN_STREET = r"(?:road|rd|street|st|avenue|ave|boulevard|blvd)"
_EN_NAMED_ONLY = r"(?:Way|Drive|Lane|Ln|Close|Estate|Gardens?|Compound|Residences?)"
_NOT_A_NAME = (
    r"(?!(?:the|a|an|this|that|our|my|your|his|her|their|its|main|side|busy|same|on|in|at|of"
    r"|for|to|from|by|near|along|down|up|across|off|over|any|no|one|some|every|each|which"
    r"|what|other|another|whole|entire|old|new|broken|dark|hours?|days?|minutes?|weeks?"
    r"|nights?|times?)\b)"
)
_EN_PLACE = (
    rf"\b(?:no\.?\s*)?\d+[a-z]?,?\s+(?:{_NOT_A_NAME}[a-z]+\s+){{1,3}}?{_EN_STREET}\b",
    rf"\b{_NOT_A_NAME}[a-z]+\s+{_EN_STREET}\b(?!\s*(?:lights?|lamps?))"
    r"(?:\s+(?:estate|compound))?",
    r"\b(?:building|bldg\.?|block|blk\.?|flat|room|apartment|apt\.?|unit)\s*(?:no\.?\s*)?\d+[a-z]?\b",
)
# A name only when written as one (capitalised): "Sunshine Estate", "Elm Drive", an estate's
# kind in either case ("Xingfuli community"); not "a usb drive", "any way", "our estate",
# "Real estate".
_EN_PROPER = (
    rf"\b(?!(?:The|A|An|This|That|Our|My|Your|Any|No|One|Some|Every|Which|Usb|USB|Hard|Flash"
    rf"|Test|Fast|Bus|Slow|Real|Local|Gated|Housing|Online)\b)[A-Z][a-z]+\s+"
    rf"(?:{_EN_NAMED_ONLY}|(?i:(?:residential\s+)?(?:estate|community|compound)))\b(?!\s*(?:lights?|lamps?))"
    # an estate's name before its building's number, as 幸福里 before 3号楼: "Xingfuli
    # building 3" (not "In building 3", "Our block 5")
    r"|\b(?!(?:The|A|An|This|That|Our|My|Your|His|Her|Their|Its|Any|No|One|Some|Every|Each"
    r"|Which|What|In|On|At|Of|For|From|To|Near|Outside|Inside|By|Behind|Opposite|And|But|Or"
    r"|Is|Are|Was|Were|Whole|Entire|Next|Same|Old|New|Main|Tall|Hi|Hello|Please)\b)"
    r"[A-Z][a-z]{2,}\s+(?:building|bldg\.?|block|blk\.?|tower)\s*(?:no\.?\s*)?\d+[a-z]?\b"
)
_PHONE = (
    r"(?:(?:联系|手机)?电话(?:号码?)?|手机(?:号码?)?|(?:phone|mobile|tel|contact)(?:\s+number)?)?"
    r"\s*(?:[:：是为]|is)?\s*"
    r"(?:(?<![\d-])(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?![\d-])"
    r"|(?<![\d-])(?:0\d{2,3}|\(0\d{2,3}\))[- ]?\d{7,8}(?![\d-]))"
)
_GIVES = (
    # a name first, with its building ("Xingfuli building 3"), before the building alone
    (LOCATION, re.compile(_EN_PROPER)),
    (LOCATION, re.compile("|".join((*_ZH_PLACE, *_EN_PLACE)), re.IGNORECASE)),
    (PHONE, _PHONES := re.compile(_PHONE, re.IGNORECASE)),
    (
        NUMBER,
        re.compile(
            # a code of three or more after its name ("电表号123456789", "staff number 1234"),
            # or of any length after its name and a colon or "is" ("pole number: A-17",
            # "the pole number is 17")
            r"(?:[\u4e00-\u9fff]{0,2}(?:编号|号码|户号|[杆表牌单工]号)|(?:[a-z]+\s+)?number)"
            r"(?:\s*[a-z0-9-]*\d[a-z0-9-]{2,}|\s*(?:[:：是为]|is)\s*[a-z0-9-]*\d[a-z0-9-]*)"
            r"|(?<![a-z0-9])[a-z]{1,4}-?\d{3,}(?![a-z0-9])",
            re.IGNORECASE,
        ),
    ),
)


def _named(match: re.Match[str]) -> bool:
    """A place read in Chinese has a name before its kind: "幸福路", "幸福里小区", not
    "我们小区", "整个小区", "隔壁小区", "马路口", nor the generic word after an opener or a
    place's lead ("我要投诉小区物业…", "反映小区…", "门口小区…": `bot.places.trimmed`; the
    last characters before a word that is no name, two at least)."""
    groups = match.groupdict()
    name = next((groups[g] for g in ("road", "estate", "cross") if groups.get(g)), None)
    if name is None:
        return True
    tail = trimmed(_ZH_NOT_NAME.split(name)[-1], keep=3)
    while len(tail) > 2 and tail[0] in _ZH_BEFORE_NAME:
        tail = tail[1:]
    return len(tail) >= 2 and tail[0] not in "在住是" and not tail.endswith(_ZH_NO_NAME)


def _read(gives: re.Pattern[str], words: str) -> bool:
    """Whether `words` give what `gives` reads (a Chinese place only with its name)."""
    return any(_named(m) for m in gives.finditer(words))


# When a matter began, as said beside it: "从早上8点", "8点开始", "两个小时了", "since 8am",
# "an hour ago", "for two hours".
_ZH_WHEN = r"(?:今天|昨天|前天|今早|昨晚|今晚|早上|上午|中午|下午|傍晚|晚上|夜里|半夜|凌晨)"
_ZH_HOUR = rf"{_ZH_WHEN}?\s*{_NUMERAL}\s*(?:点|时|[:：]\d\d)(?:\d+分?|半|多|左右)?"
# a past day's hour said alone ("昨天下午3点在窗口"), not a coming one ("明天下午3点开会")
_ZH_PAST_HOUR = (
    rf"(?<!明)(?<!明天)(?<!后天)(?<!下周)(?<!周[一二三四五六日天])(?<!星期[一二三四五六日天])"
    rf"{_ZH_WHEN}\s*{_NUMERAL}\s*(?:点|时)"
)
_ZH_SPAN = rf"(?:{_NUMERAL}|半|几|好几)\s*个?\s*(?:多)?(?:小时|钟头|分钟|天)"
_EN_HOUR = (
    r"\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.|o['’]clock)(?:\s+(?:yesterday|today|last\s+night))?"
    r"|\d{1,2}:\d\d|noon|midnight"
)
_EN_DAYTIME = (
    r"(?:last\s+night|this\s+(?:morning|afternoon|evening)|yesterday(?:\s+(?:morning|afternoon"
    r"|evening|night))?|earlier\s+today)"
)
_EN_SPAN = (
    r"(?:\d+|an?|one|two|three|four|five|six|several|a\s+few|half\s+an?)\s+"
    r"(?:hours?|minutes?|mins?|days?)"
)
_EN_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
# A day gone by: "周四", "上星期", "前几天", "3月5日", "5号开始" (`day_words.ZH_DAY`).
_ZH_DAY = rf"(?:周|星期|礼拜)[一二三四五六日天]|大?前天|前几天|几天前|{ZH_DAY}"
_TIMES = (
    rf"(?:从|自|打)\s*(?:{_ZH_HOUR}|{_ZH_WHEN}|{_ZH_DAY})(?:\s*(?:开始|起|以来))?",
    rf"(?:{_ZH_HOUR}|{_ZH_WHEN}|{_ZH_DAY})(?:就|钟)?\s*(?:开始|起|以后|之后|以来|到现在)",
    rf"{_ZH_HOUR}\s*(?:就)?\s*(?:停|断|没)",
    rf"(?:{_ZH_WHEN}|{_ZH_HOUR})\s*(?:就|的时候)?\s*(?:开始)?(?:停|断|没|坏|灭|不亮)",
    _ZH_PAST_HOUR,
    rf"(?:已经|已|都|有)?\s*{_ZH_SPAN}(?:了|之前|以前|前)|一(?:整天|上午|下午|晚上|整晚|夜|早上)|整(?:夜|晚|宿)|通宵|彻夜",
    rf"\bsince\s+(?:about\s+|around\s+)?(?:{_EN_HOUR}|this\s+(?:morning|afternoon|evening)"
    rf"|last\s+night|yesterday|{_EN_DAY}|{EN_DAY}|breakfast|lunch|dawn)",
    rf"\b{_EN_SPAN}\s+ago\b",
    rf"\bfor\s+(?:the\s+(?:last|past)\s+)?{_EN_SPAN}\b",
    rf"\b(?:at|around|about|from)\s+{_EN_HOUR}",
    r"\ball\s+(?:day|night|morning|afternoon|evening)\b",
    rf"\b(?:went|gone|cut|stopped|failed|started|began|happened|broke|off|out|dark)\s+(?:off\s+|out\s+)?"
    rf"(?:at\s+{_EN_HOUR}|{_EN_DAYTIME})\b",
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
    (TIME, _BEGAN := re.compile("|".join(_TIMES), re.IGNORECASE)),
    (SCOPE, re.compile("|".join(_SCOPES), re.IGNORECASE)),
)


def kind_of(item: str) -> str | None:
    """What kind of detail an `ask_for` item asks for (LOCATION, PHONE, NUMBER, PHOTO, TIME,
    SCOPE, ACCOUNT, CONDITION, APPEARANCE, OCCUPANTS), by its words; None for any other
    ("关闭总阀后水是否还在流")."""
    item = reading(item)
    folded = item.casefold()
    return next((kind for kind, asks in _ASKS if asks.search(folded)), None)


def asked(words: str) -> frozenset[str]:
    """Every kind of detail `words` ask for (an officer's "请提供您的详细住址和联系电话" asks a
    place and a phone), as `kind_of` reads one item."""
    words = reading(words)
    folded = words.casefold()
    return frozenset(kind for kind, asks in _ASKS if asks.search(folded))


@remembered
def given(words: str) -> frozenset[str]:
    """The kinds of detail the requester's `words` give: an address or a place (LOCATION), a
    phone number (PHONE), a code such as a pole or account number (NUMBER), when the matter
    began (TIME: "从早上8点", "since 8am") and how far it reaches (SCOPE: "整栋楼",
    "the whole building")."""
    words = reading(words)
    kinds = {
        kind for kind, gives in (*_GIVES, *_WHEN_GIVEN) if kind != NUMBER and _read(gives, words)
    }
    # a phone number is no code: "电话号码13800138000" gives a phone, not a pole's number
    rest = _PHONES.sub(" ", words)
    kinds |= {NUMBER} if any(g.search(rest) for k, g in _GIVES if k == NUMBER) else set()
    return frozenset(kinds)


# What a message that is not plain text gives by its kind (its content type): a photo, a
# place shared (a location, a venue), a phone number (a contact).
_CONTENT = {"photo": PHOTO, "location": LOCATION, "venue": LOCATION, "contact": PHONE}


def carried(content_type: str) -> frozenset[str]:
    """The kinds of detail a message of `content_type` gives by what it is, whatever its
    words: a photo a PHOTO, a location or venue shared a LOCATION, a contact a PHONE."""
    kind = _CONTENT.get(content_type)
    return frozenset() if kind is None else frozenset({kind})


def split(items: Sequence[str], have: Iterable[str]) -> tuple[list[str], list[str]]:
    """The `ask_for` items still to ask for, and those already given (their kinds in
    `have`), each in the template's order."""
    kinds = frozenset(have)
    received = [item for item in items if kind_of(item) in kinds]
    return [item for item in items if item not in received], received


def without_places(text: str) -> str:
    """`text` without the places it names ("幸福路23号", "building 3")."""
    for kind, gives in _GIVES:
        if kind == LOCATION:
            text = gives.sub(lambda m: " " if _named(m) else m.group(0), text)
    return text


def located(text: str) -> list[tuple[int, int]]:
    """Where (start, end) each place `text` names is ("幸福路12号", "building 3"), in order."""
    found = (gives.finditer(text) for kind, gives in _GIVES if kind == LOCATION)
    return sorted(m.span() for matches in found for m in matches if _named(m))


@remembered
def matter_of(text: str) -> str:
    """`text` without the details it gives (addresses, codes, phone numbers): what the matter
    is, for the knowledge base; the text as it is when nothing else would be left."""
    # When it began is a detail too ("路灯从周四开始就坏了" is a street light out), read first:
    # a place read before it would take 开始 of "从早上开始幸福里小区就没水了" for its name.
    stripped = _BEGAN.sub(" ", text)
    for _kind, gives in _GIVES:
        stripped = gives.sub(lambda m: " " if _named(m) else m.group(0), stripped)
    left = re.sub(r"\s+", " ", stripped).strip(" ,，。.;；")
    return left if any(ch.isalpha() for ch in left) else text


# When a matter a requester tells of happened, said as a day or an hour gone by: "this
# morning", "yesterday at 3pm", "earlier today", "今天上午", "昨天下午", "5月3日" (read for a
# template's ask, `stated`: not for words beside a ticket, which a day alone does not tie).
_HAPPENED_WHEN = re.compile(
    rf"\b(?:{_EN_DAYTIME}|today|tonight|last\s+(?:week|{_EN_DAY})|on\s+{_EN_DAY}"
    rf"|(?:at|around|about)\s+(?:{_EN_HOUR}))\b"
    rf"|(?:今天|昨天|前天|今早|昨晚|刚才|刚刚|上周|上星期)|{_ZH_PAST_HOUR}"
    r"|\d{1,2}\s*月\s*\d{1,2}\s*[日号]",
    re.IGNORECASE,
)
# What happened: a clause with its subject and verb beyond the opener ("I want to complain
# about", "我要投诉"): "she shouted at my elderly mother", "他对我大吼大叫", "工作人员推诿不办".
_OPENER = re.compile(
    r"\b(?:i|we)\s+(?:\S+\s+){0,3}?(?:complain(?:ing|ed)?|report(?:ing|ed)?|complaint)\b"
    r"|我们?(?:要|想|想要|需要|来)?(?:投诉|举报|反映)(?:一下)?",
    re.IGNORECASE,
)
# The window or counter served at ("window 3", "counter no. 12", "3号窗口", "窗口5"): a number
# the template asks for, yet a word of the matter too (the search keeps "window").
_WINDOW = re.compile(
    rf"\b(?:window|counter)\s*(?:no\.?\s*|number\s*)?\d+\b"
    rf"|{_NUMERAL}\s*号\s*(?:窗口?|柜台)|(?:窗口|柜台)\s*\d+",
    re.IGNORECASE,
)
_EN_CLAUSE = re.compile(
    r"\b(?:he|she|they|i|we|it|you|someone|somebody|nobody|no\s+one|officer|staff|clerk|man"
    r"|woman|guard|employee|worker|lady|guy|driver|person|people)\s+(?:[a-z']+\s+){0,2}?"
    r"(?:[a-z]{2,}ed|was|were|had|said|told|kept|made|took|threw|hung|gave|let|went|came|spoke"
    r"|swore|hit|is|are|keeps|says|tells|would\s+not|wouldn['’]t|didn['’]t|did\s+not"
    r"|won['’]t|refuses)\b"
    # or a deed done to someone: "shouted at me", "refused my papers", "told us"
    r"|\b(?:[a-z]{2,}ed|said|told|threw|hung\s+up|swore|hit)\s+(?:at|on|to|me|us|him|her|them"
    r"|my|our)\b"
    # or the wrong done, said without a subject: a charge too high, a sum, a repair refused
    r"|\bovercharg\w*|\bcharg(?:es|ed|ing)\s+(?:\w+\s+)?(?:extra|too\s+much|more|twice|unfair)"
    r"|\bunfair\s+(?:fees?|charges?|bills?)|\b\d+(?:\.\d+)?\s*(?:yuan|rmb)\b|(?:¥|\brmb\s*)\d+"
    r"|\b(?:won['’]t|will\s+not|refuses?\s+to|never)\s+(?:fix|repair|refund|reply|answer|come)\b",
    re.IGNORECASE,
)
_ZH_CLAUSE = re.compile(
    r"[吼喊骂凶]|训斥|推诿|拒绝|刁难|发火|发脾气|不(?:给|让|理|办|管|收|接)|[让叫说把]我|被|了"
    r"|态度[很非常特别极其太]*(?:差|恶劣|不好|蛮横|冷漠)"
    # the wrong done: a charge too high or unfounded, a sum, a repair refused ("乱收费",
    # "每月多收50元", "坏了不修")
    r"|乱(?:收|扣|罚|涨|要)|多(?:收|扣|要|算|交)|(?:\d+(?:\.\d+)?|[一二三四五六七八九十百千万两]+)\s*(?:元|块钱)"
    r"|不(?:修|退|还|解决|处理)"
)


# What a broken thing does, said as a clerk's form asks it: dark, stuck on a colour, flashing.
_CONDITION = re.compile(
    r"\b(?:stuck\s+on\s+(?:red|green|amber|yellow)|(?:is|are|went|gone|all|completely)\s+dark"
    r"|(?:keeps?\s+)?(?:flashing|blinking|flickering)|(?:is|are)\s+(?:off|out)|not\s+lit"
    r"|(?:won['’]?t|doesn['’]?t|don['’]?t)\s+(?:turn|change|light))\b"
    r"|不亮|常亮|一直(?:是|亮)?(?:红|绿|黄)灯?|卡在(?:红|绿|黄)灯|(?:一直|不停|乱)闪|闪烁|闪黄灯|黑了",
    re.IGNORECASE,
)


# What water (or anything a template asks the look or smell of) looks or smells like, said:
# "水是黄的", "发浑", "有股怪味", "brown water", "it smells of chlorine" (not a yellow light).
_HUE = "[黄黃浑渾黑红紅绿綠白褐锈鏽]"  # a colour water turns, in either script
_APPEARANCE = re.compile(
    rf"(?:发|發|是|变|變|偏|呈|带|帶|有点|有點|有些|很|特别|特別){_HUE}(?![灯燈])|{_HUE}(?:色|的|水)"
    r"|[浑渾混][浊濁]|(?:[异異怪臭腥霉药藥]|铁锈|鐵鏽|漂白粉|消毒水?)味|[发發]臭|有(?:股|点|點|些)?(?:味|臭)"
    r"|(?<!on )\b(?:brown(?:ish)?|yellow(?:ish)?|rusty|rust-colou?red|cloudy|murky|milky|muddy"
    r"|discolou?red)\b(?!\s+lights?\b)"
    r"|\bsmells?\s+(?:of|like|bad|funny|strange|odd|weird|awful|off)\b|\bstinks?\b|\bsmelly\b"
    r"|\b(?:bad|strange|funny|odd|weird|chemical|chlorine|musty|rotten|metallic)\s+"
    r"(?:smell|odou?r|taste)\b",
    re.IGNORECASE,
)


# Whether anyone is in it, said either way: "里面没人", "没有人被困", "里面有人", "nobody is
# inside", "no one is trapped", "it's empty", "someone is inside".
_OCCUPIED = re.compile(
    r"(?:里面|里头|电梯里|轿厢里?)(?:好像|已经|也)?(?:没有?|无|有)(?:人|乘客)|(?:没有?|无)人(?:被)?[困关]"
    r"|有人(?:被)?[困关]|困(?:了)?人|\b(?:no\s*-?\s*one|nobody|no\s+(?:people|person|passengers?))"
    r"\b[^.,;!?]{0,20}?\b(?:inside|in\s+(?:it|there|the\s+(?:lift|elevator))|trapped)\b"
    r"|\b(?:it(?:['’]s|\s+is)|(?:the\s+)?(?:lift|elevator)\s+is)\s+empty\b"
    r"|\b(?:someone|somebody|people|a\s+person)\b[^.,;!?]{0,20}?\b(?:inside|trapped)\b",
    re.IGNORECASE,
)


def _tells_what_happened(words: str) -> bool:
    rest = _OPENER.sub(" ", words)
    return bool(_EN_CLAUSE.search(rest)) or any(
        _ZH_CLAUSE.search(clause) for clause in re.split(r"[,，。;；!！?？\n]", rest)
    )


@remembered
def stated(words: str) -> frozenset[str]:
    """The kinds of detail a requester's `words` tell a template that asks for them: those
    they give (`given`), when what they tell of happened (TIME: "this morning", "今天上午"),
    the window served at (NUMBER: "window 3", "3号窗口"), what a broken thing does
    (CONDITION: "stuck on red", "一直是红灯", "不亮"), what it looks or smells like
    (APPEARANCE: "水是黄的", "brown water", "smells of chlorine"), whether anyone is inside
    (OCCUPANTS: "里面没人", "nobody is inside") and what happened (ACCOUNT: a clause beyond
    the opener, "she shouted at my mother", "shouted at me")."""
    words = reading(words)
    told = {TIME} if _HAPPENED_WHEN.search(words) else set()
    told |= {NUMBER} if _WINDOW.search(words) else set()
    told |= {ACCOUNT} if _tells_what_happened(words) else set()
    told |= {CONDITION} if _CONDITION.search(words) else set()
    told |= {APPEARANCE} if _APPEARANCE.search(words) else set()
    told |= {OCCUPANTS} if _OCCUPIED.search(words) else set()
    return given(words) | told
