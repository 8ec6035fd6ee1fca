"""Words right after the auto-close notice (issue 14: what the requester says after a
resolution is never lost). A resolved ticket the requester never answered closes itself, and
the notice invites them back: "If anything is still wrong, just tell me" (`auto_closed`). A
tester's ticket #17 (Social Security, 刘洋) closed so; their next words, "Actually the website
said my account does not exist." ("其实网站上显示我的账户不存在"), got the category buttons and
became a new consultation at the general window: neither #17's recurrence nor its owner's.

A clerk who said "just tell me" hears what comes next as that matter: the requester's first
text after the notice, within config `closure.recurrence_window` of the closing, with no ticket
in hand and nothing of theirs since (no ticket opened, no inquiry, no other message of the bot
to them: `invited`), that continues the matter (`continues`: not plainly another matter by
`different_matter.differs`, nor said to be a new one, "另外…", "another question…") is the
ticket's recurrence (bot/intake/recurrence.py: back to its former owner within the window).
Thanks, "ok", a greeting carry no matter: read as any text.

Words that say the closing itself was wrong ("you closed it without asking me", "没解决怎么就
关了") are about the ticket closed by itself, whatever is in hand since (a tester's, with a gas
leak's ticket in hand, were filed in the gas leak's): its recurrence too (`says_closed_wrongly`,
`closed_by_itself`)."""

from __future__ import annotations

import re

from sqlalchemy import select

from bot.desk import Desk
from bot.intake.different_matter import Differs, differs
from bot.intake.handing import Outcome
from bot.intake.new_matter import closing_and_new, starts_anew
from bot.intake.recurrence import hand_over_recurrence
from bot.intake.small_words import carries_no_matter, has_words, is_courtesy, is_filler
from bot.models import CloseReason, OutboxMessage, Requester, Ticket, TicketStatus
from bot.transaction import Transaction

NOTICE = "auto_closed"  # the template of the auto-close notice that invites them back
# Words that carry on what was said before, whatever they name: "其实…", "Actually…", "但是…",
# "still…". Where the desk cannot tell whether the words are the matter's (`Differs.ASK`),
# these say they are.
_CARRIES_ON = re.compile(
    r"^\W*(?:其实|实际上|可是|但是|不过|还是|结果|actually\b|in fact\b|but\b|however\b|still\b)",
    re.IGNORECASE,
)

# The closing said wrong: "you closed it", "closed without asking", "why was it closed",
# "shouldn't have been closed", "怎么就关了", "没确认就关闭了", "不该结案", "重新打开".
_CLOSED_WRONGLY = re.compile(
    r"\b(?:you|they|u|somebody|someone)\s+(?:just\s+|already\s+)?closed\s+(?:it|this|that|my)\b"
    r"|\bclosed\s+(?:it\s+|my\s+\w+\s+)?without\b"
    r"|\bwhy\s+(?:was|is|has|did)\s+(?:it|this|that|my\s+\w+)\s+(?:been\s+|get\s+)?closed\b"
    r"|\b(?:shouldn'?t|should\s+not)\s+(?:have\s+been\s+|be\s+)closed\b"
    r"|\breopen\s+(?:it|this|that|my|the\s+ticket)\b"
    r"|(?:怎么|为什么|为啥|咋|凭什么)(?:就|这就)?(?:给我)?(?:关|关闭|结案|结单|销单)了"
    r"|没(?:有)?(?:解决|问过我|问我|确认|同意)\w{0,2}(?:就|怎么就)?(?:给我)?(?:关|关闭|结案|结单)"
    r"|(?:不该|不能|不应该|别)(?:关|关闭|结案|结单)|重新打开|重开",
    re.IGNORECASE,
)


def says_closed_wrongly(text: str) -> bool:
    """Whether `text` says a ticket's closing was wrong (see `_CLOSED_WRONGLY`)."""
    return _CLOSED_WRONGLY.search(text.replace("\u2019", "'")) is not None


