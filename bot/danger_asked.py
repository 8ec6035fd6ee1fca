"""A requester in danger is never met with silence. Words into a ticket told of a danger to
people (bot/dangers.py) that still tell one ("她还是没有呼吸", "she is still not breathing") or
ask whether help is coming ("救护车来了吗", "is the ambulance coming?") are answered each time,
even in a burst that is otherwise acknowledged once (bot/acknowledgements.py): the number to
call themselves, since this service sends no emergency help, and that the duty staff have it
(`added_to_ticket` with `bot.dangers.danger_reminder`). A new-user tester, four minutes after
the emergency reply, asked whether the ambulance was coming and heard nothing. At most once a
`FLOOR` (a cry sent twenty times is not twenty replies). Once its staff have written to them
since the danger was told, a question how it stands that does neither hears the status, not
the reminder again (`status_asked`; a new user's trial: "有进展了吗?" after the incident's
"已解救" was told to call the lift rescue line themselves)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import lifecycle
from bot.dangers import of_tickets
from bot.models import OutboxMessage, Ticket, TicketEvent
from bot.priority import emergency_words
from bot.progress_words import asks_progress
from bot.reading import reading
from bot.rules import Rules

# Not again within this span of the last such reply about the ticket.
FLOOR = timedelta(minutes=1)
# What answers the requester about a ticket: its acknowledgement, the emergency reply.
_REPLIES = ("added_to_ticket", "emergency_advice")

_HELP = r"(?:救护车|急救车|120|警察|民警|警车|110|消防车?|消防员|119|救援(?:人员)?|人|医生)"
_EN_HELP = (
    r"(?:the |an |any )?(?:ambulance|police|cops|fire (?:brigade|engine|truck)|firefighters"
    r"|paramedics|help|rescue|anyone|anybody|someone|somebody)"
)
_COMING = re.compile(
    rf"{_HELP}(?:到底|究竟)?(?:来了?(?:吗|没|没有|了没|呢)|到了?(?:吗|没|没有|了没|呢)|呢|在哪"
    rf"|(?:什么|啥)时候(?:来|到)|(?:怎么|为什么|咋)?还没(?:有)?(?:来|到)|(?:会|能)来吗|快到了吗)"
    rf"|(?:有没有|有)人(?:来|过来)(?:吗|了吗|没)"
    rf"|(?<![a-z])(?:(?:is|are) {_EN_HELP} (?:coming|on (?:the|its|their) way|here)"
    rf"|(?:where|when) (?:is|are|will) {_EN_HELP}(?: (?:come|get here|arrive|be here))?"
    rf"|(?:has|have) {_EN_HELP} (?:been sent|left|come)"
    rf"|(?:did|have) you (?:send|call) {_EN_HELP}"
    rf"|(?:is|are) (?:you |they )?sending {_EN_HELP})(?![a-z])",
    re.IGNORECASE,
)


def asks_help_coming(text: str) -> bool:
    """Whether `text` asks whether emergency help is coming, where or when it is ("救护车来了吗",
    "警察什么时候到", "is the ambulance coming?", "did you send the police?"). Pure."""
    text = reading(text)
    return _COMING.search(text.replace("\u2019", "'").casefold()) is not None


async def answer_due(
    session: AsyncSession, rules: Rules, ticket: Ticket, text: str, now: datetime
) -> bool:
    """Whether `text`, filed into `ticket` at `now`, is answered whatever the burst: the
    ticket was told of a danger to people, the words tell one or ask whether help is coming
    (`asks_help_coming`), and no reply about it went to its requester within `FLOOR`."""
    if not text.strip() or not (emergency_words(rules, text) or asks_help_coming(text)):
        return False
    if not (await of_tickets(session, [ticket.id])).get(ticket.id):
        return False
    lately = await session.scalar(
        select(OutboxMessage.id)
        .where(
            OutboxMessage.ticket_id == ticket.id,
            OutboxMessage.template.in_(_REPLIES),
            OutboxMessage.created_at > now - FLOOR,
        )
        .limit(1)
    )
    return lately is None


async def status_asked(session: AsyncSession, rules: Rules, ticket: Ticket, text: str) -> bool:
    """Whether `text`, filed into `ticket`, asks how it stands (`asks_progress`: "有进展了吗?")
    after its staff wrote to the requester (`Ticket.latest_update_at`: a reply, an incident's
    update) no earlier than a danger was last told into it, and neither tells a danger
    again nor asks whether help is coming: they hear its status, not the emergency reminder
    (`bot.dangers.danger_reminder`) again."""
    if ticket.latest_update_at is None or not asks_progress(text):
        return False
    if emergency_words(rules, text) or asks_help_coming(text):
        return False
    told = await session.scalar(
        select(func.max(TicketEvent.at)).where(
            TicketEvent.ticket_id == ticket.id, TicketEvent.kind == lifecycle.DANGER_TOLD
        )
    )
    return told is None or ticket.latest_update_at >= told
