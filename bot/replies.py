"""Which ticket a requester's words are for, when more than one of theirs is in hand.

A requester may have several tickets in hand (a second one opened with /new), each owned by
someone else. What they write goes to the ticket it replies to in Telegram (a bot's message in
their chat that stands for a ticket: a staff reply copied there, a notice about it; or one of
their own messages filed under it); else, while it goes on a run of their messages in a row to
one ticket (bot/acknowledgements.py `run_of`), to that one, whatever the rules below say (but
words naming another ticket's own matter, their word as a reply is: to it, or asked; "5号楼",
strongly answering another's question waiting, goes to it: bot/answer_fit.py `off_the_run`): the
run's first acknowledgement promised "what you send next in a row goes to ticket #N too; for
the other, reply to one of its messages", and the promise and the routing are one rule (a
tester's "Counter 3, around 10am", answering the officer she had just replied to, went to the
other ticket, whose question still waited); else to the ticket whose staff still wait for their
answer (staff spoke on it after the requester last did, and after they last opened a ticket): a
reply to one officer's question answers that one, and leaves the other officer's question
waiting, so plain words after the run answer the other (a tester's pole number went to the
ticket they had just replied on); when several wait, the one their words fit better
(bot/answer_fit.py), and if none fits better they are asked; else to the ticket they were just
talking about (one they opened or wrote to in the last half hour, after anything staff said on
the others: a clerk does not ask "which matter?" of someone still speaking of the one just
opened); else to the ticket whose staff spoke to them last (a message, or a resolution awaiting
their word); else the desk asks them which (issue 14, input 6; the seed's first rule: every
word reaches the person who owns the matter). Ahead of all but a reply and a run: words
naming one ticket's matter go to it ("停电那个还没来电" beside a lost ID card's newer ticket),
words naming several are asked about (bot/matter_terms.py); and details a ticket waits for
(the address the bot asked for, or its officer, bot/awaited.py) go to it, whatever was opened
or written to since, out of a run. `choose` is the decision, a pure function; `route` and
`choice` read what it needs in the caller's session.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import acknowledgements, answer_fit, answer_kinds, awaited, hand_rows, matter_terms
from bot.details import carried
from bot.errors import IllegalMove, NotFound
from bot.models import (
    IN_HAND,
    Direction,
    Requester,
    StaffLink,
    Ticket,
    TicketMessage,
    TicketStatus,
)
from bot.rated_choice import rated_among
from bot.store import get_for_requester
from bot.withdrawal_words import withdrawn_among

UNDER_WAY = timedelta(minutes=30)  # a requester's own words this recent: still that matter
# The front's questions about a requester's message, as their outbox rows and links keep them
# (bot/intake/which_named.py): "which ticket is it for?", "about ticket #N, or a new
# matter?", and either once answered (its message held, bot/intake/asked.py, is taken). A
# reply to such a question is no reply to a ticket.
WHICH_ASKED, WHOSE_ASKED, ASKED_ANSWERED = "which_ticket", "whose_matter", "which_answered"
ASKED = (WHICH_ASKED, WHOSE_ASKED)


@dataclass(frozen=True)
class InHand:
    """One of a requester's tickets in hand, when its staff last spoke to them (their latest
    message, or the resolution they were sent while the ticket waits for their word; None:
    neither), when the requester last spoke of it (opened it, or their latest message
    filed under it), when it was opened, what its staff last said, its question, and whether
    it is resolved (awaiting their word on the resolution)."""

    ticket_id: int
    staff_wrote: datetime | None
    requester_wrote: datetime | None = None
    opened: datetime | None = None
    said: str = ""
    question: str = ""
    resolved: bool = False
    awaits: frozenset[str] = frozenset()  # the kinds of detail it waits for (bot/awaited.py)

    @property
    def waiting(self) -> bool:
        """Its staff spoke after the requester last did: it waits for their answer."""
        if self.staff_wrote is None:
            return False
        return self.requester_wrote is None or self.staff_wrote > self.requester_wrote


def choose(
    *,
    replied_to: int | None,
    in_hand: Sequence[InHand],
    now: datetime | None = None,
    words: str = "",
    settled: int | None = None,
    carries: frozenset[str] = frozenset(),
    run: int | None = None,
) -> int | None:
    """The ticket a requester's message (its `words`) at `now` is for, or None when the desk
    must ask them. `run`: the ticket the message goes on a run in (bot/acknowledgements.py
    `run_of`), which the run's first acknowledgement promised plain words in a row go to;
    `settled`: the ticket the intake chose for the words' matter or the
    details it waits for (bot/intake/whose.py), which it knows better than these rules;
    `carries`, the kinds of detail the message gives by what it is (a photo, a place shared:
    `details.carried`).

    Each rule wins over those below it:
    | the message replies to a ticket in hand (`replied_to`)   | that ticket                |
    | it goes on a run in one (`run`): promised it goes there  | that one, unless the words |
    |                                                          | name another's own matter  |
    |                                                          | (its question): that one;  |
    |                                                          | several: None, ask which;  |
    |                                                          | `answer_fit.off_the_run`   |
    | one ticket in hand                                       | that one                   |
    | the intake settled on one (`settled`)                    | that one                   |
    | the words name one's matter (`matter_terms.named`)       | that one                   |
    | ... several's                                            | None: ask which            |
    | they give details one waits for, and no other (`awaits`) | that one                   |
    | staff wait for their answer on one, since they last      | that one                   |
    | opened a ticket                                          |                            |
    | ... on several                                           | the one the words fit best |
    |                                                          | (bot/answer_fit.py), else  |
    |                                                          | None: ask which            |
    | they spoke of one within UNDER_WAY, after all staff said | the one they spoke of last |
    | staff spoke to them on some of them                      | the one they spoke on last |
    | otherwise                                                | None: ask which            |
    """
    ids = [t.ticket_id for t in in_hand]
    if replied_to is not None and replied_to in ids:
        return replied_to
    if run is not None and run in ids:  # as its acknowledgement promised, whatever else waits
        # Unless they name another's own matter themselves ("停电和身份证的事都怎么样了"):
        # their word, as a reply is, not the desk's guess (what an officer waits for is).
        own = matter_terms.named(words, {t.ticket_id: t.question for t in in_hand})
        if own - {run}:
            return next(iter(own)) if len(own) == 1 else None
        fit, held = answer_fit.fit, [t for t in in_hand if t.ticket_id == run or t.waiting]
        fitted = {
            t.ticket_id: fit(words, said=t.said, question=t.question, resolved=t.resolved)
            for t in held
        }
        return answer_fit.off_the_run(run, fitted)
    if len(ids) == 1:
        return ids[0]
    if settled in ids:
        return settled
    # Its staff's question waiting is of its matter too: "居住证办了" answers #1's officer
    # asking "您办理居住证了吗?", though #2 is the residence permit's.
    matters = {t.ticket_id: f"{t.question}\n{t.said if t.waiting else ''}" for t in in_hand}
    named = matter_terms.named(words, matters)
    if named:
        return next(iter(named)) if len(named) == 1 else None
    kinds = answer_kinds.gives(words) | carries if any(t.awaits for t in in_hand) else frozenset()
    owed = [t.ticket_id for t in in_hand if t.awaits & kinds]
    if len(owed) == 1:
        return owed[0]
    opened = max((t.opened for t in in_hand if t.opened is not None), default=None)
    waiting = [
        t
        for t in in_hand
        if t.waiting and (opened is None or t.staff_wrote is None or t.staff_wrote > opened)
    ]
    if len(waiting) == 1:
        return waiting[0].ticket_id
    if waiting:
        fits = [
            (
                answer_fit.fit(words, said=t.said, question=t.question, resolved=t.resolved),
                t.ticket_id,
            )
            for t in waiting
        ]
        return answer_fit.best(fits)
    written = [(t.staff_wrote, t.ticket_id) for t in in_hand if t.staff_wrote is not None]
    theirs = [(t.requester_wrote, t.ticket_id) for t in in_hand if t.requester_wrote is not None]
    if now is not None and theirs:
        last, ticket_id = max(theirs)
        if now - last <= UNDER_WAY and all(staff < last for staff, _ in written):
            return ticket_id
    return max(written)[1] if written else None


@dataclass(frozen=True)
class Route:
    """Where a requester's message goes: `ticket`, or (None) a question with `choices`, their
    tickets in hand, oldest first."""

    ticket: Ticket | None
    choices: tuple[Ticket, ...] = ()
    rating: bool = False  # the words are a rating: which resolution is rated?
    withdrawing: bool = False  # the words withdraw one: which one? (`withdrawn_among`)


_IN_HAND = (
    select(Ticket, *hand_rows.COLUMNS)
    .where(Ticket.requester_id == bindparam("requester_id"), Ticket.status.in_(IN_HAND))
    .order_by(Ticket.id)
)


_HOLDING = (
    select(func.count())
    .select_from(Ticket)
    .where(Ticket.requester_id == bindparam("requester_id"), Ticket.status.in_(IN_HAND))
)


async def holding(*, session: AsyncSession, requester_id: int) -> int:
    """How many tickets the requester has in hand (counted: none is loaded)."""
    return int(await session.scalar(_HOLDING, {"requester_id": requester_id}) or 0)


async def in_hand(
    *,
    session: AsyncSession,
    requester_id: int,
    words: str = "",
    carries: frozenset[str] = frozenset(),
) -> list[tuple[Ticket, InHand]]:
    """The requester's tickets in hand, oldest first, each with when its staff last spoke to
    them (their latest message, or the resolution of a ticket resolved and awaiting the
    requester's word: what they write next is most likely an answer to it) and when the
    requester last spoke of it (their latest message filed under it, or its opening), with
    what its staff last said (`InHand`); when a message's `words` give details
    (`answer_kinds.gives`) or it `carries` some (a photo, a place shared), the kinds of detail
    each waits for (`awaited.awaits`: read from the requester's messages filed under each,
    else never)."""
    rows = hand_rows.kept(session, requester_id)  # read with the requester, or just now
    if rows is None:
        read = await session.execute(_IN_HAND, {"requester_id": requester_id})
        rows = cast(list[hand_rows.Row], list(read))
        hand_rows.keep(session, requester_id, rows)
    since: dict[int, list[tuple[str, str]]] | None = None
    if carries or answer_kinds.gives(words):
        # Only the tickets whose first inquiry asked for a detail have messages to read for it.
        asking = [row[0].id for row in rows if awaited.bot_asked(row[0].inquiry)]
        since = await _theirs(session, asking) if asking else {}
    found = []
    for ticket, latest, theirs, said in rows:
        resolved = ticket.resolved_at if ticket.status == TicketStatus.RESOLVED else None
        spoke = max((t for t in (latest, resolved) if t is not None), default=None)
        wrote = max((t for t in (theirs, ticket.opened_at) if t is not None), default=None)
        held = InHand(
            ticket.id,
            spoke,
            wrote,
            opened=ticket.opened_at,
            said=" ".join(w for w in (said, ticket.resolution_summary if resolved else None) if w),
            question=ticket.question,
            resolved=resolved is not None,
        )
        if since is not None:
            waits = awaited.awaits(
                turns=ticket.inquiry,
                since=since.get(ticket.id, ()),
                staff_said=said or "",
                staff_waiting=held.waiting,
            )
            held = replace(held, awaits=waits)
        found.append((ticket, held))
    return found


_THEIRS = select(TicketMessage.ticket_id, TicketMessage.text, TicketMessage.content_type).where(
    TicketMessage.ticket_id.in_(bindparam("ticket_ids", expanding=True)),
    TicketMessage.direction == Direction.IN,
)


async def _theirs(
    session: AsyncSession, ticket_ids: list[int]
) -> dict[int, list[tuple[str, str]]]:
    """The requester's messages filed under each of these tickets: words and content type."""
    rows = await session.execute(_THEIRS, {"ticket_ids": ticket_ids})
    found: dict[int, list[tuple[str, str]]] = {}
    for ticket_id, text, content_type in rows:
        found.setdefault(ticket_id, []).append((text or "", content_type))
    return found


async def ticket_of_message(*, session: AsyncSession, chat_id: int, message_id: int) -> int | None:
    """The ticket a message in a requester's chat stands for: a bot's message linked to it
    when sent (bot/delivery.py, "link"), or the requester's own message filed under it."""
    linked = await session.get(StaffLink, (chat_id, message_id))
    if linked is not None and linked.kind not in (*ASKED, ASKED_ANSWERED):
        return linked.ticket_id
    return await session.scalar(
        select(TicketMessage.ticket_id)
        .where(
            TicketMessage.telegram_chat_id == chat_id,
            TicketMessage.telegram_message_id == message_id,
            TicketMessage.direction == Direction.IN,
        )
        .limit(1)
    )


async def route(
    *,
    session: AsyncSession,
    requester: Requester,
    current: Ticket | None,
    holding: int,
    replied_to_message_id: int | None,
    now: datetime | None = None,
    words: str = "",
    settled: bool = False,
    content_type: str = "text",
    quiet: timedelta = acknowledgements.QUIET,
) -> Route:
    """Where the requester's message goes (`choose`), `current` being their latest ticket in
    hand (None: they have none, and it goes to no ticket) and `holding` how many they have in
    hand (the query that found `current` counts them: bot/requesters.py `Asking`), so that
    the usual case, one, reads nothing more. `replied_to_message_id`: the message in their
    chat it replies to, if any; `now`, the message's instant (None: neither the rule of a
    run nor that of a conversation under way is applied); `words`, its text or caption;
    `settled`, the intake chose `current` for the words' matter or the details it waits for;
    `content_type`, what the message is (a photo, a location shared: `details.carried`);
    `quiet`, how long a run of messages in a row lasts (config `notices.acknowledge_quiet`:
    `acknowledgements.run_of`, whose first acknowledgement promised where the rest go).
    Words withdrawing a request ("算了,取消吧") beside several being worked on, replying to
    none of them, go where they name (`withdrawal_words.withdrawn_among`), else the requester
    is asked which (`Route.withdrawing`), before any other rule guesses the latest."""
    if current is None:
        return Route(None)
    if holding <= 1:
        return Route(current)
    carries = carried(content_type)
    found = await in_hand(session=session, requester_id=requester.id, words=words, carries=carries)
    if len(found) <= 1:
        return Route(current)
    rated = rated_among(words, found)  # "5星": a resolution's, never a ticket in progress's
    if len(rated) > 1:
        return Route(None, tuple(t for t, _ in rated), rating=True)
    if rated:
        return Route(rated[0][0])
    replied_to = None
    if replied_to_message_id is not None:
        replied_to = await ticket_of_message(
            session=session, chat_id=requester.chat_id, message_id=replied_to_message_id
        )
    # "算了,取消吧" beside several being worked on, none replied to: which one, never a guess.
    working = {t.id: t.question for t, h in found if not h.resolved}
    among = withdrawn_among(words, working) if replied_to not in working else None
    if among and len(working) > 1:
        if len(among) == 1:
            return Route(next(t for t, _ in found if t.id in among))
        return Route(None, tuple(t for t, _ in found if t.id in among), withdrawing=True)
    run = None
    if now is not None:
        run = await acknowledgements.run_of(
            session=session, requester_id=requester.id, now=now, quiet=quiet
        )
    chosen = choose(
        replied_to=replied_to,
        in_hand=[h for _, h in found],
        now=now,
        words=words,
        settled=current.id if settled else None,
        carries=carries,
        run=run,
    )
    if chosen is None:
        return Route(None, tuple(t for t, _ in found))
    return Route(next(t for t, _ in found if t.id == chosen))


async def choice(
    *, session: AsyncSession, requester: Requester, ticket_id: int, message_id: int
) -> Ticket:
    """The ticket the requester picked for their message `message_id` (in their chat) when
    asked which. DeskError when the question is stale: not their ticket (NotFound), no longer
    in hand, or the message already filed (IllegalMove)."""
    ticket = await get_for_requester(
        session=session, ticket_id=ticket_id, requester_id=requester.id
    )
    if ticket.status not in IN_HAND:
        raise IllegalMove(ticket.id, ticket.status, "take a message")
    filed = await ticket_of_message(
        session=session, chat_id=requester.chat_id, message_id=message_id
    )
    if filed is not None:
        raise NotFound(f"message {message_id} is already filed", "filed", ticket_id=filed)
    return ticket
