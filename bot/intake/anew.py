"""/new: the requester's next text is a new question, without dropping a matter that waits.

A careful clerk asked to start on something else first files what the requester already told
them: a question that waits only for its category (the bot asked which kind of matter it is),
or under "did you mean ..." options neither picked nor refused ("/new 隔壁工地半夜施工太吵了,
我要投诉", then /new again: the complaint vanished with its buttons), is handed to a person
before the new one begins (seed: the first receiver takes the matter
whole; the requester never repeats themselves). Forwards that wait for what the requester
wants done about them stay too: the new question comes with them. So does a request for a
person or a kind of service whose matter the bot asked for (`DialogStep.MATTER`: "人工",
"我要报修", nothing of the matter said yet): what they write next is that matter, and it goes
to a person with their first words, as it would have without /new.

Words on the command's own line ("/new 公积金怎么提取") are that new question, taken at once
(`words_after_command`), never dropped with a request to say it again.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from bot.desk import Desk
from bot.intake import inquiry, offers
from bot.intake.close import Matter
from bot.intake.colleagues import is_colleague
from bot.intake.handing import Outcome, hand_over
from bot.models import DialogStep, Requester, Ticket
from bot.transaction import Transaction


class Kept(StrEnum):
    """What of the inquiry in progress /new keeps for the new question (`kept`)."""

    FORWARD = "forward"  # forwards waiting for what the requester wants done about them
    PERSON = "person"  # a person asked for, the matter not yet said
    SERVICE = "service"  # a kind of service asked for ("我要报修"), the matter not yet said


async def start_anew(
    *, tx: Transaction, desk: Desk, requester: Requester, current: Ticket | None
) -> Outcome | None:
    """Carry out /new in the caller's transaction. A question waiting (`waiting`: for its
    category, or under "did you mean ..." options) is handed over first
    (`handing.hand_over`), in the category its words or a close template name, else the
    fallback category (the first without cue words); its `Outcome` is returned for the
    front to present (the promise, or, past the open-ticket limit, the ticket its words were
    kept in). None when nothing waited. Then the dialog starts anew: the next text is a new
    question (`DialogStep.NEW_QUESTION` while a ticket is in hand: `current`, or the one just
    opened, or for configured staff, who ask as citizens only after /new: bot/intake/colleagues.py;
    else no step at all). The inquiry's buttons go (`offers.end`). Forwards waiting
    to be asked about, and a request for a person or a service whose matter was asked for,
    are kept for the new question, their step with them (`kept`)."""
    waited = None
    question = waiting(requester, desk.now())
    if question is not None:
        matter = Matter(desk, requester.inquiry or [], question)
        category = matter.filed_category()
        waited = await hand_over(
            tx=tx,
            desk=desk,
            requester=requester,
            question=question,
            category=category,
            matter=matter,
        )
    if waited is None or waited.ticket is None:
        # The inquiry is dropped, not filed: its buttons go (filed, the ticket took them).
        await offers.end(tx=tx, rules=desk.rules, requester=requester, ticket=None)
    in_hand = current if current is not None else (waited.ticket if waited else None)
    if kept(requester) is not None:
        # A forward waits for what they want done about it, or a request for a person or a
        # service for its matter: the question they now write is that (or a new matter the
        # forward is context for), so what they said stays with it, never dropped; it is
        # still asked about, not filed under the ticket in hand.
        return waited
    # A colleague's /new: they ask as a citizen, and the step says so (bot/intake/colleagues.py).
    colleague = is_colleague(desk.rules, requester.telegram_user_id)
    requester.dialog_step = DialogStep.NEW_QUESTION if in_hand or colleague else None
    requester.last_question = requester.last_offered = None
    requester.inquiry = None  # a new question is a new first inquiry
    return waited


def waiting(requester: Requester, now: datetime) -> str | None:
    """The words of the requester's inquiry that wait on the bot, which /new hands over
    first (`start_anew`), None when none do: a question waiting for its category
    (`DialogStep.CATEGORY`), or one whose "did you mean ..." options were offered last and
    neither picked nor refused (no dialog step; not idle past `inquiry.IDLE`: a question of
    yesterday is not filed today). An answer given is no question waiting (it may have
    helped: its buttons say), nor is a question the bot asked back (`kept`). Pure."""
    if requester.dialog_step == DialogStep.CATEGORY:
        return requester.last_question or None
    if requester.dialog_step is not None:
        return None
    turns = inquiry.current(requester.inquiry, now=now, waiting=False)
    did = [turn for turn in turns if turn.get("by") == "bot"]
    if not did or did[-1].get("did") != "suggest" or did[-1].get("rejected"):
        return None
    return inquiry.words(turns) or requester.last_question or None


def words_after_command(text: str) -> str:
    """The words a requester wrote after a command in the same message ("/new 公积金怎么提取"
    → "公积金怎么提取"; "/new@bot" alone → ""), their own lines kept as written."""
    parts = text.strip().split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


def kept(requester: Requester) -> Kept | None:
    """What /new keeps for the new question, None when nothing: the forwards that wait for
    what the requester wants done about them (`DialogStep.ABOUT`), which lead the new
    question (`decision.question_of`) as context their own words are sorted before
    (`close.Matter`); or a request for a person (no words kept as the question: "人工" adds
    nothing to it) or for a kind of service (its words lead the question) whose matter the
    bot asked for (`DialogStep.MATTER`), the matter being what they write next."""
    if requester.dialog_step == DialogStep.ABOUT and requester.last_question:
        return Kept.FORWARD
    if requester.dialog_step == DialogStep.MATTER:
        return Kept.SERVICE if requester.last_question else Kept.PERSON
    return None
