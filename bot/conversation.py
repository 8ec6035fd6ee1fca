"""A ticket's conversation: the requester's messages, staff replies and internal notes.

The flow `requester_message_and_tell` files what a requester sent and relays it to the
ticket's staff (the front copies the message); bot/staff_replies.py files a staff reply and
tells the requester."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from bot import db, handed
from bot.acknowledgements import acknowledgement_due, others_in_hand
from bot.asking import question_waiting
from bot.closure import words_after_resolution_and_tell
from bot.complaints import complaint_notices
from bot.danger_asked import answer_due, status_asked
from bot.dangers import danger_reminder
from bot.db import wrote_directly
from bot.errors import IllegalMove, NotAllowed
from bot.excerpt import excerpt
from bot.guards import MAX_TEXT, handoff_over, may_speak_for
from bot.kinds import EDIT, NOT_COPIED, Origin
from bot.ledger import contacted, record_late_first_response
from bot.models import Direction, Requester, Ticket, TicketMessage, TicketStatus
from bot.notices import Audience, Notice, card_refresh, publish
from bot.pressed import pressing
from bot.progress_words import asks_progress
from bot.relays import copy_of, relay_notices, staff_asked, under_card
from bot.rules import Rules
from bot.store import get, get_for_requester, save
from bot.thanked import thanked, thanks_heard
from bot.ticket_language import follow_words
from bot.transaction import Transaction
from bot.withdrawal import answer_in_words, answered_and_tell, withdrawal_asked

_MESSAGES = cast(Table, TicketMessage.__table__)
_FILE_MESSAGE = insert(_MESSAGES).returning(_MESSAGES.c.id)


def _file(session: Session, values: dict[str, Any]) -> int:
    """A message filed (`_FILE_MESSAGE`) on the session's connection: its id."""
    return int(session.connection().execute(_FILE_MESSAGE, values).scalar_one())


async def add_requester_message(
    *,
    session: AsyncSession,
    rules: Rules,
    ticket_id: int,
    requester_id: int,
    now: datetime,
    text: str = "",
    content_type: str = "text",
    file_id: str | None = None,
    chat_id: int | None = None,
    message_id: int | None = None,
    media_group: str | None = None,
) -> TicketMessage:
    """File what the requester sent under their ticket, with the Telegram ids to relay it."""
    ticket = await get_for_requester(
        session=session, ticket_id=ticket_id, requester_id=requester_id
    )
    if ticket.status is TicketStatus.CLOSED:
        raise IllegalMove(ticket.id, ticket.status, "add a message")
    values = {
        "ticket_id": ticket.id,
        "direction": Direction.IN,
        "author_id": None,
        "content_type": content_type,
        "text": text[:MAX_TEXT],
        "file_id": file_id,
        "telegram_chat_id": chat_id,
        "telegram_message_id": message_id,
        "media_group_id": media_group,
        "created_at": now,
    }
    # At Core level: on the path of every requester's message, the ORM's flush of one new
    # row cost three times its INSERT. The row returned as an object outside the session.
    if question_waiting(ticket):  # their word after the officer's question answers it
        ticket.question_answered_at = now
    filed = await session.run_sync(_file, values)  # one call, not two (connection, execute)
    wrote_directly(session)
    await follow_words(session, ticket, text, rules.settings.languages.supported)
    return TicketMessage(id=filed, **values)


