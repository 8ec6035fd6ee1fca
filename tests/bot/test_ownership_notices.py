"""Who hears of a claim, an assignment and a change of priority, on a real database: the
flows publish their notices in the transaction that changes the ticket (bot/ownership.py)."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import ownership, requesters
from bot.errors import AlreadyClaimed
from bot.models import Ticket
from bot.notices import Audience
from bot.rules import Rules
from bot.transaction import Transactions
from tests.bot.helpers import OFFICER, OFFICER_2, SUPERVISOR, new_ticket, outbox_rows
from tests.conftest import MONDAY_9AM

Sessions = async_sessionmaker[AsyncSession]
NOW = MONDAY_9AM
GENERAL_GROUP = -1000000000101
REQUESTER_CHAT = 5001


async def _ticket(sessions: Sessions, rules: Rules, language: str = "en") -> Ticket:
    """A new ticket of a requester who reads `language`, in the general staff group."""
    async with sessions() as session, session.begin():
        requester = await requesters.get_or_create_requester(
            session=session,
            telegram_user_id=REQUESTER_CHAT,
            chat_id=REQUESTER_CHAT,
            language=language,
            now=NOW,
        )
    ticket = await new_ticket(sessions, rules, NOW, requester_id=requester.id)
    async with sessions() as session, session.begin():
        stored = await session.get(Ticket, ticket.id)
        assert stored is not None
        stored.staff_chat_id = GENERAL_GROUP
        return stored


async def test_a_claim_tells_the_requester_who_owns_it_and_a_second_claim_nothing(
    sessions: Sessions, rules: Rules
) -> None:
    ticket = await _ticket(sessions, rules)
    transactions = Transactions(sessions, clock=lambda: NOW)
    async with transactions() as tx:
        claimed = await ownership.claim_and_tell(
            tx=tx, rules=rules, ticket_id=ticket.id, officer_id=OFFICER
        )
    with pytest.raises(AlreadyClaimed):
        async with transactions() as tx:
            await ownership.claim_and_tell(
                tx=tx, rules=rules, ticket_id=ticket.id, officer_id=OFFICER_2
            )
    (told,) = await outbox_rows(sessions)
    assert (told.chat_id, told.language, told.template, told.audience) == (
        REQUESTER_CHAT,
        "en",
        "claimed_notice",
        Audience.REQUESTER,
    )
    assert told.context["owner"] == "王芳" and told.context["ticket_id"] == ticket.id
    assert told.context["resolution_due_at"]["__datetime__"] == (
        claimed.resolution_due_at.isoformat()
    )


async def test_an_assignment_tells_the_tickets_staff_the_new_owner_and_the_requester(
    sessions: Sessions, rules: Rules
) -> None:
    ticket = await _ticket(sessions, rules)
    async with Transactions(sessions, clock=lambda: NOW)() as tx:
        await ownership.assign_and_tell(
            tx=tx,
            rules=rules,
            ticket_id=ticket.id,
            supervisor_id=SUPERVISOR,
            officer_id=OFFICER_2,
            reason="排班",
        )
    rows = await outbox_rows(sessions)
    staff = rules.settings.languages.default
    assert [(r.chat_id, r.language, r.template, r.audience) for r in rows] == [
        # The card first, redrawn as claimed with its owner, as a claim redraws it.
        (GENERAL_GROUP, staff, "card_refresh", Audience.TICKET_STAFF),
        (GENERAL_GROUP, staff, "staff_event", Audience.TICKET_STAFF),
        (OFFICER_2, staff, "assigned_to_you", Audience.OWNER),
        (REQUESTER_CHAT, "en", "claimed_notice", Audience.REQUESTER),
    ]
    event, to_owner, told = (r.context for r in rows[1:])
    new_owner = rules.staff.shown_as(OFFICER_2)
    assert event["event"] == "assigned" and event["owner"] == new_owner
    assert event["by"] == rules.staff.shown_as(SUPERVISOR)
    assert to_owner["question"] == ticket.question
    assert told["owner"] == new_owner


async def test_a_new_priority_tells_the_staff_and_the_requester_only_if_the_promise_moved(
    sessions: Sessions, rules: Rules
) -> None:
    ticket = await _ticket(sessions, rules)
    transactions = Transactions(sessions, clock=lambda: NOW)
    async with transactions() as tx:
        await ownership.reprioritise_and_tell(
            tx=tx, rules=rules, ticket_id=ticket.id, actor_id=SUPERVISOR, priority="urgent"
        )
    event, promise, card = await outbox_rows(sessions)
    # Its card in the staff group is edited to show the new priority and deadlines.
    assert (card.chat_id, card.template) == (GENERAL_GROUP, "card_refresh")
    assert (event.chat_id, event.audience, event.template) == (
        GENERAL_GROUP,
        Audience.TICKET_STAFF,
        "staff_event",
    )
    assert (event.context["event"], event.context["priority"]) == ("priority", "特急")
    assert (promise.chat_id, promise.language, promise.template) == (
        REQUESTER_CHAT,
        "en",
        "new_promise",
    )
    assert promise.context["priority"] == "Urgent"  # in the requester's language
    # The same priority again moves no promise: the staff hear it, the requester does not.
    async with transactions() as tx:
        await ownership.reprioritise_and_tell(
            tx=tx, rules=rules, ticket_id=ticket.id, actor_id=SUPERVISOR, priority="urgent"
        )
    assert [r.template for r in (await outbox_rows(sessions))[3:]] == ["staff_event"]
