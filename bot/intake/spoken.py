"""A requester who can only speak (issue 14, a fresh tester: four voice notes in a row, each
answered "已收到,并为您保存好了…请用文字说说是什么事?" word for word, and nobody ever
listened; elderly citizens do this, in Chinese and in English).

A careful clerk asks once for a few words about a voice note (or a round video message,
`bot.kinds.SPOKEN`) sent alone: the reply is marked ASKED_KIND in the outbox. From the second
in a row (the bot's last message to them that request, `wordless.in_a_row`: no text of theirs
answered between) the clerk stops asking and hands it to a person who listens (`TO_PERSON` of
`bot.intake.media.decide_media`): a ticket as any first inquiry handed over, in the fallback
category at the general window (config `default_department`), its question saying that only
voice notes came (`sent_without_words`, in the staff's language), every voice note held
filed under it and relayed to its staff after the card (nothing lost); the requester is told
plainly that a staff member will listen and reply, with the promise of any ticket
(`ticket_opened`'s `spoken`). What they send while it is open goes into it, as for any
ticket in progress.
"""

from __future__ import annotations

from dataclasses import replace

from bot.classify import fallback_category
from bot.desk import Desk
from bot.intake import held, inquiry
from bot.intake.decision import has_words, question_of
from bot.intake.handing import Outcome, hand_over, record_turn
from bot.intake.media import Attachment
from bot.intake.wordless import in_a_row
from bot.kinds import SPOKEN
from bot.models import DialogStep, Requester
from bot.transaction import Transaction

# The kind (the outbox's `template`) of the bot's request for words about a voice note.
ASKED_KIND = "spoken_asked"


def spoken(attachment: Attachment) -> bool:
    """A voice note (or round video message) with no words under it."""
    return attachment.kind in SPOKEN and not has_words(attachment.caption)


async def again(tx: Transaction, attachment: Attachment) -> bool:
    """A voice note without words right after the bot asked for words about the one before
    (ASKED_KIND, `wordless.in_a_row`): the second (or a later) in a row."""
    return spoken(attachment) and await in_a_row(tx, attachment.chat_id, ASKED_KIND)


async def to_person(
    *, tx: Transaction, desk: Desk, requester: Requester, attachment: Attachment
) -> Outcome:
    """Hold `attachment` with the voice notes before it and hand the inquiry to a person, in
    the caller's transaction (see the module): OPEN (`spoken`), or TOO_MANY past the
    open-ticket limit (what they sent stays held for the ticket their words open)."""
    held.hold(requester, attachment)
    count = sum(item.kind in SPOKEN for item in held.held(requester))
    line = desk.texts.render(
        "sent_without_words",
        desk.settings.languages.default,  # the staff read it
        kind=attachment.kind,
        count=count,
        listen=True,
    )
    step = DialogStep(requester.dialog_step) if requester.dialog_step else None
    now = desk.now()
    # The inquiry so far (an opener, a forward asked about) leads; the voice notes follow.
    requester.inquiry = inquiry.current(requester.inquiry, now=now, waiting=step is not None)
    record_turn(requester, inquiry.said(line, now, message_id=attachment.message_id))
    outcome = await hand_over(
        tx=tx,
        desk=desk,
        requester=requester,
        question=question_of(step=step, earlier=requester.last_question, text=line),
        category=fallback_category(desk.settings),
        department=desk.settings.home_department,
    )
    return replace(outcome, spoken=outcome.ticket is not None)
