"""A requester's message the bot asked about, held until they answer, and taken once.

When the desk cannot tell where a message goes, the front asks ("which ticket is this
message about?"; "是关于工单 #N,还是新的问题?" for a complaint opener said alone), as a reply
to it, the message held in the inbox meanwhile. Its answer, pressed or typed
(bot/intake/which_named.py), takes it: into a ticket, or as a new matter, a first inquiry of
its own (`take_anew`). Taken once: a second press of "a new matter", or the ticket's button
after it, takes nothing (the front says the button is stale), as a clerk hands a form over
once. The question is known by its link (bot/delivery.py: the front's call `after=AFTER`,
linked at once when sent, kind WHICH_ASKED or WHOSE_ASKED); answering turns the link's kind
to ASKED_ANSWERED with a conditional update, which one answer wins (a chat's updates are
handled in turn besides).
The message itself is taken no more once filed under a ticket or held in the first inquiry.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.engine import CursorResult

from bot.desk import Desk
from bot.intake import flow
from bot.intake.handing import Outcome
from bot.models import Requester, StaffLink
from bot.replies import ASKED, ASKED_ANSWERED, ticket_of_message
from bot.transaction import Transaction

AFTER = "asked"  # a front call's `after`: link the sent question at once (bot/delivery.py)


async def take_once(
    *, tx: Transaction, requester: Requester, question: int | None, held: int
) -> bool:
    """Whether the message `held` (its id in the requester's chat), asked about by the
    question `question` (its message there; None: not known), is still to be taken; if so
    it is taken now, in the caller's transaction: the question is answered, once. False
    when it was answered before, or the message is filed under a ticket or in the first
    inquiry already."""
    session = tx.session
    if question is not None:
        done = await session.execute(
            update(StaffLink)
            .where(
                StaffLink.chat_id == requester.chat_id,
                StaffLink.message_id == question,
                StaffLink.kind.in_(ASKED),
            )
            .values(kind=ASKED_ANSWERED)
            .execution_options(synchronize_session=False)
        )
        assert isinstance(done, CursorResult)
        if done.rowcount == 0:
            link = await session.get(StaffLink, (requester.chat_id, question))
            if link is not None:
                return False  # answered before
    filed = await ticket_of_message(session=session, chat_id=requester.chat_id, message_id=held)
    if filed is not None:
        return False
    return not any(turn.get("message_id") == held for turn in requester.inquiry or [])


async def take_anew(
    *,
    tx: Transaction,
    desk: Desk,
    requester: Requester,
    question: int | None,
    held: int,
    text: str,
) -> Outcome | None:
    """The message `held` (`text`), asked about by `question`, is a new matter: taken
    (`take_once`) as a first inquiry of its own (`as_new_matter`); None when it was taken
    before (nothing happens)."""
    if not await take_once(tx=tx, requester=requester, question=question, held=held):
        return None
    return await as_new_matter(tx=tx, desk=desk, requester=requester, held=held, text=text)


async def as_new_matter(
    *, tx: Transaction, desk: Desk, requester: Requester, held: int, text: str
) -> Outcome:
    """The message `held` (`text`), just taken (`take_once`), as a first inquiry of its own,
    as if said after /new, whatever tickets are in hand."""
    return await flow.take_text(
        tx=tx, desk=desk, requester=requester, current=None, text=text, message_id=held
    )
