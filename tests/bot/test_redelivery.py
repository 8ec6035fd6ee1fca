"""Which messages a returning requester missed are sent again (`delivery.redelivery`)."""

from __future__ import annotations

from bot.delivery import Waiting, redelivery


def test_the_messages_of_tickets_in_hand_go_again_in_their_order() -> None:
    waiting = [
        Waiting(1, "claimed_notice", 7),
        Waiting(2, "staff_reply", 8),
        Waiting(3, "staff_reply", 7),
    ]
    decided = redelivery(waiting, {7, 8})
    assert [w.id for w in decided.again] == [1, 2, 3]
    assert decided.superseded == decided.closed == ()


def test_only_the_latest_progress_notice_of_a_ticket_is_repeated() -> None:
    waiting = [
        Waiting(1, "progress_notice", 7),
        Waiting(2, "staff_reply", 7),
        Waiting(3, "progress_notice", 7),
        Waiting(4, "progress_notice", 8),
    ]
    decided = redelivery(waiting, {7, 8})
    assert [w.id for w in decided.again] == [2, 3, 4]
    assert [w.id for w in decided.superseded] == [1]


def test_messages_of_tickets_no_longer_in_hand_or_of_none_are_not_sent() -> None:
    waiting = [
        Waiting(1, "resolution", 5),
        Waiting(2, "reply", None),
        Waiting(3, "staff_reply", 7),
    ]
    decided = redelivery(waiting, {7})
    assert [w.id for w in decided.again] == [3]
    assert [w.id for w in decided.closed] == [1, 2]


def test_nothing_waiting_sends_nothing() -> None:
    assert redelivery([], {7}).again == ()
