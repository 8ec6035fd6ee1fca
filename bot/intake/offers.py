"""The buttons of a requester's first inquiry: which messages carry them, and what becomes of
them when the inquiry ends.

An answer's *Solved* / *Not solved*, the "did you mean" suggestions and the category choice
act on the inquiry in progress, but their callback data does not say which inquiry they were
offered in. So each such message is recorded once Telegram has it (`record`, by the sender,
as a ticket's links are), and when the inquiry ends (a ticket takes it, the requester says it
is solved, /new drops it) its messages lose their buttons and are marked ended, with the
ticket that took it (`end`). A press on a message whose inquiry ended is then no press on the
inquiry in progress: the requester is told why nothing happens (bot/intake/decision.py,
`decide_press`). A message not recorded (sent before the record existed, or pressed before
the sender recorded it) is judged by the requester's state alone.

An inquiry answered and then followed by a new matter (`new_matter.starts_anew`) is set
aside, not dropped (`set_aside`): its messages keep their buttons, marked ended with its turns
kept, so that *Not solved* under the older answer hands that question, not the new one, to a
person (bot/intake/earlier.py). Once a ticket takes it, every message set aside with it is
marked taken (`take_aside`): a "did you mean" and the answer after it are one inquiry, and a
press on the other one after *Not solved* on either says which ticket has it, never opening a
second with the same question.

While the inquiry goes on, the bot may show its buttons again lower in the chat (a reminder
of the category choice): the messages that carried them before lose them first (`retire`),
so that one set of buttons is live at a time, as a clerk hands over one form, not a pile.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, bindparam, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from bot.db import DIALECTS, insert_for
from bot.intake.inquiry import Turn
from bot.models import InquiryOffer, Requester, Ticket
from bot.notices import BUTTONS_GONE, Audience, Notice, publish
from bot.rules import Rules
from bot.transaction import Transaction

AFTER = "offer"  # a front call's `after`: record the sent message as the inquiry's
# Built once, as the path of a requester's message runs them: building a statement cost
# more than running it. The messages of a chat still carrying an inquiry's buttons:
_LIVE = select(InquiryOffer).where(
    InquiryOffer.chat_id == bindparam("live_chat"), InquiryOffer.ended_at.is_(None)
)
_RECORD = {d: insert_for(d)(InquiryOffer).on_conflict_do_nothing() for d in DIALECTS}


async def record(*, connection: AsyncConnection, offers: Sequence[tuple[int, int]]) -> None:
    """Messages (chat id, message id) Telegram has that carry the buttons of an inquiry in
    progress, on a bare connection (the sender's marks: bot/delivery.py `mark_sent`).
    Idempotent: a message recorded twice is recorded once."""
    if offers:
        await connection.run_sync(record_on, offers)


def record_on(connection: Connection, offers: Sequence[tuple[int, int]]) -> None:
    """`record` on a connection of SQLAlchemy's synchronous layer."""
    if not offers:
        return
    connection.execute(
        _RECORD[connection.dialect.name],
        [{"chat_id": chat_id, "message_id": message_id} for chat_id, message_id in offers],
    )


async def of(*, session: AsyncSession, chat_id: int, message_id: int) -> InquiryOffer | None:
    """The record of a message in a requester's chat, None when it carries no inquiry's
    buttons as far as the desk knows."""
    return await session.get(InquiryOffer, (chat_id, message_id))


async def end(
    *, tx: Transaction, rules: Rules, requester: Requester, ticket: Ticket | None
) -> None:
    """The requester's inquiry is over (`ticket`: the ticket that took it, None when it was
    settled or dropped): each of its messages still carrying buttons loses them (a
    BUTTONS_GONE notice each, published in the caller's transaction) and is marked ended at
    the transaction's instant."""
    live = await tx.session.scalars(_LIVE, {"live_chat": requester.chat_id})
    notices = []
    for offer in live:
        offer.ended_at = tx.now
        offer.ticket_id = ticket.id if ticket is not None else None
        values = {"message_id": offer.message_id}
        notices.append(
            Notice(BUTTONS_GONE, (Audience.REQUESTER,), ticket, values, requester=requester)
        )
    if notices:
        await publish(tx, rules, notices)


async def set_aside(*, tx: Transaction, requester: Requester, turns: Sequence[Turn]) -> None:
    """A new matter takes the place of the requester's inquiry (`turns`, without the new
    matter's), answered and not settled: its messages keep their buttons, marked ended at the
    transaction's instant with the turns kept (`InquiryOffer.inquiry`), so that *Not solved*
    pressed under its answer later hands that inquiry, not the new one, to a person
    (bot/intake/earlier.py); nothing is told, nothing removed."""
    live = await tx.session.scalars(_LIVE, {"live_chat": requester.chat_id})
    for offer in live:
        offer.ended_at, offer.ticket_id, offer.inquiry = tx.now, None, list(turns) or None


async def retire(*, tx: Transaction, rules: Rules, requester: Requester) -> None:
    """The buttons of the requester's inquiry in progress are about to be shown again, lower
    in the chat: each message still carrying them loses them (a BUTTONS_GONE notice each,
    published in the caller's transaction) and is no longer recorded as the inquiry's, so a
    press that raced the removal is judged by the requester's state alone (the choice still
    open, it counts, as the buttons now shown would)."""
    live = (await tx.session.scalars(_LIVE, {"live_chat": requester.chat_id})).all()
    notices = [
        Notice(
            BUTTONS_GONE,
            (Audience.REQUESTER,),
            None,
            {"message_id": offer.message_id},
            requester=requester,
        )
        for offer in live
    ]
    for offer in live:
        await tx.session.delete(offer)
    if notices:
        await publish(tx, rules, notices)


async def take_aside(
    *, tx: Transaction, rules: Rules, requester: Requester, offer: InquiryOffer, ticket: Ticket
) -> None:
    """The inquiry set aside with `offer` is in `ticket` now (bot/intake/earlier.py): every
    message set aside with it (at the same instant with the same turns: a "did you mean" and
    the answer after it) is marked taken by the ticket, so a press on any of them says which
    ticket has it and opens no second one; those other than `offer` lose their buttons (a
    BUTTONS_GONE notice each, in the caller's transaction; the front drops the pressed one's)."""
    same = await _aside_with(tx, requester, offer)
    notices = []
    for other in [offer, *same]:
        other.inquiry, other.ticket_id = None, ticket.id
        if other is not offer:
            values = {"message_id": other.message_id}
            notices.append(
                Notice(BUTTONS_GONE, (Audience.REQUESTER,), ticket, values, requester=requester)
            )
    if notices:
        await publish(tx, rules, notices)


async def answered_aside(
    *, tx: Transaction, requester: Requester, offer: InquiryOffer, turns: Sequence[Turn]
) -> None:
    """A suggestion pressed under the "did you mean" of an inquiry set aside (`offer`) was
    answered: every message set aside with it keeps `turns` (its turns and the answer), so
    that "none of these" or *Not solved* pressed under any of them later hands that question
    over with what it was answered (bot/intake/earlier.py); their buttons stay."""
    for other in [offer, *await _aside_with(tx, requester, offer)]:
        other.inquiry = list(turns)


async def _aside_with(
    tx: Transaction, requester: Requester, offer: InquiryOffer
) -> list[InquiryOffer]:
    """The other messages set aside with `offer` and not taken by a ticket: at the same
    instant, with the same turns (two inquiries set aside in one transaction share the
    instant)."""
    aside = await tx.session.scalars(
        select(InquiryOffer).where(
            InquiryOffer.chat_id == requester.chat_id,
            InquiryOffer.ended_at == offer.ended_at,
            InquiryOffer.ticket_id.is_(None),
            InquiryOffer.inquiry.is_not(None),
        )
    )
    return [o for o in aside if o is not offer and o.inquiry == offer.inquiry]
