"""A forward alone, or a notice the requester typed before any words of their own: the bot asks
what they want done about it, once (`bot.intake.decision.Action.ASK_ABOUT`)."""

from __future__ import annotations

from bot.desk import Desk
from bot.intake import inquiry
from bot.intake.decision import Action
from bot.intake.handing import Outcome, record_turn
from bot.models import DialogStep, Requester


def ask_about(
    desk: Desk, requester: Requester, step: DialogStep | None, *, typed: bool
) -> Outcome:
    """Ask what they want done about the forward, or the notice they typed (`typed`), that
    leads their question (already their `last_question`), once: at ABOUT it joins those
    already asked about."""
    more = step is DialogStep.ABOUT
    requester.dialog_step, requester.last_offered = DialogStep.ABOUT, None
    if not more:
        turn = inquiry.bot_did("about", desk.now())
        if typed:
            turn["typed"] = True
        record_turn(requester, turn)
    return Outcome(Action.ASK_ABOUT, more=more, typed=typed)
