"""Staff join a ticket to another ticket's incident by hand, or take it out
(bot/incident_links.py): the incident made when that ticket has none, both raised to its
priority; a ticket linked to itself, again, or by an outsider is refused."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import incident_links
from bot.errors import DeskError, InvalidInput, NotAllowed
from bot.models import Ticket
from bot.rules import Rules
from bot.transaction import Transactions
from tests.bot.helpers import OFFICER, new_requester, outbox_rows
from tests.bot.test_incidents import NOW, _open

Sessions = async_sessionmaker[AsyncSession]
REPORTS = ["小区电梯又坏了,老人下不了楼", "楼道的灯不亮了", "3号楼门口的电梯按钮掉了"]


async def _tickets(sessions: Sessions) -> list[Ticket]:
    async with sessions() as session:
        return list(await session.scalars(select(Ticket).order_by(Ticket.id)))


async def test_a_ticket_joins_another_s_incident_and_leaves_it(
    sessions: Sessions, rules: Rules
) -> None:
    for n, text in enumerate(REPORTS):
        await _open(sessions, rules, await new_requester(sessions, NOW, 6100 + n), text, n)
    transactions = Transactions(sessions, clock=lambda: NOW)

    async def link(ticket_id: int, to: int, officer_id: int = OFFICER) -> incident_links.Linked:
        async with transactions() as tx:
            return await incident_links.link(
                tx=tx, rules=rules, ticket_id=ticket_id, to_ticket_id=to, officer_id=officer_id
            )

    assert {t.incident_id for t in await _tickets(sessions)} == {None}
    made = await link(2, 1)
    assert made.new and made.ticket_ids == [1, 2]
    rows = await _tickets(sessions)
    assert [t.incident_id for t in rows] == [made.incident_id, made.incident_id, None]
    assert [t.priority for t in rows] == ["urgent", "urgent", "normal"]
    joined = await link(3, 2)
    assert not joined.new and joined.incident_id == made.incident_id
    assert joined.ticket_ids == [1, 2, 3]
    # No update was posted yet: the supervisors are not told the joiner heard one (a tester's
    # alert said "已将最新进展发给该诉求人" while nothing was sent).
    grew = [m for m in await outbox_rows(sessions) if m.template == "alert_surge_joined"]
    assert grew and not any(m.context["told"] for m in grew)
    assert not any(m.template == "incident_update" for m in await outbox_rows(sessions))
    refused: list[tuple[type[DeskError], int, int, int]] = [
        (InvalidInput, 2, 2, OFFICER),  # itself
        (InvalidInput, 3, 1, OFFICER),  # in that incident already
        (NotAllowed, 3, 1, 424242),  # no staff
    ]
    for kind, ticket_id, to, officer_id in refused:
        with pytest.raises(kind):
            await link(ticket_id, to, officer_id)
    async with transactions() as tx:
        left = await incident_links.unlink(tx=tx, rules=rules, ticket_id=3, officer_id=OFFICER)
    assert left == made.incident_id
    assert [t.incident_id for t in await _tickets(sessions)][2] is None
    with pytest.raises(InvalidInput, match="no incident"):
        async with transactions() as tx:
            await incident_links.unlink(tx=tx, rules=rules, ticket_id=3, officer_id=OFFICER)
