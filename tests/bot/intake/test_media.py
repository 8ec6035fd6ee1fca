"""What the desk does with a photo, file or album item, with an edit, and with text that has
no words: the pure tables (bot/intake/media.py, bot/intake/decision.py); and how a display
that must be short says so (bot/excerpt.py, the templates in both languages)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.excerpt import ELLIPSIS, excerpt, question_values, units
from bot.intake.decision import Action, before_match, has_words
from bot.intake.media import (
    Attachment,
    EditAction,
    MediaAction,
    decide_edit,
    decide_media,
)
from bot.models import DialogStep
from bot.texts import Texts

STEPS = {"-": None, "new": DialogStep.NEW_QUESTION, "clarify": DialogStep.CLARIFY}
STEPS["category"] = DialogStep.CATEGORY
STEPS["about"], STEPS["matter"] = DialogStep.ABOUT, DialogStep.MATTER

# step, ticket in progress, album seen, caption has words, kept (not a sticker, a dice or a
# GIF; only a GIF carries words, its caption the question) -> action ("answered": no step
# waits, the bot's last act in the inquiry an answer or "did you mean")
TABLE = """
-         ticket  seen    words    kept     into_ticket_quiet
-         ticket  seen    none     kept     into_ticket_quiet
-         ticket  new     words    kept     into_ticket
-         ticket  new     none     sticker  into_ticket
-         none    new     words    kept     question
-         none    seen    words    kept     question
-         none    seen    none     kept     hold_quiet
-         none    new     none     kept     hold_and_ask
-         none    new     none     sticker  no_words
-         none    new     words    sticker  question
new       ticket  new     none     kept     hold_and_ask
new       ticket  new     words    kept     question
clarify   none    new     none     kept     hold_and_ask
clarify   none    new     none     sticker  still_waiting
clarify   ticket  new     none     sticker  still_waiting
clarify   none    new     words    sticker  question
about     none    new     none     sticker  still_waiting
matter    none    new     none     sticker  still_waiting
new       none    new     none     sticker  no_words
category  none    new     none     sticker  still_waiting
category  none    new     none     kept     hold_for_category
category  none    seen    none     kept     hold_quiet
category  ticket  new     words    kept     question
answered  none    new     none     kept     hold_with_answer
answered  none    seen    none     kept     hold_quiet
answered  none    new     words    kept     question
"""


@pytest.mark.parametrize("row", TABLE.strip().splitlines())
def test_the_attachment_table(row: str) -> None:
    step, ticket, seen, words, kept, action = row.split()
    assert decide_media(
        step=STEPS.get(step),
        answered=step == "answered",
        ticket_in_progress=ticket == "ticket",
        album_seen=seen == "seen",
        words=words == "words",
        kept=kept == "kept",
    ) is MediaAction(action)


def test_a_caption_that_may_be_another_matter_is_asked_about_not_filed() -> None:
    """Beside a ticket in progress, a caption that may be another matter (a pothole under a
    complaint about an officer, `whose.place` unsure): asked whose it is, as a text is; an
    album's later items, answered already, are not asked about again."""
    beside = {"step": None, "ticket_in_progress": True, "words": True, "unsure": True}
    assert decide_media(**beside, album_seen=False) is MediaAction.ASK_WHOSE
    assert decide_media(**beside, album_seen=True) is MediaAction.INTO_TICKET_QUIET
    # no ticket in progress for it (plainly another matter), or a step waits: its question
    alone = {**beside, "ticket_in_progress": False}
    assert decide_media(**alone, album_seen=False) is MediaAction.QUESTION
    waits = {**beside, "step": DialogStep.NEW_QUESTION}
    assert decide_media(**waits, album_seen=False) is MediaAction.QUESTION


def test_an_edit_goes_to_a_ticket_when_there_is_one_else_it_is_read_as_a_text() -> None:
    assert (
        decide_edit(filed_under_open_ticket=True, ticket_in_hand=False) is EditAction.INTO_TICKET
    )
    assert (
        decide_edit(filed_under_open_ticket=False, ticket_in_hand=True) is EditAction.INTO_TICKET
    )
    assert decide_edit(filed_under_open_ticket=False, ticket_in_hand=False) is EditAction.AS_TEXT


@pytest.mark.parametrize("text", ["???", "👍👍 🙏", " … !!", "。。。", "😀\n😀", "-_-"])
def test_text_without_words_is_no_question_but_goes_into_a_ticket(text: str) -> None:
    assert not has_words(text)
    for step in STEPS.values():
        decided = before_match(
            step=step, ticket_in_progress=False, asks_for_person=False, words=has_words(text)
        )
        # Under the category buttons: a reminder of them, which stay (issue 14).
        assert decided is (Action.REMIND if step is DialogStep.CATEGORY else Action.NO_WORDS)
    decided = before_match(
        step=None, ticket_in_progress=True, asks_for_person=False, words=has_words(text)
    )
    assert decided is Action.INTO_TICKET


@pytest.mark.parametrize("text", ["路灯", "a", "7", "ok?", "Ünïcode", "３号"])
def test_one_letter_digit_or_character_is_a_word(text: str) -> None:
    assert has_words(text)


def test_an_attachment_is_held_as_json_and_back() -> None:
    item = Attachment("photo", "F1", 900100, 7, "漏水", "13000000000000001")
    assert Attachment.from_json(item.as_json()) == item


@given(st.text(min_size=0, max_size=400), st.integers(min_value=2, max_value=120))
def test_an_excerpt_is_whole_or_marked_and_fits(text: str, limit: int) -> None:
    shown = excerpt(text, limit)
    if units(text) <= limit:
        assert shown.text == text and not shown.shortened
    else:
        assert shown.text.endswith(ELLIPSIS) and shown.length == len(text)
        assert units(shown.text) <= limit
        assert text.startswith(shown.text.removesuffix(ELLIPSIS).rstrip())


def test_a_latin_word_is_not_cut_in_half() -> None:
    shown = excerpt("the street light outside number twenty three", 30)
    assert shown.text == "the street light outside…"


WHEN = datetime(2026, 12, 1, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "marker"),
    [
        ("zh", "(节选:原话共 5000 字,全文见 /ticket 9)"),
        ("en", "(shortened: 5000 characters in all; /ticket 9 shows every word)"),
    ],
)
@pytest.mark.parametrize("template", ["ticket_card", "escalation", "assigned_to_you"])
def test_a_shortened_question_says_so_and_where_all_of_it_is(
    language: str, marker: str, template: str
) -> None:
    texts = Texts(ZoneInfo("Asia/Shanghai"), "zh", ["zh", "en"])
    values = {
        "ticket_id": 9,
        "category": "c",
        "priority": "p",
        "first_response_due_at": WHEN,
        "resolution_due_at": WHEN,
        "attempts": [],
        "earlier": [],
        "statuses": {},
        "overdue": False,
        "step": 1,
        "deadline": "resolution",
        "deadline_at": WHEN,
        "owner_name": None,
        "owner_staff_number": None,
        **question_values("路" * 5000),
    }
    shown = texts.render(template, language, **values)
    assert marker in shown and units(shown) < 4096
    whole = texts.render(template, language, **{**values, **question_values("路灯坏了")})
    assert "路灯坏了" in whole and "/ticket" not in whole
