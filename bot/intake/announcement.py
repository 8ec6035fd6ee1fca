"""Whether a requester's text is an announcement: a notice that states a fact ("通知:本周六停水",
"Notice: water will be off this Saturday"), with no request or problem of the requester's in
it; and, when a notice leads a text with words of their own after it ("通知:本周六停水。另外我家
厨房水管漏水了,怎么办?"), which words are the notice's and which are theirs. Pure functions of
the text.

A clerk handed a notice does not open an urgent fault for what it announces: they answer
from what they know of it, or ask what the requester wants done about it
(bot/intake/decision.py, `after_match`). The test is deliberately narrow: the text must open
with a notice's heading ("通知", "公告", "【停水通知】", "Notice:", "ANNOUNCEMENT -") set
apart from what follows, and carry nothing in the requester's own voice: no question, no
first person ("我", "my", "I"; an issuer's "我司" or "we" is the notice's), no request
("请问", "能不能", "can you", "please help") and no complaint or fault of theirs ("坏了",
"投诉", "but", "still"). Anything else is their matter and is handled as any question is.

A notice with their own words after it (`leading_notice`) is their matter, and the notice the
context they give it: what the bot searches for, the kind of matter and its priority come from
their words, the ticket keeps both (bot/intake/flow.py, `inquiry.own_words`). Their words start
at the first sentence in their own voice; in the notice's first sentence, at the first clause
in it ("通知:本周六停水,但是我家今天就停水了" is theirs from "但是").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.reading import cut_from_written, read

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
    r"我(?!司|公司|单位|处|局|中心|站|部|厂|行|所|院|办)|咱|俺|[?\uff1f]|吗|呢"
    r"|请问|怎么|为什么|为何|能不能|能否|可否|可不可以|是否可以|有没有|帮我|帮忙|麻烦"
    r"|希望|要求|投诉|举报|报修|坏了|没人管|还没|一直没|却|但是|可是|不过"
)
_OWN_EN = re.compile(
    r"\b(?:i|i'm|i've|i'd|me|my|mine|myself|can you|could you|would you|will you|please help"
    r"|help me|why|how|complain|complaint|but|still|broken|not working|isn't|hasn't|haven't"
    r"|didn't|doesn't|won't)\b",
    re.IGNORECASE,
)


# Where a sentence ends (its mark kept with it): 。!? in either width, "…", a line's end, a
# full stop before a space or the end; and a clause, at a comma, "、" or a semicolon too.
_SENTENCE_END = re.compile(r"[。！？!?\n…]+|\.+(?=\s|$)")
_CLAUSE_END = re.compile(r"[。！？!?\n…，,、；;]+|\.+(?=\s|$)")


@dataclass(frozen=True)
class LeadingNotice:
    """A text that opens with a notice: the notice's words (`notice`, from its heading) and the
    requester's own after it (`own`, "" when there are none: a mere announcement). Both as
    written, stripped; together, with what lay between them, they are the whole text."""

    notice: str
    own: str


def _own_voice(text: str) -> bool:
    folded = unicodedata.normalize("NFKC", text)
    return _OWN_ZH.search(folded) is not None or _OWN_EN.search(folded) is not None


def _starts(text: str, ends: re.Pattern[str]) -> list[int]:
    """Where each sentence (or clause) of `text` starts, the first at 0."""
    return [0, *(m.end() for m in ends.finditer(text) if m.end() < len(text))]


def _own_from(text: str) -> int | None:
    """Where the requester's own words start in `text`: the first sentence in their voice
    (`_OWN_ZH`, `_OWN_EN`), or within the first sentence, its first clause in their voice;
    None when nothing is."""
    sentences = _starts(text, _SENTENCE_END)
    for index, start in enumerate(sentences):
        end = sentences[index + 1] if index + 1 < len(sentences) else len(text)
        if not _own_voice(text[start:end]):
            continue
        if index > 0:
            return start
        clauses = _starts(text[:end], _CLAUSE_END)
        bounds = [*clauses[1:], end]
        return next(s for s, e in zip(clauses, bounds, strict=True) if _own_voice(text[s:e]))
    return None


@cut_from_written
def leading_notice(text: str) -> LeadingNotice | None:
    """The notice that opens `text` and the requester's own words after it, or None: the text
    does not open with a notice's heading (`_HEADING`, case and full-width forms ignored), the
    heading states nothing, or their own voice starts in the heading's own clause ("通知:我家
    停水了" is theirs whole). An empty text is none."""
    stripped = text.strip()
    cut = _own_from(stripped)
    notice = stripped if cut is None else stripped[:cut].rstrip()
    folded = unicodedata.normalize("NFKC", notice)
    heading = _HEADING.match(folded)
    if heading is None or not any(ch.isalnum() for ch in folded[heading.end() :]):
        return None  # no heading, or a heading alone: it announces nothing
    return LeadingNotice(notice, "" if cut is None else stripped[cut:].lstrip())


@read
def is_announcement(text: str) -> bool:
    """The text opens with a notice's heading and says nothing in the requester's own voice
    (no question, first person, request, fault or complaint of theirs). Case, full-width
    forms and spaces around are ignored; an empty text is none."""
    led = leading_notice(text)
    return led is not None and not led.own
