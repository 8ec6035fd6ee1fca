"""What the words after "solved, but" are about, as pure functions (issue 14).

A clerk who hears "it works now, but …" sorts what follows by what it is about. Words on the
service itself, the people who came or answered and how they did it ("师傅把地弄脏了", "态度
很差", "来得有点晚", "等了一个星期", "they left a mess", "the man was rude", "it took ages"),
are a remark on the service, passed to the officer and their supervisors. A thing in a bad
state is not ("我家最近水压很小", "the water pressure is very low", "楼上很吵", "there is a
strange smell in the stairwell"): a new problem, no fault of the officer's, taken up as a
first inquiry of its own. Words about the resolution itself ("处理结果不准确") and the
openers of a matter of its own ("我想申请…", "I want to complain…") are told here too.
"""

from __future__ import annotations

import re

# The people of the service and how they did it: never a thing's state, whatever else it says.
_SERVICE = re.compile(
    r"师傅|工人|维修(人员|工)|工作人员|客服|接线员|小哥|物业的人|他们|你们|(?<![其])他|她"
    r"|态度|服务|速度|礼貌|效率|耐心|专业|敷衍|推诿|等了|等太久|等很久|拖了|迟到|来得|来晚|上门"
    r"|打电话|没(有)?(通知|联系|告诉)|收费|收钱|费用|太贵|弄脏|弄乱|乱扔|没(有)?收拾"
    r"|\b(they|he|she|him|the\s+(man|woman|guy|lady|men|people|person|guys)|workers?|workm[ae]n"
    r"|staff|technicians?|engineers?|plumbers?|electricians?|repairm[ae]n|officers?|crew|team"
    r"|operators?|service|attitude|rude|impolite|unfriendly|unprofessional|manners|waited"
    r"|took\s+(ages|forever|long|so\s+long|too\s+long|a\s+long\s+time|\w+\s+(hours?|days?|weeks?))"
    r"|mess|messy|charged|fee|expensive|nobody\s+told|no\s+one\s+told)\b",
    re.IGNORECASE,
)
# Slow or late said alone ("就是有点慢", "but it was slow"): the service's, unless a thing is
# said to be slow ("网速很慢": a thing's state, `thing_wrong`).
_SLOW = re.compile(
    r"慢|晚了|太久|好久|很久|\b(slow|slowly|late|long\s+time|ages|forever|delayed?)\b",
    re.IGNORECASE,
)
# A thing's bad state, in either language: a thing named, then how it is ("水压很小", "楼上
# 很吵", "the water pressure is very low", "the stairwell smells"), or a problem named ("low
# water pressure", "a strange smell", "有异味").
_DEGREE = r"(很|太|特别|非常|有点儿?|有些|比较|挺|超|好|更|越来越|老是|总是|一直|经常|还挺)"
_ZH_STATE = (
    rf"(?![是就过只但也都还又可我你她它得])[\u4e00-\u9fff]({_DEGREE}(小|低|弱|大|高|差|臭|吵|脏|暗|烫|热|冷|凉|闷|潮|湿|响|慢|浑|黄|黑"
    r"|乱|滑|松|晃|难闻|刺耳)|(低|弱|臭|吵|脏|浑|暗)(?=了|啊|呀|的|$|[\s,，、.。!！;；~～])"
    r"|不稳|不足|不够|不正常|不对劲|异常|有问题|有一?(股|点|些)?(异|怪|臭|焦|霉|烟|腥|骚)?味(道)?|(股|阵)(异|怪|臭|焦|霉|烟|腥|骚)味|有噪音|有(怪)?声音?|发霉|发臭"
    r"|渗水|漏水|返潮|裂了|坏了|堵了|(吵|臭|冷|热|闷)得"
    # a thing that stopped doing its work: "燃气表不走字了", "冰箱不制冷了", "门铃不响了"
    r"|不(走字|走了|转了|动了|响了|亮了|工作|运转|计数|计量|显示|制冷|制热|出水|出气|好使|灵了)|失灵|停走"
    # a thing gone, taken or opened up: "井盖不见了", "路被挖开了", "垃圾一周没人收"
    r"|不见了|丢了|被偷了?|(被)?挖开了?|没人(收|清理|清运|收拾|管)|(算|收|扣)错了?|不对)"
)
_EN_STATE = (
    r"\b(?!(it|that|this|everything|all|which|what)\b)[a-z]+"
    r"(\s+(is|are|was|were|seems?|looks?|gets?|getting|keeps?\s+getting|feels?|sounds?)|'s|'re)\s+"
    r"((still|very|too|really|quite|so|a\s+bit|a\s+little|pretty|extremely|rather|always|often"
    r"|kind\s+of|way\s+too)\s+)*(low|weak|high|loud|noisy|smelly|stinky|dirty|dark|dim|hot|cold"
    r"|damp|wet|mou?ldy|cracked|broken|leaking|leaky|blocked|clogged|faulty|damaged|loose|wobbly"
    r"|flickering|cloudy|brown|rusty|uneven|slippery|weird|strange|bad|terrible|awful|poor"
    r"|unstable|insufficient|not\s+enough|slow|dead|not\s+working|wrong|incorrect|missing|gone"
    r"|dug\s+up|torn\s+up|uncovered|overflowing|flooded)\b"
    # a thing left undone: "the bins have not been collected for a week", "haven't been emptied"
    r"|\b(?!(it|that|this|everything|all|which|what)\b)[a-z]+\s+(has|have|had)(\s+not|n't)"
    r"\s+been\s+(collected|emptied|cleared|picked\s+up|cleaned|swept|removed|repaired)\b"
    # a thing that stopped doing its work: "the gas meter stopped working", "has stopped"
    r"|\b(stopped|has\s+stopped|have\s+stopped|keeps?\s+stopping)\s+(working|running|counting)\b"
    r"|\b(smells?|stinks?|leaks?|drips?|creaks?|rattles?|hums?|buzz(es)?)\b"
    r"|\b(low|weak|poor|no)\s+(water\s+)?(pressure|signal|flow|voltage|reception)\b"
    r"|\b(a|some|strange|weird|bad|loud|awful|terrible)\s+(smell|noise|odou?r|leak|crack|stain"
    r"|mou?ld|damp)\b"
)
# A thing come loose, bent or broken, "also" allowed ("井盖也松了", "栏杆歪了", "树枝断了").
_ZH_BROKEN = r"(?![是就过只但也都还又可我你她它得])[\u4e00-\u9fff](也|都)?(松动?|歪|倒|塌|断|破)了"
_THING_WRONG = re.compile(f"{_ZH_STATE}|{_ZH_BROKEN}|{_EN_STATE}", re.IGNORECASE)
# Words of the resolution itself or its work: the ticket's ("处理结果不准确", "只修了一半",
# "the result is wrong", "the fix did not last").
OF_RESOLUTION = re.compile(
    r"结果|处理|解决|修|一半|回复|答复|工单|"
    r"\b(result|resolution|outcome|fix|fixed|repair|repaired|solution|solved|half|ticket|job)\b",
    re.IGNORECASE,
)
# Words that open a matter of their own: a complaint, a report, an application, a request or
# a question ("我要投诉…", "我想申请公租房", "I want to complain about…", "could you…").
MATTER_OPENER = re.compile(
    r"投诉|举报|反映|申请|办理|咨询|想问|请问|我要|我想|帮我|麻烦|还有个问题|另外|"
    r"\b(complain|complaint|report|apply|application|request|want|would like|'d like|need"
    r"|please|could you|can you|also|another)\b",
    re.IGNORECASE,
)


