"""A choice typed instead of pressed, as a pure function: the name of a category.

While the bot waits for a question's category it shows one button per category. Many
requesters type the name they read instead ("投诉", "Complaint", "complaint。"); a clerk who
offered the choice takes the name as the choice (`Action.IN_CATEGORY` in
`bot.intake.decision`). Others say it in a sentence that says nothing else: "这是投诉", "属于
故障报修", "我要投诉", "it's a complaint", "I want to complain" (`category_said`): the name, or
one of the category's cue words, in a frame that only names the kind of matter. A text that
says more ("我要投诉那个窗口") is more of the question (`Action.MORE`), whose category is then
decided from all its words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache

from bot.reading import read

# Around a typed name: spaces, punctuation, symbols and emoji (a quoted or bracketed name, a
# full stop, "👍").
_AROUND = re.compile(r"^[\W_]+|[\W_]+$")


def _folded(text: str) -> str:
    """`text` as names are compared: NFKC (full-width letters and spaces as plain ones),
    case folded, without what surrounds it, inner spaces, hyphens and underscores as one
    space."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = _AROUND.sub("", folded)
    return re.sub(r"[\s_\-]+", " ", folded)


@read
def category_named(text: str, names: Mapping[str, Iterable[str]]) -> str | None:
    """The key of the category whose name `text` is, None when it is no category's name.

    `names` maps each category key to the names a requester may read for it (its button in
    every supported language; config `categories[].names`); the key itself counts as a name
    too ("fault_report", "fault report"). Compared after `_folded`: case, width, surrounding
    spaces and punctuation, and the spelling of inner spaces do not matter. A name two
    categories share names neither."""
    typed = _folded(text)
    if not typed:
        return None
    shown = tuple((key, (key, *given)) for key, given in names.items())
    found = {key for key, folded in _names(shown) if typed in folded}
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=8)
def _names(
    shown: tuple[tuple[str, tuple[str, ...]], ...],
) -> list[tuple[str, frozenset[str]]]:
    """Each category key with its names as compared (`_folded`), folded once per
    configuration."""
    return [(key, frozenset(_folded(name) for name in names)) for key, names in shown]


# What may stand around a kind of matter named in a sentence that says nothing else, as
# `_folded` leaves it: "这是投诉", "属于故障报修类", "我要投诉", "我想提个建议"; "it's a
# complaint", "this is a fault report", "I want to complain", "I'd like to make a suggestion".
_ZH_BEFORE = (
    r"(?:(?:这|这个|那|那个|它|我这个?|我的|应该)?(?:是|属于|算是?|就是)"
    r"|我?(?:要|想|想要|需要|希望|打算)(?:提|办|做|进行|反映)?|我?选(?:择)?)?"
    r"(?:一个|一下|一|个)?"
)
_ZH_AFTER = r"(?:类|一类|类的|的|问题|事项|的事|吧|啊|呀|呢|一下|了)*"
_EN_BEFORE = (
    r"(?:(?:it['’]?s|it is|this is|that['’]?s|that is|its|i['’]?d say|i think it['’]?s"
    r"|i choose|i pick|i['’]?ll take|make it|i want|i['’]?d like|i would like|i need"
    r"|i wish)(?: to)?(?: make| file| lodge| submit| report| have| send| give)? )?"
    r"(?:(?:a|an|the) )?"
)
_EN_AFTER = r"(?: please| one| type| category| kind| matter)*"


@read
def category_said(
    text: str, names: Mapping[str, Iterable[str]], cues: Mapping[str, Iterable[str]]
) -> str | None:
    """The key of the category a sentence that says nothing else names, None when it names
    none or more than one: a name (as in `category_named`) or a cue word of the category
    (`cues`: config `categories[].cues`), in a frame that only names the kind of matter
    (`_ZH_BEFORE`, `_EN_BEFORE` and their endings: "这是投诉", "我要报修", "it's a complaint",
    "I want to complain"). Compared after `_folded`."""
    # Inner punctuation as a space ("complaint, please"); Chinese is read without spaces.
    typed = re.sub(r"[^\w'’]+", " ", _folded(text)).strip()
    if not typed:
        return None
    said = tuple(
        (key, (key, *names.get(key, ()), *cues.get(key, ()))) for key in names.keys() | cues.keys()
    )
    unspaced = typed.replace(" ", "")
    found = {key for key, zh, en in _frames(said) if zh.fullmatch(unspaced) or en.fullmatch(typed)}
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=8)
def _frames(
    said: tuple[tuple[str, tuple[str, ...]], ...],
) -> list[tuple[str, re.Pattern[str], re.Pattern[str]]]:
    """For each category key, the Chinese and the English sentence that only names it by one
    of its terms (its key, names and cue words), compiled once per configuration."""
    frames = []
    for key, words in said:
        terms = {_folded(t) for t in words} - {""}
        alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
        zh = re.compile(rf"{_ZH_BEFORE}(?:{alternatives}){_ZH_AFTER}")
        frames.append((key, zh, re.compile(rf"{_EN_BEFORE}(?:{alternatives}){_EN_AFTER}")))
    return frames
