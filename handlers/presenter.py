"""The presenter: a notice stored in the outbox (bot.outgoing.Outgoing) as the Bot API call
that shows it, as its audience reads it. The one place that words the core's notices (the
jinja2 templates, bot/templates) and gives them their buttons and their place (a ticket's
topic); the runtime sends what it returns (handlers/runtime/calls.py).

Which buttons a notice carries depends on its kind and on whom it was addressed to:
- an escalation to a department's supervisors or management: assign an owner, change priority;
- a mass incident's alert to them: post an update (to every requester of the incident);
- a handoff's card to the receiving group: Accept;
- a resolution to its requester: the rating and reopen buttons;
- the question whether to withdraw a ticket, to its requester: Withdraw, Keep it open;
- a new ticket's card to its staff group: Claim.
A notice addressed to the ticket's staff (Audience.TICKET_STAFF) goes into the ticket's topic
as it is when sent (under its card in a group without topics). A notice of something someone
wrote in Telegram (a staff reply to its requester, a requester's message relayed to the
ticket's staff) is that message, copied: its values name it (`from_chat_id`, `message_id`);
a staff reply to a requester with more than one ticket in hand starts with its ticket's number
instead. What reaches a requester about a ticket is linked to it once sent, as relayed messages
are in staff groups: their reply to it goes to that ticket (bot/replies.py).
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup

from bot.alert_notes import SURGE_ALERTS
from bot.answered import ANSWERED
from bot.complaints import ALERT as COMPLAINT_ALERT
from bot.desk import Desk
from bot.excerpt import MAX_CAPTION, excerpt
from bot.handed import HANDED_RELAY, HANDED_SETTLED
from bot.handoff_deadlines import DUE_MOVED
from bot.handoff_forms import FORM, FORM_DECIDED
from bot.handoff_questions import ANSWER, QUESTION
from bot.notices import BUTTONS_GONE, Audience
from bot.outbox import Call
from bot.outgoing import WRITTEN_AT, Outgoing
from bot.topic_closing import TOPIC_CLOSE, TOPIC_STATES
from bot.withdrawal import WITHDRAW_ASK
from handlers import cards, keyboards, post
from handlers.common import MAX_MESSAGE

log = logging.getLogger(__name__)
_SUPERVISING = {str(a) for a in (*Audience.supervising(), Audience.MANAGERS)}
COPIES = {"staff_reply", "relay"}  # notices shown as a copy of the message they carry
# What sending a notice records on its ticket (bot/delivery.py `record_sent`): a relayed
# message is linked to its ticket, so that replying to the copy answers the requester.
# A new ticket's card keeps its message id on the ticket (Claim edits it, replies to it are
# about the ticket).
# A handoff form is linked to its ticket too, at once: a reply to it is about the ticket,
# and its decision, which may follow in a moment, edits it (bot/handoff_forms.py).
# A question about a handoff and its answer are linked too: a reply to either continues it
# (bot/handoff_questions.py).
AFTER = {
    "relay": "link",
    "relay_described": "link",
    "ticket_card": "card",
    FORM: "form",
    QUESTION: "link",
    ANSWER: "link",
}


# Notices shown as a reply to the message their values name (`reply_to`), when they name one.
REPLYING = {ANSWER, HANDED_SETTLED, DUE_MOVED, "staff_edit", "requester_edit"}


def _supervising(desk: Desk, message: Outgoing) -> bool:
    if message.audience is not None:
        return message.audience in _SUPERVISING
    # Stored before audiences were recorded: known by the chat it goes to.
    staff = desk.rules.staff
    return message.chat_id == desk.settings.management.chat_id or (
        staff.is_supervisor(message.chat_id) or staff.is_management(message.chat_id)
    )


def markup(desk: Desk, message: Outgoing) -> InlineKeyboardMarkup | None:
    """The buttons under a notice, or None (see the module's description)."""
    if message.context.get(ANSWERED):
        return None  # what it asks was answered before it was sent (bot/answered.py)
    incident_id = message.context.get("incident_id")
    if message.template in SURGE_ALERTS and _supervising(desk, message) and incident_id:
        return keyboards.incident_update(desk, int(incident_id))
    ticket_id = message.ticket_id
    if ticket_id is None:
        return None
    if message.template in ("escalation", COMPLAINT_ALERT) and _supervising(desk, message):
        return keyboards.escalation(desk, ticket_id)
    if message.template == FORM:
        return keyboards.accept(desk, ticket_id)
    if message.template == "ticket_card":
        return keyboards.claim(desk, ticket_id)
    if message.template == "resolution" and message.audience == Audience.REQUESTER:
        return keyboards.rating(desk, message.language, ticket_id)
    if message.template == WITHDRAW_ASK and message.audience == Audience.REQUESTER:
        return keyboards.withdrawal(desk, message.language, ticket_id)
    if message.template == "confirmed_said" and message.audience == Audience.REQUESTER:
        return keyboards.stars(ticket_id)  # confirmed in words: still asked to rate
    return None


def _after(message: Outgoing) -> str | None:
    """What sending it records: see AFTER; and a message to a requester about a ticket is
    linked to it, so that their reply to it goes to that ticket (bot/replies.py), as is an
    alert about a ticket to supervisors (their chat, or a supervisor's private chat): a
    supervisor's reply to it is their note on that ticket (handlers/alert_replies.py), and
    any other notice about a ticket in a staff group (under its card, in its topic: a
    priority raised, a note written elsewhere): a reply to it is words on that ticket, as a
    reply to its card is (handlers/staff.py; issue 14: an officer's "收到,这户我来跟" under
    such a notice was kept nowhere)."""
    if message.template in AFTER:
        return AFTER[message.template]
    if message.ticket_id is None:
        return None
    if message.audience in _SUPERVISING:
        # Linked at once: a supervisor may answer it the moment it arrives, in the
        # supervisors' chat or in private (handlers/alert_replies.py).
        return "alert"
    if message.audience == Audience.REQUESTER or message.chat_id < 0:
        return "link"
    if message.context.get("keeper"):
        # Its keeper's private chat (a confidential ticket, bot/supervised.py): linked at
        # once, their reply to it is their answer to the requester (handlers/alert_replies.py).
        return "alert"
    return None  # a staff member's private chat: they are answered there as a colleague


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _numbered(desk: Desk, message: Outgoing) -> Call | None:
    """A staff reply to a requester with more than one ticket in hand, shown with its ticket's
    number, or written by a department the ticket was handed to, saying who speaks
    (bot/staff_replies.py `staff_reply_and_tell`, values `numbered`, `speaker`,
    `speaker_department`, `text`, `content_type`), or a part of one too long to copy (values
    `text`, `content_type` alone): a text as a message that starts with them, a media's
    caption starting with them. None for a reply to be copied (no `text`), and where that
    would pass Telegram's length limits (then it is copied as it is)."""
    values = message.context
    if "text" not in values:  # to be copied as it is
        return None
    written = values.get(WRITTEN_AT)
    text = desk.texts.render(
        "staff_reply_numbered",
        message.language,
        ticket_id=message.ticket_id,
        text=values["text"],
        numbered=bool(values.get("numbered")),
        speaker=values.get("speaker") or "",
        speaker_department=values.get("speaker_department") or "",
        written_at=written,
    )
    numbered_text = values.get("content_type", "text") == "text"
    if _units(text) > (MAX_MESSAGE if numbered_text else MAX_CAPTION):
        return None
    ticket_id = message.ticket_id
    if numbered_text:
        return post.message(
            message.chat_id, text, kind=message.template, ticket_id=ticket_id, after="link"
        )
    copied = post.copy(
        message.chat_id,
        values["from_chat_id"],
        values["message_id"],
        kind=message.template,
        ticket_id=ticket_id,
        after="link",
    )
    copied.params["caption"] = text
    return copied


# The kinds a caption may go with (Telegram's rule: a sticker, a place, a contact do not).
CAPTIONED = frozenset({"photo", "animation", "document", "voice", "video", "audio"})
# What a part of a handed ticket's relay is worded as (bot/handed.py PARTS).
HANDED_WORDED = {
    "origin": "relay_origin",
    "described": "relay_described",
    "edit": "requester_edit",
}


def _handed(desk: Desk, message: Outgoing) -> Call:
    """What the requester wrote, for the department that accepted their ticket (bot/handed.py
    `mirrored`): in its group as a reply to the handoff form, linked to the ticket (a reply
    to it answers the requester). A new text starts with the ticket's number; a media with a
    caption slot gets it as its caption; anything else, or what would pass Telegram's limits,
    is copied as it is (the form it replies to names the ticket), as is an edited message
    (the edit's mark before it names the ticket); the forward's origin, a poll in words and
    the edit's mark are worded as for the ticket's own staff."""
    values = message.context
    reply_to = values.get("reply_to")
    ticket_id = message.ticket_id
    kind, chat_id = message.template, message.chat_id
    part = values.get("part", "copy")
    if part in HANDED_WORDED:
        text = _fitted(message, desk.texts.render(HANDED_WORDED[part], message.language, **values))
        return post.message(
            chat_id, text, kind=kind, reply_to=reply_to, ticket_id=ticket_id, after="link"
        )
    content_type = values.get("content_type")
    worded = desk.texts.render(
        HANDED_RELAY, message.language, ticket_id=ticket_id, text=values.get("text") or ""
    )
    if content_type == "text" and _units(worded) <= MAX_MESSAGE:
        return post.message(
            chat_id, worded, kind=kind, reply_to=reply_to, ticket_id=ticket_id, after="link"
        )
    copied = post.copy(
        chat_id,
        values["from_chat_id"],
        values["message_id"],
        kind=kind,
        ticket_id=ticket_id,
        after="link",
        reply_to=reply_to,
    )
    if content_type in CAPTIONED and _units(worded) <= MAX_CAPTION:
        copied.params["caption"] = worded
    return copied


def _fitted(message: Outgoing, text: str) -> str:
    """A notice's words within one message (MAX_MESSAGE units): the core bounds what it
    words (bot/excerpt.py); should a notice still pass the limit, Telegram would refuse it
    whole ("message is too long"), so its start is shown, cut with a visible "…" (a
    summary; the ticket keeps every word), and the log says which."""
    if _units(text) <= MAX_MESSAGE:
        return text
    log.warning(
        "%s to chat %s: %d units, cut to a message",
        message.template,
        message.chat_id,
        _units(text),
    )
    return excerpt(text, MAX_MESSAGE).text


def _dated(desk: Desk, message: Outgoing, text: str) -> str:
    """`text`, for a message sent late (`WRITTEN_AT`: released to a requester who had blocked
    the bot), led by when it was written, where that still fits in a message."""
    written = message.context.get(WRITTEN_AT)
    if not written:
        return text
    dated = f"{desk.texts.render('written_at', message.language, at=written)}\n{text}"
    return dated if _units(dated) <= MAX_MESSAGE else text


def present(desk: Desk, message: Outgoing) -> Call:
    """The call that shows a notice: a sendMessage worded in its language, with its buttons,
    in its ticket's topic when addressed to the ticket's staff; or, for a copy (COPIES), the
    copyMessage of the message it carries. Raises jinja2's errors for a template that does
    not exist or fails, KeyError for a copy that names no message."""
    in_topic = message.audience == Audience.TICKET_STAFF and message.ticket_id is not None
    if message.template == BUTTONS_GONE:  # a message answered otherwise: its buttons go
        return post.drop_buttons(message.chat_id, int(message.context["message_id"]))
    if message.template in TOPIC_STATES:  # the ticket's topic, as it is when sent
        method = "closeForumTopic" if message.template == TOPIC_CLOSE else "reopenForumTopic"
        params = {"chat_id": message.chat_id}
        return Call(message.chat_id, method, params, message.template, message.ticket_id)
    if message.template == HANDED_RELAY:
        return _handed(desk, message)
    if message.template in COPIES:
        values = message.context
        numbered = _numbered(desk, message) if message.template == "staff_reply" else None
        if numbered is not None:
            return numbered
        return post.copy(
            message.chat_id,
            values["from_chat_id"],
            values["message_id"],
            kind=message.template,
            ticket_id=message.ticket_id,
            in_topic=in_topic,
            after=_after(message),
        )
    if message.template == FORM_DECIDED:  # the form, edited: who decided it and when
        text = cards.form_text(desk, message.language, message.context)
        return post.edit_text(message.chat_id, int(message.context["message_id"]), text)
    if message.template == "ticket_card":  # within a message, whatever the words' length
        text = cards.card_text(desk, message.language, message.context)
    elif message.template == FORM:
        text = cards.form_text(desk, message.language, message.context)
    else:
        text = _dated(
            desk, message, desk.texts.render(message.template, message.language, **message.context)
        )
        text = _fitted(message, text)
    ticket_id, after = message.ticket_id, _after(message)
    if message.template in SURGE_ALERTS and message.audience in _SUPERVISING:
        # A mass incident's alert stands for its tickets: linked at once to its first one, a
        # supervisor's reply to it is their note on each (bot/alert_notes.py).
        ticket_id, after = min(message.context.get("ticket_ids") or [None]), "alert"
    return post.message(
        message.chat_id,
        text,
        markup(desk, message),
        # Answered before it was sent: linked as a message whose buttons went.
        kind=BUTTONS_GONE if message.context.get(ANSWERED) else message.template,
        ticket_id=ticket_id,
        in_topic=in_topic,
        after=after if ticket_id is not None else None,
        # An answer about a handoff, what became of a handed ticket, its deadline moved: under
        # the form; an officer's edit of a reply: under the requester's copy of it; a
        # requester's edit: under the staff's copy of what they edited.
        reply_to=message.context.get("reply_to") if message.template in REPLYING else None,
    )
