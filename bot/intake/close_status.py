"""Whether a requester's words ask how their own case stands, outside any ticket: "我的居住证
续签一直没办好,怎么回事?", "居住证办了一个月了还没下来", "my residence permit renewal has been
pending for a month, what's happening?" (issue 14, a fresh tester: such words were answered
with how to apply). A how-to template cannot answer them: only staff can look a case up, so a
careful clerk hands them to a person (bot/intake/decision.py, `after_match`'s `status`).
Pure. Words that ask how long a matter takes in general ("居住证办好要多长时间", "how long
does it take?") ask no case's state: a how-to, answered as before; so does asking how to check
a progress ("办理进度在哪里查")."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.intake.decision import Handover
from bot.intake.handing import Outcome
from bot.reading import read

# Something of theirs under way and not yet done: "一直没办好", "还没下来", "迟迟未批".
_PENDING_ZH = re.compile(
    r"(?:还|仍|一直|迟迟|至今|到现在|怎么还|怎么都|都)(?:没|未|没有)(?:有)?"
    r"(?:办好|办下来|办完|办理完|下来|批|审|通过|出来|收到|拿到|到账|发|寄|回复|答复|消息"
    r"|结果|动静|处理|好)"
)
# How their case stands: "我的…进度怎么样了", "办到哪一步了", "审核结果出来了吗".
_PROGRESS_ZH = re.compile(
    r"(?:进度|进展)(?:怎么样|如何|到哪|呢|了吗)|到哪一步了|(?:审核|审批|办理)(?:结果)?(?:出来)?了吗"
)
_PENDING_EN = re.compile(
    r"\b(?:(?:is|are|been|still) pending"
    r"|still (?:waiting|not|haven't|hasn't|have not|has not|no)\b"
    r"|(?:haven't|hasn't|have not|has not|didn't|did not) (?:yet )?"
    r"(?:heard|received|got|gotten|come|arrived|been (?:approved|processed|issued|sent))"
    r"|(?:status|progress) (?:of|on) my|what(?:'s| is) happening with my"
    r"|where is my (?:application|permit|card|licen[cs]e|certificate|refund|payment)"
    r"|(?:any|no) (?:news|update|reply|response|word) (?:yet|on|about) my"
    r"|(?:been|still) waiting (?:for|since|on))"
)


@read
def asks_own_status(text: str) -> bool:
    """Whether `text` asks how the requester's own case under way stands (see the module)."""
    folded = text.replace("\u2019", "'").casefold()
    if _PENDING_ZH.search(folded) or _PENDING_EN.search(folded):
        return True
    return bool(_PROGRESS_ZH.search(folded))


def own_case(outcome: Outcome, asked: bool) -> Outcome:
    """`outcome` of handing words to a person, marked when they `asked` how their own case
    stands and a ticket opened: the requester hears why a person takes it."""
    if asked and outcome.action is Handover.OPEN:
        return replace(outcome, own_case=True)
    return outcome
