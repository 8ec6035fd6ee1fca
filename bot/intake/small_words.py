"""The requester's small words, read before any search: greetings and openers that announce a
question and say nothing of it, thanks and "ok" (fillers), words with no letters at all, and
texts too short or general to act on. The first inquiry decides by them
(`bot.intake.decision.before_match`)."""

from __future__ import annotations

import re

from bot.fillers import only_fillers
from bot.intake.gibberish import gibberish
from bot.intake.openers import is_opener, names_no_matter
from bot.intake.place_only import only_place
from bot.reading import read
from bot.remembered import remembered

# Openers that say nothing about the matter: the bot asks what it is about, once.
GREETINGS = frozenset(
    {"你好", "您好", "在吗", "在不在", "有人吗", "请问", "咨询", "问一下", "咨询一下"}
    | {"hello", "hi", "hey", "help", "question", "a question", "excuse me"}
)

# Of those, the words that greet (a clerk greets back before asking what it is about).
SALUTATIONS = frozenset({"你好", "您好", "hello", "hi", "hey"})


def _bare(text: str) -> str:
    """The text folded, without the punctuation around it."""
    return re.sub(r"^[\W_]+|[\W_]+$", "", text.strip().casefold())


@read
@remembered
def carries_no_matter(text: str) -> bool:
    """The text only greets or opens (GREETINGS, `openers.is_opener`), asks for a person or
    names a kind of service (`names_no_matter`): nothing about the matter itself. An empty
    text carries none either."""
    return not _bare(text) or names_no_matter(text) or is_opening(text)


@read
@remembered
def is_opening(text: str) -> bool:
    """A greeting (GREETINGS) or an opener that announces a question and says nothing of it
    ("我想咨询一下", "I have a question": `openers.is_opener`), or a place said alone ("我家
    楼下", "outside my building": `place_only.only_place`): where, not what."""
    return _bare(text) in GREETINGS or is_opener(text) or only_place(text)


@read
@remembered
def is_filler(text: str) -> bool:
    """The text says nothing of any matter: no words at all, a greeting, a request for a
    person or a kind of service alone (`carries_no_matter`), or words that only keep a
    conversation going (FILLERS: thanks, "ok", "hmm", "wait"), alone or one after another
    ("ok thanks", "好的谢谢": `fillers.only_fillers`, greetings among them)."""
    if only_place(text):  # where the matter is: something of it (added to what waits)
        return False
    return not has_words(text) or carries_no_matter(text) or only_fillers(text, extra=GREETINGS)


@read
def is_courtesy(text: str) -> bool:
    """The text is only thanks, "ok", "好的" and the like (`fillers.only_fillers`), and no
    greeting, opener or request for a person (those ask for something: `carries_no_matter`)."""
    return has_words(text) and only_fillers(text) and not carries_no_matter(text)


@read
def has_words(text: str) -> bool:
    """The text carries at least one word: a letter, a digit or a Chinese character. Only
    punctuation, emoji, symbols and spaces carry none."""
    return any(ch.isalnum() for ch in text)


def says_words(text: str) -> bool:
    """The text carries a word (`has_words`) that is more than keys struck at random
    (`gibberish.gibberish`: "asdfghjkl", "jjjjjj" say nothing, as "??" says nothing): the
    first inquiry's "words" (`decision.before_match`)."""
    return has_words(text) and not gibberish(text)


@read
@remembered
def is_vague(text: str) -> bool:
    """Too short or too general to act on: a greeting, or under four Chinese characters and
    under three words."""
    folded = re.sub(r"^[\W_]+|[\W_]+$", "", text.casefold())
    if is_opening(text):
        return True
    chinese = sum(1 for ch in folded if "\u4e00" <= ch <= "\u9fff")
    words = len(re.findall(r"[a-z0-9]+", folded))
    return chinese < 4 and words < 3


def greets(text: str) -> bool:
    """The text is a greeting alone ("你好!", "Hi"): SALUTATIONS, punctuation aside."""
    return _bare(text) in SALUTATIONS
