"""The new ticket's card for its staff group: what the officer who may claim it reads first
(the whole first inquiry when there was more than the question, what the bot offered, the
requester's earlier tickets, what they sent with it)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from bot.desk import Desk
from bot.excerpt import question_values
from bot.intake import inquiry
from bot.models import Ticket
from bot.notices import Audience, Notice


def _inquiry_values(turns: list[inquiry.Turn], question: str) -> dict[str, object]:
    """The card's `inquiry` (the turns, when more than the question happened), whether a turn
    had to be shortened to fit a message (`inquiry_shortened`) and how long all their words
    are (`question_chars`), for the card to say so and where to read them all."""
    if not inquiry.worth_showing(turns):
        return {"inquiry": [], "inquiry_shortened": False, "question_chars": len(question)}
    shown = inquiry.shown(turns, inquiry.SHOWN_BUDGET)
    return {
        "inquiry": shown,
        "inquiry_shortened": shown != list(turns),
        "question_chars": len(question),
    }


def card_notice(
    desk: Desk,
    ticket: Ticket,
    attempts: tuple[str, ...],
    earlier: list[Ticket],
    attachments: int = 0,
    kinds: Sequence[str] = (),
) -> Notice:
    """The new ticket's card for its staff group (`ticket_card`; the front adds Claim): its
    category and priority by name, the question (`bot.excerpt.question_values`: whole, or
    its start and its length when a card cannot hold it), the first inquiry turn by turn when
    more than the question happened (`inquiry`, bot/intake/inquiry.py; `inquiry_shortened`
    when a turn had to be shortened), what the bot offered (`attempts`), the requester's
    earlier tickets (`earlier`: id and status each) and how many things came with the
    question (`attachments`), by kind when `kinds` (each item's: photo, poll, ...) says
    (`kept`: [kind, how many] in the order they came, so the card words what was kept)."""
    names = desk.names(desk.settings.languages.default)
    turns = ticket.inquiry or []
    values = {
        "category": names["categories"][ticket.category],
        "priority": names["priorities"][ticket.priority],
        **question_values(ticket.question),
        **_inquiry_values(turns, ticket.question),
        "attempts": list(attempts),
        "attachments": attachments,
        "kept": [[kind, n] for kind, n in Counter(kinds).items()],
        "earlier": [{"id": t.id, "status": str(t.status)} for t in earlier],
    }
    return Notice(
        "ticket_card",
        (Audience.DEPARTMENT_GROUP,),
        ticket,
        values,
        departments=(ticket.handling_department_key,),
    )
