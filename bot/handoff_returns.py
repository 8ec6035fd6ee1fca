"""Who hears of a handoff returned (`/return N reason`, bot/handoffs.py `return_and_tell`),
besides the ticket's staff, who read why in its topic (`decided_notice`): as at the handoff
(`sent_notices`), the sending department's supervisors, copied, with the reason; and the
requester, in their language, who was told the other department was handling it too, that
it no longer is and who is (issue 14: the returner's /return only edited the form, the
requester was never told otherwise, and the supervisor copied on the handoff never heard)."""

from __future__ import annotations

from bot.handoff_forms import department_name
from bot.models import Handoff, Requester, Ticket
from bot.notices import Audience, Notice
from bot.rules import Rules


def returned_notices(
    rules: Rules, ticket: Ticket, form: Handoff, requester: Requester
) -> list[Notice]:
    """The sending department's supervisors' copy, then the requester's notice, of `form`
    returned (its `return_reason` said)."""
    owner = rules.staff.shown_as(ticket.owner_id) or "-"
    return [
        Notice(
            "handoff_event",
            (Audience.DEPARTMENT_SUPERVISORS,),
            ticket,
            {
                "event": "copy_returned",
                "owner": owner,
                "department": department_name(rules, form.to_department_key),
                "reason": form.return_reason or "",
            },
            departments=(form.from_department_key,),
        ),
        Notice(
            "handoff_event",
            (Audience.REQUESTER,),
            ticket,
            {
                "event": "requester_returned",
                "owner": owner,
                # Keys: worded in the requester's language (bot/texts.py `department_name`).
                "department": form.to_department_key,
                "handling": ticket.handling_department_key,
            },
            requester=requester,
            own_word=True,
        ),
    ]
