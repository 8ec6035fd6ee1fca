"""A captioned photo or file sent right after the bot answered a question aside from a ticket
in hand (issue 14): the answer's follow-up ("这是发票和坏掉的水壶" after the consumer
dispute's answer asked for receipts and photos), kept with that question, not filed into the
unrelated ticket; unless the caption plainly points at a ticket in hand: its number ("工单
#1 要的租赁合同", "the lease for ticket #1"), a reply to a message of that ticket, or words of
that ticket's matter and none of the question just answered. A clerk who has just answered
a question at the window takes the papers handed over next as that question's."""

from __future__ import annotations

import re
import unicodedata

from bot import replies
from bot.desk import Desk
from bot.intake import attachments, inquiry
from bot.intake.decision import has_words
from bot.intake.follow_up import shares_words
from bot.intake.own_kind import same_matter
from bot.models import Requester, Ticket
from bot.transaction import Transaction

# A ticket's number named in words: "#1", "工单1", "1号工单", "ticket 1", "case no. 1".
_NUMBER = re.compile(
    r"(?:工单|单号|编号|ticket|request|case|no\.?|number)\s*#?\s*(\d+)|#\s*(\d+)|(\d+)\s*号工单",
    re.IGNORECASE,
)


def numbers_named(text: str) -> set[int]:
    """The ticket numbers `text` names, marked as a ticket's ("#1", "工单1", "ticket 1")."""
    folded = unicodedata.normalize("NFKC", text)
    return {int(next(g for g in m.groups() if g)) for m in _NUMBER.finditer(folded)}


async def follows_answer(
    *,
    tx: Transaction,
    desk: Desk,
    requester: Requester,
    current: Ticket | None,
    caption: str,
    replied_to: int | None,
) -> bool:
    """Whether an attachment with `caption`, sent while ticket `current` (at least) is in
    hand, replying to the message `replied_to` of their chat (None: no reply), follows the
    answer the bot just gave to a question aside from the tickets (`attachments.answered`):
    its caption carries words and points at no ticket in hand (a caption-less one is decided
    by `attachments.take_media`, as what the answer asked for)."""
    if current is None or not has_words(caption) or requester.id is None:
        return False
    now = desk.now()
    if not attachments.answered(requester, now):
        return False
    if replied_to is not None:
        replied = await replies.ticket_of_message(
            session=tx.session, chat_id=requester.chat_id, message_id=replied_to
        )
        if replied is not None:
            return False
    found = [t for t, _ in await replies.in_hand(session=tx.session, requester_id=requester.id)]
    if numbers_named(caption) & {t.id for t in found}:
        return False
    going_on = inquiry.current(requester.inquiry, now=now, waiting=False)
    asked = inquiry.words(going_on)
    return shares_words(caption, asked) or not any(same_matter(desk, t, caption) for t in found)
