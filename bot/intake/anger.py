"""Anger read by its kinds, as pure functions (issue 14): "你们这帮人到底管不管事?!!打了8次12345
都没人理!!!", "This is ridiculous!!! I called 6 times", "Unbelievable. Third time I am writing
and still no answer!!". A clerk hears anger not by a few fixed sentences but by what it is
made of: tries counted (`Kind.TRIES`: "打了8次", "I called 6 times", "third time I am
writing"), no answer had (`Kind.UNANSWERED`: "都没人理", "still no answer"), contempt for the
service (`Kind.CONTEMPT`: "管不管事", "This is ridiculous", "Unbelievable") and runs of marks
(`Kind.MARKS`: "!!", "!!!", "?!"). One kind alone is no anger: "我打了2次电话想问一下公积金怎么
提取" counts tries calmly, "Thanks!" has one mark; two kinds or more are (`heated`). A clause
made of such words alone tells no matter (`only_anger`: "打了8次12345都没人理"): the desk asks
what happened (`bot.intake.openers.outburst`)."""

from __future__ import annotations

import re
import unicodedata
from enum import Enum

from bot.reading import read


class Kind(Enum):
    """A kind of anger in a requester's words."""

    TRIES = "tries"  # tried again and again: "打了8次", "I called 6 times"
    UNANSWERED = "unanswered"  # nobody answered: "都没人理", "still no answer"
    CONTEMPT = "contempt"  # for the service: "管不管事", "This is ridiculous"
    MARKS = "marks"  # a run of marks: "!!", "!!!", "?!"


_COUNT_ZH = r"(?:十几|几十|好几|无数|很多|好多|多少|[0-9一二三四五六七八九十两几]+)"
_TRY_ZH = r"(?:打|找|来|跑|问|催|反映|投诉|留言|发|写|报|联系)"
# Chinese words are read without spaces.
_TRIES_ZH = (
    rf"{_TRY_ZH}(?:了|过)?{_COUNT_ZH}(?:次|趟|遍|回)(?:电话)?"
    rf"|第(?:[二三四五六七八九十]+|[2-9]|[1-9][0-9])(?:次|回|趟|遍){_TRY_ZH}"
)
_UNANSWERED_ZH = (
    r"(?:没|没有)人(?:理|搭理|回复|回应|回|答复|接听|接|管|处理|联系)"
    r"|不理(?:人|我)|(?:没|没有|不)(?:回复|回音|答复|下文|人回)|石沉大海"
)
_CONTEMPT_ZH = (
    r"管不管(?:事)?|管事吗|不管事|干什么吃的|是干什么的|有没有人管|搞什么(?:鬼|名堂)?"
    r"|什么(?:鬼|玩意儿?)|不像话|太过分|离谱|无语|气死|受够|差劲|不负责任?|踢皮球|推来推去|推诿"
    r"|破(?:服务|地方|单位|系统|机器人|玩意儿?|部门|窗口|态度|效率)"
    r"|垃圾(?:服务|机器人|系统|单位|部门)|服务(?:太|真|好|也太)?(?:差|烂|垃圾)"
    r"|一点用(?:都|也)没有|有什么用"
)
_N_EN = (
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|a dozen|dozens of|several|many|multiple|so many|countless|numerous|a hundred"
    r"|hundreds of)"
)
_TRIES_EN = (
    r"\b(?:called|rung|rang|phoned|written|wrote|emailed|messaged|texted|come|came|been"
    r"|visited|complained|asked|tried|reported|contacted)"
    r"(?: (?:you|here|in|this|it|to you|the hotline|your (?:office|hotline|number)))?"
    rf" {_N_EN} times\b"
    r"|\b(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)"
    r"|umpteenth|hundredth) time (?:(?:that |now )?(?:i|we)(?:'m| am|'ve| have| are|'re)? )?"
    r"(?:writing|written|calling|called|asking|asked|messaging|contacting|trying|tried"
    r"|complaining|reporting|here|coming|came)\b"
    r"|\b(?:again and again|over and over(?: again)?|time after time|time and again)\b"
)
_UNANSWERED_EN = (
    r"\bstill no (?:answer|reply|response|word|callback|call back)\b"
    r"|\b(?:nobody|no one|no-one|noone)(?: has| ever| even)* (?:answers?|answered|replies"
    r"|replied|responds?|responded|gets? back|got back|calls? back|called back|picks? up"
    r"|picked up|helps?|helped|cares?|bothers?|bothered|listens?|listened)\b"
    r"|\bnever (?:got|get|heard|hear|received|receive) (?:an? |any )?(?:answer|reply"
    r"|response|back|anything)\b|\bno (?:answer|reply|response|callback)s?\b"
    r"|\b(?:been|being|was|were|am|get|keep getting) ignored\b|\bignor(?:e|es|ing) (?:me|us)\b"
    r"|\bheard nothing\b|\bnot (?:even )?(?:a|one) (?:reply|answer|response)\b"
)
_CONTEMPT_EN = (
    r"\b(?:ridiculous|unbelievable|unacceptable|outrageous|pathetic|disgrace(?:ful)?"
    r"|incompetent|useless|hopeless|absurd|shameful|what a joke|a joke|joke of a|fed up"
    r"|sick of (?:this|you|it)|sick and tired|are you (?:kidding|joking)(?: me)?"
    r"|waste of (?:my )?time|the worst|terrible service|awful service|rubbish service"
    r"|does anyone (?:care|work here)|what is wrong with you)\b"
)
_WORDS = {
    Kind.TRIES: (re.compile(_TRIES_ZH), re.compile(_TRIES_EN)),
    Kind.UNANSWERED: (re.compile(_UNANSWERED_ZH), re.compile(_UNANSWERED_EN)),
    Kind.CONTEMPT: (re.compile(_CONTEMPT_ZH), re.compile(_CONTEMPT_EN)),
}
# A run of two marks or more with "!" among them ("!!", "!!!", "?!", "!?"): "??" alone is
# puzzlement, "!" alone a calm "Thanks!".
_MARKS = re.compile(r"[!?]*![!?]*")
# Words around anger that tell no matter: who, how much, a hotline's number ("12345").
_FILLER_ZH = re.compile(
    r"(?:你们|您们|你|我们|我|他们|这帮人|这些人|那些人|这群人|这是|这里|这|真是|真的|简直是?|实在是?"
    r"|太|都|还是|还|就是|到底|已经|一直|也|又|再|了|啊|吧|呀|嘛|的|呢|吗|哦|哎|唉|电话|热线|[0-9]+)*"
)
_FILLER_EN = frozenset(
    (
        *("i", "we", "you", "and", "but", "still", "already", "now", "this", "is", "it", "so"),
        *("just", "i've", "i'm", "i'd", "we've", "have", "has", "had", "am", "are", "really"),
        *("seriously", "honestly", "even", "yet", "me", "us", "here", "again", "the", "a", "oh"),
        *("my", "god", "well", "that", "of", "to", "at", "all", "then", "too", "very", "guys"),
        *("people", "you're", "it's", "this", "was", "what", "times"),
    )
)


