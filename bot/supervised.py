"""A complaint about a member of staff kept confidential (issue 14, SPEC rules 3 and 13): its
words were on its card in the staff group where the one complained of works, a topic opened
for it there, its words in /queue and /mine, any officer's /ticket N read it whole, and what
the requester said next went into that group. A clerk keeps such a complaint between the
requester and the supervisor who has it (`Ticket.confidential`, set as it opens,
bot/intake/staff_complaint.py):

- its staff group sees only its card, saying a confidential complaint is there
  (`ticket_card`'s `confidential`), and it gets no topic (handlers/cards.py `topic_calls`);
- whatever else would go to that group (the requester's later words, copied) goes to its
  keeper in private instead (bot/notices.py `_keepers`: its owner, the supervisor; while
  nobody has it, as when the one complained of is the department's only supervisor, each
  manager), and is linked to it there, so that the keeper's reply to it is their answer to
  the requester (`answer_in_private`);
- lists show none of its words (bot/lookup.py `TicketLine.confidential`), and only its
  readers (`require_reader`: its owner, management, the supervisors of its department but
  the one complained of) read its record, in a private chat only."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.complaints import accused
from bot.errors import NotAllowed
from bot.models import Ticket, TicketMessage
from bot.rules import Rules
from bot.staff_replies import staff_reply_and_tell
from bot.transaction import Transaction


async def may_read(session: AsyncSession, rules: Rules, ticket: Ticket, user_id: int) -> bool:
    """Whether `user_id` may read `ticket` whole: anyone of its staff when it is not
    confidential; else its owner, management and its department's supervisors but the one
    complained of (`bot.complaints.accused`)."""
    if not ticket.confidential or user_id == ticket.owner_id:
        return True
    if rules.staff.is_management(user_id):
        return True
    if not rules.staff.is_supervisor(user_id, ticket.department_key):
        return False
    return user_id not in await accused(session, ticket.id)


async def require_reader(
    session: AsyncSession, rules: Rules, ticket: Ticket, user_id: int, *, private: bool = True
) -> None:
    """NotAllowed (`confidential`) unless `user_id` may read `ticket` whole (`may_read`); a
    reader asking in a group (`private` False: a staff group, the management chat, where the
    one complained of may sit too) is refused with a pointer to ask in private
    (`confidential_in_group`): its words are shown in a private chat only (issue 14)."""
    if not await may_read(session, rules, ticket, user_id):
        raise NotAllowed(
            f"ticket {ticket.id} is confidential to user {user_id}",
            "confidential",
            ticket_id=ticket.id,
        )
    if ticket.confidential and not private:
        raise NotAllowed(
            f"ticket {ticket.id} is confidential: read in private only",
            "confidential_in_group",
            ticket_id=ticket.id,
        )


def kept_from_group(ticket: Ticket, *, private: bool) -> bool:
    """Whether what an officer wrote about `ticket` where they are (`private`: their private
    chat with the bot) is taken out of that chat and answered to them in private: a
    confidential ticket's resolution summary or note written in a group, where the one
    complained of may read it (issue 14: a supervisor's /resolve under its card left the
    summary in its staff group)."""
    return ticket.confidential and not private


def answers(rules: Rules, ticket: Ticket, user_id: int) -> bool:
    """Whether `user_id`'s words in private on a confidential `ticket` answer its requester:
    its owner's; while nobody has it, a manager's (its keepers: bot/notices.py `_keepers`)."""
    if not ticket.confidential:
        return False
    if ticket.owner_id is not None:
        return user_id == ticket.owner_id
    return rules.staff.is_management(user_id)


async def answer_in_private(
    *,
    tx: Transaction,
    rules: Rules,
    ticket: Ticket,
    officer_id: int,
    text: str,
    chat_id: int,
    message_id: int,
    content_type: str = "text",
) -> TicketMessage | None:
    """The keeper's message `message_id` in their private chat `chat_id` (a reply to what
    the bot sent them about confidential `ticket`), filed and sent to the requester as any
    staff reply is (bot/staff_replies.py); None (nothing done) when `officer_id` does not
    answer it (`answers`)."""
    if not answers(rules, ticket, officer_id):
        return None
    return await staff_reply_and_tell(
        tx=tx,
        rules=rules,
        ticket_id=ticket.id,
        officer_id=officer_id,
        text=text,
        chat_id=chat_id,
        message_id=message_id,
        content_type=content_type,
    )
