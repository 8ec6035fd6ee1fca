"""A fault report told by its kind, as a clerk hears one: a public thing (a drain, a manhole
cover, a tree, a street light, the water) and a state that says it is broken, missing,
blocked, fallen or gone ("下水道堵了", "井盖丢了", "树倒了压住了一辆车", "the drain is
blocked", "manhole cover is missing", "a tree fell on a car", "No water at all since this
morning"), in either language. No list of whole phrases: any such thing with any such state.

A requester's own things (an ID card lost, a password forgotten) are no such things: losing
one is a service request, not a fault. A state denied ("井盖没丢", "the drain is not blocked")
reports nothing, nor does one in a clause asking how, where or whom to report it ("路灯坏了找
谁修", "who do I call when the drain is blocked": `bot.hazard.asked_how`, the reader every
check of a matter now shares), unless it says the thing is theirs or going on ("我家门口路灯
坏了找谁修"; "the drain is blocked, who do I call?" tells it in a clause of its own).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.denial import denied
from bot.hazard import asked_how, said_at, supposed
from bot.hazard_words import NOT_ITSELF
from bot.reading import reading
from bot.remembered import remembered

# Things of the public space and the supply lines that a department repairs.
_ZH_THINGS = (
    "下水道|下水管|排水管|排水沟|污水管|化粪池|地漏|马桶|雨水口|窨井|井盖|树枝|大树|树木|行道树|树|"
    "路灯|红绿灯|信号灯|交通灯|楼道灯|灯杆|电线杆|电线|电缆|变压器|配电箱|水管|自来水管|管道|"
    "燃气管|消防栓|消火栓|水龙头|水表|电表|燃气表|煤气表|气表|暖气片|暖气|电梯|路面|马路|道路|人行道|桥|护栏|栏杆|"
    "围墙|围栏|广告牌|招牌|站牌|公交站|垃圾桶|垃圾箱|门禁|单元门|台阶|屋顶|外墙|墙皮|瓷砖|"
    # a wall's or ceiling's coat, as the English list has it (plaster, paint, wallpaper)
    "天花板|吊顶|墙面|墙漆|油漆|墙纸|壁纸|墙灰|石灰|地砖|"
    "灯"  # any light: "楼道的灯还是不亮" is the stairwell light, as "楼道灯" is
)
_ZH_STATES = (
    "坏|堵|丢|不见|被偷|被盗|没了|倒|断|塌|陷|裂|破|漏|掉|歪|冒水|冒污水|溢|积水|不亮|不通|"
    "不转|不出水|失灵|停了|卡住|松动|脱落|剥落|起皮|掉皮|缺失|缺了|翻了|压|不能用|不能使用|用不了|不能正常使用|"
    "不工作|停运|不走字|不走了|停走|不计数|不计量|黑屏|"
    "常亮|一直(?:是|亮)?(?:红|绿|黄)|(?:一直|不停|乱)闪"
)
# A state next to its thing, within one clause: "井盖丢了", "树倒了", "路灯一直不亮".
_ZH_FAULT = re.compile(rf"(?:{_ZH_THINGS})[^。！？!?;；,，\n]{{0,8}}?(?P<state>{_ZH_STATES})")
# A supply that is gone: "没水了", "没有电", "一直没暖气", "没有一滴水".
_ZH_OUTAGE = re.compile(
    r"(?P<state>没有?|断了?)(?:(?:一点儿?|一滴|半点|一丁点)(?=水|电|暖气|燃气))?(?:自来)?(?P<supply>水|电|暖气|燃气|气)"
    r"(?!费|表|价|梯|脑|话|视|味|平|量)"
)
_ZH_DENIAL = re.compile(r"(?:没有?|未|并未|不会|不是)$")

_EN_THINGS = (
    r"drains?|sewers?|gutters?|manholes?(?:\s+covers?)?|drain\s+covers?|toilets?|trees?|"
    r"branch(?:es)?|street\s?(?:lights?|lamps?)|lamp\s?posts?|traffic\s+lights?|lights?|"
    r"poles?|power\s+lines?|cables?|wires?|pipes?|water\s+mains?|mains|hydrants?|taps?|"
    r"meters?|radiators?|heating|lifts?|elevators?|roads?|pavements?|sidewalks?|bridges?|"
    r"railings?|fences?|walls?|signs?|bus\s+stops?|bins?|roofs?|potholes?|"
    # a wall's or ceiling's coat, as the Chinese list has it (墙皮, 瓷砖, 吊顶)
    r"plaster(?:work)?|ceilings?|tiles?|paint(?:work)?|wallpaper|render"
)
_EN_STATES = (
    r"broken|blocked|clogged|choked|missing|stolen|gone|fell|fallen|down|collapsed|cracked|"
    r"leaking|leaks|burst|flooded|flooding|overflowing|not\s+working|out|dark|stuck|loose|"
    r"damaged|smashed|knocked\s+over|came\s+down|come\s+down|caved\s+in|"
    # coming away, as 脱落, 掉, 起皮 say it: "the plaster is peeling off", "tiles came off"
    r"peeling|flaking|crumbling|falling\s+(?:off|down|apart)|(?:coming|came|come)\s+(?:off|away|loose)|"
    r"(?:does|do|did)\s*n[o'’]?t\s+work|won['’]?t\s+work|isn['’]?t\s+working"
    # stopped or broken down, flickering, gone out: "the lift broke down", "the street light
    # keeps flickering", "the lights went out in the whole building"
    r"|stopped\s+working|broke\s+down|break(?:s|ing)?\s+down|flicker(?:s|ing)?|(?:went|gone)\s+out"
    r"|aren['’]?t\s+working|stuck\s+on\s+(?:red|green|amber|yellow)"
)
# A part of a thing that fails on its own ("the lift button", "the bin lid").
_EN_PARTS = (
    r"(?:buttons?|doors?|panels?|bulbs?|switch(?:es)?|handles?|locks?|lids?|poles?|covers?)"
)
# The thing (where it is, maybe), then its state ("the drain is blocked", "a tree fell on a
# car") or the state before the thing ("a blocked drain", "a missing manhole cover").
_EN_AFTER = re.compile(
    rf"\b(?:{_EN_THINGS})\b(?:['’]s(?=\s))?"
    # a part of it: "the lift button doesn't work", "the street light pole is down"
    rf"(?:\s+{_EN_PARTS})?"
    # where it is, between the thing and its state: "the drain in our building is blocked",
    # "the lift button on floor 3", "the traffic light at Oak Street and 5th"
    r"(?:\s+(?:in|at|on|outside|near|by|of|next\s+to|beside|behind|in\s+front\s+of|across\s+from)"
    r"\s+(?:(?:the|our|my|this|that|a)\s+)?[a-z0-9]+"
    r"(?:\s+(?!(?:is|are|was|were|has|have|had)\b)(?:and\s+)?[a-z0-9]+){0,3}?)?"
    r"(?:\s+(?:next\s+door|nearby|opposite|across\s+the\s+(?:road|street)))?"
    rf"(?:\s+(?:is|are|was|were|has|have|had|been|got|just|still|"
    rf"completely|totally|all|now|again|been|being|keeps|kept|keep))*\s+(?P<state>{_EN_STATES})\b"
)
# Lights off, which for other things ("the tap is off") is no fault: "the streetlights have
# been off for a week", "the stairwell light is off again"; a lamp post "off" is left to the
# matcher to suggest (its light, or the post knocked off its base?).
_EN_LIGHTS_OFF = re.compile(
    r"\b(?:street\s?(?:lights?|lamps?)|lights?)"
    r"(?:\s+(?:in|on|at|outside|of)\s+(?:(?:the|our|my|this)\s+)?[a-z0-9]+)?"
    # said to be off, not asked to be turned off ("turn the lights off please")
    r"(?:\s+(?:is|are|was|were|has|have|had|been|all|still|again|completely))+\s+(?P<state>off)\b"
)
_EN_BEFORE = re.compile(
    rf"\b(?P<state>broken|blocked|clogged|missing|stolen|fallen|collapsed|cracked|leaking|"
    rf"burst|flooded|overflowing|damaged|smashed)\s+(?:\w+\s+){{0,2}}?(?:{_EN_THINGS})\b"
)
# A supply that is gone: "no water at all", "there is no power", "without electricity".
_EN_OUTAGE = re.compile(
    r"\b(?P<state>no|without)\s+(?:running\s+|tap\s+)?"
    r"(?P<supply>water|power|electricity|gas|heating)\b(?!\s+(?:leak|bills?|smell|meters?|prices?))"
)


@remembered
def reports_fault(text: str) -> bool:
    """Whether `text` tells of a public thing broken, missing, blocked, fallen or gone (or a
    supply cut off), a state not denied, nor asked about (`asked_how`), or a supply cut now
    in any words (`cuts_now`: "building 3 is dark", "blackout"): a fault report by its
    kind."""
    text = reading(text)
    folded = text.casefold()
    for pattern in (_ZH_FAULT, _ZH_OUTAGE):
        for found in pattern.finditer(folded):
            state = found.start("state")
            said = (
                not _of_device(folded[: found.start()])
                if pattern is _ZH_OUTAGE
                else not _ZH_DENIAL.search(folded[max(state - 3, 0) : state])
            )
            if said and not denied(folded[: found.start()]) and not asked_how(text, state):
                return True
    for pattern in (_EN_AFTER, _EN_BEFORE, _EN_LIGHTS_OFF, _EN_OUTAGE):
        for found in pattern.finditer(folded):
            state = found.start("state")
            told = not (denied(folded[:state]) or denied(folded[: found.start()]))
            told = told and not (pattern is _EN_OUTAGE and _of_device(folded[:state]))
            if told and not asked_how(text, state):
                return True
    return bool(cuts_now(text))


# A supply stopped, in more words than "没水" and "no power": "停电了", "水停了", "the power
# is out", "a power cut", and a home gone dark ("building 3 is dark"): a power cut.
_ZH_CUT = re.compile(
    r"(?:停|断)了?(?:自来)?(?P<supply>水|电|暖气|燃气|气)(?!费|表|价|梯|脑|话|视|味|平|量|车|动|线)"
    r"|(?<!来)(?P<after>水|电|暖气|燃气)(?:也|又|都|全|突然|一直)?(?:停|断)(?:了|掉)"
)
_EN_CUT = re.compile(
    r"\b(?:lost|losing|cut\s+off)\s+(?:the\s+)?(?P<supply>water|power|electricity|gas|heating)\b"
    r"|\b(?P<after>water|power|electricity|gas|heating)(?:['’]s(?=\s))?(?:\s+supply)?\s+"
    r"(?:(?:is|was|has|have|had|been|went|just|all|still|completely|keeps|kept|keep)\s+)*"
    r"(?:cut|cuts|out|off|down|gone|outages?|failures?|stopped|(?:turned|shut)\s+off"
    # cutting out again and again: "the power keeps going off", "electricity keeps tripping"
    r"|(?:going|cutting|turning|switching)\s+(?:off|out)|trip(?:s|ped|ping)?)\b"
    r"|\b(?P<dark>blackout|(?:building|block|flat|home|house|estate|apartment|everything|whole"
    r"\s+\w+)\s+(?:\w+\s+)?(?:(?:is|are|was|were|went|has|have|had|been|gone|all|completely"
    r"|totally|now|still|just)\s+)+dark)\b"
)
# A supply not back yet, the cut going on in other words: "还没来电", "电还没来", "到现在还没通电",
# "还没恢复供水", "the power still isn't back", "water hasn't come back on": the supply cut.
_ZH_NOT_BACK = re.compile(
    r"没有?(?:来|通|恢复(?:供)?|供)(?P<supply>水|电|暖气|燃气)(?!话|费|表|价|梯|脑|视|线|器|影|动|池)"
    r"|(?<![充用来])(?P<after>水|电|暖气|燃气)(?:也|都)?(?:还|仍|仍然|依然|一直)?没有?(?:来|通|恢复)"
)
_EN_NOT_BACK = re.compile(
    r"\b(?P<after>water|power|electricity|gas|heating)(?:['’]s|\s+supply)?"
    r"(?:\s+(?:is|has|was|still|just|yet))*\s*"
    r"(?:\s(?:not|never)|\s(?:is|has|was|have)n['’]t|n['’]t)"
    r"(?:\s+(?:been|yet|come|came|coming|still))*\s+(?:back|restored|returned|on)\b"
)
# Taps that give nothing, the water cut in other words: "水龙头一滴水都不出了", "拧开龙头不出水",
# "our taps are dry", "the taps have run dry", "nothing comes out of the tap".
_ZH_TAPS_DRY = re.compile(
    r"(?P<tap>水龙头|龙头)[^。！？!?;；,，\n]{0,6}?"
    r"(?:都|也)?(?:不出水|不出了|不出(?=$|[。！？!?;；,，\s])|不出来|出不来|不来水|干了|放不出|拧不出|滴水不出)"
)
_EN_TAPS_DRY = re.compile(
    r"\b(?P<tap>taps?|faucets?)\b(?:\s+(?!(?:is|are|was|were|has|have|had)\b)[a-z0-9]+){0,4}?"
    r"(?:\s+(?:are|is|were|was|have|has|had|gone|run|ran|running|all|completely|totally|bone"
    r"|now|still|just|both))*\s+dry\b"
    r"|\bnothing\s+(?:comes?|is\s+coming|came)\s+out\s+of\s+(?:the|our|my|any)\s+"
    r"(?P<nothing>taps?|faucets?)\b"
    # not a drop, the water cut told by what is left: "not a drop of water in building 3"
    r"|\bnot\s+(?:a|one|a\s+single)\s+drop\s+of\s+(?P<drop>water)\b"
)
# A supply with none of it left, the cut in the other order: "一点水都没有", "一滴水都没有了",
# "家里连电都没有", "暖气也没有了" (the supply, then none of it, closing the clause; "薪水都没
# 有", "来电都没有", "水都没有人管" are no cut).
_ZH_NONE_LEFT = re.compile(
    r"(?<![薪来充口墨汗泪雨香胶油风闪静发])(?P<after>水|电|暖气|燃气)(?:也|都|全|根本|完全)+"
    r"没有?(?:了|啦|呢|啊|呀)*(?=$|[\s。！？!?;；,，.…~\n])"
)
_SUPPLY = {
    "水": "water",
    "电": "power",
    "气": "gas",
    "燃气": "gas",
    "暖气": "heating",
    "electricity": "power",
    "dark": "power",
}
# The supply told by the kind of words, not by its name: a home dark, taps dry.
_BY_KIND = {"dark": "power", "tap": "water", "nothing": "water", "drop": "water"}


# A device of one's own gone flat is no supply cut ("手机没电了", "my phone has no power"),
# named before the cut, in its clause or an earlier one ("烟雾报警器一直在响,应该是没电了",
# "the smoke alarm keeps beeping, I think it has no power").
_DEVICE = re.compile(
    r"手机(?!号)|电脑|笔记本|平板|电动车|电瓶车|电瓶|电池|充电宝|遥控器|手表|汽车|车子|报警器|烟感"
    r"|探测器|感应器|门锁|智能锁|指纹锁|密码锁|门铃|对讲机|助听器|应急灯|手电|闹钟|耳机|相机"
    r"|\b(?:(?:mobile )?phones?(?! numbers?)|laptops?|batter(?:y|ies)|car(?!\s*park)"
    r"|scooters?|e-?bikes?|remotes?|watch|tablets?|alarms?|detectors?|sensors?|doorbells?"
    r"|(?:smart |door )?locks?|torch|flashlight|hearing aids?|headphones|earbuds|cameras?)\b"
)
# What a supply is cut to (a home, a building, an area): named after the device, the cut is
# its ("手机没电了,家里也停电了", "my phone is dead and we have no power").
_HOLDER = re.compile(
    r"家|屋|房间|房子|楼(?![上下])|单元|小区|片区|整个|村|街|一片|这边|那边|这里|附近|周边|我们|咱们"
    r"|院|大厦|宿舍|公司|办公室"
    r"|\b(?:home|house|flat|apartment|building|block|estate|street|road|area|neighbou?rhood"
    r"|whole|everywhere|here|we|us|our)\b"
)


_CLAUSE_END = re.compile(r"[。！？!?;；,，\n]|\.\s")


def _of_device(before: str) -> bool:
    """Whether a cut told after `before` (casefolded, nothing blanked: a smoke alarm is a
    device) is a device's gone flat: a device named in the cut's clause or the one before,
    and no home, building or area after the last one."""
    ends = [m.end() for m in _CLAUSE_END.finditer(before)]
    near = before[ends[-2] :] if len(ends) > 1 else before
    ends_of_devices = [m.end() for m in _DEVICE.finditer(near)]
    return bool(ends_of_devices) and not _HOLDER.search(near, ends_of_devices[-1])


@dataclass(frozen=True)
class Cut:
    """A supply said cut off: which ("water", "power", "gas", "heating"), the words that
    told it, and where they start in the casefolded text."""

    supply: str
    words: str
    at: int


@remembered  # an update's readers ask it of one text several times
def _cuts(text: str) -> tuple[Cut, ...]:
    """Every supply cut `text` tells, not denied, nor a notice or plan of one, nor a device
    of one's own gone flat (`_of_device`), in order."""
    raw = text.casefold()
    folded = NOT_ITSELF.sub(lambda m: " " * len(m.group()), raw)
    found = []
    for pattern in (
        *(_ZH_OUTAGE, _ZH_CUT, _ZH_NOT_BACK, _ZH_TAPS_DRY, _ZH_NONE_LEFT),
        *(_EN_OUTAGE, _EN_CUT, _EN_NOT_BACK, _EN_TAPS_DRY),
    ):
        for match in pattern.finditer(folded):
            if denied(folded[: match.start()]) or _of_device(raw[: match.start()]):
                continue
            key, word = next((k, v) for k, v in match.groupdict().items() if v and k != "state")
            supply = _BY_KIND.get(key) or _SUPPLY.get(word, word)
            found.append(Cut(supply, match.group().strip(), match.start()))
    return tuple(sorted(found, key=lambda cut: cut.at))