def continues(text: str, found: Differs | None) -> bool:
    """Whether `text`, the requester's first words after the auto-close notice of a ticket
    whose matter `differs` judged them by (`found`), continue that matter: words of a matter
    (not only thanks, "ok", a greeting, anger), not said to be a new one ("另外…", "also…",
    "thanks, and another question…"), nor plainly another (`Differs.APART`); maybe another
    (`Differs.ASK`) only when they carry on what was said ("其实…", "Actually…")."""
    text = text.strip()
    if not has_words(text) or is_courtesy(text) or is_filler(text) or carries_no_matter(text):
        return False
    if starts_anew(text=text, answered=NOTICE, closest=None) or closing_and_new(text):
        return False
    if found is Differs.APART:
        return False
    return found is None or _CARRIES_ON.search(text) is not None


async def invited(
    tx: Transaction, desk: Desk, requester: Requester, current: Ticket | None
) -> Ticket | None:
    """The requester's latest closed ticket when it closed by itself (`CloseReason.TIMEOUT`)
    within config `closure.recurrence_window` of now and its notice is the last thing between
    them: no ticket in hand (`current`) nor a question asked of them (`dialog_step`), no
    ticket of theirs opened since, no inquiry of theirs since, and the bot's last message to
    their chat that notice (or none: the delivery log pruned); else None."""
    if requester.id is None or current is not None or requester.dialog_step is not None:
        return None
    latest = await tx.session.scalar(
        select(Ticket)
        .where(Ticket.requester_id == requester.id)
        .order_by(Ticket.opened_at.desc(), Ticket.id.desc())
        .limit(1)
    )
    closed_at = latest.closed_at if latest is not None else None
    if latest is None or closed_at is None or latest.status is not TicketStatus.CLOSED:
        return None
    window = desk.settings.closure.recurrence_window
    if latest.close_reason is not CloseReason.TIMEOUT or tx.now - closed_at > window:
        return None
    turns = requester.inquiry or []
    if turns and turns[-1].get("at", "") >= closed_at.isoformat():
        return None  # they asked something since: that inquiry goes on
    last = (
        await tx.session.execute(
            select(OutboxMessage.template, OutboxMessage.ticket_id)
            .where(OutboxMessage.chat_id == requester.chat_id)
            .order_by(OutboxMessage.id.desc())
            .limit(1)
        )
    ).first()
    if last is not None and tuple(last) != (NOTICE, latest.id):
        return None  # the bot said something else to them since (the log keeps no older)
    return latest


async def closed_by_itself(
    tx: Transaction, desk: Desk, requester: Requester, _current: Ticket | None
) -> Ticket | None:
    """The requester's ticket that closed by itself (`CloseReason.TIMEOUT`) last, within
    config `closure.recurrence_window` of now, whatever is in hand or was said since; None
    when there is none."""
    if requester.id is None:
        return None
    window = desk.settings.closure.recurrence_window
    return await tx.session.scalar(
        select(Ticket)
        .where(
            Ticket.requester_id == requester.id,
            Ticket.status == TicketStatus.CLOSED,
            Ticket.close_reason == CloseReason.TIMEOUT,
            Ticket.closed_at >= tx.now - window,
        )
        .order_by(Ticket.closed_at.desc(), Ticket.id.desc())
        .limit(1)
    )


async def take_after_invitation(
    *,
    tx: Transaction,
    desk: Desk,
    requester: Requester,
    current: Ticket | None,
    text: str,
    message_id: int | None = None,
    forwarded: bool = False,
) -> Outcome | None:
    """`text` (the message `message_id`) as the auto-closed ticket's matter back, in the
    caller's transaction: its recurrence handed over (the caller presents it as one); None
    when it is not (see the module; a forward's words are never theirs)."""
    if forwarded:
        return None
    wrongly = says_closed_wrongly(text)
    closed = await (closed_by_itself if wrongly else invited)(tx, desk, requester, current)
    if closed is None:
        return None
    if not wrongly and not continues(text, differs(desk, requester, closed, text, tx.now)):
        return None
    return await hand_over_recurrence(
        tx=tx,
        desk=desk,
        requester=requester,
        closed=closed,
        text=text,
        message_id=message_id,
        said=True,
    )
