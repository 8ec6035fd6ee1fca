"""Who is told what: audiences resolved to chats and languages with the sample config, no
database (tickets and requesters as plain, unsaved rows)."""

from __future__ import annotations

from typing import get_args

import pytest

from bot.config import EscalationTarget
from bot.models import Requester, Ticket, TicketStatus
from bot.notices import Audience, Notice, address, staff_chats
from bot.rules import Rules
from tests.conftest import MONDAY_9AM

GENERAL_GROUP, SOCIAL_GROUP = -1000000000101, -1000000000102
GENERAL_SUPERVISOR, SOCIAL_SUPERVISOR = 100190, 100290
MANAGEMENT_CHAT = -1000000000900
OFFICER = 100101


def _ticket(owner_id: int | None = None, handling: str = "general") -> Ticket:
    return Ticket(
        id=7,
        requester_id=1,
        status=TicketStatus.CLAIMED if owner_id else TicketStatus.OPEN,
        category="consultation",
        priority="normal",
        question="路灯坏了",
        owner_id=owner_id,
        department_key="general",
        handling_department_key=handling,
        first_response_due_at=MONDAY_9AM,
        resolution_due_at=MONDAY_9AM,
    )


def test_the_owner_hears_in_private_and_the_group_while_nobody_owns_it(rules: Rules) -> None:
    owned = Notice("update_reminder", (Audience.OWNER,), _ticket(owner_id=OFFICER))
    assert staff_chats(rules, owned) == [OFFICER]
    unowned = Notice("escalation", (Audience.OWNER,), _ticket())
    assert staff_chats(rules, unowned) == [GENERAL_GROUP]


def test_supervising_means_both_departments_supervisors_and_management(rules: Rules) -> None:
    ticket = _ticket(owner_id=OFFICER, handling="social_security")
    notice = Notice("escalation", Audience.supervising(), ticket)
    assert staff_chats(rules, notice) == [GENERAL_SUPERVISOR, SOCIAL_SUPERVISOR, MANAGEMENT_CHAT]
    groups = Notice("escalation", (Audience.DEPARTMENT_GROUP,), ticket)
    assert staff_chats(rules, groups) == [GENERAL_GROUP, SOCIAL_GROUP]


def test_named_departments_replace_the_tickets_own(rules: Rules) -> None:
    notice = Notice(
        "handoff_overdue",
        (Audience.DEPARTMENT_GROUP, Audience.DEPARTMENT_SUPERVISORS),
        _ticket(),
        departments=("social_security",),
    )
    assert staff_chats(rules, notice) == [SOCIAL_GROUP, SOCIAL_SUPERVISOR]


def test_requesters_read_their_language_and_staff_the_default(rules: Rules) -> None:
    requester = Requester(id=1, telegram_user_id=5001, chat_id=5001, language="en")
    ticket = _ticket(owner_id=OFFICER)
    messages = address(
        rules,
        [
            Notice("progress_notice", (Audience.REQUESTER,), ticket, requester=requester),
            Notice("update_reminder", (Audience.OWNER,), ticket, {"notice_due_at": MONDAY_9AM}),
        ],
    )
    assert [(m.chat_id, m.language, m.template) for m in messages] == [
        (5001, "en", "progress_notice"),
        (OFFICER, rules.settings.languages.default, "update_reminder"),
    ]
    to_requester, to_owner = messages
    assert to_requester.ticket_id == to_owner.ticket_id == 7
    assert to_requester.context["question"] == "路灯坏了"
    assert "owner_name" not in to_requester.context  # staff details stay with staff
    assert to_owner.context["owner_name"] == "王芳"
    assert to_owner.context["notice_due_at"] == MONDAY_9AM


def test_one_chat_hears_one_kind_about_one_ticket_once_per_call(rules: Rules) -> None:
    """A supervisor of both the receiving and the sending department hears an overdue handoff
    once, even when two notices name them."""
    ticket = _ticket()
    notices = [
        Notice("handoff_overdue", Audience.supervising(), ticket, departments=("general",)),
        Notice("handoff_overdue", (Audience.DEPARTMENT_SUPERVISORS,), ticket),
    ]
    chats = [m.chat_id for m in address(rules, notices)]
    assert chats == [GENERAL_SUPERVISOR, MANAGEMENT_CHAT]


def test_a_requester_notice_without_a_requester_is_refused(rules: Rules) -> None:
    with pytest.raises(ValueError, match="names none"):
        address(rules, [Notice("progress_notice", (Audience.REQUESTER,), _ticket())])


def test_every_escalation_target_config_accepts_is_an_audience() -> None:
    # The ladder escalates to those in charge: never to the requester, nor into the topic of
    # the very ticket whose staff let it slip, nor to one person named by a flow (a previous
    # owner), nor to each manager apart (a complaint about a supervisor: bot/supervised.py).
    targets = set(get_args(EscalationTarget))
    apart = (Audience.REQUESTER, Audience.TICKET_STAFF, Audience.PERSON, Audience.MANAGERS)
    not_on_the_ladder = {a.value for a in apart}
    assert targets == {a.value for a in Audience} - not_on_the_ladder
