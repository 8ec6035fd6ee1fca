"""A resolution not yet sent whose question was answered in the same transaction goes
without its buttons (`bot.answered.without_buttons`): only the newest question whether a
ticket is solved carries live ones."""

from __future__ import annotations

from bot.answered import ANSWERED, RESOLUTION, without_buttons
from bot.outbox import Call
from bot.outgoing import Outgoing

CHAT, TICKET = 900100, 7


def _resolution(chat_id: int = CHAT, ticket_id: int = TICKET) -> Outgoing:
    return Outgoing(chat_id, "zh", RESOLUTION, {"summary": "已修复"}, ticket_id, "requester")


def _answered(item: Outgoing | Call) -> Outgoing | Call:
    return without_buttons(item, template=RESOLUTION, ticket_id=TICKET, chat_id=CHAT)


def test_the_tickets_resolution_to_its_requester_goes_with_its_words_only() -> None:
    changed = _answered(_resolution())
    assert isinstance(changed, Outgoing)
    assert changed.context == {"summary": "已修复", ANSWERED: True}
    assert _answered(changed) == changed


def test_anything_else_goes_as_it_is() -> None:
    others = [
        _resolution(ticket_id=8),
        _resolution(chat_id=900200),
        Outgoing(CHAT, "zh", "rated", {}, TICKET, "requester"),
        Call(CHAT, "sendMessage", {"chat_id": CHAT, "text": "x"}, RESOLUTION, TICKET),
    ]
    assert [_answered(item) for item in others] == others
