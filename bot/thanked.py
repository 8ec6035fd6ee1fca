"""Thanks alone to a ticket in hand ("谢谢", "好的谢谢", "ok, thanks", "thank you"), as a clerk
hears them: a courtesy, answered each time ("不客气。工单 #3 仍在处理中,有进展会通知您。"),
never content of the matter.

A new-user trial: with a street-light ticket open (claimed, the officer had replied), "谢谢" was
filed as the requester's words and relayed to the officer, and the requester heard "已记入工单"
or, in a burst (bot/acknowledgements.py), nothing at all. The words stay in the ticket's record
(bot/conversation.py files them as any), but the officer is not handed them as something to
act on (no copy in the topic, no card redrawn), nothing about the ticket changes, and the
requester hears that it is still being handled, by whom and by when (`thanks_heard`): thanks
never confirm a resolution (only the requester's confirmation does, bot/closure.py) nor open
anything. Not so, and read as any words: while the ticket awaits the requester's confirmation
(thanks there are read as an answer to it, bot/closure.py), while the officer's question waits
for their answer ("好的谢谢" to "明天上午上门可以吗?" is a yes the officer needs), and on a ticket
told of a danger to people (every word to it hears the emergency numbers, bot/dangers.py).
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.asking import question_waiting
from bot.dangers import of_tickets
from bot.fillers import thanks
from bot.models import ACTIVE_STATUSES, Requester, Ticket
from bot.notices import Audience, Notice

THANKS_HEARD = "thanks_heard"  # the notice's kind, the name of its wording


def thanks_alone(ticket: Ticket, text: str) -> bool:
    """Whether `text`, about to be filed into `ticket`, is thanks and nothing of a matter
    ("谢谢", "ok, thanks": `fillers.thanks`) said to it while it is worked on, with no
    question of the officer's waiting for the requester's answer. Pure."""
    return ticket.status in ACTIVE_STATUSES and not question_waiting(ticket) and thanks(text)


async def thanked(session: AsyncSession, ticket: Ticket, text: str) -> bool:
    """`thanks_alone`, on a ticket told of no danger to people (read before the words are
    filed: filing them answers the officer's question)."""
    if not thanks_alone(ticket, text):
        return False
    return not (await of_tickets(session, [ticket.id])).get(ticket.id)


def thanks_heard(ticket: Ticket, requester: Requester) -> Notice:
    """The requester's reply to their thanks: you're welcome, `ticket` is still being handled
    (by its owner; by when it is promised), they will hear of any progress."""
    return Notice(THANKS_HEARD, (Audience.REQUESTER,), ticket, requester=requester)
