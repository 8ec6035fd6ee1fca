"""A claim and an officer's words that claim by answering (bot/speaking.py `said_as` CLAIM),
at the same instant on the same unclaimed ticket (issue 14): whoever commits first owns it,
and the other's words are never lost to the race (before, on PostgreSQL, the answer read the
ticket unclaimed, tried to claim it too and was refused as a concurrent change, its words
with it). On SQLite every transaction waits its turn (BEGIN IMMEDIATE); on PostgreSQL the
ticket's row is held while deciding (`store.get` with `lock`)."""

from __future__ import annotations

import asyncio

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import ownership, speaking
from bot.models import Direction, Ticket, TicketMessage
from bot.rules import Rules
from bot.transaction import Transactions
from tests.bot.helpers import OFFICER, OFFICER_2, new_requester, new_ticket
from tests.conftest import MONDAY_9AM

ASKED = "请问您家几口人?"


async def test_words_under_a_card_claimed_meanwhile_are_kept_as_a_note(
    sessions: async_sessionmaker[AsyncSession], rules: Rules
) -> None:
    requester_id = await new_requester(sessions, MONDAY_9AM)
    ticket = await new_ticket(sessions, rules, MONDAY_9AM, requester_id=requester_id)
    transactions = Transactions(sessions, clock=lambda: MONDAY_9AM)
    claimed = asyncio.Event()

    async def claim() -> None:
        async with transactions() as tx:
            await ownership.claim_and_tell(
                tx=tx, rules=rules, ticket_id=ticket.id, officer_id=OFFICER
            )
            await tx.session.flush()
            claimed.set()
            await asyncio.sleep(0.3)  # still uncommitted while the other officer answers

    async def answer() -> speaking.Spoken:
        await claimed.wait()
        async with transactions() as tx:
            return await speaking.staff_words_and_tell(
                tx=tx,
                rules=rules,
                ticket_id=ticket.id,
                officer_id=OFFICER_2,
                text=ASKED,
                chat_id=-1000000000101,
                message_id=50,
            )

    _, spoken = await asyncio.gather(claim(), answer())
    assert not spoken.to_requester and spoken.why == "owned" and spoken.owner_id == OFFICER
    async with sessions() as session:
        stored = await session.get(Ticket, ticket.id)
        assert stored is not None and stored.owner_id == OFFICER
        kept = list(
            await session.execute(
                select(TicketMessage.direction, TicketMessage.author_id).where(
                    TicketMessage.text == ASKED
                )
            )
        )
    assert [tuple(k) for k in kept] == [(Direction.NOTE, OFFICER_2)]
