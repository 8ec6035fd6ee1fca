"""The order a chat's waiting messages go out in: urgent ones ahead of bulk, each ticket's
own messages never out of order."""

from __future__ import annotations

from collections import deque
from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st

from bot.outbox import Call, Queued
from handlers.runtime.dispatcher import URGENT, _next

KINDS = ["relay", "history", "topic", "card", "escalation", "reply"]
AT = datetime(2026, 11, 27)


def _queued(number: int, kind: str, ticket_id: int | None) -> Queued:
    call = Call(-100, "sendMessage", {"chat_id": -100, "text": str(number)}, kind, ticket_id)
    return Queued(number, -100, 0, AT, call=call)


waiting = st.lists(
    st.tuples(st.sampled_from(KINDS), st.one_of(st.none(), st.integers(1, 4))),
    min_size=1,
    max_size=30,
)


@given(waiting)
def test_draining_a_chat_keeps_each_tickets_order(items: list[tuple[str, int | None]]) -> None:
    queue = deque(_queued(n, kind, ticket) for n, (kind, ticket) in enumerate(items))
    order: list[Queued] = []
    while queue:
        chosen = _next(queue)
        queue.remove(chosen)
        order.append(chosen)
    assert sorted(q.id for q in order) == list(range(len(items)))
    for ticket in {t for _, t in items}:
        mine = [q.id for q in order if q.call is not None and q.call.ticket_id == ticket]
        assert mine == sorted(mine)


@given(waiting)
def test_an_urgent_message_goes_ahead_of_bulk(items: list[tuple[str, int | None]]) -> None:
    queue = deque(_queued(n, kind, ticket) for n, (kind, ticket) in enumerate(items))
    chosen = _next(queue)
    ahead = list(queue)[: list(queue).index(chosen)]
    # Whatever it passed belongs to other tickets, and is bulk, or urgent but held behind
    # an earlier message of its own ticket.
    assert chosen.call is not None
    assert all(q.call is not None and q.call.ticket_id != chosen.call.ticket_id for q in ahead)
    for number, passed in enumerate(ahead):
        assert passed.call is not None
        held = any(
            earlier.call is not None and earlier.call.ticket_id == passed.call.ticket_id
            for earlier in ahead[:number]
        )
        assert passed.kind not in URGENT or held
    # And it passes bulk only when it is urgent itself.
    assert not ahead or chosen.kind in URGENT
