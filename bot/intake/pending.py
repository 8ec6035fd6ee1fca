"""The question that waits for its category, while the category buttons are shown: the
category a text names, and an edit of the question applied to it.

A clerk who asked "which kind of matter is it?" takes a typed name or a sentence naming one
as the answer (`category_in`), and an edit of the question as the question (`apply_edit`);
what the rest of a requester's texts do there is the decision's (`Action.REMIND`,
`Action.MORE` in `bot.intake.decision`), and how a clerk reminds them, time after time, of
the choice they are waiting for (`reminder`). A question the requester withdraws while it
waits ("算了,不用了", `Action.DROPPED`) is dropped with its buttons, nothing filed (`drop`).
"""

from __future__ import annotations

from enum import StrEnum

from bot.classify import fallback_category
from bot.config import Settings
from bot.intake import held, inquiry, offers
from bot.intake.choice import category_named, category_said
from bot.intake.picking import picked
from bot.models import Requester
from bot.rules import Rules
from bot.transaction import Transaction


class Reminder(StrEnum):
    """How the requester is reminded of the category choice, by how often they were before
    (`reminder`); the value names the wording (the template `category_waiting`'s reason)."""

    SHORT = "filler"  # the buttons are just above: a short reminder, no buttons again
    AGAIN = "again"  # other words, and the buttons brought down again (the earlier ones go)
    PLAIN = "plain"  # once, plainly: what to do, and that a person takes it as it is if
    # they write again without choosing; the buttons brought down again

    @property
    def shows_buttons(self) -> bool:
        """The reminder carries the category buttons (those shown before lose theirs:
        `offers.retire`, one live set at a time)."""
        return self is not Reminder.SHORT


_REMINDERS = (Reminder.SHORT, Reminder.AGAIN, Reminder.PLAIN)


def reminder(before: int) -> Reminder | None:
    """The reminder for a text that says nothing of the matter while the category buttons
    wait, given how many reminders came `before` it since the buttons were first shown
    (`inquiry.reminded`): each in other words, the third saying plainly what happens next;
    None after that: a clerk does not say it a fourth time but passes the question on, as
    it is, under the fallback category (the seed: every inquiry answered, no dead end)."""
    return _REMINDERS[before] if 0 <= before < len(_REMINDERS) else None


def category_in(settings: Settings, text: str) -> str | None:
    """The key of the category `text` names: a category's name as its button shows it in any
    language (`choice.category_named`), a sentence that says only that ("这是投诉", "I
    want to complain": `choice.category_said`, with the categories' cue words), or a button
    named by its place among them ("第二个", "the first one": `picking.picked`; "都不是",
    "none of these": the fallback category, a person sorts it); None."""
    pick = picked(text, len(settings.categories))
    if pick is not None:
        if pick.index is None:
            return fallback_category(settings)
        return settings.categories[pick.index].key
    names = {c.key: list(c.names.values()) for c in settings.categories}
    cues = {c.key: list(c.cues) for c in settings.categories}
    return category_named(text, names) or category_said(text, names, cues)


def apply_edit(
    requester: Requester,
    message_id: int,
    text: str,
    *,
    notice: bool = False,
    own: str | None = None,
) -> bool:
    """The requester edited message `message_id`: when its words are part of their first
    inquiry, they read `text` there now (`notice`, `own`: as `inquiry.said` marks them), and
    in the question waiting (`last_question`). Returns whether they were (else the edit is
    new words, for the caller to add)."""
    changed = inquiry.edited(requester.inquiry or [], message_id, text, notice=notice, own=own)
    if changed is None:
        return False
    turns, before = changed
    requester.inquiry = turns
    question = requester.last_question or ""
    head, found, tail = question.rpartition(before)
    requester.last_question = f"{head}{text}{tail}" if found else inquiry.words(turns) or text
    return True


async def drop(*, tx: Transaction, rules: Rules, requester: Requester) -> None:
    """The requester withdrew the question waiting for its category: it is dropped, not
    filed; the category buttons go (`offers.end`), with what they sent for it (`held`), and
    what they write next is a new inquiry (issue 14: the withdrawal was added to it)."""
    await offers.end(tx=tx, rules=rules, requester=requester, ticket=None)
    held.let_go(requester)
    requester.dialog_step = None
    requester.last_question = requester.last_offered = None
    requester.inquiry = None
