"""What a requester's words right after an answer say about it, as a pure function.

A clerk who has just answered a question and hears "no", "that did not help", "是的", "我要
投诉" takes it as said about that answer, not as a new matter: "not solved" (a person takes
the whole inquiry, as the *Not solved* button does), "solved" (as the *Solved* button), or a
kind of matter with nothing of its own ("I want to complain": a person takes that matter in
that category; `bot.intake.choice.category_said`, read by the caller). Only words that name a
matter of their own ("the radiator still does not work") are more than a reply: those the
knowledge base reads as it reads any question.
"""

from __future__ import annotations

import re
from enum import StrEnum

from bot.intake.small_words import is_courtesy
from bot.reading import read
from bot.resolution_words import says_not_solved, without_not_solved


class Reply(StrEnum):
    """A reply to the answer just given."""

    SOLVED = "solved"  # as *Solved* pressed
    NOT_SOLVED = "not_solved"  # as *Not solved* pressed: a person takes the whole inquiry


# The whole text (folded, without punctuation around it): yes, it is solved.
_SOLVED = re.compile(
    r"(是的?|对|对的|好了|可以了|行了|解决了|已解决|已经解决了?|问题解决了|有用|有帮助"
    r"|管用|明白了|知道了|懂了)(,|,|。|\s)*(谢谢|谢谢你|谢谢您|多谢|感谢)?"
    r"|(谢谢|谢谢你|谢谢您|多谢|感谢)(,|,|\s)*(解决了|已解决|有用|有帮助)"
    r"|(yes|yeah|yep|yup|it is|it did|it worked|that worked|that helped|it helped|solved"
    r"|problem solved|all solved|sorted|all good|perfect|great|got it|that'?s it"
    r"|helpful|very helpful|that'?s helpful)([\s,!.]+(thanks|thank you|thx|solved))*"
    r"|(thanks|thank you|thx)[\s,!.]+(that )?(solved it|solved|it worked|that helped|helped)",
    re.IGNORECASE,
)
# The whole text: no, it is not.
_NOT = re.compile(
    r"(不|没|没有|沒有|没有啊|没有呢|不是|不对|没解决|沒解決|没解决呢|不行|还是不行|没帮助"
    r"|没有帮助|没有用|没什么用|不太行|不管用|没用|无用|不好使|不解决|解决不了|不清楚|看不懂|还不行)"
    r"|(no|nope|nah|not really|not quite|not at all|no it didn'?t|no it did not|not helpful"
    r"|unhelpful|useless|no use|no good|no luck|negative)([\s,!.]+(sorry|thanks|still))*",
    re.IGNORECASE,
)
# Words that say nothing of a matter, left once a "not solved" phrase is taken out.
_EN_EMPTY = frozenset(
    [
        "this",
        "that",
        "it",
        "me",
        "my",
        "i",
        "at",
        "all",
        "the",
        "answer",
        "info",
        "information",
        "reply",
        "really",
        "still",
        "sorry",
        "but",
        "so",
        "you",
        "your",
        "just",
        "very",
        "much",
        "any",
        "anyway",
        "unfortunately",
        "though",
        "whatever",
        "well",
        "oh",
        "hmm",
        "thanks",
        "thank",
        "yet",
    ]
)
_ZH_EMPTY = frozenset("这那个它我你您的了啊呀吧呢也还都根本完全一点并对是么嘛哦")
_NOT_HELPFUL = re.compile(r"\b(not\s+(very\s+|really\s+|at\s+all\s+)?helpful|unhelpful|useless)\b")


def _bare(text: str) -> str:
    """The text folded, without the punctuation around it."""
    return re.sub(r"^[\W_]+|[\W_]+$", "", text.strip().casefold())


def _only_not_solved(text: str) -> bool:
    """The text says the answer did not help and nothing of any matter besides: once the
    "not solved" words are taken out, only pronouns and fillers are left ("This does not help
    me", "这个根本没用")."""
    folded = _bare(text)
    if not (says_not_solved(folded) or _NOT_HELPFUL.search(folded)):
        return False
    rest = _NOT_HELPFUL.sub(" ", without_not_solved(folded))
    words = re.findall(r"[a-z']+", rest)
    if any(w.strip("'") not in _EN_EMPTY for w in words if w.strip("'")):
        return False
    chinese = [ch for ch in rest if "\u4e00" <= ch <= "\u9fff" and ch not in _ZH_EMPTY]
    return not chinese and not re.search(r"\d", rest)


@read
def reply_to_answer(text: str) -> Reply | None:
    """What `text`, written right after the bot answered from a template, says about that
    answer: SOLVED ("yes", "是的", "解决了", "thanks, solved"), NOT_SOLVED ("no", "not
    really", "没有", "不行", "This does not help me", "that did not help"), or None when it
    says more than that (a matter of its own, a question) or something else."""
    bare = _bare(text)
    if not bare:
        return None
    if _NOT.fullmatch(bare) or _only_not_solved(text):
        return Reply.NOT_SOLVED
    if _SOLVED.fullmatch(bare):
        return Reply.SOLVED
    return None


def reply_alone(text: str) -> Reply | None:
    """What a whole message right after an answer says about it: `reply_to_answer`, and
    thanks or "ok" alone ("好的,谢谢", "ok thanks", "谢谢": `small_words.is_courtesy`) as
    SOLVED, as a clerk takes them: the answered matter closed, never words of a question to
    search nor a ticket's (a tester: "好的,谢谢" opened a ticket). Thanks leading more words
    ("谢谢。另外…") are `new_matter.led_question`'s."""
    said = reply_to_answer(text)
    if said is None and is_courtesy(text):
        return Reply.SOLVED
    return said
