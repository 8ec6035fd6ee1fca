"""Letters that make no word (bot/intake/gibberish.py): a message without words to the first
inquiry (`Wordless.GIBBERISH`, "I did not understand that"), never a question handed over nor
a sign of the language (a new-user trial's Chinese speaker was answered "asdf ghjkl" in
English, and "jjjjjj" asked its category). No database."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.intake.decision import Action, before_match
from bot.intake.gibberish import gibberish
from bot.intake.small_words import says_words
from bot.intake.wordless import Wordless, wordless_kind
from bot.models import DialogStep
from bot.texts import Texts, configured_names

MASHED = ["asdfghjkl", "jjjjjj", "asdf ghjkl", "ASDF!", "qwerty", "sdfgh", "jkjkjk", "lkjhg"]
WORDS = ["ok", "hi", "were", "tree", "WiFi", "rhythm", "thx", "pls", "hmm", "help", "test"]
WORDS += ["asdf 3号楼", "I need help", "社保卡", "12345", "lol", "???", ""]
# Sounds (hesitation, laughter, a snore) are fillers, however long: never keys struck.
WORDS += ["Hmmmm", "mmm", "hahaha", "zzz", "hmmm", "emmm", "ahahaha", "hehehe", "zzzzzz"]


@pytest.mark.parametrize("text", MASHED)
def test_keys_struck_at_random_say_no_words(text: str) -> None:
    assert gibberish(text) and not says_words(text)
    assert wordless_kind(text, after_answer=False) is Wordless.GIBBERISH


@pytest.mark.parametrize("text", WORDS)
def test_words_and_the_wordless_are_no_gibberish(text: str) -> None:
    assert not gibberish(text)


@pytest.mark.parametrize("step", [None, DialogStep.NEW_QUESTION, DialogStep.CLARIFY])
def test_gibberish_is_answered_as_no_words_not_searched(step: DialogStep | None) -> None:
    decided = before_match(
        step=step, ticket_in_progress=False, asks_for_person=False, words=says_words("jjjjjj")
    )
    assert decided is Action.NO_WORDS


def test_gibberish_while_the_category_waits_is_reminded_of_it() -> None:
    decided = before_match(
        step=DialogStep.CATEGORY, ticket_in_progress=False, asks_for_person=False, words=False
    )
    assert decided is Action.REMIND


UNDERSTOOD = {"zh": "没看懂", "en": "did not understand"}
ASKED = {"zh": "能再具体说说吗", "en": "Could you tell me a little more"}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_gibberish_is_said_not_understood_and_the_matter_asked(
    settings: Settings, language: str
) -> None:
    texts = Texts(settings.zone, "zh", ["zh", "en"], configured_names(settings))
    first = texts.render("no_words", language, kind=Wordless.GIBBERISH)
    waiting = texts.render("no_words", language, kind=Wordless.GIBBERISH, waiting="clarify")
    again = texts.render("no_words", language, kind=Wordless.GIBBERISH, again=True)
    assert all(UNDERSTOOD[language] in said for said in (first, waiting, again))
    assert ASKED[language] in waiting
