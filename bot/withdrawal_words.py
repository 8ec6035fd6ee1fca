"""Whether a requester's words withdraw their request, as pure functions (beside
bot/resolution_words.py, which reads their words once a ticket is resolved).

A clerk who hears "Forget it, I've sorted it out myself. Please cancel my complaint" or
"算了,不用了,我自己找物业了" about an open matter asks "shall I close it, then?": words that
clearly say the request is no longer wanted, by their kind, in either language: it is
cancelled or withdrawn (cancel my complaint, 撤销工单, 取消吧), no longer needed (no need any
more, 不用了, 不需要派人了, 算了), or sorted out by the requester themselves (I fixed it
myself, 我自己找物业了). Not when denied ("don't cancel my complaint", "别撤销", "我没有自己
解决"), supposed ("如果明天还不来就算了") or for later ("close it once it is fixed"),
asked about ("How do I cancel a complaint?", "取消预约怎么办", "是不是不用了?"; a request
to do it, "could you cancel my complaint?", is one), or about something else (cancel my
appointment, 取消订单); a text that both withdraws and denies withdrawing is not clear
either. The clause and negation reader is bot/hazard.py's (`clauses`, `denied`), the one
every reading by kind shares. Pure: text in, yes or no out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot import matter_terms
from bot.hazard import Clause, clauses, denied
from bot.reading import reading

_A = r"['’]"  # an apostrophe, straight or curly (phones type "I’ve")
# What a request is called when it is cancelled or withdrawn.
_EN_MATTER = (
    r"(?:complaint|request|ticket|report|case|enquiry|inquiry|query|issue|problem|matter)s?"
)
_EN_VERB = r"(?:cancel(?:l?ed|l?ing)?|withdraw(?:n|ing)?|retract|drop|close|call off|take back)"
_EN = re.compile(
    # cancel my complaint, withdraw the (noise) report, close this ticket
    rf"(?<![a-z]){_EN_VERB}\s+(?:(?:my|the|this|that|our)\s+)?(?:[a-z]+\s+)?{_EN_MATTER}"
    r"(?![a-z])"
    # cancel it / withdraw that, with nothing after but please, thanks
    rf"|(?<![a-z]){_EN_VERB}\s+(?:it|this|that|everything)\s*"
    r"(?:(?:please|pls|thanks|thank you|then|now|for me|too|as well)\s*)*$"
    # cancel, alone in its clause: please cancel, cancel please
    r"|^\s*(?:(?:please|pls|so|then|just)\s+)*cancel(?:\s+(?:please|pls|thanks|thank you|then"
    r"|now))*\s*$"
    r"|(?<![a-z])(?:forget (?:it|about it)|never ?mind|no need(?: for (?:it|help))? any ?more"
    r"|no longer (?:need|needed|required)|not needed any ?more"
    rf"|don{_A}?t need (?:it|this|that|help|anything|anyone|anybody)(?: any ?more| now)"
    r"|(?:sorted|solved|fixed|handled|dealt with|resolved|figured|repaired)"
    r"(?: (?:it|this|that|things|everything))?(?: out)?"
    r" (?:myself|ourselves|on (?:my|our) own|by (?:myself|ourselves)))(?![a-z])"
)
_ZH_MATTER = r"(?:工单|投诉|报修|请求|诉求|反映|举报|求助|问题|单子)"
_ZH = re.compile(
    # 撤销工单, 取消我的投诉, 取消吧: the word ends the clause (取消预约 is another matter)
    rf"(?:取消|撤销|撤回|撤掉|收回)(?:一下|掉)?(?:我的|我们的|这个|那个|这条|该|本)?{_ZH_MATTER}?"
    r"(?:吧|了|啊|呀|哈|哦|掉|就行|就好|好了|谢谢|吧谢谢)*\s*$"
    # 不用了, 不需要派人了, 不用麻烦了
    r"|(?:不用|不需要|不必|无需|用不着)(?:再)?"
    r"(?:来|派人|上门|处理|管|跟进|麻烦|帮忙|办|修|过来|联系|麻烦你们)?(?:了|啦)"
    # 我自己找物业了, 自己修好了
    r"|自己(?:已经)?(?:解决|处理|搞定|修好|弄好|处理好|修|找(?:了)?(?:物业|人|师傅|电工)"
    r"|联系(?:了)?(?:物业|师傅|人))(?:好)?了"
    # 算了, 那就算了吧: the clause itself
    r"|^\s*(?:那|那就|就|那么|还是)?(?:算了)+(?:吧|啦)?\s*$"
)
# Prohibitive words the shared negation reader leaves out (it hears "不要", "don't"): 别撤销.
_DONT = re.compile(r"(?:别|甭|勿|莫)\w{0,2}$")
# Supposed, anywhere before ("如果明天还不来,就算了"); or for later, in its clause ("close
# the ticket once it is fixed", "修好以后再撤销"): not now.
_IF = re.compile(
    r"(?<![a-z])(?:if|unless|in case|what if|suppose)(?![a-z])|如果|要是|万一|假如|除非|的话"
)
_LATER = re.compile(
    r"(?<![a-z])(?:once|when|after|until|as soon as)(?![a-z])|之后|以后|等.{0,8}再"
)
# A question about it (how, whether), not a request to do it ...
_ASKING = re.compile(
    r"(?<![a-z])(?:how|what|why|when|whether|should i|can i|could i|do i|is it|is there)"
    r"(?![a-z])|怎么|如何|怎样|是否|要不要|是不是|能否|可以吗|为什么|什么时候"
)
# ... unless asked of the desk to do it: "could you cancel my complaint?", "请帮我撤销工单".
_ASKED_TO = re.compile(
    r"(?<![a-z])(?:can|could|would|will) you(?![a-z])|(?<![a-z])please(?![a-z])|帮我|给我|请|麻烦"
)


def _found(clause: Clause) -> list[tuple[re.Match[str], bool]]:
    """The withdrawing words in `clause`, each with whether it is denied right before it."""
    found = []
    for pattern in (_EN, _ZH):
        for match in pattern.finditer(clause.raw):
            before = clause.raw[: match.start()]
            found.append((match, denied(before) or _DONT.search(before) is not None))
    return found


def _asked(clause: Clause, start: int) -> bool:
    """Whether the clause asks about withdrawing rather than asking the desk to do it."""
    question = clause.asked or _ASKING.search(clause.raw) is not None
    return question and _ASKED_TO.search(clause.raw[:start]) is None


def says_withdrawn(text: str) -> bool:
    """Whether `text` clearly withdraws the requester's request (see the module's
    description): some clause withdraws it, not denied, supposed or asked about, and no
    clause denies withdrawing it. Anything less clear is not."""
    text = reading(text)
    withdrawn = False
    for clause in clauses(text):
        for match, no in _found(clause):
            if no:
                return False  # "don't cancel it": a text saying both is not clear
            before = text.casefold()[: clause.at + match.start()]
            later = _LATER.search(clause.raw) is not None
            if _IF.search(before) or later or _asked(clause, match.start()):
                continue
            withdrawn = True
    return withdrawn


# The answer to "do you want to withdraw request #N?" in words, its first clause alone:
# yes, 是的, 对 (撤销吧 after it is the withdrawal said again). Not "ok", "好的", "嗯": a
# withdrawal closes the ticket, and those are as often thanks for something else.
_YES = re.compile(
    r"(?:yes|yeah|yep|yup|confirm(?:ed)?|go ahead|please do|do it|correct"
    r"|是|是的|是啊|对|对的|对啊|确认|确定|没错)"
    r"(?:\s*(?:please|thanks|thank you|吧|啊|呀|的|了|谢谢))*"
)
# ... no, 不用撤, keep it open: the ticket stays.
_NO_FIRST = re.compile(
    r"(?:no|nope|nah|not yet|no thanks|no thank you|不|不是|不要|不用|别|不了)"
    r"(?:\s*(?:please|吧|啊))?"
)
_NO = re.compile(
    r"(?<![a-z])(?:keep (?:it|this|that|the \w+|my \w+)(?: open| going)?"
    r"|(?:don|do not|please don)(?:['’]?t)? (?:cancel|withdraw|close)"
    r"|(?:don['’]?t|do not) (?:do|want) (?:it|that))(?![a-z])"
    r"|(?:不用|不要|不|别|甭|先别|先不|还是别|还是不)(?:要)?(?:撤|取消|关)"
    r"|继续(?:办理|处理|办|跟进)|保留|还是要|还要(?:处理|办)"
)
_CLAUSE = re.compile(r"[,\uff0c.。!\uff01?\uff1f;\uff1b、]+")
# ... or, asked that question, the verb alone, as the question's button says it: 撤吧, 撤了吧,
# "(yes) withdraw", "please withdraw (it)". Not 撤离 (evacuate), 撤退: 撤 ends its clause but
# for particles. Only an answer to the question reads so (`says_withdrawn` does not: "withdraw"
# alone is as often the housing fund's).
_VERB_ALONE = re.compile(
    r"(?:那就|那|就|还是|给我|帮我|请|麻烦)*(?:撤|撤了|撤掉|撤销|撤回|取消)(?:吧|了|啊|呀|哈|哦|掉)*"
    r"|(?:(?:yes|yeah|yep|ok|okay|sure|please|pls|just|then|so)\s+)*(?:withdraw|cancel)"
    r"(?:\s+(?:it|this|that|this one|(?:my|the|this) (?:ticket|request|complaint)))?"
    r"(?:\s+(?:please|pls|thanks|thank you|then|now))*"
)
# ... after clauses that only agree ("嗯,撤了吧", "ok, withdraw it"); said alone, not yes
# ("嗯", "ok": as often thanks for something else).
_AGREES = re.compile(
    r"(?:嗯+|好|好的|好吧|行|可以|是|是的|对|对的|ok|okay|yes|yeah|yep|sure|谢谢|thanks|thank you)"
)


def _verb_alone(said: str) -> bool:
    """Whether `said` (read, folded) leads with the withdrawal's verb alone in a clause of its
    own (`_VERB_ALONE`), after none but clauses that agree (`_AGREES`: "嗯,撤了吧")."""
    parts = [part.strip() for part in _CLAUSE.split(said) if part.strip()]
    first = next((part for part in parts if not _AGREES.fullmatch(part)), "")
    return _VERB_ALONE.fullmatch(first) is not None


# ... not this ticket but another: no answer to the question about this one, whatever else is
# said ("不是这个,是路灯那个不用了" withdraws nothing of the ticket asked about).
_ANOTHER = re.compile(
    r"不是(?:这|那)(?:个|件|张|单)|不是(?:这|那)(?:个)?(?:工单|事)|另(?:一|外)(?:个|件)"
    r"|(?<![a-z])(?:not|wrong) (?:this|that)(?: one| ticket| request| complaint)?(?![a-z])"
    r"|(?<![a-z])the other (?:one|ticket|request|complaint)(?![a-z])"
)


def withdrawal_answer(text: str) -> bool | None:
    """The requester's words after being asked whether to withdraw their ticket, as an
    answer: True to withdraw it ("yes", "对,撤销吧", "是的", the withdrawal said again, or its
    verb alone: "撤吧", "嗯,撤了吧", "yes withdraw", "please withdraw"),
    False to keep it ("no, keep it", "不用撤", "继续办理"), None when they answer neither
    way, or both, or say it is not this ticket they mean ("不是这个", "not this one", "the other
    one"): ordinary words to the ticket, and the question stands. Pure."""
    text = reading(text)
    said = text.strip().casefold()
    if _ANOTHER.search(said):
        return None
    first = next((part.strip() for part in _CLAUSE.split(said) if part.strip()), "")
    no = _NO_FIRST.fullmatch(first) is not None or _NO.search(said) is not None
    yes = _YES.fullmatch(first) is not None or says_withdrawn(text) or _verb_alone(said)
    if yes == no:
        return None
    return yes


# Words that only wonder whether to withdraw ("要不算了?", "maybe just cancel it?", "should I
# just cancel?"): a hedge before them, or a question, around words that would withdraw.
_HEDGE = re.compile(
    r"^(?:(?:要不然?|不然|干脆|还是|或许|也许|可能|是不是|不如|那就|那|就|我看|我想|我觉得)\s*"
    r"|(?:maybe|perhaps|i guess|i think|should (?:i|we)|shall (?:i|we)|let['’]?s|just|so|then"
    r"|or|probably|might as well)\s+)+"
)
_ASKED_END = re.compile(r"(?:[\s?\uff1f。.!\uff01~]|吗|呢|吧|啊)+$")


def wonders_withdrawing(text: str) -> bool:
    """Whether `text` wonders whether to withdraw the request, without saying so clearly
    (`says_withdrawn` is False): words that would withdraw it once the hedge before them
    ("要不", "还是", "maybe", "should I just") and the question or particle after them are
    taken away. Denied, supposed or for later, they still do not ("要不别撤销了?"). Pure."""
    text = reading(text)
    if says_withdrawn(text):
        return False
    folded = text.strip().casefold()
    ended = _ASKED_END.sub("", folded)
    bare = _HEDGE.sub("", ended).strip()
    if bare == folded or not bare:
        return False
    return says_withdrawn(bare)


def withdraws(text: str) -> bool:
    """Whether `text` withdraws the request or wonders whether to (`says_withdrawn`,
    `wonders_withdrawing`): the words bot/withdrawal.py asks about. Pure."""
    return says_withdrawn(text) or wonders_withdrawing(text)


# A ticket named as such: only a ticket in hand is one (a question asked is not yet).
_TICKET = re.compile(r"(?<![a-z])tickets?(?![a-z])|工单|单子")


def withdraws_ticket(text: str) -> bool:
    """Whether `text` clearly withdraws a ticket named as one ("I want to cancel my ticket",
    "我想取消我的工单"; `says_withdrawn`): a ticket in hand's words, whatever question the
    first inquiry is on. Pure."""
    return says_withdrawn(text) and _TICKET.search(reading(text).casefold()) is not None


def withdrawn_among(words: str, questions: Mapping[int, str]) -> frozenset[int] | None:
    """Which of the requester's tickets being worked on (`questions`: each one's question by
    its number) `words` may withdraw, when they withdraw or wonder whether to withdraw
    (`says_withdrawn`, `wonders_withdrawing`): those whose matter they name
    (`matter_terms.named`: "路灯那个不用了"), else every one of them ("算了,取消吧" beside two
    tickets names neither: a clerk asks which, issue 14). None when the words withdraw
    nothing."""
    if not withdraws(words):
        return None
    named = matter_terms.named(words, questions)
    return frozenset(named) if named else frozenset(questions)