def thing_wrong(text: str) -> bool:
    """Whether `text` tells a thing in a bad state ("我家最近水压很小", "the water pressure is
    very low", "there is a strange smell"), the people of the service not spoken of (`_SERVICE`:
    "师傅把地弄脏了" is on the service)."""
    return _SERVICE.search(text) is None and _THING_WRONG.search(text) is not None


def about_the_service(text: str) -> bool:
    """Whether `text` is about the service itself: its people or how they did it (`_SERVICE`:
    "维修人员态度很差", "they left a mess", "等了一个星期"), or slow or late said of no thing
    ("就是有点慢", "it was slow"; "网速很慢" is a thing's state)."""
    if _SERVICE.search(text) is not None:
        return True
    return _SLOW.search(text) is not None and _THING_WRONG.search(text) is None


# "Still" or "again" opening the words, no thing of their own named before it ("还是一闪一闪的",
# "又坏了", "it's still flickering", "still bumpy"); "还有个问题…", "又有一件事" open more.
_STILL_OF_IT = re.compile(
    r"^[\W_]*(它|这|那|现在|目前)?(还是|还在|仍然|仍旧|仍|依然|依旧|照样|照旧|一直|又)(?!有(个|一|件|别|其他))"
    r"|^[\W_]*((it|that|this|they)('s|'re|\s+is|\s+are)?\s+)?(still|again)\b",
    re.IGNORECASE,
)


def still_of_it(text: str) -> bool:
    """Whether `text`, after "solved, but", says the thing in hand is still (or again) so,
    naming no thing of its own ("还是一闪一闪的", "又坏了", "it's still flickering"): the
    ticket's own matter, never a new one ("我的水费账单还是不对" names the bill)."""
    return _STILL_OF_IT.search(text) is not None


# A thing in the way said gone ("the car is gone", "the rubbish has been cleared away", "车拖走
# 了"): solved, as `resolution_words` reads a thing solved, unless it is a supply
# (`supply_named`: "the power is gone" is a cut).
EN_GONE = (
    r"(?:(?:is|are|has\s+been|have\s+been|was|were)\s+|'s\s+|'re\s+)(?:now\s+|finally\s+|all\s+)?"
    r"(?:gone|removed|cleared(?:\s+away)?|taken\s+away|towed(?:\s+away)?|moved)\b"
)
ZH_GONE = r"(?:已经|已|都|也|终于)?(?:移走|拖走|开走|挪走|搬走|清走|运走|清理掉|清理干净)了"
_SUPPLY = re.compile(
    r"电|水|气|暖|信号|网|\b(power|electricity|water|gas|heat|heating|signal|internet|wifi|lights?)\b",
    re.IGNORECASE,
)


def supply_named(words: str) -> bool:
    """Whether `words` name a supply or what carries one ("电", "水", "the power", "the
    lights"): such a thing said gone is cut, not a thing in the way taken away."""
    return _SUPPLY.search(words) is not None
