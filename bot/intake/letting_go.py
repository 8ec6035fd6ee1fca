"""Whether a requester's words let go of what the bot is waiting for, as a pure function.

While a clerk waits for more (what the complaint is about, what the question is) or for the
kind of matter, "算了", "没事了", "never mind" mean the requester no longer wants it: nothing is
opened, it is let go (`bot.intake.decision.Action.DROPPED`). A new-user trial's "没事了" opened
a ticket of itself. The words let go when they clearly withdraw the request
(`withdrawal_words.says_withdrawn`: "算了,不用了", "never mind, cancel it") or are made only of
such small words and thanks ("没事了,谢谢", "nevermind, it's fine"); never when words go on to
ask for something after all ("算了,还是帮我查一下吧", "never mind that, but can you check it?"),
which are more of the matter.
"""

from __future__ import annotations

import re

from bot.fillers import only_fillers
from bot.reading import read
from bot.withdrawal_words import says_withdrawn

# Small words that let it go, a clause alone.
_ZH = re.compile(
    r"(?:那|那就|就|那么|哦|噢|嗯|好吧|好)?"
    r"(?:算了|没事|没事儿|没关系|不用|不需要|不问|不要|没什么事?|没啥事?|不必|不麻烦|不用麻烦)"
    r"(?:了|啦)?(?:吧|啦|哈|哦|呢|啊)?"
)
_EN = re.compile(
    r"(?:(?:oh|ok|okay|ah|well|actually|no|sorry)\s+)*"
    r"(?:never\s*mind|nvm|forget it|forget about it|it'?s fine|it'?s ok(?:ay)?|no worries"
    r"|(?:it )?doesn'?t matter|not needed|no need|nothing|that'?s all|all good|i'?m (?:fine|good)"
    r"|don'?t worry(?: about it)?|no thanks|no thank you)"
    r"(?:\s+(?:then|now|anyway|after all|that|it|about it|thanks|thank you|please))*"
)
# Words going on to ask for something after all: "还是帮我查一下", "but can you check".
_GOES_ON = re.compile(
    r"还是|但是|不过|可是|帮我|麻烦你|请你|查一下|看一下|问一下"
    r"|(?<![a-z])(?:but|still|however|though|can you|could you|would you|please (?!cancel))"
    r"(?![a-z])",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"[,，.。!！?？;；~～、…\s]+")


def _small(clause: str) -> bool:
    """The clause only lets go (`_ZH`, `_EN`)."""
    return _ZH.fullmatch(clause) is not None or _EN.fullmatch(clause) is not None


@read
def lets_go(text: str) -> bool:
    """The words let go of what waits (see the module): no asking after all, and a clear
    withdrawal, or small words that let go with at most thanks and "ok" beside them."""
    folded = text.strip().casefold().replace("’", "'")
    if not folded or _GOES_ON.search(folded):
        return False
    if says_withdrawn(text):
        return True
    if re.search(r"[a-z]", folded):  # English: the clauses are the punctuation's alone
        parts = [p.strip() for p in re.split(r"[,.!?;~…]+", folded) if p.strip()]
    else:
        parts = [p for p in _CLAUSE.split(folded) if p]
    small = [_small(p) for p in parts]
    return any(small) and all(s or only_fillers(p) for s, p in zip(small, parts, strict=True))