def cut_supplies(text: str) -> frozenset[str]:
    """The supplies `text` says are cut off, not denied nor a notice or plan of a cut
    ("停水通知", "计划停电", "planned outage": words for something else,
    `hazard_words.NOT_ITSELF`): of "water", "power", "gas" and "heating"."""
    text = reading(text)
    return frozenset(cut.supply for cut in _cuts(text))


def cuts_now(text: str) -> list[Cut]:
    """The supply cuts `text` tells as happening to the requester now, in any words ("停电了",
    "整栋楼都没电了", "no power since 8am", "the power is out", "building 3 is dark",
    "blackout"): `cut_supplies`' cuts said now as `bot.hazard.said_now` hears a configured
    outage word (not past, supposed, asked about, planned, nor in a clause asking how or whom
    to report one: "停电报修电话是多少", "明天停电吗"). The one reader of a current cut: a
    fault report (`reports_fault`), its priority (`bot.priority.keyword_priority`) and its
    template (`bot.intake.search`)."""
    text = reading(text)
    return [cut for cut in _cuts(text) if said_at(text, cut.at)]


@remembered
def supplies_cut_now(text: str) -> frozenset[str]:
    """The supplies `text` says are cut off now (`cuts_now`)."""
    text = reading(text)
    return frozenset(cut.supply for cut in cuts_now(text))


