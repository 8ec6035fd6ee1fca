"""A short question right after an answer, about that answer's matter (issue 14, a tester:
"居住证怎么办理" answered, then "要多久能拿到?" opened a bare ticket with a 4-day promise and no
answer, though the answer said "一般15个工作日内发证"). A clerk hears "how long?", "what do I
bring?", "where?", "how much?" said just after an answer as asked of that same matter: the
answer is looked through for the sentence that says it, else a person takes the matter with
the question. Pure functions on plain values; bot/intake/after_answer.py acts on them.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Aspect(StrEnum):
    """What a follow-up asks of the matter just answered."""

    TIME = "time"
    MATERIALS = "materials"
    PLACE = "place"
    COST = "cost"


# The words that ask each aspect, in Chinese and English.
_ASKS = {
    Aspect.TIME: re.compile(
        r"多久|多长时间|多少天|几天|几个工作日|什么时候|啥时候|何时"
        r"|\bhow\s+long\b|\bhow\s+many\s+days\b|\bwhen\b",
        re.IGNORECASE,
    ),
    Aspect.MATERIALS: re.compile(
        r"材料|带什么|带啥|带哪些|准备什么|准备哪些|要什么证|什么证件|哪些证件|手续"
        r"|\bbring\b|\bdocuments?\b|\bpapers?\b|\bmaterials?\b|\bprepare\b",
        re.IGNORECASE,
    ),
    Aspect.PLACE: re.compile(
        r"在哪|去哪|哪里|哪儿|什么地方|哪个窗口|地址|\bwhere\b",
        re.IGNORECASE,
    ),
    Aspect.COST: re.compile(
        r"多少钱|费用|收费|要钱|花钱|免费|\bhow\s+much\b|\bcosts?\b|\bfees?\b|\bfree\b",
        re.IGNORECASE,
    ),
}

# Words that ask nothing of their own beside the aspect: "那要…能拿到吗", "do I need to…".
_BARE = re.compile(
    r"那么|那|请问|还有|还|另外|大概|一般|大约|一共|总共|我们|我|您|要|需要|得|能|可以|才能|才|就"
    r"|呢|啊|呀|吗|嘛|吧|的|了|这个|这|是|都|些|什么|哪些|时间|办理|办好|办完|办下来|下来|办"
    r"|拿到|拿|取|领到|领|到手|去|交|准备|带|过去|出来|好"
    r"|\b(?:and|so|then|ok|okay|please|how|long|many|much|what|which|where|when|does|do|did"
    r"|will|would|can|could|should|is|are|it|its|that|this|i|we|you|me|my|to|the|a|an|for"
    r"|need|take|takes|get|go|receive|collect|pick|up|usually|normally|there|any|with|of"
    r"|one|days|cost|fee|fees|free|bring|documents?|papers?|materials?|prepare|apply)\b",
    re.IGNORECASE,
)
_MARKS = re.compile(r"[\s\W_]+")
_LONGEST = 16  # characters of a follow-up, once marks are left out: more says a matter

# What says each aspect in an answer's sentence.
_SAYS = {
    Aspect.TIME: re.compile(
        r"\d+\s*个?(?:工作日|日|天|小时|分钟|周|星期|个月|月)|当场|当天|次日|即时办结"
        r"|\b\d+\s*(?:working\s+|business\s+)?(?:days?|hours?|minutes?|weeks?|months?)\b"
        r"|\bsame\s+day\b|\bnext\s+day\b|\bon\s+the\s+spot\b",
        re.IGNORECASE,
    ),
    Aspect.MATERIALS: re.compile(
        r"材料|携带|带上|带好|需提供|请提供|证明|户口簿|\bbring\b|\bdocuments?\b|\bproof\b",
        re.IGNORECASE,
    ),
    Aspect.PLACE: re.compile(
        r"到[^,\uff0c。;\uff1b]{0,20}(?:办理|申请|提交|窗口|大厅|派出所)|窗口|大厅|线上|网上|官网"
        r"|\bonline\b|\bwebsite\b|\bwindow\b|\bcounter\b|\bat\s+(?:any|the)\b",
        re.IGNORECASE,
    ),
    Aspect.COST: re.compile(
        r"\d+\s*元|免费|不收费|收费|费用|工本费|\bfree\b|\bfees?\b|\bcharges?\b|\byuan\b|\bRMB\b",
        re.IGNORECASE,
    ),
}
_SENTENCES = re.compile(r"(?<=[。;\uff1b!?\uff01\uff1f])|\n|(?<=[.;!?])\s+")


def asked_aspect(text: str) -> Aspect | None:
    """What `text` asks, when it is a short follow-up that names no matter of its own: "要多久
    能拿到?", "多长时间能办好", "How long does it take?" (TIME); "那要带什么材料?", "What
    documents do I need?" (MATERIALS); "在哪办?", "Where do I go?" (PLACE); "多少钱?", "How
    much does it cost?" (COST). None for anything more ("办护照要多久?" names its matter)."""
    found = [aspect for aspect, asks in _ASKS.items() if asks.search(text)]
    if len(found) != 1:
        return None
    rest = _MARKS.sub("", _BARE.sub(" ", _ASKS[found[0]].sub(" ", text)))
    if rest or len(_MARKS.sub("", text)) > _LONGEST * (1 if re.search(r"[一-鿿]", text) else 3):
        return None
    return found[0]


def sentences(answer: str) -> list[str]:
    """An answer's sentences, each as written (its closing mark kept), none empty."""
    return [s.strip() for s in _SENTENCES.split(answer) if s.strip()]


def covering(answer: str, aspect: Aspect) -> str | None:
    """The first sentence of `answer` that says `aspect` ("一般15个工作日内发证" for TIME, "材料:
    身份证、…" for MATERIALS); None when none does, and a person is asked."""
    return next((s for s in sentences(answer) if _SAYS[aspect].search(s)), None)
