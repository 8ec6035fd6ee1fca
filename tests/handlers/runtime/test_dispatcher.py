"""The order a chat's waiting messages go out in: urgent ones ahead of bulk, each ticket's
own messages never out of order."""

from __future__ import annotations

from collections import deque
from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st

from bot.notices import CARD_REFRESH
from bot.outbox import Call, Queued
from bot.outgoing import Outgoing
from handlers.runtime.dispatcher import URGENT, _next, superseded

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


def _message(number: int, template: str, ticket_id: int | None) -> Queued:
    message = Outgoing(-100, "zh", template, {}, ticket_id)
    return Queued(number, -100, 0, AT, message=message)


@given(
    st.lists(
        st.tuples(
            st.sampled_from([CARD_REFRESH, "relay", "added_to_ticket"]),
            st.one_of(st.none(), st.integers(1, 3)),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_a_cards_redraw_goes_only_when_no_later_redraw_of_it_waits(
    items: list[tuple[str, int | None]],
) -> None:
    """Of a card's redraws waiting in its chat, the last goes (it shows the ticket as it is
    then); nothing else is ever left out, and every ticket's card is redrawn at least once."""
    queue = deque(_message(n, template, ticket) for n, (template, ticket) in enumerate(items))
    sent = [item for item in queue if not superseded(item, queue)]
    for number, (template, ticket) in enumerate(items):
        later = [
            n for n, (t, k) in enumerate(items) if n > number and t == CARD_REFRESH and k == ticket
        ]
        left_out = all(item.id != number for item in sent)
        assert left_out is (template == CARD_REFRESH and bool(later))
    redrawn = {t for template, t in items if template == CARD_REFRESH}
    assert redrawn == {
        item.message.ticket_id
        for item in sent
        if item.message is not None and item.message.template == CARD_REFRESH
    }
