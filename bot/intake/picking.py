"""An offered option named in words, as a pure function: "the second one", "第二个", "都不是".

After "did you mean" the bot shows up to three templates as buttons, and a "none of these"
button. Many requesters answer in words instead: a number ("2", "number 3", "#1", "option
2"), an ordinal ("第一个", "第2个", "the second", "the last one") or a refusal of them all
("都不是", "none of these"). A clerk who offered a numbered list takes such words as the
choice, exactly as a press of that button (`bot.intake.flow` carries it out through
`bot.intake.pressing.take_press`); several named at once ("第二个和第三个", "the second and
the third", "1 and 3": `picked_several`) are each answered, as each button pressed; words
that say more ("the first one was about my card, but…") are a question and searched as one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.reading import read

# The numbers and ordinals a requester may use, 1-based; "last" is resolved against the count.
_LAST = 0
_EN_NUMBERS = {
    "1": 1, "2": 2, "3": 3, "one": 1, "two": 2, "three": 3,
    "first": 1, "second": 2, "third": 3, "1st": 1, "2nd": 2, "3rd": 3,
    "last": _LAST, "final": _LAST, "bottom": _LAST, "top": 1,
}  # fmt: skip
_ZH_NUMBERS = {
    "1": 1, "2": 2, "3": 3, "一": 1, "二": 2, "两": 2, "三": 3, "最后": _LAST, "末": _LAST,
}  # fmt: skip

_EN_NUMBER = "|".join(sorted(map(re.escape, _EN_NUMBERS), key=len, reverse=True))
_ZH_NUMBER = "|".join(sorted(map(re.escape, _ZH_NUMBERS), key=len, reverse=True))

# "the second one please", "number 3", "option #2", "I choose the first", "2."
_EN_PICK = re.compile(
    r"(?:(?:i (?:choose|pick|want|mean|meant|need)|i'?ll take|i'?d like|give me|show me"
    r"|let'?s (?:go with|take)|go with|it'?s|it is|that'?s|that is) )?"
    r"(?:(?:the|that|this) )?(?:(?:number|no|option|choice|item|#) ?)?"
    rf"(?P<number>{_EN_NUMBER})"
    r"(?: (?:ones?|options?|choices?|items?|answers?|links?|suggestions?|things?))?"
    r"(?: (?:please|pls|thanks|thank you))?"
)
# "第二个", "第2个", "选第一个", "我要第三条", "最后一个", "2号", "选1", "一"
_ZH_PICK = re.compile(
    r"(?:我?(?:选|选择|要|想要|看|点|是|就是|应该是)(?:择)?)?(?:那个|这个)?"
    rf"(?:第|选项|序号)?(?P<number>{_ZH_NUMBER})"
    r"(?:个|条|项|项目|号|种|那个|这个|一个|一条|一项|选项)?"
    r"(?:吧|啊|呀|的|谢谢)*"
)
# None of the offered templates: as the "none of these" button.
_EN_NONE = re.compile(
    r"(?:(?:it'?s |it is |that'?s |they'?re |they are )?"
    r"(?:none|neither|not any|nothing)(?: of (?:these|them|those|the above|this|that))?"
    r"|(?:it'?s |it is )?not (?:any|one) of (?:these|them|those|the above)"
    r"|(?:none|neither) (?:fits|fit|matches|match|applies|apply|is right)"
    r"|(?:no,? )?(?:these|those|they) (?:are|were)(?:n'?t| not)"
    r" (?:it|right|what i (?:mean|meant|need)))"
    r"(?: (?:please|sorry|thanks))?"
)
_ZH_NONE = re.compile(
    r"(?:以上|上面的?|这些|这几个|它们)?(?:都|全都|全)(?:不是|不对|不符合|不相关|没用|不要|不行)"
    r"(?:的|吧|啊|呀|呢)*"
    r"|(?:一个都不是|一个也不是|没有一个是|没有一个对|没有符合的|没有对的|没有我要的|都没有)"
    r"(?:的|吧|啊|呀|呢)*"
)


@dataclass(frozen=True)
class Pick:
    """The requester's choice among the offered options: `index` (0-based, into the offers)
    of the one they named, None for none of them."""

    index: int | None


def _folded(text: str) -> str:
    """NFKC (full-width digits as plain ones), casefolded, curly apostrophes straight,
    punctuation as single spaces, trimmed."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    return re.sub(r"[^\w'#]+", " ", folded).strip()


@read
def picked(text: str, count: int) -> Pick | None:
    """The option `text` names among `count` offered ones (1 to 3, in the order shown), or
    None when it names none of them: words that say more than a choice, a number beyond
    `count`, or no offers (`count` 0). "the last one" / "最后一个" is option `count`;
    "none of these" / "都不是" is `Pick(None)`."""
    if count <= 0:
        return None
    typed = _folded(text)
    if not typed:
        return None
    if _EN_NONE.fullmatch(typed) or _ZH_NONE.fullmatch(typed.replace(" ", "")):
        return Pick(None)
    number = None
    if found := _EN_PICK.fullmatch(typed):
        number = _EN_NUMBERS[found["number"]]
    elif found := _ZH_PICK.fullmatch(typed.replace(" ", "")):
        number = _ZH_NUMBERS[found["number"]]
    if number is None:
        return None
    if number == _LAST:
        number = count
    return Pick(number - 1) if 1 <= number <= count else None


# Between options named together: "第二个和第三个", "1、3", "the second and the third".
_AND = re.compile(r"\s*(?:和|与|跟|及|以及|还有|、|,|;|&|\+|/|\band\b|\bplus\b|,)\s*")
_BOTH = re.compile(r"\s*(?:(?:i (?:want|need|mean|choose|pick) )?both|两个都要|两个都是|都要)\s*")


@read
def picked_several(text: str, count: int) -> tuple[int, ...] | None:
    """The options `text` names together among `count` offered ones, 0-based and in the
    order named ("第二个和第三个" → (1, 2), "the first and the last" → (0, count - 1)):
    two or more different ones, each named as `picked` takes one. None when it names fewer,
    or when any part of it is no option (words that say more: a question)."""
    if count < 2:
        return None
    typed = unicodedata.normalize("NFKC", text).casefold().strip()
    typed = _BOTH.sub(" ", typed).strip() or typed
    parts = [p for p in _AND.split(typed) if _folded(p)]
    if len(parts) < 2:
        return None
    chosen: list[int] = []
    for part in parts:
        pick = picked(part, count)
        if pick is None or pick.index is None:
            return None
        if pick.index not in chosen:
            chosen.append(pick.index)
    return tuple(chosen) if len(chosen) >= 2 else None
