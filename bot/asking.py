"""A question about how, where or whom to report a matter, its phone number, office hours or
procedure ("停电报修电话是多少", "停水了找谁", "怎么报修燃气泄漏", "What number do I call for
a power cut?", "who fixes a broken street light"): asked for information, not told as
happening. One reader for every check that hears a matter now (`bot.hazard`: dangers to
people, configured keywords, ordinary ones such as an outage; `bot.faults`: a fault by its
kind): a clause that asks so tells nothing of the requester's now, unless it also says the
matter is theirs or is going on ("我家停电了找谁", "who do I call, my power is out" is two
clauses, the first telling it). Pure: a clause's casefolded words in, a yes or no out.
"""

from __future__ import annotations

import re

from bot.hazard_words import words
from bot.models import ACTIVE_STATUSES, Ticket
from bot.reading import reading

# How, where or whom to report something; a number to call; hours; a procedure.
_HOW_TO = words(
    *("找谁", "找哪", "找什么(?:部门|单位|人)", "哪个(?:部门|单位)", "什么(?:部门|单位)"),
    *("谁(?:来)?(?:管|负责|修|处理)", "归谁", "向谁", "跟谁", "打(?:什么|哪个|几号|啥)"),
    *("电话(?:号码)?(?:是)?(?:多少|几号)", "电话号码", "(?:报修|抢修|投诉|举报)电话", "热线"),
    *("联系方式", "(?:怎么|如何|怎样)(?:报修|上报|举报|报告|反映|投诉|联系|申报)"),
    "(?:去|到|在)?哪(?:里|儿)?(?:报修|反映|投诉)",
    *("几点上班", "(?:上班|办公|营业)时间", "流程", "手续"),
    r"who (?:do|should|can|would|could) (?:i|we) "
    r"(?:call|contact|ring|phone|tell|report|talk|speak|go|ask|turn)",
    *(r"who (?:fixe?s|repairs?|handles?|deals? with|is responsible|looks? after)", "whom"),
    *("who to (?:call|contact|ring|phone|tell|report)", "(?:which|what) number"),
    *(r"what(?:['’]s| is) the (?:\w+ )?number", "(?:phone|contact|telephone) number"),
    *("hotlines?", "number (?:to|for) (?:call|ring|report)", "procedure", "process for"),
    r"how (?:do|should|can|would|to) (?:i |we |you |one )?"
    r"(?:report|contact|reach|get hold of)",
    *("where (?:do|can|should) (?:i|we) (?:report|call|go|complain)", "how to report"),
    *("(?:opening|office|business|working) hours", "what time (?:do|does|are|is) you"),
)
# A sign, in such a clause, that the matter is the requester's or is going on now.
_NOW = words(
    *("我家", "家里", "我们", "我这", "我住", "这里", "这边", "现在", "正在", "突然", "刚才"),
    *("刚刚", "一直", "已经", "今天", "今早", "好几天", r"\d+天了", "半天", "有人", "救命"),
    *("快来", "赶紧", "还在", "到现在", "my", "our", "here", "now", "right now", "currently"),
    *("just", "since", "still", "this morning", "today", "someone", "somebody"),
    *("i (?:can )?(?:see|smell)", r"for (?:\d+|a|an|two|three|several|a few) (?:hours?|days?)"),
)


def asks_how(clause: str) -> bool:
    """Whether `clause` (one clause, casefolded) asks how, where or whom to report a matter,
    a number, hours or a procedure, with no sign the matter is theirs or going on now."""
    clause = reading(clause)
    return bool(_HOW_TO.search(clause)) and not _NOW.search(clause)


# An officer's words asking the requester something: a question mark, or words that ask for
# an answer or a detail ("请提供门牌号", "please send a photo").
_ASKS_REQUESTER = re.compile(
    r"[?？]|吗\s*[。.!！]?\s*$|请问|是否|能否|可否|有没有|是不是|能不能"
    r"|(请|麻烦)(您|你)?(再)?(提供|告知|告诉|发|补充|确认|说明|拍|回复)"
    r"|\b(please|kindly)\s+(send|provide|tell|confirm|let us know|share|reply|answer|describe)\b"
    r"|\b(could|can|would|will)\s+you\b",
    re.IGNORECASE,
)


def asks_requester(text: str) -> bool:
    """Whether an officer's public words (`text`) ask the requester something: a question or
    a request for a detail ("请问您家几口人?", "请提供门牌号", "How many live there?",
    "please send a photo"), shown to them as the officer's question waiting for their answer,
    never as progress made."""
    text = reading(text)
    return _ASKS_REQUESTER.search(text) is not None


def question_waiting(ticket: Ticket) -> bool:
    """Whether the officer's question waits for the requester's answer on `ticket`: its
    latest public update asks them something (`asks_requester`) while it is in progress.
    A ticket resolved, withdrawn or closed has no question waiting (issue 14: /status showed
    one on a withdrawn ticket). Once the requester wrote to it after the question, or it was
    resolved since (`Ticket.question_answered_at`), it is answered: a notice never asks again
    what they already told (issue 14: "编号是A-0312" filed, the pole number still asked)."""
    answered = ticket.question_answered_at
    return (
        ticket.status in ACTIVE_STATUSES
        and bool(ticket.latest_update)
        and asks_requester(ticket.latest_update or "")
        and (
            answered is None
            or ticket.latest_update_at is None
            or answered < ticket.latest_update_at
        )
    )


def question_answered(ticket: Ticket) -> bool:
    """Whether the latest public word on `ticket`, in progress, is the officer's question to
    the requester (`asks_requester`) that they have answered (`question_waiting` no more):
    shown as the question they answered, never as progress made (issue 14: /status called
    it "最新进展")."""
    return (
        ticket.status in ACTIVE_STATUSES
        and asks_requester(ticket.latest_update or "")
        and not question_waiting(ticket)
    )