async def requester_message_and_tell(
    *,
    tx: Transaction,
    rules: Rules,
    ticket_id: int,
    requester_id: int,
    chat_id: int,
    message_id: int,
    text: str = "",
    content_type: str = "text",
    file_id: str | None = None,
    described: str = "",
    origin: Origin | None = None,
    acknowledge: bool = True,
    media_group: str | None = None,
) -> TicketMessage:
    """What a requester sent (the message `message_id` in their chat `chat_id`, an item of the
    album `media_group` if any) filed under their ticket at the transaction's instant; the ticket's
    staff get it as a `relay` notice (values `from_chat_id`, `message_id`: the front copies it into
    the ticket's topic, or under its card), the handling department's group while the ticket has no
    staff group. With `acknowledge` the requester hears it was added (thanks alone: you're welcome,
    and not relayed, bot/thanked.py), or, when their words clearly withdraw the ticket, is asked
    whether to (bot/withdrawal.py), or, while the ticket awaits their confirmation, their words
    answer it (bot/closure.py); without (an album's further items, what was held for a new ticket)
    they hear nothing of it, nor when it follows another of theirs in a row
    (bot/acknowledgements.py), unless it tells a danger again or asks whether help is coming into
    an emergency's ticket (bot/danger_asked.py). A poll (NOT_COPIED) reaches the staff as a
    `relay_described` notice (values `kind`, `described`: it in words, filed as its text); a
    forward is preceded by `relay_origin` (values `origin_kind`, `origin_name`); a text to a ticket
    nobody claimed redraws its card (`card_refresh`). Each says `under_card` (bot/relays.py: under
    the card in a forum's General topic too) while nobody has claimed it but its staff wrote to the
    requester (`staff_asked`), or for no words (a photo: the card counts it). Raises as
    `add_requester_message` does (DeskError)."""
    before = await get(session=tx.session, ticket_id=ticket_id)  # both judged before filing
    courtesy = acknowledge and content_type == "text" and await thanked(tx.session, before, text)
    pause = rules.settings.notices.acknowledge_quiet
    quiet = acknowledge and not await acknowledgement_due(
        session=tx.session, ticket=before, now=tx.now, quiet=pause
    )
    message = await add_requester_message(
        session=tx.session,
        rules=rules,
        ticket_id=ticket_id,
        requester_id=requester_id,
        now=tx.now,
        # A poll in words; a location, a venue or a contact by its details (no caption).
        text=described if described and (content_type in NOT_COPIED or not text.strip()) else text,
        content_type=content_type,
        file_id=file_id,
        chat_id=chat_id,
        message_id=message_id,
        media_group=media_group,
    )
    ticket = await get(session=tx.session, ticket_id=ticket_id)
    group = rules.settings.department(ticket.handling_department_key).staff_group_chat_id
    claimed, asked = ticket.owner_id is not None, staff_asked(ticket)
    placed = under_card(claimed=claimed, asked=asked, content_type=content_type)
    notices = relay_notices(ticket, group, message, described, origin, under_card=placed)
    # The department that accepted a handoff of it reads them too (bot/handed.py).
    notices += await handed.mirrored(
        session=tx.session, rules=rules, ticket=ticket, notices=notices, message=message
    )
    if ticket.owner_id is None and content_type == "text":
        # The card waiting for a claim shows their words since it opened (issue 14).
        notices.append(card_refresh(ticket))
    requester = await db.get(tx.session, Requester, requester_id) if acknowledge else None
    resolved = ticket.status is TicketStatus.RESOLVED
    # Words answering the question whether to withdraw it act as its buttons do; words that
    # withdraw it are asked about instead of acknowledged (bot/withdrawal.py).
    answer = None
    if requester is not None:
        answer = await answer_in_words(
            session=tx.session, ticket=ticket, requester=requester, text=text
        )
    asking = answer is None and requester is not None
    withdrawing = withdrawal_asked(ticket, requester, text) if asking and requester else None
    if courtesy and requester is not None and answer is None:  # on record, not relayed
        notices = [thanks_heard(ticket, requester)]
    elif withdrawing is not None:
        notices.append(withdrawing)
    elif requester is not None and answer is None and not resolved:
        # A complaint of its handling: the supervisors told, and the requester what happens.
        complaint = await complaint_notices(
            session=tx.session,
            rules=rules,
            ticket=ticket,
            requester=requester,
            text=text,
            now=tx.now,
        )
        if complaint and ticket.owner_id is not None:  # its owner complained of: the
            notices = [n for n in notices if n.kind not in _RELAYS]  # supervisors read it
            withheld = {"event": "complaint_withheld"}
            notices.append(Notice("staff_event", (Audience.TICKET_STAFF,), ticket, withheld))
        notices += complaint
        # With the relay: one statement stores the outbox rows of the usual message. Asked how
        # it stands ("有进展吗?"), they hear that too, even after other lines in a row.
        progress: dict[str, object] = {"progress": True} if asks_progress(text) else {}
        # In danger, told again or asking whether help comes: answered whatever the burst.
        urgent = quiet and await answer_due(tx.session, rules, ticket, text, tx.now)
        if not complaint and (progress or not quiet or urgent):
            if not await status_asked(tx.session, rules, ticket, text):  # staff wrote since
                progress |= await danger_reminder(tx.session, rules, ticket, requester, text)
            progress |= await others_in_hand(session=tx.session, ticket=ticket)  # several
            progress |= await handed.read_too(session=tx.session, rules=rules, ticket=ticket)
            if progress.get("progress"):  # past the promised time: owned up to, supervisors told
                pressed, alert = await pressing(
                    session=tx.session, ticket=ticket, requester=requester, text=text, now=tx.now
                )
                progress, notices = progress | pressed, notices + alert
            notices.append(
                Notice(
                    "added_to_ticket", (Audience.REQUESTER,), ticket, progress, requester=requester
                )
            )
    await publish(tx, rules, notices)
    if requester is not None and answer is not None:  # after the relay, as a press would be
        await answered_and_tell(
            tx=tx, rules=rules, ticket_id=ticket.id, requester=requester, withdrawn=answer
        )
    if requester is not None and resolved:
        await words_after_resolution_and_tell(
            tx=tx, rules=rules, ticket=ticket, requester=requester, text=text
        )
    return message


