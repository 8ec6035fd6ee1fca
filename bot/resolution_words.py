"""What a requester's words after a resolution say, as pure functions (issue 14, input 5).

A clerk who has just told someone "it is done, please confirm" hears their answer by its kind,
in either language: "not solved" ("they haven't come yet, it's still beeping", "我家还是没电啊,
你们搞错了吧": the problem is still there, again, nobody came, it was got wrong), "solved" ("it
works now", "修好了", "没问题了") or a rating ("给5星吧", "rate it 4", "★★★★★"). A problem
said to be over ("no longer beeping", "not broken anymore", "不漏了") is not a complaint.
`says_not_solved` is the narrower reading used anywhere a requester answers (after a template's
answer too); `read_after_resolution` adds what only makes sense after a resolution.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from bot import but_words, faults, hazard
from bot.but_words import MATTER_OPENER, OF_RESOLUTION, about_the_service, thing_wrong
from bot.rating_words import fold as _fold
from bot.rating_words import rating_alone, rating_said
from bot.reading import reading
from bot.remembered import remembered


class Said(StrEnum):
    """What words after a resolution say of it."""

    NOT_SOLVED = "not_solved"  # as the *Not solved* button: reopened to the same owner
    SOLVED = "solved"  # confirmed, with `score` when they rated it, `remark` when they
    # added one on the service ("修好了,不过师傅把地弄脏了")
    OTHER = "other"  # anything else: asked again


@dataclass(frozen=True)
class Reading:
    said: Said
    score: int | None = None  # a rating 1-5 given in words
    remark: str | None = None  # "solved, but …": what they said of the service after "but"


# Clear "not solved" words (SPEC rule 10: "not solved" reopens to the same owner), in the two
# languages requesters write. Only unambiguous phrasings: "还是" alone is also "anyway" (还是
# 谢谢), "still" alone is also "still, thanks", so each needs what makes it a complaint.
_ZH_STATE = (
    r"(不(?!错|客气|好意思)|没|沒|坏|有问题|一样|老样子|存在"
    r"|黄|浑|停|漏|黑|灭|响|臭|堵|滴|冷(?!静|漠|淡)|冻|凉|跳闸|那样)"
)
_EN_STATE = (
    r"(not|no|broken|broke|brown|yellow|dirty|cloudy|down|out|off|dark|dead|failing|happening"
    r"|the same|same|there|leaking|leaks|dripping|flooding|flooded|beeping|beeps|ringing|buzzing"
    r"|flickering|blinking|smelly|smells|smelling|stinks|stinking|blocked|clogged|stuck|noisy"
    r"|cold|freezing|chilly|icy|waiting|nothing|without|doesn'?t|isn'?t|aren'?t|can'?t|won'?t|have|has|loose"
    r"|wobbly|wobbling|wobbles|shaking|shaky|running|flowing|gushing|pouring|squeaking|creaking"
    r"|rattling|cracked|unlit|bumpy|uneven|potholed|full\s+of\s+(holes|potholes|cracks|water|rubbish))"
)
# A fault state said still there with words between ("还在哗哗流水", "还是松的", "还是有点漏"):
# only states of a fault, never "不" or "没" alone, and never past a clause's end.
_ZH_FAULT = (
    r"(流水|流个不停|漏|渗|冒水|滴水|松|晃|摇|坏|不亮|不通|不转|不出水|不热|不响|臭|堵|吵|冷(?!静|漠|淡)|冻|凉|跳闸"
    r"|坑|洼|凹凸|不平|破|裂"
    r"|(关|冲|打|拧|锁|合|开|用|转|点|推|拉)不(上|下去|开|动|了|着|住|出来))"
)
_NOT_SOLVED = re.compile(
    r"(没|沒|未|并没|没有|還沒|还没)(有)?(解决|解決|修好|修复|处理好|弄好|好|恢复|办好|搞定|到账|退)"
    rf"|(还是|仍然|仍|依然|依旧|照样|还)(在|是)?{_ZH_STATE}"
    # 还 before a request is "also" ("还请师傅把松动的地砖也看看"), not "still".
    rf"|(还在|仍在|还是|仍然|依然|依旧|照样|一直|还(?!请|麻烦|希望|想|要|需|得|让|叫|有(?!点|些)))"
    rf"[^\s,，、.。!！?？;；:：]{{0,4}}?{_ZH_FAULT}"
    r"|(?<!得)不行|没用|沒用|不管用|问题(还|仍|依然)在"  # "臭得不行": very smelly, no verdict
    r"|\b(not|isn'?t|wasn'?t|hasn'?t|haven'?t|never)\s+(been\s+|really\s+|yet\s+)?"
    r"(solved|fixed|resolved|sorted|working|repaired|done|helped?)\b"
    rf"|\bstill\s+(very\s+|completely\s+|totally\s+|all\s+)?{_EN_STATE}\b"
    r"|\b(does|did|do)\s*n[o']?t\s+(work|help|fix)\b|\bnot solved\b|\bunsolved\b"
    r"|\b(won'?t|can'?t|cannot)\s+(work|turn on|switch on|start|open|flush|drain)\b",
    re.IGNORECASE,
)
# A resolution said wrong or done in part ("只弄好了一半", "修了一半就走了"), in either language.
_FLAWED = (
    r"(结果|答复|回复|处理|结论|办理|说法|信息|方案|解决)\w{0,3}(不准确|不准|不对|不正确|有误|有错|错误|错了"
    r"|不全|不完整|不彻底|不到位)|(?<!没)(不准确|不彻底|不完整|不到位)"
    r"|[只才](修|处理|解决|弄|办|做|换|补|填|铺|干)(好|完)?了?(一半|一部分|部分|一点)"
    r"|(修|处理|弄|做|换|补|填|铺|干)(好|完)?了?(一半|一部分)(就|便)?(走|撤|停|不管|没管)"
    r"|没(有)?(修|处理|解决|弄|办|做)(完|彻底|到位)"
    r"|\b(inaccurate|incorrect|incomplete|inadequate|half[- ]done|half[- ]fixed|not\s+fully"
    r"|not\s+entirely|not\s+completely|only\s+(half|part|partly|partially)"
    r"|only\s+(fixed|repaired|did|filled|sorted|finished|done|mended|cleared)\s+(half|part|some|one)"
    r"|(fixed|repaired|did|filled|done|finished)\s+only\s+(half|part|some))\b"
    r"|\b(result|resolution|answer|reply|outcome|fix|repair|solution|information|info|response)"
    r"\s+(is|was|'s|seems|looks)\s+(wrong|not\s+(right|correct|accurate|complete))\b"
)
# Only after a resolution: the work was never done, the problem is back, it was got wrong.
_NOT_DONE = re.compile(
    r"\b(have|has|had|did|do|does)\s*n[o']?t\s+(yet\s+|even\s+)?(come|came|shown up|showed up"
    r"|turned up|arrived|been|visited|repaired|finished|started|touched|looked)\b"
    r"|\b(nobody|no one|no-one|noone|none of them)\s+(has\s+|have\s+|ever\s+|even\s+)?(came|come"
    r"|showed|shown|turned|arrived|visited|fixed|repaired|called|contacted|been)\b"
    r"|\bnever\s+(came|come|showed|turned up|arrived|fixed|repaired)\b"
    r"|\bnot\s+(come|came|arrived|shown up)\b"
    r"|\b(happening|happened|happens|broken|broke|breaks|leaking|leaks|leaked|stopped|beeping"
    r"|dark|off|out|down|back|failed|failing|blocked|clogged|flooded|flooding|same thing"
    r"|not working|doesn'?t work|went out|cut off)\s+again\b"
    r"|\bagain\s+(no|broken|leaking|beeping|dark|not)\b"
    r"|\byou(('|\s+ha)ve)?\s+(got|gotten|done)\s+(it|this|that|something)\s+wrong\b"
    r"|\b(fixed|repaired|came to|went to|checked)\s+the\s+wrong\b"
    r"|\bwrong\s+(address|house|flat|apartment|building|place|street|meter|unit|room|door)\b"
    r"|没(有)?人(来|管|上门|联系|处理)|人(也|都|还)?没(有)?(来|到|上门)"
    r"|(还|都|也|根本)没(有)?(来|上门|修|处理|动)(?!得)|没(有)?(来|上门)修"
    r"|又(坏|漏|停|没|不(?!错)|黄|浑|堵|响|黑|灭|断|跳闸|出(问题|事)|来了|开始|冒|臭|滴)"
    r"|搞错|弄错|修错|搞混|不是我家|地址错"
    # The resolution contradicted: "不是说修好了吗", "didn't you say it was fixed?".
    r"|(?<!是)不是(说|讲)(过)?(已经|都)?(修好|弄好|搞好|处理好|解决|修复|恢复|搞定|办好|好)"
    r"|\b(did\s*n[o']?t\s+you\s+(say|tell|promise)|you\s+(said|told|promised))\s+(me\s+)?"
    r"(it|this|that|they|the\s+\w+)\s*('s|was|is|were|had\s+been|has\s+been|'d\s+been)\s+"
    r"(all\s+)?(fixed|repaired|solved|resolved|sorted|done|working)\b"
    r"|(?<![有])没(电|水|气|暖气|热水|信号|网)(?!费)"
    # The resolution itself said to be wrong or incomplete ("处理结果不准确", "只修了一半",
    # "the resolution is inaccurate"): not solved, whatever "solved" came before it.
    rf"|{_FLAWED}",
    re.IGNORECASE,
)
# A problem said to be over: taken out before looking for a complaint.
_OVER = re.compile(
    r"\b(no\s+longer|not|isn'?t|aren'?t|wasn'?t|hasn'?t|haven'?t|never|stopped)\s+"
    r"(been\s+|really\s+|even\s+)?"
    r"(broken|broke|leaking|dripping|flooding|dark|beeping|ringing|buzzing|flickering|blinking"
    r"|smelly|smelling|stinking|blocked|clogged|stuck|noisy|cold|brown|dirty|a problem|an issue"
    r"|happening|happened)(\s+(again|any\s?more))?\b"
    r"|\b(broken|leaking|beeping|dark|blocked|happening)\s+no\s+more\b"
    r"|不再(漏|滴|响|臭|堵|黑|停|坏|跳闸|出问题|有问题|吵)\w{0,2}|没有?问题了|(?<![还是仍又])不(漏|滴|响|臭|堵|黑|停|黄|浑|坏|吵)了",
    re.IGNORECASE,
)
# "Solved" in words; and what says nothing more (fillers, thanks, "good") once those are out.
_SOLVED = re.compile(
    r"(已经|都|全|终于)?(修好|弄好|搞好|办好|处理好|好|解决|搞定|恢复|正常|可以|行|能用|有电|来电"
    r"|有水|来水|亮|通|安静|清净|干净)了|已(经)?(解决|修好|恢复|处理好?)|问题解决|没(有)?问题了|没事了"
    r"|\b(it|everything|all|that|this)?\s*('s|is|are)?\s*(works|working|fine|ok|okay|good|great"
    r"|sorted|fixed|solved|resolved|done|back on|back|quiet|silent|dry|clean|clear)\s+now\b"
    r"|\b(all\s+|it'?s\s+|it\s+is\s+|now\s+|been\s+)?(fixed|solved|resolved|sorted)\b"
    r"|\b(it|that)\s+(works|worked|helped|did it)\b|\bworks\b|\bproblem solved\b|\ball good\b"
    # A supply said back: "the power is back", "power's back on", "water came back".
    r"|\b(power|electricity|water|hot water|heating|gas|lights?|internet|signal)"
    r"\s*('s|is|are|has|have|came|come|been|got)*\s*(all\s+)?back(\s+on)?\b",
    re.IGNORECASE,
)
# The thing solved named before "solved" ("谢谢,路修好了", "灯也亮了", "the pothole is fixed",
# "the street light has been repaired now"): still "solved" and nothing else, the thing's words
# taken out (`_solved_and_more`). Never a negation nor a report of it ("没修好", "你们说修好了",
# "the pothole is not fixed", "you said it was fixed", "nothing is working" keep their words),
# nor a part of it ("只修好了一半", "half of it is fixed").
_ZH_NOT_THING = "不没沒未无还仍又别再也都已经全终于说讲称为该能像吗么呢吧只半部些有本原"
_ZH_THING = rf"(?:(?![{_ZH_NOT_THING}])[\u4e00-\u9fff]){{1,6}}"
_ZH_DONE = (
    r"(?:(?:已经|已|都|也|全|终于)?(?:修好|修复|弄好|搞好|补好|填好|填平|铺好|换好|装好|处理好"
    r"|好|通|亮|恢复|解决|正常|能用)了|(?:已经?|都已经?)(?:修好|修复|解决|恢复|处理好?|填平|补好))"
)
_EN_THING = (
    r"\b(?:(?:the|my|our|this|that|your)\s+)?"
    r"(?:(?!(?:not|never|no|nothing|none|nobody|neither|nor|hardly|barely|only|half|partly"
    r"|partially|some|most|it|is|are|was|were|has|have|been|said|told|thought)\b)[a-z]+\s+){1,3}?"
)
_EN_DONE = (
    r"(?:(?:is|are|was|were|has\s+been|have\s+been|got|been)\s+|'s\s+|'re\s+)?"
    r"(?:now\s+|all\s+|finally\s+|been\s+)?"
    r"(?:fixed|repaired|solved|resolved|sorted|filled(?:\s+in)?|working|done|back\s+on)\b"
)
_THING_SOLVED = re.compile(
    rf"{_ZH_THING}(?P<zh>{_ZH_DONE})|{_EN_THING}(?P<en>{_EN_DONE})"
    rf"|{_ZH_THING}(?P<zh_gone>{but_words.ZH_GONE})|{_EN_THING}(?P<en_gone>{but_words.EN_GONE})",
    re.IGNORECASE,
)


def _thing_said_solved(found: re.Match[str]) -> str:
    """A thing said solved, as "solved" alone ("好了", "fixed": `_SOLVED` reads either); a
    supply said gone is no thing solved (`but_words.supply_named`: "the power is gone" is a
    cut): its words kept."""
    gone = found.group("zh_gone") or found.group("en_gone")
    if gone and but_words.supply_named(found.group(0)[: -len(gone)]):
        return found.group(0)
    return " 好了" if found.group("zh") or found.group("zh_gone") else " fixed"


_FILLER = re.compile(
    r"好的|好吧|挺好的?|很好|非常好|真好|不错|满意|很满意|非常满意|谢谢(你们|您|你)?|感谢|多谢|辛苦(了|你们了)?"
    r"|师傅|你们|服务|给|吧|啊|呀|了|的|嗯|哦|呢|很|非常|好|现在|已经|路灯|灯|水|电|暖气|热水|家里|我家|全部|全都"
    r"|所有的?|一切|统统|都|全|\b(ok|okay|yes|yeah|yep|thanks|thank|you|thx|so|much|very|a|lot|great|good"
    r"|perfect|excellent|nice|now|all|everything|guys|service|and|it|is|i|we|the|really|again"
    r"|lights?|water|power|heating|heat|alarm|smoke|street|my|our|of|both|(that|this)(\s+one)?)\b|'(s|re|m|ve)\b",
    re.IGNORECASE,
)


# "Solved, but" a remark ("修好了,不过师傅把地弄脏了", "fixed, but they left a mess"): the
# word that turns from the solved matter to a remark on how it was done.
_BUT = re.compile(
    r"[\s,，、;；.。!！]*(只不过|不过|但是|但|可是|只是|就是|然而"
    r"|\bbut(?:\s+now)?\b|\bhowever\b|\b(?:al|even\s+)?though\b)"
    r"[\s,，、:：]*",
    re.IGNORECASE,
)
# After "but", what is no remark on the service: a question (asked again, as any question is),
# or the problem still there or back ("不过还有点漏", "but it still drips": never closed as
# solved on a reading that could be wrong).
_NO_REMARK = re.compile(
    r"[?？]|吗|请问|想问|问一下|怎么|什么时候|能不能|可不可以|还|仍|依然|依旧|又|再"
    r"|\b(still|again|yet|question|ask|how|when|what|why|where|which|could you|can you|will you"
    r"|is it|are you|do you|does it)\b",
    re.IGNORECASE,
)


@remembered
def says_not_solved(text: str) -> bool:
    """Whether a requester's words clearly say their problem is not solved ("No, it is still
    not solved", "还是没修好"), a problem said to be over ("no longer beeping") not counted.
    Anything less clear is not."""
    text = reading(text)
    return _NOT_SOLVED.search(_OVER.sub(" ", _fold(text))) is not None


def without_not_solved(text: str) -> str:
    """`text` (its reading form) with its clear "not solved" words (as `says_not_solved`
    finds them) taken out, each as a space: what else it says."""
    return _NOT_SOLVED.sub(" ", _fold(reading(text)))


def read_after_resolution(text: str) -> Reading:
    """What `text`, written while the requester's ticket awaits their confirmation, says:
    NOT_SOLVED (a complaint, `says_not_solved` or the work not done, the problem back, got
    wrong); SOLVED with a `score` when it carries a rating; SOLVED without one when it says
    it is solved and nothing else; OTHER otherwise (a question, a remark: asked again)."""
    written = _fold(text)
    folded = reading(written)
    over = _OVER.sub(" ", folded)
    if says_not_solved(folded) or _NOT_DONE.search(over):
        return Reading(Said.NOT_SOLVED)
    score = rating_said(folded)
    if score is None:
        score = rating_alone(folded)  # "5": the rating the resolution asks for
    if score is not None:
        return Reading(Said.SOLVED, score)
    if _solved_alone(folded):
        return Reading(Said.SOLVED)
    remark = service_remark(written)  # their words, as written
    if remark is not None:
        return Reading(Said.SOLVED, remark=remark)
    if accepted(folded):
        return Reading(Said.SOLVED)
    return Reading(Said.OTHER)


# "OK" and thanks together, in either order and nothing else ("好的,谢谢", "收到,谢谢师傅!",
# "ok thanks", "Okay, thank you so much!"): the resolution accepted, as a clerk hears it. Either
# alone ("ok", "谢谢", "thanks again") may only acknowledge the message, and "还是谢谢你们"
# ("thanks anyway") says it is not: those are asked again.
_OK = (
    r"(好的|好吧|好|行|嗯+|收到(了)?|明白(了)?|知道了"
    r"|ok(ay)?|got it|alright|all right|sure|noted)"
)
_THANKS = (
    r"(谢谢(你们|您|你|啦|了)?(师傅)?|多谢(了)?|感谢(你们|您)?|辛苦(了|你们了)?"
    r"|thanks?( (a lot|so much|very much))?|thank you( (so|very) much)?|thx|ty|cheers)"
)
_ACCEPTED = re.compile(
    rf"^[\W_]*({_OK}[\W_]*({_THANKS}[\W_]*)+|({_THANKS}[\W_]*)+{_OK}[\W_]*)$",
    re.IGNORECASE,
)


def accepted(text: str) -> bool:
    """Whether `text`, after a resolution, is "OK" and thanks and nothing else (`_ACCEPTED`):
    the resolution accepted."""
    text = reading(text)
    return _ACCEPTED.match(_fold(text).strip()) is not None


# Yes to the question a resolution asks ("is your problem solved?"), at the start: "对",
# "是的", "yes" (not "对了", "by the way").
_YES = re.compile(
    r"\s*(?:yes|yeah|yep|yup|correct|confirmed?|对(?!了)|对的|对啊|是的|是啊|没错|确认)(?![a-z])",
    re.IGNORECASE,
)


def _solved_alone(folded: str) -> bool:
    """The words say it is solved and nothing else (fillers, thanks, "good"); a yes to the
    resolution's question is that too ("对,来电了", "yes")."""
    solved, more = _solved_and_more(folded)
    return solved and not more


