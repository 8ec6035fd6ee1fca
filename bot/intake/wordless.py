"""What a message without words is, as a pure function (issue 14, bad input of the same
family), so that a clerk answers each for what it is rather than with one "I could not tell
what you need":

- EMPTY: nothing visible at all, only invisible characters (a zero-width space U+200B, a
  joiner U+200D, a byte-order mark U+FEFF, a lone variation selector) and spaces: the
  message arrived empty. In a ticket it is not filed as the requester's words.
- PUZZLED: only question marks or an ellipsis ("??", "？？", "?", "。。。", "..."): the
  requester does not understand or waits; with nothing before, what would they like to ask?
- PUZZLED_AFTER_ANSWER: the same right after the bot's answer: what is unclear in it (and a
  person, as under the answer).
- SYMBOLS: emoji, other punctuation or symbols: no words; what do they need?
- GIBBERISH: letters that make no word, keys struck at random ("asdfghjkl", "jjjjjj":
  `bot.intake.gibberish`): not understood; what is their matter? (A new-user trial's were
  handed over and asked their category, in English for a Chinese speaker: such letters tell
  no language either, `bot.intake.language`.)
- NOT_WORDS: a sticker, a GIF, a dice (`bot.kinds.NO_QUESTION`): the bot reads words and
  photos; write the question, please.

While a question of the bot's waits for the requester (what a vague opener is about, what
to do about a forward, what the matter is: `waited`), any of these is answered with that
question again, never as if nothing had been asked (issue 14, "the first inquiry loses
nothing": a sticker to "what is it about?" was told to write its question); nothing of it
joins their question. (While the kind of matter waits it is a filler: the choice is recalled,
`bot.intake.reminding`.)

From the second message without words in a row (the bot's last message to them its reply to
one: `in_a_row`), the reply is said otherwise (issue 14: "??", "。。。", "……?" each got "what
would you like to ask?"): what can be asked, for example, and how to reach a person ("人工",
/new, the general window's hours and hotline when config's `knowledge.values` has them).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

from bot.models import DialogStep
from bot.said_last import latest_kind
from bot.transaction import Transaction


class Wordless(StrEnum):
    """What a message without words is (the `no_words` template words each)."""

    EMPTY = "empty"
    PUZZLED = "puzzled"
    PUZZLED_AFTER_ANSWER = "puzzled_after_answer"
    SYMBOLS = "symbols"
    GIBBERISH = "gibberish"
    NOT_WORDS = "not_words"


# Marks of puzzlement or waiting: question marks and ellipses, ASCII, full-width and Chinese.
_PUZZLED = frozenset("?？¿⁇⁈.。…・·．､、!！")
_ASKING = frozenset("?？¿⁇⁈.。…．")  # at least one of these: "!!" alone is no puzzlement


def visible(text: str) -> str:
    """`text` without what shows nothing: format characters (zero-width spaces and joiners,
    the byte-order mark, direction marks), variation selectors and other marks standing
    alone, and white space."""
    return "".join(
        ch
        for ch in text
        if not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Mn", "Me", "Cc", "Zs")
    )


def is_empty(text: str) -> bool:
    """Nothing in `text` shows: only invisible characters and spaces, or nothing at all."""
    return not visible(text)


def wordless_kind(text: str, *, after_answer: bool) -> Wordless:
    """What a text without words is (`bot.intake.small_words.says_words` false):
    EMPTY, PUZZLED (PUZZLED_AFTER_ANSWER when the bot's answer was the last thing said),
    GIBBERISH (letters, but no word: `bot.intake.gibberish`) or SYMBOLS, as the module's
    description says."""
    shown = visible(text)
    if not shown:
        return Wordless.EMPTY
    if set(shown) <= _PUZZLED and set(shown) & _ASKING:
        return Wordless.PUZZLED_AFTER_ANSWER if after_answer else Wordless.PUZZLED
    if any(ch.isalnum() for ch in shown):
        return Wordless.GIBBERISH
    return Wordless.SYMBOLS


def wordless_of(text: str, turns: Sequence[Mapping[str, Any]], answered: bool) -> Wordless:
    """`wordless_kind` of a requester's text, the bot's answer the last of the first
    inquiry's `turns` (`bot.intake.inquiry`) when `answered` may be (no dialog step waits)."""
    after = answered and bool(turns) and turns[-1].get("did") == "answer"
    return wordless_kind(text, after_answer=after)


# The bot's questions a message without words leaves waiting, asked again (`waited`).
_ASKED_AGAIN = (DialogStep.CLARIFY, DialogStep.ABOUT, DialogStep.MATTER)


def waited(step: DialogStep | None) -> str:
    """The question of the bot's still waiting at `step`, asked again after a message
    without words (the `no_words` template's `waiting`): the step's value, "" when nothing
    waits but a new question (/new's, or none)."""
    return step.value if step in _ASKED_AGAIN else ""


# The kind (the outbox's `template`) of the front's reply to a message without words.
REPLY_KIND = "no_words"


async def in_a_row(tx: Transaction, chat_id: int, kind: str = REPLY_KIND) -> bool:
    """The bot's last message to `chat_id` was its reply to a message without words
    (REPLY_KIND; or the reply of another `kind`: its request for words about a voice note,
    `bot.intake.spoken.ASKED_KIND`), as `bot.said_last.latest_kind` finds it: this one is the
    second (or a later) in a row."""
    return await latest_kind(session=tx.session, chat_id=chat_id) == kind
