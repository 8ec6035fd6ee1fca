"""Anger at being ignored, told in a first inquiry (issue 14, a tester: "你们这些人到底干什么
吃的!!!打了十几次电话都没人管!" then the matter; "I have called ten times and nobody cares!"):
whatever the matter, the requester complains of the service itself. A clerk hearing so does
not file it as one more matter in the queue: the ticket is raised (at least the second
configured priority, "high"), filed as a complaint when its words tell no other kind, its log
records the complaint (`COMPLAINT_RAISED`, about nobody of the staff), and the supervisors
hear it with the words (`alert_complaint`), as for a complaint said into a ticket
(bot/complaints.py). The words are `bot.intake.openers.ignored`, or anger of two kinds or more
(`bot.intake.anger.heated`: "This is ridiculous!!! I called 6 times", "Unbelievable. Third
time I am writing and still no answer!!"). The requester hears an apology with the promise
(`owed_apology`) unless the desk already apologised in the inquiry, asking what happened
after anger that named no matter (`bot.intake.openers.outburst`)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from bot import lifecycle
from bot.classify import infer_category
from bot.complaints import ALERT, SAID
from bot.config import Settings
from bot.excerpt import excerpt
from bot.intake.anger import heated
from bot.intake.inquiry import Turn
from bot.intake.openers import ignored, outburst
from bot.models import Requester, Ticket
from bot.notices import Audience, Notice, publish
from bot.rules import Rules
from bot.transaction import Transaction


def complains(own: str) -> bool:
    """Whether `own`, a requester's own words, complain of the service: ignored however
    often they tried (`openers.ignored`), or angry (`anger.heated`)."""
    return bool(own) and (ignored(own) or heated(own))


def owed_apology(turns: Sequence[Turn], own: str) -> bool:
    """Whether the requester, whose own words `own` complain of the service (`complains`),
    is owed an apology with their ticket's promise: the desk has not apologised in the
    inquiry `turns` yet (anger alone asked what happened: the `outburst` right before the
    bot's "matter" turn, `bot.intake.flow`), as for "I've called 5 times and nobody picks
    up!!! My water bill is wrong", anger and the matter in one message."""
    if not complains(own):
        return False
    return not any(
        said.get("by") == "requester"
        and asked.get("by") == "bot"
        and asked.get("did") == "matter"
        and outburst(str(said.get("text", "")))
        for said, asked in pairwise(turns)
    )


def category(settings: Settings, own: str) -> str | None:
    """The complaint category (the one its cue word 投诉 or "complaint" names) when `own`
    says they were ignored and nothing else tells the kind of matter; None otherwise."""
    if not complains(own):
        return None
    return infer_category(settings, "投诉") or infer_category(settings, "complaint")


def raised(settings: Settings, priority: str | None, own: str) -> str | None:
    """The priority a new ticket opens at, at least: `priority`, or when its requester's own
    words `own` say they were ignored, at least the second configured priority."""
    if not complains(own):
        return priority
    keys = [p.key for p in settings.priorities]
    floor = keys[min(1, len(keys) - 1)]
    if priority is None or keys.index(priority) < keys.index(floor):
        return floor
    return priority


async def alert_ignored(
    *, tx: Transaction, rules: Rules, ticket: Ticket, requester: Requester, own: str
) -> bool:
    """When `own`, the requester's own words in the inquiry that opened `ticket`, say they
    were ignored: the complaint recorded on it and the supervisors told (see the module), and
    True: the requester's promise says a supervisor oversees it, as the alert says they were
    told (`Outcome.supervised`, `ticket_opened`'s `supervised`)."""
    if not complains(own):
        return False
    said = excerpt(own.strip(), SAID).text
    lifecycle.record(
        tx.session,
        ticket,
        lifecycle.COMPLAINT_RAISED,
        now=tx.now,
        actor_id=requester.telegram_user_id,
        data={"about": None, "words": said},
    )
    values = {"said": said, "angry": not ignored(own)}
    await publish(tx, rules, [Notice(ALERT, Audience.supervising(), ticket, values)])
    return True
