"""Who hears of a requester's message, a staff reply, a resolution and the requester's
verdict, on a real database:
the flows publish their notices in the transaction that changes the ticket (bot/closure.py,
bot/conversation.py)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import closure, conversation, ownership, requesters, staff_replies
from bot.models import Ticket
from bot.notices import Audience
from bot.rules import Rules
from bot.transaction import Transactions
from tests.bot.helpers import OFFICER, new_ticket, outbox_rows
from tests.conftest import MONDAY_9AM

Sessions = async_sessionmaker[AsyncSession]
NOW = MONDAY_9AM
GENERAL_GROUP = -1000000000101
REQUESTER_CHAT = 5001


async def _owned(sessions: Sessions, rules: Rules) -> tuple[Transactions, Ticket, int]:
    """A ticket of an English-speaking requester, claimed by OFFICER in the general group;
    the outbox emptied of the claim's notice. The transactions, the ticket, the requester."""
    async with sessions() as session, session.begin():
        requester = await requesters.get_or_create_requester(
            session=session,
            telegram_user_id=REQUESTER_CHAT,
            chat_id=REQUESTER_CHAT,
            language="en",
            now=NOW,
        )
    ticket = await new_ticket(sessions, rules, NOW, requester_id=requester.id)
    transactions = Transactions(sessions, clock=lambda: NOW)
    async with transactions() as tx:
        claimed = await ownership.claim_and_tell(
            tx=tx, rules=rules, ticket_id=ticket.id, officer_id=OFFICER
        )
        claimed.staff_chat_id = GENERAL_GROUP
    return transactions, claimed, requester.id


async def test_a_staff_reply_reaches_the_requester_as_a_copy_of_its_message(
    sessions: Sessions, rules: Rules
) -> None:
    transactions, ticket, _ = await _owned(sessions, rules)
    async with transactions() as tx:
        await staff_replies.staff_reply_and_tell(
            tx=tx,
            rules=rules,
            ticket_id=ticket.id,
            officer_id=OFFICER,
            text="已安排维修",
            chat_id=GENERAL_GROUP,
            message_id=42,
        )
    rows = await outbox_rows(sessions)
    reply = next(r for r in rows if r.template == "staff_reply")
    # Chinese words to an English requester: its staff hear it (bot/other_language.py).
    told = [r.context["event"] for r in rows if r.template == "staff_event"]
    assert told == ["other_language"]
    assert (reply.chat_id, reply.template, reply.audience, reply.ticket_id) == (
        REQUESTER_CHAT,
        "staff_reply",
        Audience.REQUESTER,
        ticket.id,
    )
    assert (reply.context["from_chat_id"], reply.context["message_id"]) == (GENERAL_GROUP, 42)


async def test_a_resolution_goes_to_the_requester_and_their_verdict_to_the_tickets_staff(
    sessions: Sessions, rules: Rules
) -> None:
    transactions, ticket, requester_id = await _owned(sessions, rules)
    for verdict in ("reopen", "rate"):
        async with transactions() as tx:
            await closure.resolve_and_tell(
                tx=tx, rules=rules, ticket_id=ticket.id, officer_id=OFFICER, summary=" 已修好 "
            )
        async with transactions() as tx:
            if verdict == "rate":
                await closure.confirm_and_tell(
                    tx=tx, rules=rules, ticket_id=ticket.id, requester_id=requester_id, score=4
                )
            else:
                await closure.reopen_and_tell(
                    tx=tx,
                    rules=rules,
                    ticket_id=ticket.id,
                    requester_id=requester_id,
                    reason="not solved",
                )
    rows = (await outbox_rows(sessions))[1:]  # after the claim's
    staff = rules.settings.languages.default
    assert [(r.chat_id, r.language, r.template, r.audience) for r in rows] == [
        (REQUESTER_CHAT, "en", "resolution", Audience.REQUESTER),
        # A Chinese summary to an English requester: its staff hear it.
        (GENERAL_GROUP, staff, "staff_event", Audience.TICKET_STAFF),
        # Reopened: its topic is reopened first, so they can write in it (issue 14).
        (GENERAL_GROUP, staff, "topic_reopen", Audience.TICKET_STAFF),
        (GENERAL_GROUP, staff, "staff_event", Audience.TICKET_STAFF),
        (REQUESTER_CHAT, "en", "resolution", Audience.REQUESTER),
        (GENERAL_GROUP, staff, "staff_event", Audience.TICKET_STAFF),
        (GENERAL_GROUP, staff, "staff_event", Audience.TICKET_STAFF),
        # Closed: its card says so (the owner's name stays on it); its topic stays open
        # (config closure.close_topics off: the officer may still /propose there).
        (GENERAL_GROUP, staff, "card_refresh", Audience.TICKET_STAFF),
    ]
    resolution, unlike, _, reopened, _, _, rated, _ = (r.context for r in rows)
    assert unlike["event"] == "other_language"
    assert resolution["summary"] == " 已修好 "  # as written, as the requester always saw it
    assert reopened["event"] == "reopened"
    assert (rated["event"], rated["score"]) == ("rated", 4)


async def test_a_requesters_message_is_relayed_to_the_tickets_staff(
    sessions: Sessions, rules: Rules
) -> None:
    transactions, ticket, requester_id = await _owned(sessions, rules)
    async with transactions() as tx:
        filed = await conversation.requester_message_and_tell(
            tx=tx,
            rules=rules,
            ticket_id=ticket.id,
            requester_id=requester_id,
            chat_id=REQUESTER_CHAT,
            message_id=17,
            text="补充:我家三口人",
        )
    relay, added = (await outbox_rows(sessions))[-2:]
    assert (relay.chat_id, relay.template, relay.audience, relay.ticket_id) == (
        GENERAL_GROUP,
        "relay",
        Audience.TICKET_STAFF,
        ticket.id,
    )
    assert (relay.context["from_chat_id"], relay.context["message_id"]) == (REQUESTER_CHAT, 17)
    assert (filed.text, filed.telegram_message_id) == ("补充:我家三口人", 17)
    # The requester hears it was added to their ticket, after the staff have it.
    assert (added.chat_id, added.template, added.audience) == (
        REQUESTER_CHAT,
        "added_to_ticket",
        Audience.REQUESTER,
    )


async def test_without_a_staff_group_a_relay_goes_to_the_handling_departments_group(
    sessions: Sessions, rules: Rules
) -> None:
    transactions, ticket, requester_id = await _owned(sessions, rules)
    async with sessions() as session, session.begin():
        stored = await session.get(Ticket, ticket.id)
        assert stored is not None
        stored.staff_chat_id = None
        stored.handling_department_key = "social_security"
    async with transactions() as tx:
        await conversation.requester_message_and_tell(
            tx=tx,
            rules=rules,
            ticket_id=ticket.id,
            requester_id=requester_id,
            chat_id=REQUESTER_CHAT,
            message_id=18,
        )
    relay = (await outbox_rows(sessions))[-2]
    social_group = rules.settings.department("social_security").staff_group_chat_id
    assert (relay.chat_id, relay.audience) == (social_group, Audience.TICKET_STAFF)
