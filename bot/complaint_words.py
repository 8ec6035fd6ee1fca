"""Whether a requester's words in their ticket complain of how the ticket is handled (issue 14),
as a pure function: "孙伟态度很差,一直拖着不办,我要投诉他", "都三天了还没人管,我要投诉!",
"经办人一直不回复,我要找你们领导", "Officer Sun was rude and keeps stalling, I want to file a
complaint about him", "Three days and nobody has even looked at it, I want to complain!". A
clerk hearing so takes it to a supervisor (bot/complaints.py), not only into the file.

Two things are said: a complaint (投诉, 举报, "找你们领导", complain, "report him", "speak to
your supervisor"), not denied ("不是投诉", "I'm not complaining"); and what it is about is
the handling: the owner named (`owner`: their name, their staff number), the service's people
("经办人", "工作人员", "你们", "your officer", "the person handling it"), the pace
("拖着不办", "没人管", "stalling", "nobody has looked at it") or the manner ("态度很差",
"rude"); or, once someone has it (`claimed`), "投诉他", "complain about him". "Him", the pace
and the manner do not count when a party other than the service is named and none of the
service's people is ("物业一直拖着不修,我要投诉物业": the matter itself, complained of again).
A complaint about another matter (a ticket of its own) is told apart before the words come
here (bot/intake/complaint_opener.py). Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.denial import denied
from bot.reading import reading

_VERB = re.compile(
    r"投诉|举报|检举|告状"
    r"|(?:找|叫|见|要见|请)(?:你们|您们)?(?:的)?(?:领导|主管|上级|负责人出来|科长|主任|局长)"
    r"|(?<![a-z])(?:complain(?:t|ts|ed|ing)?"
    r"|report(?:ing)? (?:him|her|them|this|that|the|your|you)(?![a-z])"
    r"|(?:speak|talk) (?:to|with) (?:a|your|the|someone's) (?:manager|supervisor|boss|superior)"
    r"|escalat(?:e|ing) (?:this|it|my))"
)
# The service's own people, named as such.
_SERVICE = re.compile(
    r"经办人|经办的|(?<!物业)(?<!小区)(?<!公司)负责人|工作人员|办事员|办事人员|客服|窗口"
    r"|你们|您们|这位同志|那位同志|(?:处理|办理|负责|经手|接单)(?:的|这事的|此事的)人"
    r"|(?<![a-z])(?:officer|clerk|staff|agent|caseworker|case worker|your (?:colleague|employee"
    r"|team|office|department|service|people)|you (?:people|guys|lot)|(?:the )?person "
    r"(?:handling|in charge|dealing|responsible)|whoever is (?:handling|dealing))(?![a-z])"
)
_PACE = re.compile(
    r"拖|太慢|这么慢|那么慢|好慢|这么久|那么久|好久|几天了|多少天|石沉大海|推诿|踢皮球|不作为|敷衍"
    r"|没人(?:管|理|处理|办|联系|回复|回|看|接|来)|没有人(?:管|理|处理|办|联系|回复|看)"
    r"|(?:还|一直|始终)(?:是)?(?:没|没有|不)(?:人)?(?:管|理|处理|办|联系|回复|答复|回音|消息|动静|来)"
    r"|不(?:给)?(?:办|管|理|处理|回复|答复)"
    r"|(?<![a-z])(?:stall(?:s|ed|ing)?|delay(?:s|ed|ing)|too slow|so slow|so long|too long"
    r"|forever|ignor(?:e|es|ed|ing)|nobody|no one|no-one|no (?:reply|answer|response|news)"
    r"|(?:has|have)n'?t (?:even )?(?:called|replied|come|looked|answered|done|contacted)"
    r"|(?:has|have) not (?:even )?(?:called|replied|come|looked|answered|done|contacted)"
    r"|brush(?:ed|ing)? (?:me )?off|fob(?:bed|bing)? (?:me )?off|runaround|days and)(?![a-z])"
)
_MANNER = re.compile(
    r"态度|不耐烦|骂人|骂我|凶我|吼|冷漠|刁难|不礼貌|没礼貌|爱答不理|不理不睬|甩脸"
    r"|(?<![a-z])(?:rude|rudely|impolite|attitude|unprofessional|shout(?:ed|ing)? at"
    r"|yell(?:ed|ing)? at|disrespectful|arrogant|dismissive|condescending|hung up on)(?![a-z])"
)
# "投诉他", "complain about him": the one who has the ticket, once someone does.
_HIM = re.compile(
    r"(?:投诉|举报|告)(?:一下)?(?:他|她)(?!们)"
    r"|(?<![a-z])(?:complain(?:t)? (?:about|against|of) (?:him|her)|report (?:him|her))(?![a-z])"
)
# Another party than the service, whose slowness or manner the matter itself may be.
_OTHER_PARTY = re.compile(
    r"物业|邻居|楼上|楼下|隔壁|商家|商户|店家|老板|开发商|房东|中介|施工队|司机|快递|外卖|保安|业委会"
    r"|(?<![a-z])(?:landlord|neighbou?rs?|property manage\w*|shop|store|seller|contractor"
    r"|builders?|developer|driver|courier|security guard)(?![a-z])"
)


_OTHER_PARTY_BEFORE = re.compile(rf"(?:{_OTHER_PARTY.pattern})(?:的|'s)?\s*$")


def _service_named(text: str) -> bool:
    """Whether `text` names the service's people, not another party's ("物业工作人员",
    "the shop staff")."""
    return any(
        not _OTHER_PARTY_BEFORE.search(text[: found.start()]) for found in _SERVICE.finditer(text)
    )


def _complained(text: str) -> bool:
    """Whether `text` (casefolded reading form) says a complaint not denied in the words
    before it ("不是投诉", "I'm not complaining")."""
    return any(not denied(text[: found.start()]) for found in _VERB.finditer(text))


def complains_of_handling(text: str, *, owner: Sequence[str] = (), claimed: bool = False) -> bool:
    """Whether `text`, said into a ticket in hand, complains of how it is handled (see the
    module's description); `owner`: the names its owner goes by (none while nobody has it),
    `claimed`: someone has it."""
    read = reading(text).replace("’", "'").casefold()
    if not _complained(read):
        return False
    if any(name and name.casefold() in read for name in owner):
        return True
    if _service_named(read):
        return True
    if _OTHER_PARTY.search(read):  # "him", the pace, the manner: maybe theirs
        return False
    return bool((claimed and _HIM.search(read)) or _PACE.search(read) or _MANNER.search(read))
