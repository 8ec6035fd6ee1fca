"""What a message without words is (bot/intake/wordless.py) and what the desk decides for one
that shows nothing, and how its reply is worded: no database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.config import Settings
from bot.intake.decision import Action, before_match
from bot.intake.media import MediaAction, decide_media
from bot.intake.small_words import has_words
from bot.intake.wordless import Wordless, is_empty, waited, wordless_kind, wordless_of
from bot.models import DialogStep
from bot.texts import Texts, configured_names

INVISIBLE = ["\u200b", "\u200d", "\ufeff", "\ufe0f", "\u200b \u200b", "\u2060", "\u200e", " "]


@pytest.mark.parametrize("text", INVISIBLE)
def test_invisible_characters_alone_are_empty(text: str) -> None:
    assert is_empty(text) and not has_words(text)
    assert wordless_kind(text, after_answer=True) is Wordless.EMPTY


@pytest.mark.parametrize("text", ["??", "？？", "?", "。。。", "...", "…", "?!", "¿?"])
def test_question_marks_or_an_ellipsis_are_puzzlement(text: str) -> None:
    assert wordless_kind(text, after_answer=False) is Wordless.PUZZLED
    assert wordless_kind(text, after_answer=True) is Wordless.PUZZLED_AFTER_ANSWER
    assert wordless_kind(f"\u200b{text}\u200b", after_answer=False) is Wordless.PUZZLED


@pytest.mark.parametrize("text", ["👍", "🙏🙏", "❤️", "!!", "~~", "🤔?", "+1"[:1]])
def test_emoji_and_symbols_are_symbols(text: str) -> None:
    assert not is_empty(text)
    assert wordless_kind(text, after_answer=True) is Wordless.SYMBOLS


def test_puzzlement_after_an_answer_only_when_the_answer_was_the_last_turn() -> None:
    answered = [{"by": "requester", "text": "社保卡丢了"}, {"by": "bot", "did": "answer"}]
    asked = [*answered, {"by": "bot", "did": "clarify"}]
    assert wordless_of("??", answered, True) is Wordless.PUZZLED_AFTER_ANSWER
    assert wordless_of("??", answered, False) is Wordless.PUZZLED  # a dialog step waits
    assert wordless_of("??", asked, True) is Wordless.PUZZLED
    assert wordless_of("??", [], True) is Wordless.PUZZLED


@pytest.mark.parametrize("step", [None, *DialogStep])
@pytest.mark.parametrize("ticket", [False, True])
def test_an_empty_text_is_never_filed_nor_a_question(
    step: DialogStep | None, ticket: bool
) -> None:
    decided = before_match(
        step=step, ticket_in_progress=ticket, asks_for_person=False, words=False, empty=True
    )
    assert decided is Action.NO_WORDS


def test_question_marks_into_a_ticket_still_reach_it() -> None:
    # "??" to the officer is the requester's puzzlement at what they wrote: it is passed on.
    decided = before_match(step=None, ticket_in_progress=True, asks_for_person=False, words=False)
    assert decided is Action.INTO_TICKET


def test_a_gif_is_no_question_but_its_caption_is() -> None:
    bare = decide_media(
        step=None, ticket_in_progress=False, album_seen=False, words=False, kept=False
    )
    said = decide_media(
        step=None, ticket_in_progress=False, album_seen=False, words=True, kept=False
    )
    into = decide_media(
        step=None, ticket_in_progress=True, album_seen=False, words=False, kept=False
    )
    assert (bare, said, into) == (
        MediaAction.NO_WORDS,
        MediaAction.QUESTION,
        MediaAction.INTO_TICKET,
    )


@given(st.text(max_size=20))
def test_every_text_without_words_has_a_kind(text: str) -> None:
    if not has_words(text):
        assert wordless_kind(text, after_answer=False) in set(Wordless) - {Wordless.NOT_WORDS}


def test_the_question_waiting_is_asked_again_after_no_words() -> None:
    """Issue 14, "the first inquiry loses nothing": a sticker or an emoji while the bot's
    question waits is answered with that question again (the `no_words` template's
    `waiting`), never as if nothing had been asked; /new's question, or none, is asked by
    the plain reply (the kind of matter is recalled as for a filler, before this)."""
    assert waited(DialogStep.CLARIFY) == "clarify"
    assert waited(DialogStep.ABOUT) == "about"
    assert waited(DialogStep.MATTER) == "matter"
    assert waited(DialogStep.NEW_QUESTION) == ""
    assert waited(None) == ""


WINDOW = {"office_name": "市民服务中心", "hotline": "12345", "office_hours": "9:00-17:00"}
# What the second reply in a row says that the first does not: examples, a person, /new.
OTHERWISE = {"zh": ("比如", '"人工"', "/new"), "en": ("for example", "human", "/new")}


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("kind", list(Wordless))
def test_the_second_wordless_reply_in_a_row_is_said_otherwise(
    settings: Settings, language: str, kind: Wordless
) -> None:
    """Issue 14: "??", "。。。", "……?" in a row each got "请问您想问什么?"; from the second, what
    can be asked, how to reach a person, and the general window's hotline and hours when
    config gives them (none said when it does not)."""
    texts = Texts(settings.zone, "zh", ["zh", "en"], configured_names(settings))
    first = texts.render("no_words", language, kind=kind, **WINDOW)
    again = texts.render("no_words", language, kind=kind, again=True, **WINDOW)
    bare = texts.render("no_words", language, kind=kind, again=True)
    assert again != first and not any(w in first for w in OTHERWISE[language])
    assert all(w in again for w in (*OTHERWISE[language], "12345", "9:00-17:00"))
    assert all(w in bare for w in OTHERWISE[language]) and "12345" not in bare


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("step", [DialogStep.CLARIFY, DialogStep.ABOUT, DialogStep.MATTER])
def test_the_question_waiting_is_still_asked_the_second_time(
    settings: Settings, language: str, step: DialogStep
) -> None:
    texts = Texts(settings.zone, "zh", ["zh", "en"], configured_names(settings))
    first = texts.render("no_words", language, kind="puzzled", waiting=waited(step))
    again = texts.render(
        "no_words", language, kind="puzzled", waiting=waited(step), again=True, **WINDOW
    )
    assert again.startswith(first) and "12345" in again