async def requester_edit_and_tell(
    *,
    tx: Transaction,
    rules: Rules,
    ticket_id: int,
    requester_id: int,
    chat_id: int,
    message_id: int,
    text: str,
) -> TicketMessage:
    """A requester's edit of their message `message_id` (in their chat `chat_id`), filed under
    their ticket as content type "edit" with the words as they now read; the ticket's staff
    get a `requester_edit` notice (the mark) and the message as it now reads (`relay`), the
    handling department's group while the ticket has no staff group (under the card, as
    `requester_message_and_tell` says, when staff asked; and the card of a ticket nobody
    claimed is redrawn with the words as they now read). The mark replies to the staff's copy
    of the message edited (`reply_to`: bot/relays.py `copy_of`), or, when they got none (the
    question, shown on the card; a copy never sent), quotes what it read (`original`), so the
    officer sees which message changed (issue 14). The filed edit carries
    no Telegram ids: the message itself is already filed, and a topic opened later copies it
    once, as it then reads. Raises as `add_requester_message` does (DeskError)."""
    message = await add_requester_message(
        session=tx.session,
        rules=rules,
        ticket_id=ticket_id,
        requester_id=requester_id,
        now=tx.now,
        text=text,
        content_type=EDIT,
    )
    ticket = await get(session=tx.session, ticket_id=ticket_id)
    group = rules.settings.department(ticket.handling_department_key).staff_group_chat_id
    placed = {"under_card": True} if staff_asked(ticket) else {}
    copied = {"from_chat_id": chat_id, "message_id": message_id, **placed}
    staff = (Audience.TICKET_STAFF,)
    where = ticket.staff_chat_id if ticket.staff_chat_id is not None else group
    copy = await copy_of(tx, chat_id=where, of=(chat_id, message_id))
    which: dict[str, object]
    if copy is not None:
        which = {"reply_to": copy}  # under the staff's copy of the message edited
    else:  # they never got it as a copy (the question, on the card): what it read
        which = {"original": excerpt(await _sent_text(tx, chat_id, message_id), QUOTED).text}
    notices = [
        Notice("requester_edit", staff, ticket, {**placed, **which}, fallback=group),
        Notice("relay", staff, ticket, copied, fallback=group),
    ]
    notices += await handed.mirrored(
        session=tx.session, rules=rules, ticket=ticket, notices=notices
    )
    if ticket.owner_id is None:
        notices.append(card_refresh(ticket))  # the card shows their words as they now read
    await publish(tx, rules, notices)
    return message


_RELAYS = {"relay", "relay_origin", "relay_described"}  # a requester's message to its staff
QUOTED = 600  # units of an edited message's former words quoted in the mark of its edit


