"""The words of a requester's return and of the question which ticket, in each language."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from bot.config import Settings
from bot.excerpt import MARK_ROOM, units
from bot.rules import Rules
from bot.staff_replies import speaker_room
from bot.texts import Texts, configured_names

TEXTS = Texts(ZoneInfo("Asia/Shanghai"), "zh", ["zh", "en"])


@pytest.mark.parametrize(
    ("language", "back", "one_back", "staff", "nothing", "which"),
    [
        ("zh", "有 2 条", "有 1 条", "2 条消息已补发", "没有待补发", "2 张工单"),
        (
            "en",
            "2 messages",
            "1 message about",
            "2 messages of this ticket",
            "Nothing",
            "2 tickets",
        ),
    ],
)
def test_each_is_worded_with_its_numbers(
    language: str, back: str, one_back: str, staff: str, nothing: str, which: str
) -> None:
    assert back in TEXTS.render("welcome_back", language, count=2)
    assert one_back in TEXTS.render("welcome_back", language, count=1)
    told = TEXTS.render("reachable", language, sent_again=2, superseded=3)
    assert staff in told and "3" in told
    assert nothing in TEXTS.render("reachable", language, sent_again=0, superseded=0)
    assert which in TEXTS.render("which_ticket", language, count=2)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_marks_before_a_staff_messages_words_fit_their_room(language: str) -> None:
    """The parts of a long staff message keep MARK_ROOM units free for the ticket's number
    and an edit's mark (bot/excerpt.py `requester_parts`): they fit it, for any ticket."""
    ticket_id = 10**12
    marks = [
        TEXTS.render(
            "staff_reply_numbered", language, ticket_id=ticket_id, text="", numbered=True
        ),
        TEXTS.render("staff_edit", language, ticket_id=ticket_id, text="", numbered=True),
    ]
    assert all(0 < units(mark) <= MARK_ROOM for mark in marks), marks


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_words_saying_who_speaks_fit_the_room_kept_for_them(
    settings: Settings, language: str
) -> None:
    """A reply by the department a ticket was handed to says who speaks (bot/staff_replies.py
    `speaking`): with the ticket's number too, its marks fit the room its parts keep."""
    rules = Rules(settings)
    texts = Texts(settings.zone, "zh", ["zh", "en"], configured_names(settings))
    for department in settings.departments:
        for member in department.officers:
            speaker = {"speaker": rules.staff.shown_as(member.user_id) or "-"}
            speaker["speaker_department"] = department.key
            room = MARK_ROOM + speaker_room(rules, speaker)
            mark = texts.render(
                "staff_reply_numbered",
                language,
                ticket_id=10**12,
                text="",
                numbered=True,
                **speaker,
            )
            assert department.names[language] in mark and units(mark) <= room, mark
