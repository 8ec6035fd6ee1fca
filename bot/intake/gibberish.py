"""Letters that make no word, as a pure function: keys struck at random ("asdfghjkl",
"jjjjjj", "qwer qwer", "sdfgh"), as a clerk sees at a glance.

A new-user trial: a Chinese speaker's "asdf ghjkl" was answered in English (Latin letters
read as English words, `bot.written.written_in`), and "jjjjjj" after it was asked its
category (a question the knowledge base did not know, handed over). Such letters say
nothing, of a matter or of a language: the desk answers them as a message without words
(`bot.intake.wordless`, `Wordless.GIBBERISH`: "I did not understand that, what is your
matter?", a question still waiting asked again, nothing filed), in the language the
requester is known to speak. A word is such letters when it is Latin letters only, three or
more, and one letter repeated ("jjj"), or two in turn ("jkjkjk"), or four or more keys in a
row of the keyboard one after another ("asdf", "lkjhg"), or five or more without a vowel
("sdfgh"). A text is gibberish when each of its words is; any other word (a real one, a
number, a Chinese character) and it is not: "were" (keys side by side, but back and forth),
"ok", "WiFi", "rhythm" are words, and sounds however long ("hmmm", "hahaha", "zzz":
`bot.fillers.sound`) are fillers, answered as "hmm" is.
"""

from __future__ import annotations

import re

from bot.fillers import sound
from bot.reading import read

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_VOWELS = frozenset("aeiouy")
_TOKEN = re.compile(r"[^\W_]+")
_LATIN = re.compile(r"[a-z]+")
_RUN_AT_LEAST = 4  # keys in a row ("asdf"); "were" goes back and forth, "tre" is too short
_VOWELLESS_AT_LEAST = 5  # "sdfgh"; "nth", "pfft", "hmmm" are too short to tell


def _row_run(word: str) -> bool:
    """The word's letters follow one row of the keyboard, one key after another, all one way:
    "asdf", "hjkl", "poiuy"."""
    for row in _ROWS:
        for keys in (row, row[::-1]):
            if len(word) >= _RUN_AT_LEAST and word in keys:
                return True
    return False


def mashed(word: str) -> bool:
    """A word of keys struck at random, as the module says: one letter repeated, two in
    turn, a run along a keyboard row, or no vowel in five letters or more."""
    plain = word.casefold()
    if len(plain) < 3 or not _LATIN.fullmatch(plain) or sound(plain):  # "hmmm", "hahaha"
        return False
    in_turn = (plain[:2] * len(plain))[: len(plain)]  # "jkjkjk": the first two, over again
    repeated = len(set(plain)) == 1 or (len(plain) >= _RUN_AT_LEAST and plain == in_turn)
    vowelless = len(plain) >= _VOWELLESS_AT_LEAST and not _VOWELS & set(plain)
    return repeated or vowelless or _row_run(plain)


@read
def gibberish(text: str) -> bool:
    """Every word of `text` is keys struck at random (`mashed`), and it has at least one:
    "asdfghjkl", "jjjjjj", "asdf ghjkl!"; never "ok", "were", "asdf 3号楼"."""
    words = _TOKEN.findall(text)
    return bool(words) and all(map(mashed, words))
