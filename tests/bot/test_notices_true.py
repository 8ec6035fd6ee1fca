"""A new user's trial: the day's notice of a ticket nobody had claimed said an officer handled
it, asking how it stood past the promised time got no apology, and the notices of Chinese
tickets turned English after one question in English. The wordings, the language rule
(bot/ticket_language.py) and when a requester presses (bot/pressed.py), as plain values:
no database."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.config import Settings
from bot.models import Requester, Ticket, TicketStatus
from bot.notices import Audience, Notice, address, own_word
from bot.pressed import overdue
from bot.rules import Rules
from bot.texts import Texts, configured_names
from bot.ticket_language import follows, notice_language
from tests.conftest import MONDAY_9AM, named_in

LANGUAGES = ("zh", "en")
OFFICER = 100101
WAITING = {"zh": "等待工作人员认领", "en": "waiting for a member of staff to take it on"}
AN_OFFICER = {"zh": ("负责人", "正在办理中"), "en": ("in charge", "is being handled")}
SORRY = {"zh": "很抱歉", "en": "sorry"}
SUPERVISOR = {"zh": "主管", "en": "supervisor"}


def _texts(settings: Settings) -> Texts:
    return Texts(settings.zone, "zh", list(LANGUAGES), configured_names(settings))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("late", [False, True])
def test_an_unclaimed_ticket_s_notice_says_it_waits_for_an_officer(
    settings: Settings, language: str, late: bool
) -> None:
    text = _texts(settings).render(
        "progress_notice",
        language,
        ticket_id=3,
        owner=None,
        latest_update=None,
        resolution_due_at=MONDAY_9AM,
        resolution_overdue=late,
    )
    assert WAITING[language] in text, text
    assert not [w for w in AN_OFFICER[language] if w in text], text
    if late:  # escalated: its supervisor told, with an apology
        assert SORRY[language] in text.casefold() and SUPERVISOR[language] in text, text


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_claimed_ticket_s_notice_names_its_officer(settings: Settings, language: str) -> None:
    text = _texts(settings).render(
        "progress_notice",
        language,
        ticket_id=3,
        owner="王芳",
        latest_update=None,
        resolution_due_at=MONDAY_9AM,
        resolution_overdue=True,
    )
    assert named_in(settings, "王芳", language) in text and WAITING[language] not in text, text


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("owner", [None, "王芳"])
def test_pressing_past_the_promise_is_owned_up_to(
    settings: Settings, language: str, owner: str | None
) -> None:
    text = _texts(settings).render(
        "added_to_ticket",
        language,
        ticket_id=3,
        owner=owner,
        progress=True,
        pressed=True,
        resolution_overdue=True,
        resolution_due_at=MONDAY_9AM,
        next_notice_due_at=MONDAY_9AM + timedelta(days=1),
    )
    assert SORRY[language] in text.casefold() and SUPERVISOR[language] in text, text
    assert "2026-12-01 09:00" in text, text  # when they hear next
    assert (WAITING[language] in text) is (owner is None), text


@pytest.mark.parametrize(
    ("current", "said", "before", "after"),
    [
        ("zh", "en", "zh", "zh"),  # one question in English: the ticket stays Chinese
        ("zh", "en", None, "zh"),
        ("zh", "en", "en", "en"),  # two in a row: switched for good
        ("zh", None, "en", "zh"),  # words that tell nothing ("ok", "123")
        ("en", "zh", "zh", "zh"),
        ("en", "en", "zh", "en"),
    ],
)
def test_a_ticket_follows_its_requester_after_two_messages_in_a_row(
    current: str, said: str | None, before: str | None, after: str
) -> None:
    assert follows(current, said, before) == after


def _ticket(language: str) -> Ticket:
    return Ticket(
        id=3,
        requester_id=1,
        language=language,
        status=TicketStatus.OPEN,
        category="fault_report",
        priority="normal",
        question="幸福里3号楼停电了",
        owner_id=None,
        department_key="utilities",
        handling_department_key="utilities",
        first_response_due_at=MONDAY_9AM,
        resolution_due_at=MONDAY_9AM + timedelta(hours=8),
    )


def test_the_desk_s_own_word_is_in_the_ticket_s_language(rules: Rules) -> None:
    requester = Requester(id=1, telegram_user_id=5001, chat_id=5001, language="en")
    ticket = _ticket("zh")
    reply = Notice("added_to_ticket", (Audience.REQUESTER,), ticket, requester=requester)
    notice = own_word("progress_notice", ticket, requester)
    assert [m.language for m in address(rules, [reply, notice])] == ["en", "zh"]
    requester.language_chosen = True  # /lang English: it stands for every ticket
    assert notice_language(ticket, requester) == "en"


def test_overdue_is_the_settlement_or_an_unclaimed_reply_past() -> None:
    ticket = _ticket("zh")
    assert not overdue(ticket, MONDAY_9AM - timedelta(minutes=1))
    assert overdue(ticket, MONDAY_9AM)  # nobody replied by the time promised
    ticket.owner_id = OFFICER
    assert not overdue(ticket, MONDAY_9AM + timedelta(hours=1))
    assert overdue(ticket, MONDAY_9AM + timedelta(hours=8))


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_unclaimed_ticket_with_a_word_from_staff_names_no_officer(
    settings: Settings, language: str
) -> None:
    """An /incident update reached it: the work goes on, nobody of it named, the update not
    repeated as news."""
    text = _texts(settings).render(
        "progress_notice",
        language,
        ticket_id=3,
        owner=None,
        latest_update="维修人员已到场",
        latest_update_at=MONDAY_9AM,
        resolution_due_at=MONDAY_9AM + timedelta(days=2),
        resolution_overdue=False,
    )
    assert "维修人员已到场" not in text and "负责人" not in text, text
    assert ("尚未有专人认领" if language == "zh" else "no named officer") in text, text
