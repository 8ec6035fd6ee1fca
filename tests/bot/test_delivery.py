"""What a sent or refused message means for the desk: the mark, the ticket's card, link and
topic, and an unreachable requester (on each store)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import delivery, outbox, store, tickets, topic_place
from bot.models import OutboxMessage, Requester
from bot.notices import Audience
from bot.outbox import Call
from bot.outgoing import Outgoing
from bot.rules import Rules
from bot.transaction import Transactions
from tests.bot.helpers import new_requester, new_ticket, outbox_rows
from tests.conftest import MONDAY_9AM

Sessions = async_sessionmaker[AsyncSession]
NOW = MONDAY_9AM
GROUP = -1000000000101


async def _stored(sessions: Sessions, call: Call) -> int:
    async with sessions() as session, session.begin():
        (queued,) = await outbox.enqueue(session=session, messages=[call], now=NOW)
    return queued.id


async def test_a_sent_call_records_card_link_and_topic(sessions: Sessions, rules: Rules) -> None:
    requester_id = await new_requester(sessions, NOW)
    ticket = await new_ticket(sessions, rules, NOW, requester_id=requester_id)
    sent = [
        (Call(GROUP, "sendMessage", {}, "card", ticket.id, after="card"), {"message_id": 55}),
        (Call(GROUP, "copyMessage", {}, "relay", ticket.id, after="link"), {"message_id": 56}),
        (
            Call(GROUP, "createForumTopic", {}, "topic", ticket.id, after="topic"),
            {"message_thread_id": 7},
        ),
    ]
    ids = [await _stored(sessions, call) for call, _ in sent]
    for message_id, (call, result) in zip(ids, sent, strict=True):
        if call.after == "link":  # the sender batches links with its marks
            link = delivery.Link(call.chat_id, result["message_id"], ticket.id)
            await delivery.mark_sent(
                engine=sessions.kw["bind"], marks=[(message_id, None)], now=NOW, links=[link]
            )
            continue
        async with sessions() as session, session.begin():
            await delivery.record_sent(
                session=session, message_id=message_id, call=call, result=result, now=NOW
            )
    async with sessions() as session:
        after = await store.get(session=session, ticket_id=ticket.id)
        linked = await tickets.get_by_message(session=session, chat_id=GROUP, message_id=56)
        rows = list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
    assert (after.staff_chat_id, after.card_message_id, after.staff_thread_id) == (GROUP, 55, 7)
    assert linked is not None and linked.id == ticket.id
    assert [r.sent_at for r in rows] == [NOW, NOW, NOW]
    place = await topic_place.place_of(engine=sessions.kw["bind"], ticket_id=ticket.id)
    assert (place.staff_chat_id, place.staff_thread_id, place.card_message_id) == (GROUP, 7, 55)


async def test_a_blocked_requester_is_marked_unreachable_once(
    sessions: Sessions, rules: Rules
) -> None:
    requester_id = await new_requester(sessions, NOW)
    ticket = await new_ticket(sessions, rules, NOW, requester_id=requester_id)
    ids = [await _stored(sessions, Call(5001, "sendMessage", {}, "reply")) for _ in range(2)]
    told = []
    for message_id in ids:
        async with sessions() as session, session.begin():
            told.append(
                await delivery.give_up(
                    session=session,
                    message_id=message_id,
                    chat_id=5001,
                    error="Forbidden: bot was blocked by the user",
                    unreachable=True,
                    now=NOW,
                )
            )
    assert [[t.id for t in batch] for batch in told] == [[ticket.id], []]
    async with sessions() as session:
        requester = await session.get(Requester, requester_id)
        rows = list(await session.scalars(select(OutboxMessage)))
    assert requester is not None and requester.blocked_bot
    assert all(r.failed_at == NOW and r.sent_at is None for r in rows)


async def test_the_staff_of_an_unreachable_requesters_ticket_hear_it_once(
    sessions: Sessions, rules: Rules
) -> None:
    requester_id = await new_requester(sessions, NOW)
    ticket = await new_ticket(sessions, rules, NOW, requester_id=requester_id)
    async with sessions() as session, session.begin():
        (await store.get(session=session, ticket_id=ticket.id)).staff_chat_id = GROUP
    ids = [await _stored(sessions, Call(5001, "sendMessage", {}, "reply")) for _ in range(2)]
    transactions = Transactions(sessions, clock=lambda: NOW)
    for message_id in ids:
        async with transactions() as tx:
            await delivery.give_up_and_tell(
                tx=tx,
                rules=rules,
                message_id=message_id,
                chat_id=5001,
                error="Forbidden: bot was blocked by the user",
                unreachable=True,
            )
    told = [r for r in await outbox_rows(sessions) if r.id not in ids]
    assert [(r.chat_id, r.template, r.audience, r.ticket_id) for r in told] == [
        (GROUP, "unreachable", Audience.TICKET_STAFF, ticket.id)
    ]


async def test_a_notice_keeps_its_audience_and_one_stored_without_loads_as_before(
    sessions: Sessions,
) -> None:
    addressed = Outgoing(GROUP, "zh", "unreachable", {"ticket_id": 1}, None, "ticket_staff")
    older = Outgoing(100190, "zh", "escalation", {"ticket_id": 1})  # before audiences
    front = Call(5001, "sendMessage", {"chat_id": 5001, "text": "hi"}, "reply")
    async with sessions() as session, session.begin():
        await outbox.enqueue(session=session, messages=[addressed, older, front], now=NOW)
    async with sessions() as session, session.begin():
        due = await outbox.claim_due(session=session, now=NOW)
    assert [q.message for q in due[:2]] == [addressed, older]
    assert due[1].message is not None and due[1].message.audience is None
    assert due[2].call == front and due[2].message is None


async def test_a_renewed_lease_keeps_what_is_unsent_from_the_poll_and_a_given_back_one_is_due(
    sessions: Sessions,
) -> None:
    """The poll keeps the leases on what a sender holds (bot/outbox.py `renew`, by one array
    of ids on PostgreSQL): nobody's poll takes those until the lease runs out; a message sent
    meanwhile is left as sent; given back (the lease to now), a message is due at once."""
    calls = [
        Call(5001, "sendMessage", {"chat_id": 5001, "text": str(n)}, "reply") for n in range(5)
    ]
    async with sessions() as session, session.begin():
        stored = await outbox.enqueue(session=session, messages=calls, now=NOW)
    ids = [q.id for q in stored]
    async with sessions() as session, session.begin():
        claimed = await outbox.claim_due(session=session, now=NOW, holder="a")
    assert [q.id for q in claimed] == ids
    async with sessions() as session, session.begin():
        await outbox.sent(connection=await session.connection(), message_id=ids[0], now=NOW)
        until = NOW + outbox.LEASE * 3
        await outbox.renew(session=session, message_ids=ids[::-1], until=until, holder="a")
    rows = {r.id: r for r in await outbox_rows(sessions)}
    assert rows[ids[0]].sent_at is not None
    assert rows[ids[0]].next_attempt_at == NOW + outbox.LEASE  # as the claim left it
    assert {(rows[i].next_attempt_at, rows[i].leased_by) for i in ids[1:]} == {(until, "a")}
    async with sessions() as session, session.begin():
        later = NOW + outbox.LEASE * 2  # the first lease over, the renewed one not
        assert await outbox.claim_due(session=session, now=later, holder="b") == []
        await outbox.renew(session=session, message_ids=ids[3:], until=later)
    async with sessions() as session, session.begin():
        taken = await outbox.claim_due(session=session, now=later, holder="b")
    assert [q.id for q in taken] == ids[3:]


@pytest.mark.parametrize(
    ("forum", "claimed", "kind", "then"),
    [
        (False, True, "relay", topic_place.SEND),
        (False, False, "topic_intro", topic_place.SKIP),
        (True, False, "relay", topic_place.SKIP),
        (True, False, "escalation", topic_place.SEND),
        (True, True, "relay", topic_place.OPEN),
        (True, True, "requester_edit", topic_place.OPEN),
        (True, True, "unreachable", topic_place.OPEN),
        (True, True, "history", topic_place.SKIP),
    ],
)
def test_a_message_for_a_topic_not_there_waits_for_one_that_will_be(
    forum: bool, claimed: bool, kind: str, then: str
) -> None:
    assert topic_place.without_topic(forum=forum, claimed=claimed, kind=kind) == then


def test_a_copy_is_never_dropped_for_a_claimed_ticket() -> None:
    for kind in topic_place.INTO_TOPIC_LATER:
        for forum in (True, False):
            assert (
                topic_place.without_topic(forum=forum, claimed=True, kind=kind) != topic_place.SKIP
            )


def test_an_answer_to_staff_who_asked_under_an_unclaimed_card_is_never_dropped() -> None:
    """Issue 14: an officer replied to the card of a ticket nobody claimed; the requester's
    answer goes under the card, in a forum too (else only /ticket N showed it)."""
    for kind in topic_place.INTO_TOPIC_LATER:
        for forum in (True, False):
            then = topic_place.without_topic(
                forum=forum, claimed=False, kind=kind, under_card=True
            )
            assert then == topic_place.SEND
        assert topic_place.without_topic(forum=True, claimed=False, kind=kind) == topic_place.SKIP


def test_a_message_ahead_of_the_claims_topic_goes_as_before_the_claim() -> None:
    """A ticket claimed while a message for it waited (a slow group): the claim's opening of
    the topic, behind it, copies what the requester sent, so that message is as unclaimed
    (under the card, or left to the copies) and never opens a topic of its own."""
    for kind in (*topic_place.INTO_TOPIC_LATER, "staff_event"):
        for under_card in (True, False):
            ahead = topic_place.without_topic(
                forum=True, claimed=True, kind=kind, under_card=under_card, coming=True
            )
            unclaimed = topic_place.without_topic(
                forum=True, claimed=False, kind=kind, under_card=under_card
            )
            assert ahead == unclaimed != topic_place.OPEN
    assert not topic_place.answers_card(forum=True, claimed=True)


def _queued(message: Outgoing | None = None, call: Call | None = None) -> outbox.Queued:
    return outbox.Queued(1, 7, 0, MONDAY_9AM, message=message, call=call)


def test_a_link_records_the_message_its_copy_carries() -> None:
    """What a sent message carries, for its link (an officer's edit of a reply is then sent
    as a reply to the requester's copy, bot/corrections.py): a staff reply's values, copied
    or numbered alike; a front's copy's parameters; nothing for anything else."""
    values = {"from_chat_id": -100, "message_id": 42, "numbered": True, "text": "请明天来"}
    reply = Outgoing(7, "zh", "staff_reply", values, ticket_id=1)
    assert delivery.carried(_queued(reply)) == (-100, 42)
    copy = Call(7, "copyMessage", {"chat_id": 7, "from_chat_id": -100, "message_id": 43})
    assert delivery.carried(_queued(call=copy)) == (-100, 43)
    said = Call(7, "sendMessage", {"chat_id": 7, "text": "你好"})
    assert delivery.carried(_queued(call=said)) is None
    gone = Outgoing(7, "zh", "buttons_gone", {"message_id": 5})
    assert delivery.carried(_queued(gone)) is None
