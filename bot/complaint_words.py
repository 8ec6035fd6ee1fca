"""Whether a requester's words in their ticket complain of how the ticket is handled (issue 14),
as a pure function: "孙伟态度很差,一直拖着不办,我要投诉他", "都三天了还没人管,我要投诉!",
"经办人一直不回复,我要找你们领导", "Officer Sun was rude and keeps stalling, I want to file a
complaint about him", "Three days and nobody has even looked at it, I want to complain!". A
clerk hearing so takes it to a supervisor (bot/complaints.py), not only into the file.

Two things are said: a complaint (投诉, 举报, "找你们领导", complain, "report him", "speak to
your supervisor"), not denied ("不是投诉", "I'm not complaining"); and what it is about is
the handling: the owner named (`owner`: their name, their staff number); who handles it
("经办人", "你们", "your officer", "the person handling it"); the service's people
("工作人员", "窗口", "staff", "clerk") or their manner ("态度很差", "rude"), unless the
ticket's own matter is a complaint of them (`matter`: "我要投诉窗口工作人员态度很差", whose
later words about the clerk are that matter); the pace since it was told ("拖着不办",
"都三天了还没人管", "stalling", "nobody has looked at it": not "没人管" alone, which is as
often the matter's); or, once someone has it (`claimed`), "投诉他", "complain about him";
or a complaint said alone ("我要投诉": the requester said which ticket it is about).
"Him", the pace and the manner do not count when a party other than the service is named
and none of the service's people is ("物业一直拖着不修,我要投诉物业": the matter itself,
complained of again).
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
# Who handles this ticket: its owner or the service as such ("经办人", "你们", "your officer").
_HANDLER = re.compile(
    r"经办人|经办的|(?<!物业)(?<!小区)(?<!公司)负责人|你们|您们"
    r"|(?:处理|办理|负责|经手|接单|跟进)(?:的|这事的|此事的|我这事的|我的事的)人"
    r"|(?<![a-z])(?:(?:your|my|the assigned) (?:officer|caseworker|case worker|colleague|employee)"
    r"|(?:the )?officer (?:handling|in charge|dealing|responsible|assigned)"
    r"|your (?:team|office|department|service|people)|you (?:people|guys|lot)"
    r"|(?:the )?(?:person|one|guy|lady|man|woman) (?:handling|in charge|dealing|responsible)"
    r"|whoever is (?:handling|dealing))(?![a-z])"
)
# The service's people in general: the matter itself when the ticket complains of them.
_STAFF = re.compile(
    r"工作人员|办事员|办事人员|客服|窗口|这位同志|那位同志"
    r"|(?<![a-z])(?:officer|clerk|staff|agent|caseworker|case worker)(?![a-z])"
)
# The handling's pace: still nothing since it was told ("还没人管", "nobody has looked at it").
_PACE = re.compile(
    r"拖(?!欠|鞋|地|车|把)|太慢|这么慢|那么慢|好慢|这么久|那么久|好久|石沉大海|推诿|踢皮球|敷衍"
    r"|(?:还|一直|始终|至今|到现在|到今天)(?:都)?(?:是)?(?:没|没有|不见)(?:人)?"
    r"(?:管|理|处理|办|联系|回复|答复|回音|消息|动静|来|认领|受理|看)"
    r"|不给(?:办|处理|回复|答复)|没人(?:理|回复|联系|回|认领|受理)"
    r"|(?<![a-z])(?:stall(?:s|ed|ing)?|delay(?:s|ed|ing)|too slow|so slow|so long|too long"
    r"|forever|ignor(?:e|es|ed|ing) (?:me|my|us|our)|no (?:reply|answer|response|news)"
    r"|(?:nobody|no one|no-one|you) (?:has |have |had )?(?:even |yet |still )?(?:called|replied"
    r"|answered|come|contacted|looked|got back|gotten back|responded|bothered|been in touch)"
    r"|(?:has|have)n'?t (?:even |yet )?(?:called|replied|come|looked|answered|done|contacted)"
    r"|(?:has|have) not (?:even |yet )?(?:called|replied|come|looked|answered|done|contacted)"
    r"|brush(?:ed|ing)? (?:me )?off|fob(?:bed|bing)? (?:me )?off|runaround)(?![a-z])"
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


# A complaint said alone ("我要投诉", "I want to complain"): filed into a ticket, it is about it
# (the requester was asked whether it was, bot/intake/whose.py, and said so).
_ALONE = re.compile(
    r"(?:我|我们)?(?:要|想|想要|需要|还是要|就是要)?(?:投诉|举报)(?:一下|你们)?"
    r"|(?:i |we )?(?:want|would like|'d like|need|wish) to (?:complain|make a complaint"
    r"|file a complaint|lodge a complaint)|(?:i'm |i am )?complaining|(?:a )?complaint"
)
_OTHER_PARTY_BEFORE = re.compile(rf"(?:{_OTHER_PARTY.pattern})(?:的|'s)?\s*$")


def _named(people: re.Pattern[str], text: str) -> bool:
    """Whether `text` names `people` as the service's, not another party's ("物业工作人员",
    "the shop staff")."""
    return any(
        not _OTHER_PARTY_BEFORE.search(text[: found.start()]) for found in people.finditer(text)
    )


def _complained(text: str) -> bool:
    """Whether `text` (casefolded reading form) says a complaint not denied in the words
    before it ("不是投诉", "I'm not complaining")."""
    return any(not denied(text[: found.start()]) for found in _VERB.finditer(text))


def complains(text: str) -> bool:
    """Whether `text` says a complaint at all (投诉, 举报, "找你们领导", complain, "report
    him"), not denied ("不是投诉", "I'm not complaining"): of whom, the caller reads."""
    return _complained(reading(text).replace("’", "'").casefold())


# Bad manners said of someone, a complaint without its word ("王芳态度太差了!!", "wang fang
# was soooo rude"): not the manner alone ("态度很好", "her attitude was great").
_BAD_MANNER = re.compile(
    r"态度(?:很|太|特别|非常|真|极其|极|好|超|也|实在|十分|相当)?(?:的)?"
    r"(?:差|不好|恶劣|冷淡|冷漠|蛮横|生硬|粗暴|傲慢|恶心|烂)"
    r"|不耐烦|骂人|骂我|凶我|吼我|冲我吼|对我吼|冷漠|刁难|不礼貌|没礼貌|爱答不理|不理不睬|甩脸|翻白眼"
    r"|(?<![a-z])(?:rude(?:ly)?|impolite|unprofessional|shout(?:ed|ing)? at|yell(?:ed|ing)? at"
    r"|disrespectful|arrogant|dismissive|condescending|hung up on|bad attitude"
    r"|attitude problem|treated me (?:badly|like))(?![a-z])"
)


def complains_of_someone(text: str) -> bool:
    """Whether `text` complains of someone it names (the caller reads whom): a complaint said
    (`complains`), or their bad manners told without the word ("王芳态度太差了!!", "wang fang
    was soooo rude to me"), not denied ("不是投诉")."""
    read = reading(text).replace("’", "'").casefold()
    if _complained(read):
        return True
    return any(not denied(read[: found.start()]) for found in _BAD_MANNER.finditer(read))


def complaint_alone(text: str) -> bool:
    """Whether `text` is a complaint said alone, of nobody yet ("我要投诉", "I want to
    complain"): whom and what come next."""
    read = reading(text).replace("’", "'").casefold()
    return _ALONE.fullmatch(re.sub(r"^[\W_]+|[\W_]+$", "", read)) is not None


def complains_of_handling(
    text: str, *, owner: Sequence[str] = (), claimed: bool = False, matter: str = ""
) -> bool:
    """Whether `text`, said into a ticket in hand, complains of how it is handled (see the
    module's description); `owner`: the names its owner goes by (none while nobody has it),
    `claimed`: someone has it, `matter`: the ticket's question (one complaining of the
    service's people or manner makes them its matter, not its handling)."""
    read = reading(text).replace("’", "'").casefold()
    if not _complained(read):
        return False
    if _ALONE.fullmatch(re.sub(r"^[\W_]+|[\W_]+$", "", read)):
        return True
    if any(name and name.casefold() in read for name in owner):
        return True
    if _named(_HANDLER, read):
        return True
    about = reading(matter).casefold()
    staff_matter = _named(_STAFF, about) or _MANNER.search(about) is not None
    if not staff_matter and _named(_STAFF, read):
        return True
    if _OTHER_PARTY.search(read):  # "him", the pace, the manner: maybe theirs
        return False
    if (claimed and _HIM.search(read)) or _PACE.search(read):
        return True
    return not staff_matter and _MANNER.search(read) is not None
