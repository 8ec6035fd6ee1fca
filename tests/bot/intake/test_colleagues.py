"""Whether a private text is answered as from a colleague (`colleagues.answered_as_colleague`):
configured staff, with nothing of their own in hand as a requester and nothing waited for."""

from __future__ import annotations

from datetime import timedelta

from bot.intake.colleagues import answer_due, answered_as_colleague, is_colleague
from bot.models import DialogStep, Requester
from bot.rules import Rules
from tests.conftest import MONDAY_9AM

NOW = MONDAY_9AM


def _requester(
    step: DialogStep | None = None, inquiry: list[dict[str, str]] | None = None
) -> Requester:
    return Requester(telegram_user_id=100101, chat_id=100101, dialog_step=step, inquiry=inquiry)


def test_staff_and_management_are_colleagues_requesters_are_not(rules: Rules) -> None:
    assert is_colleague(rules, 100101) and is_colleague(rules, 100190)
    assert is_colleague(rules, 900001)
    assert not is_colleague(rules, 900100)


def test_a_colleague_with_nothing_as_a_requester_is_answered_as_one() -> None:
    assert answered_as_colleague(staff=True, holding=0, requester=_requester(), now=NOW)


def test_a_colleague_asking_as_a_citizen_is_a_requester() -> None:
    assert not answered_as_colleague(staff=True, holding=1, requester=_requester(), now=NOW)
    after_new = _requester(DialogStep.NEW_QUESTION)
    assert not answered_as_colleague(staff=True, holding=0, requester=after_new, now=NOW)
    answered = _requester(inquiry=[{"by": "requester", "text": "公租房", "at": NOW.isoformat()}])
    assert not answered_as_colleague(staff=True, holding=0, requester=answered, now=NOW)


def test_a_requester_is_never_a_colleague() -> None:
    assert not answered_as_colleague(staff=False, holding=0, requester=_requester(), now=NOW)


def test_an_inquiry_idle_for_a_day_is_over_and_they_are_a_colleague_again() -> None:
    then = NOW - timedelta(days=2)
    idle = _requester(inquiry=[{"by": "requester", "text": "公租房", "at": then.isoformat()}])
    assert answered_as_colleague(staff=True, holding=0, requester=idle, now=NOW)


def test_an_album_is_answered_once() -> None:
    requester = _requester()
    assert answer_due(requester, None) and answer_due(requester, None)
    assert answer_due(requester, "album-1")
    assert not answer_due(requester, "album-1")
    assert answer_due(requester, "album-2")
