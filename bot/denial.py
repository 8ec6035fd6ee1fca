"""Words that deny the word after them: "不是投诉", "there is no gas leak"."""

from __future__ import annotations

import re

# Words just before a cue that deny it ("不是投诉", "this is not a complaint", "I don't want
# to complain"): the cue names what the matter is not.
_ZH_DENIED = re.compile(
    r"(?:不是|不算|并非|不属于|没有|无意|不想|不要|不用|无需)[一个种类的来要]{0,2}$"
)
# A question whether it is so ("是不是", "有没有", "会不会", "是否"): asked, not denied.
QUESTIONED = re.compile(r"(.)[不没]\1|是否|有无")
_EN_DENIED = re.compile(
    r"(?:\b(?:not|no|never|isn['’]?t)|n['’]t)\s+(?:(?:really|a|an|to|want|any|about)\s+){0,3}$"
)


def unasked(before: str) -> str:
    """`before` with its questions whether a thing is so blanked (`QUESTIONED`: "是不是停电了",
    "有没有停水" ask; their "不是", "没有" deny nothing)."""
    return QUESTIONED.sub(lambda m: " " * len(m.group()), before)


def denied(before: str) -> bool:
    """Whether the (casefolded) words `before` a word deny it: they end in "不是", "没有",
    "not a", "no"... ("不是投诉", "there is no gas leak"), not a question whether it is so
    ("是不是停电了", "有没有停水": `unasked`)."""
    tail = unasked(before[-40:])
    return bool(_ZH_DENIED.search(tail) or _EN_DENIED.search(tail))