def _solved_and_more(folded: str) -> tuple[bool, bool]:
    """Whether the words say it is solved (a yes to the resolution's question counts), and
    whether they say anything besides that, fillers and thanks apart. Words said besides stay
    said in any longer text that starts with them: a caller reading sentence by sentence can
    stop there (a message of thousands of characters is read once, not once a sentence)."""
    over = _OVER.sub(" ", folded)
    solved = over != folded  # a problem said to be over
    yes = _YES.match(over)
    if yes is not None:
        over, solved = over[yes.end() :], True
    over = _THING_SOLVED.sub(_thing_said_solved, over)
    solved = solved or _SOLVED.search(over) is not None
    rest = _FILLER.sub(" ", _SOLVED.sub(" ", over))
    return solved, re.search(r"[\w\u4e00-\u9fff]", rest) is not None


def _solved_leads(text: str) -> Iterator[tuple[str, str]]:
    """`text` split at each sentence's end whose lead says "solved" and nothing else: (the
    lead, the rest), first split first. Stops at the first lead that says more (see
    `_solved_and_more`)."""
    for end in _SENTENCE_END.finditer(text):
        lead, rest = text[: end.end()].strip(), text[end.end() :].strip()
        solved, more = _solved_and_more(_fold(reading(lead)))
        if more:
            return
        if solved and rest:
            yield lead, rest


