"""Whether a requester's text is an announcement: a notice that states a fact ("通知:本周六停水",
"Notice: water will be off this Saturday"), with no request or problem of the requester's in
it. A pure function of the text.

A clerk handed a notice does not open an urgent fault for what it announces: they answer
from what they know of it, or ask what the requester wants done about it
(bot/intake/decision.py, `after_match`). The test is deliberately narrow: the text must open
with a notice's heading ("通知", "公告", "【停水通知】", "Notice:", "ANNOUNCEMENT -") set
apart from what follows, and carry nothing in the requester's own voice: no question, no
first person ("我", "my", "I"; an issuer's "我司" or "we" is the notice's), no request
("请问", "能不能", "can you", "please help") and no complaint or fault of theirs ("坏了",
"投诉", "but", "still"). Anything else is their matter and is handled as any question is.
"""

from __future__ import annotations

import re
import unicodedata

# A notice's heading, then a separator: a colon, a dash, a bracket's end or a line's end (so
# "通知书丢了" and "公告栏坏了" are not headings, nor "Notification settings are broken").
_HEADING = re.compile(
    r"^[\s\W_]*?[【\[(]?\s*"
    r"(?:(?:停水|停电|停气|停暖|施工|紧急|重要|温馨|最新|官方)?"
    r"(?:通知|公告|通告|告示|公示|启事|提示|告知书)"
    r"|(?:public |important |service |planned |urgent )?"
    r"(?:notice|announcement|notification|bulletin|advisory))"
    r"\s*(?:[】\])]\s*[:\-—]?|[:\-—–]|\n)",
    re.IGNORECASE,
)
# The requester's own voice: first person (not an issuer's "我司", "我单位"…), a question, a
# request, a fault or a complaint of theirs, a "but".
_OWN_ZH = re.compile(
    r"我(?!司|公司|单位|处|局|中心|站|部|厂|行|所|院|办)|咱|俺|[??]|吗|呢"
    r"|请问|怎么|为什么|为何|能不能|能否|可否|可不可以|是否可以|有没有|帮我|帮忙|麻烦"
    r"|希望|要求|投诉|举报|报修|坏了|没人管|还没|一直没|却|但是|可是|不过"
)
_OWN_EN = re.compile(
    r"\b(?:i|i'm|i've|i'd|me|my|mine|myself|can you|could you|would you|will you|please help"
    r"|help me|why|how|complain|complaint|but|still|broken|not working|isn't|hasn't|haven't"
    r"|didn't|doesn't|won't)\b",
    re.IGNORECASE,
)


def is_announcement(text: str) -> bool:
    """The text opens with a notice's heading and says nothing in the requester's own voice
    (no question, first person, request, fault or complaint of theirs). Case, full-width
    forms and spaces around are ignored; an empty text is none."""
    folded = unicodedata.normalize("NFKC", text).strip()
    heading = _HEADING.match(folded)
    if heading is None:
        return False
    body = folded[heading.end() :]
    if not any(ch.isalnum() for ch in body):
        return False  # a heading alone announces nothing
    return _OWN_ZH.search(folded) is None and _OWN_EN.search(folded) is None
