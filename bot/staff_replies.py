"""A staff reply to the requester: filed on its ticket and told to the requester (the front
copies the message), numbered when they have more than one ticket in hand, saying who speaks
when it is not the owner (the department the ticket was handed to), and told to the
ticket's staff when it was written outside the ticket's place."""

from __future__ import annotations

from bot import replies, reply_parts
from bot.conversation import add_staff_message
from bot.excerpt import MARK_ROOM, MAX_CAPTION, MAX_MESSAGE, excerpt, units
from bot.kinds import NOT_COPIED
from bot.models import Requester, Ticket, TicketMessage
from bot.notices import Audience, Notice, card_refresh, publish
from bot.other_language import heard_unlike
from bot.rules import Rules
from bot.store import get
from bot.transaction import Transaction


async def staff_reply_and_tell(
    *,
    tx: Transaction,
    rules: Rules,
    ticket_id: int,
    officer_id: int,
    text: str,
    chat_id: int,
    message_id: int,
    content_type: str = "text",
) -> TicketMessage:
    """A staff reply (the message `message_id` in the staff chat `chat_id`; `text` its text
    or caption, `content_type` "text" or the kind of media) filed as a public update at the
    transaction's instant; the requester gets it as a `staff_reply` notice (values
    `from_chat_id`, `message_id`: the front copies that message). When the requester has more
    than one ticket in hand, the values also say `numbered` (the requester reads which ticket
    it is about: issue 14), with `text` and `content_type`; a long text or caption then goes
    in parts, one such notice each, every one numbered (bot/reply_parts.py `numbered`); so
    does one longer than Telegram lets a bot send in one message (`too_long`), unnumbered
    with one ticket in hand: the requester gets every word, in order. Written
    by someone other than its owner (the department the ticket was handed to: SPEC rule 7),
    they are worded so too, each saying who speaks (`speaking`): the requester knows the
    owner, not the stranger now answering them. A kind
    Telegram cannot copy (NOT_COPIED: a poll, `text` it in words) reaches them as
    `staff_reply_described` (values `kind`, `described`) instead. The card of a ticket nobody
    claimed yet is redrawn: it shows the reply among the requester's words (`card_refresh`).
    A reply in another language than the requester's is pointed out to its writer
    (bot/other_language.py). Raises as `add_staff_message` does (DeskError)."""
    message = await add_staff_message(
        session=tx.session,
        rules=rules,
        ticket_id=ticket_id,
        officer_id=officer_id,
        text=text,
        now=tx.now,
        content_type=content_type,
        chat_id=chat_id,
        message_id=message_id,
    )
    ticket = await get(session=tx.session, ticket_id=ticket_id)
    requester = await tx.session.get(Requester, ticket.requester_id)
    assert requester is not None  # a foreign key
    card = [card_refresh(ticket)] if ticket.owner_id is None else []  # shows the reply too
    if content_type in NOT_COPIED:
        # Telegram cannot copy a quiz, and a copied poll would be a live poll nobody reads the
        # votes of: in words, with the ticket's number, to be answered in words.
        described = {"kind": content_type, "described": text}
        notice = Notice(
            "staff_reply_described",
            (Audience.REQUESTER,),
            ticket,
            described,
            requester=requester,
            own_word=True,
        )
        elsewhere = _answered_elsewhere(rules, ticket, officer_id, chat_id, text)
        await publish(tx, rules, [notice, *elsewhere, *card])
        return message
    values: list[dict[str, object]] = [{"from_chat_id": chat_id, "message_id": message_id}]
    several = await replies.holding(session=tx.session, requester_id=requester.id) > 1
    speaker = speaking(rules, ticket, officer_id)
    if several or speaker is not None or too_long(text, content_type):
        room = MARK_ROOM + (speaker_room(rules, speaker) if speaker is not None else 0)
        values = reply_parts.numbered(
            values[0], text, content_type, numbered=several, speaker=speaker, room=room
        )
    notices = [
        Notice("staff_reply", (Audience.REQUESTER,), ticket, v, requester=requester, own_word=True)
        for v in values
    ]
    elsewhere = _answered_elsewhere(rules, ticket, officer_id, chat_id, text)
    unlike = await heard_unlike(
        session=tx.session,
        ticket=ticket,
        requester=requester,
        text=text,
        filed=message,
        rules=rules,
    )
    await publish(tx, rules, [*notices, *elsewhere, *unlike, *card])
    return message


def too_long(text: str, content_type: str) -> bool:
    """Whether a staff message's words are more than Telegram lets a bot send in one message
    (MAX_MESSAGE units of text, MAX_CAPTION of a caption): a copy of it would be refused
    ("message is too long"), so it goes in words, in parts (bot/reply_parts.py)."""
    return units(text) > (MAX_MESSAGE if content_type == "text" else MAX_CAPTION)


def speaking(rules: Rules, ticket: Ticket, officer_id: int) -> dict[str, object] | None:
    """Who speaks to the requester, when it is not the ticket's owner (an officer of the
    department the ticket was handed to: bot/speaking.py lets no one else): `speaker`, the
    officer as requesters see staff named (name or staff number, per privacy config), and
    `speaker_department`, their department's key (worded in the requester's language).
    None for the owner, and for a ticket nobody owns (the reply claims it)."""
    if ticket.owner_id is None or officer_id == ticket.owner_id:
        return None
    member = rules.staff.get(officer_id)
    department = member.department_key if member is not None else ticket.handling_department_key
    return {"speaker": rules.staff.shown_as(officer_id) or "", "speaker_department": department}


def speaker_room(rules: Rules, speaker: dict[str, object]) -> int:
    """The units the words saying who speaks take at most, in any language: their longest
    name (each language's: bot/texts.py `staff_name`), their department's longest name, and
    the punctuation between."""
    department = rules.settings.department(str(speaker["speaker_department"]))
    longest = max((units(name) for name in department.names.values()), default=0)
    shown = str(speaker["speaker"])
    names = rules.staff.shown_in_languages().get(shown, {}).values()
    return max(units(name) for name in (shown, *names)) + longest + 8


ELSEWHERE_SHOWN = 3000  # UTF-16 units of a reply written elsewhere its ticket's staff read


def _answered_elsewhere(
    rules: Rules, ticket: Ticket, officer_id: int, chat_id: int, text: str = ""
) -> list[Notice]:
    """The ticket's staff hear of a reply to its requester written outside the ticket's place
    in its staff group (the receiving department answering on the handoff form): who wrote
    it, from which department, and its words (their start, `excerpt`), as they would have
    read it in their topic. None for a reply written there."""
    if ticket.staff_chat_id is None or chat_id == ticket.staff_chat_id or ticket.confidential:
        return []  # a confidential one's keeper answers in private (bot/supervised.py)
    member = rules.staff.get(officer_id)
    values = {
        "event": "answered_elsewhere",
        "by": rules.staff.shown_as(officer_id) or "-",
        "department": member.department_key if member is not None else "",
        "text": excerpt(text, ELSEWHERE_SHOWN).text,
    }
    return [Notice("staff_event", (Audience.TICKET_STAFF,), ticket, values)]
