"""Who speaks to a ticket's requester (`speaking.said_as`; SPEC rule 1: the owner; before
anyone owns it, the officer of its department who answers first, who claims it by answering;
the department that accepted a handoff of it does its work, SPEC rule 7), and why the others'
words are kept as their note (`speaking.why_kept`)."""

from __future__ import annotations

import pytest

from bot.models import Ticket, TicketStatus
from bot.rules import Rules
from bot.speaking import Said, answers_requester, said_as, why_kept

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
    ("who", "said", "why"),
    [
        (OWNER, Said.CLAIM, ""),
        (COLLEAGUE, Said.CLAIM, ""),
        (SUPERVISOR, Said.NOTE, "unclaimed"),
        (MANAGEMENT, Said.NOTE, "unclaimed"),
        (OTHER_DEPARTMENT, Said.NOTE, "other_department"),
        (STRANGER, Said.NOTE, "other_department"),
    ],
)
def test_before_a_claim_the_departments_officer_who_answers_claims_it(
    rules: Rules, who: int, said: Said, why: str
) -> None:
    unclaimed = _ticket(None)
    assert said_as(rules, unclaimed, who) is said
    if said is Said.NOTE:
        assert why_kept(rules, unclaimed, who) == why


def test_a_ticket_closed_before_anyone_claimed_it_is_claimed_by_nobody(rules: Rules) -> None:
    withdrawn = _ticket(None)
    withdrawn.status = TicketStatus.CLOSED
    assert said_as(rules, withdrawn, COLLEAGUE) is Said.REPLY  # refused as on any closed one


def test_the_department_that_accepted_a_handoff_does_the_work(rules: Rules) -> None:
    handed = _ticket(OWNER, handling="utilities")
    assert answers_requester(rules, handed, UTILITIES_OFFICER)
    assert answers_requester(rules, handed, OWNER)
    assert not answers_requester(rules, handed, COLLEAGUE)
    assert not answers_requester(rules, handed, OTHER_DEPARTMENT)
