"""A question whose kind of matter was asked and never chosen (issue 14, a fresh tester: "没用"
after a template's answer left them with the category buttons only; they never tapped one,
and for days nothing was filed). A careful clerk asks the kind because it sends the matter
to the right window at once, and most people answer in seconds; but one who walks away
without choosing has still said the answer did not help: the clerk does not drop the slip.
After config `intake.category_wait` with no word from them, the sweep opens the ticket in
the kind its words name, else the fallback category (the general window sorts it out), with
everything they said, and tells them (`category_unchosen`): nothing said not-helped is ever
left unfiled, not even when a ticket of theirs opened or reopened meanwhile has brought them
to their open-ticket limit (the question was let in when its kind was asked). Why not open
at once: the kind chosen routes it and sets its promise right, and a requester who is still
there chooses it in a moment."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select

from bot.db import skip_locked
from bot.desk import Desk
from bot.intake import inquiry
from bot.intake.close import Matter
from bot.intake.handing import hand_over
from bot.models import DialogStep, Requester
from bot.notices import Audience, Notice, publish

log = logging.getLogger(__name__)

BATCH = 50  # requesters waited on at once: each is its own transaction


def since(turns: list[dict[str, object]] | None) -> datetime | None:
    """The instant of the latest turn of an inquiry (the category asked, a reminder, their
    latest words); None when it has none."""
    stamps = [datetime.fromisoformat(str(t["at"])) for t in turns or () if t.get("at")]
    return max(stamps, default=None)


async def open_unchosen(desk: Desk) -> int:
    """Open the ticket of every question whose category was asked and left unchosen past
    `intake.category_wait` (see the module); how many were opened. Every requester waited
    on is looked at, a batch at a time in the order of their ids (the index
    `ix_requesters_dialog_step`): one wait is due or not by the time of its latest turn,
    which the database cannot filter on, so a first batch of waits not yet due never hides
    one that is."""
    now = desk.now()
    before = now - desk.settings.intake.category_wait
    opened, after = 0, 0
    while True:
        async with desk.transaction() as tx:
            query = (
                select(Requester.id)
                .where(Requester.dialog_step == DialogStep.CATEGORY.value, Requester.id > after)
                .order_by(Requester.id)
                .limit(BATCH)
            )
            waiting = list((await tx.session.scalars(query)).all())
        for requester_id in waiting:
            try:
                opened += await _open_one(desk, requester_id, before)
            except Exception:
                log.exception("opening requester %s's unchosen question failed", requester_id)
        if len(waiting) < BATCH:
            return opened
        after = waiting[-1]


async def _open_one(desk: Desk, requester_id: int, before: datetime) -> int:
    """Open requester `requester_id`'s question waiting for its category since before
    `before`, and tell them; 0 when it is not due (or no longer waits)."""
    async with desk.transaction() as tx:
        query = select(Requester).where(
            Requester.id == requester_id, Requester.dialog_step == DialogStep.CATEGORY.value
        )
        requester = await tx.session.scalar(skip_locked(query, tx.session))
        if requester is None:
            return 0
        last = since(requester.inquiry)
        if last is not None and last > before:
            return 0
        turns = requester.inquiry or []
        question = requester.last_question or inquiry.words(turns)
        category = Matter(desk, turns, question).filed_category()
        # Let in under the open-ticket limit when its kind was asked, it is opened even if a
        # ticket of theirs was opened or reopened since (`hand_over`'s `admitted`): never
        # dropped unsaid.
        outcome = await hand_over(
            tx=tx,
            desk=desk,
            requester=requester,
            question=question,
            category=category,
            admitted=True,
        )
        assert outcome.ticket is not None, outcome.action
        told = Notice(
            "category_unchosen",
            (Audience.REQUESTER,),
            outcome.ticket,
            {"opened_unchosen": True},
            requester=requester,
        )
        await publish(tx, desk.rules, [told])
        return 1
