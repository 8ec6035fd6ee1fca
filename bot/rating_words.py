"""A rating given in words where stars are awaited or beside other words: "5 stars", "rate it
4", "4/5", "给五星", "打5分", "5分", "★★★★★" (`rating_said`), or a message that is only a
rating ("5", "五星", "I'd give it 3 stars": `rating_alone`). Read in the words' reading form
(bot/reading.py: "5顆星" is "5颗星")."""

from __future__ import annotations

import re

from bot.reading import reading


def fold(text: str) -> str:
    """Curly apostrophes as straight ones (phones type "haven’t")."""
    return text.replace("\u2019", "'").replace("\u2018", "'")


# A rating in words: "5 stars", "rate it 4", "4/5", "给五星", "打5分", "5分", "★★★★★".
_NUMBER = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_EN_NUMBER = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_DIGIT = r"(?<![\d.])([1-5]|[一二两三四五]|one|two|three|four|five)(?![\d.])"
_RATING = re.compile(
    rf"{_DIGIT}\s*(颗|个)?\s*(星(?!期|座|球)|stars?\b)"  # "一个星期" is a week
    rf"|{_DIGIT}\s*分(?!钟|之|析|享|别|开|配|类|期|局|行|店|队|成|数|辨|钱)"
    rf"|打\s*{_DIGIT}|\b(rate|rated|rating)[\s:]+(it|you|them|this)?\s*(a\s+)?{_DIGIT}"
    rf"|{_DIGIT}\s*(/|out of)\s*5",
    re.IGNORECASE,
)
_STARS = re.compile(r"([★⭐🌟])(\s*\1){0,9}")


def rating_said(text: str) -> int | None:
    """A rating 1-5 given in words ("给5星吧", "rate it 4", "★★★★"), the last if several."""
    text = fold(reading(text))
    scores = []
    for match in _RATING.finditer(text):
        word = next(g for g in match.groups() if g and re.fullmatch(_DIGIT, g, re.IGNORECASE))
        scores.append((match.start(), _number(word)))
    for match in _STARS.finditer(text):
        scores.append((match.start(), len(re.sub(r"\s", "", match.group()))))
    scores = [(at, score) for at, score in scores if 1 <= score <= 5]
    return max(scores)[1] if scores else None


# What may stand beside a rating in a message that only gives one ("给5星吧", "I'd give it 3
# stars", "5/5 thanks").
_BESIDE_RATING = re.compile(
    r"我|就|给|打|吧|啊|呀|哈|了|的|满分|好评|评分|评价|谢谢|感谢|多谢"
    r"|\b(i'd|i'll|i|would|will|give|gives|giving|it|you|u|a|rate|rating|my|thanks|thank"
    r"|please|full|marks|points?)\b",
    re.IGNORECASE,
)
_BARE = re.compile(rf"\s*{_DIGIT}\s*", re.IGNORECASE)


def rating_alone(text: str) -> int | None:
    """The rating 1-5 of a message that gives only a rating ("5", "5星", "五星", "给5星",
    "5 stars", "★★★★★", "4/5", "I'd give it 3 stars"), or None when it says anything else (a
    number in a sentence is no rating). A bare number counts: read where a rating is awaited."""
    folded = fold(reading(text))
    rest = _BESIDE_RATING.sub(" ", _STARS.sub(" ", _RATING.sub(" ", folded)))
    rest = re.sub(r"[\s,，、.。!！~～:：;；'\"“”]+", " ", rest)
    score = rating_said(folded)
    if score is not None:
        return score if not re.search(r"\w", rest) else None
    bare = _BARE.fullmatch(rest)
    return _number(bare.group(1)) if bare else None


def _number(word: str) -> int:
    if word.isdigit():
        return int(word)
    return _NUMBER.get(word) or _EN_NUMBER[word.casefold()]


def rating_comment(text: str, most: int = 500) -> str | None:
    """The comment a rating typed in words keeps beside its score: the words (at most `most`
    characters), or None when they give only the rating ("2", "5星", "5 stars"), as a star
    pressed keeps none (issue 14: a typed rating leads where its button does)."""
    words = text.strip()
    return None if not words or rating_alone(words) is not None else words[:most]
