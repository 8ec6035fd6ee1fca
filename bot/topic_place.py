"""Where a ticket's staff messages go while it has no topic in its staff group, as the front's
sender needs it: the ticket's place (`place_of`) and what becomes of a message for its topic
(`without_topic`). Split from bot/delivery.py; decides nothing about tickets itself."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.db import in_one_call
from bot.models import OutboxMessage, Ticket, TicketStatus


@dataclass(frozen=True)
class Place:
    """Where a ticket is in its staff group, as the sender needs it."""

    id: int
    staff_chat_id: int | None
    staff_thread_id: int | None
    card_message_id: int | None
    question: str
    owner_id: int | None
    closed: bool  # closed (withdrawn, confirmed, auto-closed): it gets no topic any more


# Built once: this runs for every message in a ticket's topic.
_PLACE = select(
    Ticket.id,
    Ticket.staff_chat_id,
    Ticket.staff_thread_id,
    Ticket.card_message_id,
    Ticket.question,
    Ticket.owner_id,
    Ticket.status == TicketStatus.CLOSED,
).where(Ticket.id == bindparam("place_of"))


async def place_of(*, engine: AsyncEngine, ticket_id: int) -> Place:
    """Where the ticket is now (one small query on a bare connection of `engine`, best a
    `bot.db.one_read` one: this runs for every message to a ticket's staff); NoResultFound if
    there is no such ticket."""
    row = await in_one_call(
        engine,
        lambda connection: connection.execute(_PLACE, {"place_of": ticket_id}).one(),
        transaction=False,
    )
    return Place(*row)


# An unsent opening of the ticket's topic behind a given outbox row (handlers/post.py
# `open_topic`, the kind "topic").
_COMING = (
    select(OutboxMessage.id)
    .where(
        OutboxMessage.ticket_id == bindparam("ticket_id"),
        OutboxMessage.template == "topic",
        OutboxMessage.id > bindparam("after"),
        OutboxMessage.sent_at.is_(None),
        OutboxMessage.failed_at.is_(None),
    )
    .limit(1)
)


async def topic_coming(*, engine: AsyncEngine, ticket_id: int, after: int) -> bool:
    """Whether the opening of the ticket's topic waits in the outbox behind the row `after`
    (a claim's: it copies into the new topic what the requester sent before it, so a message
    of theirs still on its way to the card is not the one to open it)."""
    found = await in_one_call(
        engine,
        lambda connection: connection.execute(
            _COMING, {"ticket_id": ticket_id, "after": after}
        ).first(),
        transaction=False,
    )
    return found is not None


# What only a ticket's topic needs: in a group without topics the card's replies hold it all.
FORUM_ONLY = frozenset({"topic_intro", "history"})
# A requester's messages to a forum group whose ticket nobody has claimed yet: copied into the
# topic with the rest when someone claims it (handlers/cards.py `topic_calls`).
INTO_TOPIC_LATER = frozenset({"relay", "relay_described", "relay_origin", "requester_edit"})
SEND, SKIP, OPEN = "send", "skip", "open"


def without_topic(
    *,
    forum: bool,
    claimed: bool,
    kind: str,
    under_card: bool = False,
    topic_only: bool = False,
    closed: bool = False,
    coming: bool = False,
) -> str:
    """What becomes of a message for a ticket's topic (`kind`: its outbox kind) while the
    ticket has no topic in its staff group (issue 15: a copy is never dropped when a topic
    will exist for it):

    | group         | ticket    | kind                 | then                                |
    | no topics     | any       | FORUM_ONLY           | SKIP: the card's replies hold it    |
    | no topics     | any       | other                | SEND, as a reply to the card        |
    | forum         | claimed   | FORUM_ONLY           | SKIP: its topic's opening failed    |
    | forum         | claimed   | other                | OPEN the ticket's topic, then this  |
    | forum         | unclaimed | INTO_TOPIC_LATER,    | SEND, as a reply to the card: staff |
    |               |           | `under_card`         | asked, or no words: a photo the     |
    |               |           |                      | card counts (`relays.under_card`)   |
    | forum         | unclaimed | INTO_TOPIC_LATER     | SKIP: copied into the topic at claim|
    | forum         | unclaimed | other                | SEND, in the group's General topic, |
    |               |           |                      | as a reply to the card              |

    A claimed ticket without a topic in a forum: its group was upgraded to a forum after the
    claim, or the topic's opening waits behind it (the bot lacked the right to manage topics:
    then opening it here fails the same way, and this message waits, parked, behind it).
    `topic_only` (a note under a claimed ticket's card, bot/speaking.py): as FORUM_ONLY.
    A `closed` ticket gets no topic (issue 14: one withdrawn before its topic's call went
    out): what is not only for a topic goes as a reply to its card, as in a group without.
    `coming`: the claim's opening of the topic waits behind this message (`topic_coming`):
    as unclaimed, for that opening copies what the requester sent before it."""
    if not forum or closed:
        return SKIP if kind in FORUM_ONLY or topic_only else SEND
    if claimed and not coming:
        return SKIP if kind in FORUM_ONLY else OPEN
    if topic_only:
        return SKIP
    return SKIP if kind in INTO_TOPIC_LATER and not under_card else SEND


def answers_card(*, forum: bool, claimed: bool, closed: bool = False) -> bool:
    """Whether a message SENT for a ticket without a topic goes as a reply to its card (see
    `without_topic`): in a group without topics always (the card's replies are the ticket's
    thread), in a forum while nobody claimed the ticket (it lands in the General topic, among
    every other ticket's lines: the reply says whose it is), and a closed ticket's (it gets
    no topic). A claimed ticket in a forum has its topic instead."""
    return not forum or not claimed or closed