# A supply's return asked after, the cut it ends named by it: "什么时候来电", "几点恢复供水",
# "when will the power come back", "how long until the water is back".
_ZH_RETURN = re.compile(
    r"(?:什么时候|啥时候|几点|多久|何时|多长时间)(?:才|能|会|可以)*(?:来|通|恢复(?:供)?)"
    r"(?P<supply>水|电|暖气|燃气)(?!话|费|表|价|梯|脑|视|线|器|影|动|池)"
)
_EN_RETURN = re.compile(
    r"\b(?:when|how\s+long|what\s+time)\b[^.?!,;]{0,30}?\b(?P<supply>water|power|electricity"
    r"|gas|heating)(?:\s+supply)?\s+(?:(?:will|be|is|to|get|gets|going|to)\s+)*"
    r"(?:come|comes|coming|back|restored|return|returns|on\s+again)\b"
)
# A cut ahead, or whether one reaches somewhere, not one now nor one asked about now: "明天
# 停电吗", "will there be a power cut tomorrow?", "这个停水会影响到3号楼吗", "will the water
# outage affect building 3?".
_AHEAD = re.compile(
    r"明天|后天|下周|下个月|下星期|将要|会不会|影响|\btomorrow\b|\bnext\s+(?:week|month)\b"
    r"|\bwill\s+there\s+be\b|\bgoing\s+to\s+be\b|\bplanned\b|\bscheduled\b|\baffect"
)


@remembered
def supplies_named(text: str) -> frozenset[str]:
    """The supplies whose cut `text` is about, now or asked about ("停电是怎么回事", "是不是停电
    了", "什么时候来电", "Is there a power outage in Xingfuli building 3?", "What is going on
    with the power cut?", "When will the power come back?"), not denied, nor a notice, a
    plan or a cut ahead ("明天停电吗", "will there be a power cut tomorrow?"), nor supposed
    ("what should I do if the power goes out?"): the matter of the supply's template,
    however the words are asked."""
    text = reading(text)
    folded = text.casefold()
    if _AHEAD.search(folded) or supposed(text):
        return frozenset()
    named = {cut.supply for cut in _cuts(text)}
    for pattern in (_ZH_RETURN, _EN_RETURN):
        named |= {_SUPPLY.get(m["supply"], m["supply"]) for m in pattern.finditer(folded)}
    return frozenset(named)