async def _sent_text(tx: Transaction, chat_id: int, message_id: int) -> str:
    """The words the requester's message `message_id` in their chat read when filed."""
    found = await tx.session.scalar(
        select(TicketMessage.text)
        .where(
            TicketMessage.telegram_chat_id == chat_id,
            TicketMessage.telegram_message_id == message_id,
            TicketMessage.direction == Direction.IN,
        )
        .order_by(TicketMessage.id)
        .limit(1)
    )
    return found or ""


def add_bot_note(
    *, session: AsyncSession, ticket_id: int, text: str, now: datetime, content_type: str = "text"
) -> None:
    """An internal note by the bot itself: what happened to the requester's chat ("text"), or
    the answers and options it gave them before the handover (`bot.kinds.BOT_OFFERED`)."""
    session.add(
        TicketMessage(
            ticket_id=ticket_id,
            direction=Direction.NOTE,
            author_id=None,
            content_type=content_type,
            text=text[:MAX_TEXT],
            created_at=now,
        )
    )


async def add_staff_message(
    *,
    session: AsyncSession,
    rules: Rules,
    ticket_id: int,
    officer_id: int,
    text: str,
    now: datetime,
    internal: bool = False,
    content_type: str = "text",
    file_id: str | None = None,
    chat_id: int | None = None,
    message_id: int | None = None,
) -> TicketMessage:
    """A reply to the requester (a public update) or an internal note, which never reaches them."""
    ticket = await get(session=session, ticket_id=ticket_id)
    if not may_speak_for(rules, ticket, officer_id):
        raise NotAllowed(
            f"user {officer_id} may not write on ticket {ticket.id}",
            "owner_only",
            ticket_id=ticket.id,
        )
    if not internal and handoff_over(rules, ticket, officer_id):
        # Resolved since their department took it on (an edit of a reply they sent then).
        raise NotAllowed(
            f"user {officer_id}'s department no longer handles ticket {ticket.id}",
            "handoff_over",
            ticket_id=ticket.id,
            owner=rules.staff.shown_as(ticket.owner_id),
        )
    message = file_staff_message(
        session,
        rules,
        ticket,
        officer_id=officer_id,
        text=text,
        now=now,
        internal=internal,
        content_type=content_type,
        file_id=file_id,
        chat_id=chat_id,
        message_id=message_id,
    )
    await save(session, rules, ticket)
    return message


def file_staff_message(
    session: AsyncSession,
    rules: Rules,
    ticket: Ticket,
    *,
    officer_id: int,
    text: str,
    now: datetime,
    internal: bool,
    content_type: str = "text",
    file_id: str | None = None,
    chat_id: int | None = None,
    message_id: int | None = None,
) -> TicketMessage:
    """File a staff message on `ticket` (an internal note, or a public update that counts as
    contact with the requester, and as the first response of a ticket nobody has claimed)
    without checking who wrote it: the callers have. Raises
    IllegalMove for a public update on a closed ticket."""
    if not internal and ticket.status is TicketStatus.CLOSED:
        raise IllegalMove(ticket.id, ticket.status, "write to the requester")
    message = TicketMessage(
        ticket_id=ticket.id,
        direction=Direction.NOTE if internal else Direction.OUT,
        author_id=officer_id,
        content_type=content_type,
        text=text[:MAX_TEXT],
        file_id=file_id,
        telegram_chat_id=chat_id,
        telegram_message_id=message_id,
        created_at=now,
    )
    session.add(message)
    if not internal:
        if ticket.status is TicketStatus.OPEN:
            # The first word to the requester (an /incident update, a question before anyone
            # claims it) is the first response: a breach only when past its deadline, and its
            # ladder ends (the resolution's runs from now on: bot/sla.py `watched_deadline`).
            record_late_first_response(session, rules, ticket, now)
        ticket.staff_wrote = True
        if text.strip():
            ticket.latest_update = text.strip()[:MAX_TEXT]
            ticket.latest_update_at = now
        contacted(session, rules, ticket, now, ticket.owner_id)
    return message
