"""More of the question waiting for its category (`Action.MORE`): a further text, a forward
or an edit of it, kept with the question; the whole of it answered when the knowledge base
can, else its category decided anew from it."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.desk import Desk
from bot.intake import pending
from bot.intake.close import Matter
from bot.intake.decision import Action, question_of
from bot.intake.gathered import answered_instead
from bot.intake.handing import Outcome, hand_over, record_turn
from bot.intake.inquiry import Turn
from bot.models import DialogStep, Requester
from bot.transaction import Transaction


async def more_of_waiting(
    *,
    tx: Transaction,
    desk: Desk,
    requester: Requester,
    step: DialogStep | None,
    written: str,
    said: Turn,
    forwarded: bool,
    edit_of: int | None,
    announced: bool,
    own: str | None,
) -> Outcome:
    """Add `written` (the turn `said`) to the question waiting, or apply it as the edit of
    message `edit_of`; the whole question, as if it had come in one message, answered from the
    knowledge base when it can be (`gathered.answered_instead`: the buttons go); else the
    buttons stay while no category is told by the whole question, else the ticket opens in
    the category it tells (`bot.intake.handing.hand_over`). `forwarded`: kept with the
    question, never deciding its kind nor searched for."""
    # More of the question waiting for its category (or an edit of it): added, and the
    # category decided anew from the whole question; the buttons stay while it does not.
    edited = edit_of is not None and pending.apply_edit(
        requester, edit_of, written, notice=announced, own=own
    )
    # A forward after a forward (several passed on at once): "this one too", said short.
    more = forwarded and (requester.inquiry or [{}])[-1].get("forwarded") is True
    quiet = False
    if not edited:
        # Words added in a row are acknowledged once, as words into a ticket are
        # (bot/acknowledgements.py): a question typed line by line heard "added" per line.
        before = requester.inquiry[-1] if requester.inquiry else None
        quiet = not forwarded and in_a_row(before, said, desk.settings.notices.acknowledge_quiet)
        if not forwarded:
            said["added"] = True
        record_turn(requester, said)
        requester.last_question = question_of(
            step=step, earlier=requester.last_question, text=written
        )
    if not forwarded:  # the whole question, as if typed in one message: answered?
        instead = await answered_instead(
            tx=tx, desk=desk, requester=requester, latest=own or written, edit=edit_of is not None
        )
        if instead is not None:
            return instead
    question = requester.last_question or written
    if edit_of is not None or forwarded:
        # An edit is a correction of what waits, not a word to act on: the choice is
        # still theirs to make, nothing opens behind their back (they are told it is taken).
        # A forward is kept with the question, never its kind: a notice's "停水" passed
        # on is someone else's news, not their matter (issue 14: it opened a fault report).
        return Outcome(Action.MORE, edited=edited, forwarded=forwarded, more=more)
    matter = Matter(desk, requester.inquiry or [], question)
    category = matter.category()
    if category is None:
        return Outcome(Action.MORE, edited=edited, quiet=quiet)
    return await hand_over(
        tx=tx,
        desk=desk,
        requester=requester,
        question=question,
        category=category,
        matter=matter,
    )


def in_a_row(previous: Turn | None, said: Turn, quiet: timedelta) -> bool:
    """Whether the requester's words `said` follow, less than `quiet` after them, words of
    theirs added to the question waiting (`previous`, the inquiry's turn before: marked
    `added`), nothing of the bot's between (pure): the first of such a run is acknowledged,
    the rest are kept without a reply (config `notices.acknowledge_quiet`; 0: each is)."""
    if previous is None or not previous.get("added") or previous.get("by") != "requester":
        return False
    gap = datetime.fromisoformat(said["at"]) - datetime.fromisoformat(previous["at"])
    return gap < quiet