def solved_but(text: str) -> tuple[str, str] | None:
    """`text` as "solved" then "but" and more words: (the lead, "but" included; the words
    after it, as written), or None: no "but", or the words before it say more than
    "solved" (the thing solved named is no more: "谢谢,路修好了", "the pothole is fixed",
    `_THING_SOLVED`), or nothing follows it ("修好了,不过隔壁的路灯也坏了" → ("修好了,不过",
    "隔壁的路灯也坏了")). "But" is any contrast word (`_BUT`: 不过, 但是, 但, 可是, 只是, 只不
    过, 然而, but, however, though, although), after full-width or half-width marks."""
    read = reading(text)  # as long as `text`: its places are the same
    turn = _BUT.search(read)
    if turn is None or not turn.start() or not _solved_alone(_fold(read[: turn.start()])):
        return None
    rest = text[turn.end() :].strip(" \t\n,，、;；.。!！")
    if not re.search(r"[\w\u4e00-\u9fff]", rest):
        return None
    return text[: turn.end()].strip(), rest


# The end of a sentence, where "solved" may end and another matter begin with no "but".
_SENTENCE_END = re.compile(r"[。.!！;；]+\s*")


def solved_then_another(text: str) -> tuple[str, str] | None:
    """`text` as "solved" then another matter to act on (`another_matter`), with or without
    "but" between: "来电了,谢谢。不过楼道的灯还是不亮", "来电了,谢谢。楼道的灯还是不亮" →
    ("来电了,谢谢。", "楼道的灯还是不亮"): (the lead, the other matter's words), or None. Without
    "but", only at a sentence's end after words that say "solved" and nothing else."""
    split = solved_but(text)
    if split is not None:
        return split if another_matter(split[1]) else None
    for lead, rest in _solved_leads(text):
        if another_matter(rest):
            return lead, rest
    return None


