"""A requester who can only speak (bot/intake/spoken.py, issue 14): the pure decision that
the second voice note in a row goes to a person (bot/intake/media.py `decide_media`), what
counts as a voice note, and how the requester and the staff are told: no database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.config import Settings
from bot.intake.media import Attachment, MediaAction, decide_media
from bot.intake.spoken import spoken
from bot.models import DialogStep
from bot.texts import Texts, configured_names

WHEN = datetime(2026, 12, 7, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("step", "answered", "expected"),
    [
        (None, False, MediaAction.TO_PERSON),  # asked for words once: now a person listens
        (DialogStep.CLARIFY, False, MediaAction.TO_PERSON),  # the step the first one set
        (DialogStep.MATTER, False, MediaAction.TO_PERSON),  # "人工", then only voice
        (DialogStep.ABOUT, False, MediaAction.TO_PERSON),  # a forward, then only voice
        (DialogStep.NEW_QUESTION, False, MediaAction.TO_PERSON),
        (DialogStep.CATEGORY, False, MediaAction.HOLD_FOR_CATEGORY),  # the kind asked
        (None, True, MediaAction.HOLD_WITH_ANSWER),  # the answer's, kept with it
    ],
)
def test_the_second_voice_note_in_a_row_goes_to_a_person(
    step: DialogStep | None, answered: bool, expected: MediaAction
) -> None:
    def decided(again: bool) -> MediaAction:
        return decide_media(
            step=step,
            ticket_in_progress=False,
            album_seen=False,
            words=False,
            answered=answered,
            spoken_again=again,
        )

    assert decided(True) is expected
    # The first (nothing asked about a voice note last): asked for words, as before.
    first = MediaAction.HOLD_AND_ASK if expected is MediaAction.TO_PERSON else expected
    assert decided(False) is first


@pytest.mark.parametrize(
    ("ticket", "words", "expected"),
    [
        (True, False, MediaAction.INTO_TICKET),  # a ticket open: it goes into it
        (False, True, MediaAction.QUESTION),  # words under it: they are the question
    ],
)
def test_a_voice_note_in_a_row_into_a_ticket_or_with_words_is_as_before(
    ticket: bool, words: bool, expected: MediaAction
) -> None:
    decided = decide_media(
        step=None, ticket_in_progress=ticket, album_seen=False, words=words, spoken_again=True
    )
    assert decided is expected


@pytest.mark.parametrize(
    ("kind", "caption", "expected"),
    [
        ("voice", "", True),
        ("video_note", "", True),
        ("voice", "我家停水了", False),  # its words are the question
        ("sticker", "", False),  # nothing to listen to
        ("animation", "", False),
        ("dice", "", False),
        ("photo", "", False),
        ("audio", "", False),
    ],
)
def test_what_is_spoken(kind: str, caption: str, expected: bool) -> None:
    attachment = Attachment(kind=kind, file_id="F", chat_id=1, message_id=2, caption=caption)
    assert spoken(attachment) is expected


LISTENS = {"zh": "工作人员会收听", "en": "A staff member will listen"}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_requester_is_told_a_person_listens_with_the_promise(
    settings: Settings, language: str
) -> None:
    texts = Texts(settings.zone, "zh", ["zh", "en"], configured_names(settings))
    values = {
        "ticket_id": 1,
        "category": "consultation",
        "first_response_due_at": WHEN,
        "resolution_due_at": WHEN,
    }
    told = texts.render("ticket_opened", language, spoken=True, **values)
    plain = texts.render("ticket_opened", language, **values)
    assert LISTENS[language] in told and "#1" in told
    assert told.startswith(plain.split("\n")[0])  # the promise, as for any ticket
    assert LISTENS[language] not in plain


def test_the_staff_read_how_many_voice_notes_came_and_to_listen(settings: Settings) -> None:
    texts = Texts(settings.zone, "zh", ["zh", "en"], configured_names(settings))
    zh = texts.render("sent_without_words", "zh", kind="voice", count=2, listen=True)
    en = texts.render("sent_without_words", "en", kind="voice", count=2, listen=True)
    assert "语音×2" in zh and "请收听" in zh
    assert "2 voice messages" in en and "listen" in en
    # One, not to be listened to (a recurrence's photo): as before.
    assert texts.render("sent_without_words", "zh", kind="photo") == "(发来照片,未附文字)"
