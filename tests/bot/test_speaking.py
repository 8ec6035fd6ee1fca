"""Who speaks to a ticket's requester (`speaking.answers_requester`; SPEC rule 1: the owner,
or before anyone owns it the department's staff asking under its card; the department that
accepted a handoff of it does its work, SPEC rule 7)."""

from __future__ import annotations

import pytest

from bot.models import Ticket, TicketStatus
from bot.rules import Rules
from bot.speaking import answers_requester

OWNER, COLLEAGUE, SUPERVISOR, MANAGEMENT = 100101, 100102, 100190, 900001
OTHER_DEPARTMENT, UTILITIES_OFFICER, STRANGER = 100201, 100301, 555


def _ticket(owner: int | None, handling: str = "general") -> Ticket:
    status = TicketStatus.OPEN if owner is None else TicketStatus.CLAIMED
    return Ticket(
        id=1,
        status=status,
        owner_id=owner,
        department_key="general",
        handling_department_key=handling,
    )


@pytest.mark.parametrize(
    ("who", "speaks"),
    [
        (OWNER, True),
        (COLLEAGUE, False),
        (SUPERVISOR, False),
        (MANAGEMENT, False),
        (OTHER_DEPARTMENT, False),
        (STRANGER, False),
    ],
)
def test_on_an_owned_ticket_only_the_owner_speaks(rules: Rules, who: int, speaks: bool) -> None:
    assert answers_requester(rules, _ticket(OWNER), who) is speaks


@pytest.mark.parametrize(
    ("who", "speaks"),
    [
        (OWNER, True),
        (COLLEAGUE, True),
        (SUPERVISOR, True),
        (MANAGEMENT, True),
        (OTHER_DEPARTMENT, False),
        (STRANGER, False),
    ],
)
def test_before_a_claim_the_departments_staff_may_ask(
    rules: Rules, who: int, speaks: bool
) -> None:
    assert answers_requester(rules, _ticket(None), who) is speaks


def test_the_department_that_accepted_a_handoff_does_the_work(rules: Rules) -> None:
    handed = _ticket(OWNER, handling="utilities")
    assert answers_requester(rules, handed, UTILITIES_OFFICER)
    assert answers_requester(rules, handed, OWNER)
    assert not answers_requester(rules, handed, COLLEAGUE)
    assert not answers_requester(rules, handed, OTHER_DEPARTMENT)
