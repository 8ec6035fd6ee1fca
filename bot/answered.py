"""A resolution answered otherwise than by its buttons (in words): its buttons go, so that
only the newest question whether the ticket is solved carries live ones. Those already in
the requester's chat lose them (a BUTTONS_GONE notice each); one not yet sent, published in
the same transaction (what a requester who had blocked the bot missed, sent again as they
come back: bot/delivery.py `reachable_again_and_tell`), goes with its words only
(`without_buttons`; issue 14: the resolution sent again and the question asked again both
had live rating buttons); and whatever the order in which they reached Telegram, once a
resolution's link is recorded only the newest resolution of its ticket in the chat keeps its
buttons (`only_newest_on`: one sent again and the question asked again a moment later,
before the first was recorded sent)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from sqlalchemy import Connection, select, update

from bot import outbox
from bot.models import Requester, StaffLink, Ticket
from bot.notices import BUTTONS_GONE, Audience, Notice
from bot.outbox import Call
from bot.outgoing import Outgoing
from bot.transaction import Transaction

# A notice's value: what it asks was answered before it was sent; it goes without buttons
# (handlers/presenter.py), and its link in the chat is not one with live buttons.
ANSWERED = "answered"
RESOLUTION = "resolution"


def without_buttons(
    item: Outgoing | Call, *, template: str, ticket_id: int, chat_id: int
) -> Outgoing | Call:
    """`item` as it goes once what it asks was answered: a notice of `template` about ticket
    `ticket_id` to `chat_id` goes with its words only (value ANSWERED); anything else as it
    is."""
    if (
        isinstance(item, Outgoing)
        and item.template == template
        and item.ticket_id == ticket_id
        and item.chat_id == chat_id
        and not item.context.get(ANSWERED)
    ):
        return replace(item, context={**item.context, ANSWERED: True})
    return item


async def resolutions_answered(
    tx: Transaction, ticket: Ticket, requester: Requester
) -> list[Notice]:
    """A BUTTONS_GONE notice (value `message_id`) for each resolution of `ticket` in the
    requester's chat whose buttons are still there (its link's kind, bot/delivery.py),
    which is then no longer counted so; and each resolution of it published in `tx` and not
    yet sent goes without its buttons (`without_buttons`)."""
    tx.rewrite_unstored(
        lambda item: without_buttons(
            item, template=RESOLUTION, ticket_id=ticket.id, chat_id=requester.chat_id
        )
    )
    links = await tx.session.scalars(
        select(StaffLink).where(
            StaffLink.chat_id == requester.chat_id,
            StaffLink.ticket_id == ticket.id,
            StaffLink.kind == RESOLUTION,
        )
    )
    notices = []
    for link in links:
        link.kind = BUTTONS_GONE
        values = {"message_id": link.message_id}
        notices.append(
            Notice(BUTTONS_GONE, (Audience.REQUESTER,), ticket, values, requester=requester)
        )
    return notices


def only_newest_on(connection: Connection, sent: Iterable[tuple[int, int]], now: datetime) -> None:
    """Resolutions just recorded sent (`sent`: their chat id and ticket id): in each such
    chat, every resolution of the ticket but the newest loses its buttons (its link no
    longer counted live, a BUTTONS_GONE notice each, sent at the outbox's next poll). On a
    bare connection, in the transaction that records the links (bot/delivery.py
    `mark_sent`)."""
    for chat_id, ticket_id in set(sent):
        rows = connection.execute(
            select(StaffLink.message_id)
            .where(
                StaffLink.chat_id == chat_id,
                StaffLink.ticket_id == ticket_id,
                StaffLink.kind == RESOLUTION,
            )
            .order_by(StaffLink.message_id)
        )
        older = list(rows.scalars())[:-1]
        if not older:
            continue
        connection.execute(
            update(StaffLink)
            .where(StaffLink.chat_id == chat_id, StaffLink.message_id.in_(older))
            .values(kind=BUTTONS_GONE)
        )
        language = connection.scalar(
            select(Requester.language).where(Requester.chat_id == chat_id)
        )
        gone = [
            Outgoing(
                chat_id,
                language or "",
                BUTTONS_GONE,
                {"message_id": message_id},
                ticket_id,
                str(Audience.REQUESTER),
            )
            for message_id in older
        ]
        outbox.enqueue_on(connection, gone, now)
