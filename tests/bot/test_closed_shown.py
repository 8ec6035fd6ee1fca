"""A closed ticket as /status and a card word it (issue 14): why and when it closed, no
promise, and no "claimed by -" for one nobody claimed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.config import Settings
from bot.lookup import TicketLine, closing
from bot.models import CloseReason, Ticket, TicketStatus
from bot.texts import Texts, configured_names
from tests.conftest import MONDAY_9AM

LATER = MONDAY_9AM + timedelta(hours=4)
WORDS = {
    "zh": {"withdrawn": "已撤销", "timeout": "自动关闭", "confirmed": "确认解决"},
    "en": {"withdrawn": "withdrawn", "timeout": "closed by itself", "confirmed": "confirmed"},
}
CARD = {
    "zh": {"withdrawn": "诉求人已于", "timeout": "自动关闭", "confirmed": "确认已解决"},
    "en": {
        "withdrawn": "Withdrawn by the requester",
        "timeout": "by itself",
        "confirmed": "confirmed",
    },
}
PROMISE = {"zh": "承诺", "en": "promised"}


def _texts(settings: Settings) -> Texts:
    return Texts(settings.zone, "zh", ["zh", "en"], configured_names(settings))


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("reason", list(CloseReason))
def test_status_says_how_it_closed_and_promises_nothing(
    settings: Settings, language: str, reason: CloseReason
) -> None:
    texts = _texts(settings)
    line = TicketLine(7, "closed", None, LATER, closed=str(reason), closed_at=LATER)
    statuses = {s: texts.render("statuses", language, status=s) for s in TicketStatus}
    shown = texts.render("status", language, tickets=[line], statuses=statuses)
    assert WORDS[language][str(reason)] in shown, shown
    assert PROMISE[language] not in shown and " - " not in shown, shown


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("reason", list(CloseReason))
def test_a_closed_card_names_no_dash(settings: Settings, language: str, reason: str) -> None:
    texts = _texts(settings)
    shown = texts.render(
        "card_closed", language, card="🆕 #7", reason=reason, at=LATER, owner=None
    )
    assert " - " not in shown and "认领 -" not in shown and "by -" not in shown, shown
    assert CARD[language][str(reason)] in shown, shown


@given(st.sampled_from(list(TicketStatus)), st.sampled_from([None, *CloseReason]))
def test_only_a_closed_ticket_says_how_it_closed(
    status: TicketStatus, reason: CloseReason | None
) -> None:
    ticket = Ticket(id=1, status=status, close_reason=reason, closed_at=LATER)
    said = closing(ticket)
    assert bool(said) == (status is TicketStatus.CLOSED and reason is not None)
    if said:
        assert said == {"closed": str(reason), "closed_at": LATER}
