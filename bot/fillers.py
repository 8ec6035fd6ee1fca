"""Words that keep a conversation going and say nothing of any matter, as a pure function:
"ok", "好的", "thanks", and any run of them ("ok thanks", "好的谢谢", "Ok, thank you!",
"嗯嗯好的", "thanks a lot").

A clerk never writes thanks into a form as details of the matter (`bot.intake.decision`), and
to thanks with nothing asked says "you're welcome" and offers help (`decision.Action.COURTESY`)
rather than asking the requester to say more. A text is such words when, without its
punctuation and case, it is made wholly of the phrases below, one after another (English
words as words, each Chinese character as one), the particles of speech ("啊", "呀",
"了") allowed between them. Thanks may name whom or what they thank ("谢谢你们", "感谢大家",
"thank you all", "thanks for your help": THANKED); those words alone thank nobody. A sound
however long ("hmmm", "emmm", "hahaha", "zzz", "嗯嗯嗯": `sound`) is the filler "hmm".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from bot.reading import read

# Thanks, in words a requester uses.
THANKS = frozenset(
    {"谢谢", "谢谢你", "谢谢您", "谢了", "多谢", "感谢", "非常感谢", "太感谢", "感谢您"}
    | {"辛苦了", "辛苦", "麻烦了", "麻烦你了", "麻烦您了", "谢啦", "谢谢啦", "3q"}
    | {"thanks", "thank you", "thank u", "thx", "ty", "tnx", "cheers", "many thanks"}
    | {"much appreciated", "appreciate it", "appreciated", "thank you kindly", "thanks again"}
)
# Whom or what thanks name, after them ("谢谢你们!", "thank you all!": a trial's first message
# was asked its category): fillers only beside thanks.
THANKED = frozenset(
    {"你们", "你", "您", "大家", "各位", "你们的帮助", "您的帮助", "帮忙", "帮助", "你们的耐心"}
    | {"all", "everyone", "everybody", "guys", "all of you", "folks", "team"}
    | {"for your help", "for the help", "for helping", "for everything", "for your time"}
)
# Words that keep a conversation going and say nothing: "ok", "hmm", "wait".
FILLERS = THANKS | frozenset(
    {"好", "好的", "好吧", "好嘞", "嗯", "嗯嗯", "哦", "噢", "喔", "行", "可以", "是的", "对"}
    | {"对的", "收到", "知道了", "明白", "明白了", "了解", "稍等", "等一下", "等等", "喂", "哈哈"}
    | {"ok", "okay", "k", "kk", "hmm", "um", "uh", "wait", "yes", "no", "sure", "right"}
    | {"got it", "one moment", "hang on", "hold on", "you there", "anyone", "alright"}
    | {"all right", "fine", "great", "cool", "nice", "good", "noted", "understood", "i see"}
    | {"oh", "ah", "haha", "yeah", "yep", "very much", "so much", "a lot", "again", "please"}
)
# Particles of speech that carry nothing: "好的呀", "谢谢啊".
_PARTICLES = frozenset({"啊", "呀", "哈", "啦", "了", "的", "呢", "吧", "哦", "嘛", "哟"})
# Sounds, however long: hesitation ("hmmm", "emmm", "ummm", "嗯嗯", "呃"), laughter ("hahaha",
# "hehe", "lol", "哈哈哈", "呵呵", "嘿嘿"), a snore or boredom ("zzz"); a cry ("啊啊啊啊啊啊") is
# particles. They say nothing, as "hmm" says nothing (a trial's were answered three ways:
# not understood, asked to say more, "ok"): each is the filler "hmm" (`sound`).
_SOUND = re.compile(
    r"h+m+|e+m{2,}|u+m+|m{2,}|u+h+|e+r+m+|h*(?:a+h+)+a*|(?:he){2,}h?|(?:hi){2,}h?|l+o+l+|z{3,}"
)
_SOUNDS_ZH = frozenset({"嗯", "呃", "额", "呵", "嘿", "唔"})
_LONGEST = 4  # tokens in the longest phrase ("thank you very much" is two phrases)


def _tokens(text: str) -> list[str]:
    """English words (and numbers) as words, each other letter (a Chinese character) as
    one; NFKC, casefolded, curly apostrophes straight, punctuation dropped."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    return [_heard(t) for t in re.findall(r"[a-z0-9']+|[^\W\d_a-z]", folded)]


def _heard(token: str) -> str:
    """The token, or "hmm" for a sound (`sound`)."""
    return "hmm" if sound(token) else token


def sound(word: str) -> bool:
    """The word is a sound that says nothing, however long (_SOUND, _SOUNDS_ZH): "hmmm",
    "emmm", "hahaha", "zzz", "呃"; never keys struck at random (bot/intake/gibberish.py)."""
    folded = word.casefold()
    return folded in _SOUNDS_ZH or _SOUND.fullmatch(folded) is not None


def _phrases(words: Iterable[str]) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(_tokens(w)) for w in words)


_THANKED = _phrases(THANKED)
_FILLERS = _phrases(FILLERS | _PARTICLES) | _THANKED
_THANKS = _phrases(THANKS)


def _cover(tokens: list[str], phrases: frozenset[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The phrases that make up `tokens`, one after another (longest first); [] when they do
    not (some word is none of them)."""
    best: list[list[tuple[str, ...]] | None] = [None] * (len(tokens) + 1)
    best[0] = []
    for end in range(1, len(tokens) + 1):
        for size in range(min(end, _LONGEST), 0, -1):
            before = best[end - size]
            phrase = tuple(tokens[end - size : end])
            if before is not None and phrase in phrases:
                best[end] = [*before, phrase]
                break
    return best[-1] or []


@lru_cache(maxsize=16)
def _fillers_and(extra: frozenset[str]) -> tuple[frozenset[tuple[str, ...]], frozenset[str]]:
    """FILLERS with the `extra` phrases, and every word they are made of."""
    phrases = _FILLERS | _phrases(extra)
    return phrases, frozenset(word for phrase in phrases for word in phrase)


@read
def only_fillers(text: str, extra: Iterable[str] = ()) -> bool:
    """The text is made wholly of FILLERS (and of the `extra` phrases: greetings), one after
    another, particles between them allowed: "ok thanks", "好的谢谢", "嗯嗯好的呀"; whom or
    what thanks name (THANKED) only beside thanks ("谢谢你们", "thank you all"; "你们" or
    "all" alone is none). A text with no words is none."""
    tokens = _tokens(text)
    phrases, vocabulary = _fillers_and(frozenset(extra))
    if not tokens or not vocabulary.issuperset(tokens):
        return False  # a word of no phrase: the text is more than fillers (a question)
    cover = _cover(tokens, phrases)
    named = any(p in _THANKED for p in cover)
    return bool(cover) and (not named or any(p in _THANKS for p in cover))


@read
def thanks(text: str) -> bool:
    """The text is fillers only (`only_fillers`) and thanks among them: "谢谢", "ok thanks",
    "Thank you very much!"."""
    return only_fillers(text) and any(p in _THANKS for p in _cover(_tokens(text), _FILLERS))