def solved_then_more(text: str) -> tuple[str, str] | None:
    """`text` as "solved", "but" (or a sentence's end) and words that may be a matter of their
    own (issue 14), for the caller to judge against the ticket: a fault or a danger
    (`another_matter`), a thing in a bad state (`but_words.thing_wrong`: "我家最近水压很小"),
    a question or something still wrong (`_NO_REMARK`: "the bill is still wrong"), or an
    opener of a complaint, request or question ("我想申请公租房", "I want to complain
    about…"); never words of the resolution itself ("处理结果不准确", "the result is
    wrong": the ticket's, not solved). (The lead, the words after it), or None."""
    split = solved_but(_fold(text))
    if split is None:
        for lead, rest in _solved_leads(text):
            but = _BUT.match(reading(rest))
            split = lead, rest[but.end() :] if but else rest
            break
    if split is None or OF_RESOLUTION.search(reading(split[1])):
        return None
    rest = reading(split[1])
    if another_matter(rest) or thing_wrong(rest) or _NO_REMARK.search(rest):
        return split
    return split if MATTER_OPENER.search(rest) else None


def service_remark(text: str) -> str | None:
    """What the requester says of the service after saying it is solved and "but"
    ("修好了,不过师傅把地弄脏了": "师傅把地弄脏了"; "fixed, but they left a mess": "they left a
    mess"), or None: the words before "but" say more than "solved", nothing follows it, what
    follows is a question or the problem still there (`_NO_REMARK`), or it is not about the
    service itself (`but_words.about_the_service`: its people, how they did it): another
    matter to act on ("不过隔壁的路灯也坏了") or a thing in a bad state ("不过我家最近水压
    很小": a new problem, no fault of the officer's) is no remark. Only for words that say
    nothing of the problem not solved (`read_after_resolution` looks for that first)."""
    split = solved_but(_fold(text))
    if split is None or _NO_REMARK.search(reading(split[1])) or another_matter(split[1]):
        return None
    return split[1] if about_the_service(reading(split[1])) else None


def another_matter(text: str) -> bool:
    """Whether `text` tells a matter to act on of its own: a fault (`faults.reports_fault`,
    "隔壁的路灯也坏了", "the street light next door is out too") or a danger to people
    (`hazard.dangers`)."""
    text = reading(text)
    return faults.reports_fault(text) or bool(hazard.dangers(text))