def folded(text: str) -> str:
    """`text` NFKC (full-width marks as ASCII), casefolded, with straight apostrophes."""
    return unicodedata.normalize("NFKC", text).casefold().replace("’", "'")


@read
def kinds(text: str) -> frozenset[Kind]:
    """The kinds of anger in `text` (`Kind`), Chinese words read without spaces."""
    plain = folded(text)
    squeezed = plain.replace(" ", "")
    found = {
        kind
        for kind, (zh, en) in _WORDS.items()
        if zh.search(squeezed) is not None or en.search(plain) is not None
    }
    if any(len(run) >= 2 for run in _MARKS.findall(plain)):
        found.add(Kind.MARKS)
    return frozenset(found)


@read
def heated(text: str) -> bool:
    """Whether `text` is angry: two kinds of anger or more (`kinds`). "我打了2次电话想问一下
    公积金怎么提取" (tries alone), "How do I renew my passport? Thanks!" (one mark) are calm."""
    return len(kinds(text)) >= 2


@read
def only_anger(clause: str) -> bool:
    """Whether `clause` (one, no marks between) is made of words of anger of a kind
    (tries, no answer, contempt) and nothing else but who and how much ("你们这帮人到底管不管
    事", "打了8次12345都没人理", "I called 6 times", "Third time I am writing and still no
    answer"): no matter told in it."""
    plain, found = folded(clause).strip(), 0
    if any("\u4e00" <= ch <= "\u9fff" for ch in plain):
        rest = plain.replace(" ", "")
        for zh, _ in _WORDS.values():
            rest, count = zh.subn("", rest)
            found += count
        return found > 0 and _FILLER_ZH.fullmatch(rest) is not None
    for _, en in _WORDS.values():
        plain, count = en.subn(" ", plain)
        found += count
    return found > 0 and all(w in _FILLER_EN for w in re.findall(r"[\w']+", plain))
