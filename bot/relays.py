"""How a requester's filed message reaches their ticket's staff (bot/conversation.py files
it): where it was forwarded from, then it copied or described, placed under the card of a
ticket nobody has claimed yet when staff asked there, or when it is no words (a photo, a
file: the card counts it "in the replies to this card"; issue 14)."""

from __future__ import annotations

from sqlalchemy import select

from bot.kinds import NOT_COPIED, Origin
from bot.models import StaffLink, Ticket, TicketMessage
from bot.notices import Audience, Notice
from bot.transaction import Transaction


def relay_notices(
    ticket: Ticket,
    group: int,
    message: TicketMessage,
    described: str = "",
    origin: Origin | None = None,
    *,
    under_card: bool = False,
) -> list[Notice]:
    """How a requester's filed message reaches the ticket's staff (see
    bot/conversation.py `requester_message_and_tell`): where it was forwarded from, then it
    copied or described; each with `under_card` in its values when given."""
    staff = (Audience.TICKET_STAFF,)
    placed = {"under_card": True} if under_card else {}
    notices = []
    if origin is not None:
        where = {"origin_kind": origin.kind, "origin_name": origin.name, **placed}
        notices.append(Notice("relay_origin", staff, ticket, where, fallback=group))
    if message.content_type in NOT_COPIED:
        what = {"kind": message.content_type, "described": described or message.text, **placed}
        notices.append(Notice("relay_described", staff, ticket, what, fallback=group))
    else:
        copied = {
            "from_chat_id": message.telegram_chat_id,
            "message_id": message.telegram_message_id,
            **placed,
        }
        notices.append(Notice("relay", staff, ticket, copied, fallback=group))
    return notices


def staff_asked(ticket: Ticket) -> bool:
    """Nobody has claimed `ticket` yet, but its staff wrote to its requester (a reply to its
    card; `Ticket.staff_wrote`, set as such a message is filed): what the requester sends now
    answers them, and goes under the card where they asked (issue 14: seen before anyone
    claims it)."""
    return ticket.owner_id is None and ticket.staff_wrote


def under_card(*, claimed: bool, asked: bool, content_type: str) -> bool:
    """Whether what the requester sent (of `content_type`) goes under the card of their
    ticket in a forum staff group, rather than waiting for the topic its claim opens (in a
    group without topics everything goes under the card):

    | the ticket is claimed                          | no: into its topic                  |
    | its staff wrote to the requester (`asked`)     | yes: the answer goes where they     |
    |                                                | asked (`staff_asked`)               |
    | it is no words: a photo, a file, a poll, ...   | yes: the card counts it, "in the    |
    |                                                | replies to this card"; a clerk sees |
    |                                                | the photo before claiming           |
    | words (a text, an edit)                        | no: the card shows them             |
    """
    if claimed:
        return False
    return asked or content_type not in ("text", "edit")


async def copy_of(tx: Transaction, *, chat_id: int, of: tuple[int, int]) -> int | None:
    """The message id in chat `chat_id` of the latest copy the desk delivered there of the
    message `of` (chat id, message id), None when none was delivered or it is not known (a
    copy still in the outbox, given up, or sent before links recorded what they carry)."""
    from_chat_id, from_message_id = of
    found = await tx.session.scalar(
        select(StaffLink.message_id)
        .where(
            StaffLink.from_chat_id == from_chat_id,
            StaffLink.from_message_id == from_message_id,
            StaffLink.chat_id == chat_id,
        )
        .order_by(StaffLink.message_id.desc())
        .limit(1)
    )
    return int(found) if found is not None else None
