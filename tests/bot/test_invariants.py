"""Property-based: random operations and clock moves never break the desk's promises.

- a ticket has one owner, and only a claim or a supervisor's assignment changes it;
- no ticket passes its claim deadline without an escalation and a recorded breach;
- after a sweep, no active ticket has gone a notice interval without hearing from us;
- the event log replays to the ticket's state;
- every escalation step happens once, even with two sweeps at the same moment.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
import tempfile
from collections import Counter
from collections.abc import Coroutine
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import func, select

from bot import closure, conversation, handoffs, lifecycle, requesters, tickets
from bot.config import Settings
from bot.db import create_engine, session_factory
from bot.errors import DeskError
from bot.models import (
    BreachKind,
    DeadlineKind,
    Direction,
    Escalation,
    LedgerEntry,
    Ticket,
    TicketEvent,
    TicketMessage,
    TicketStatus,
)
from bot.rules import Rules
from bot.staff import sync_staff
from bot.sweep import run_due
from bot.transaction import Transactions
from tests.conftest import MONDAY_9AM, _empty_postgres

T = TypeVar("T")

QUESTIONS = [
    "社保卡丢了怎么补办",
    "公积金提取需要什么材料",
    "我家停水了",
    "How do I renew my business licence?",
    "路灯坏了好几天",
    "投诉窗口工作人员态度差",
]


class ErrorLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class DeskMachine(RuleBasedStateMachine):
    """One desk on a fresh database per example, driven by random steps."""

    tickets = Bundle("tickets")
    store: str = "sqlite"
    url: str = ""
    template: Path | None = None
    settings: Settings

    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.rules = Rules(self.settings)
        self.staff = sorted(
            p.user_id for d in self.settings.departments for p in [*d.officers, *d.supervisors]
        )
        self.tempdir: str | None = None
        url = self.url
        if self.store == "sqlite":
            assert self.template is not None
            self.tempdir = tempfile.mkdtemp()
            path = Path(self.tempdir) / "desk.db"
            shutil.copy(self.template, path)
            url = f"sqlite+aiosqlite:///{path}"
        self.engine = create_engine(url)
        self.sessions = session_factory(self.engine)
        if self.store == "postgresql":
            self.run(_empty_postgres(self.sessions))
        self.run(self._sync())
        self.now = MONDAY_9AM
        self.requesters = [self.run(self._requester(5000 + i)) for i in range(3)]
        self.errors = ErrorLog()
        logging.getLogger("bot").addHandler(self.errors)

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return self.loop.run_until_complete(coroutine)

    async def _sync(self) -> None:
        async with self.sessions() as session, session.begin():
            await sync_staff(session=session, settings=self.settings)

    async def _requester(self, telegram_user_id: int) -> int:
        async with self.sessions() as session, session.begin():
            requester = await requesters.get_or_create_requester(
                session=session,
                telegram_user_id=telegram_user_id,
                chat_id=telegram_user_id,
                language="zh",
                now=self.now,
            )
            return requester.id

    def attempt(self, operation: Any, **arguments: Any) -> None:
        """Run one service in its own transaction; the rules may refuse it."""

        async def go() -> None:
            async with self.sessions() as session, session.begin():
                await operation(session=session, rules=self.rules, now=self.now, **arguments)

        with contextlib.suppress(DeskError):
            self.run(go())

    def teardown(self) -> None:
        logging.getLogger("bot").removeHandler(self.errors)
        self.run(self.engine.dispose())
        self.loop.close()
        if self.tempdir:
            shutil.rmtree(self.tempdir, ignore_errors=True)

    # --- operations -------------------------------------------------------------------------

    @rule(
        target=tickets,
        who=st.integers(0, 2),
        question=st.sampled_from(QUESTIONS),
        category=st.sampled_from(["consultation", "complaint", "fault_report", "suggestion"]),
    )
    def open(self, who: int, question: str, category: str) -> int:
        async def go() -> int:
            async with self.sessions() as session, session.begin():
                opened = await tickets.open_ticket(
                    session=session,
                    rules=self.rules,
                    requester_id=self.requesters[who],
                    question=question,
                    category=category,
                    now=self.now,
                )
                return opened.ticket.id

        return self.run(go())

    @rule(ticket=tickets, data=st.data())
    def claim(self, ticket: int, data: st.DataObject) -> None:
        officer = data.draw(st.sampled_from(self.staff))
        self.attempt(tickets.claim, ticket_id=ticket, officer_id=officer)

    @rule(ticket=tickets, data=st.data())
    def assign(self, ticket: int, data: st.DataObject) -> None:
        supervisor, officer = (
            data.draw(st.sampled_from(self.staff)),
            data.draw(st.sampled_from(self.staff)),
        )
        self.attempt(
            tickets.assign,
            ticket_id=ticket,
            supervisor_id=supervisor,
            officer_id=officer,
            reason="rota",
        )

    @rule(
        ticket=tickets,
        data=st.data(),
        department=st.sampled_from(["general", "social_security", "utilities"]),
    )
    def transfer(self, ticket: int, data: st.DataObject, department: str) -> None:
        actor = data.draw(st.sampled_from(self.staff))
        self.attempt(
            handoffs.transfer,
            ticket_id=ticket,
            actor_id=actor,
            to_department=department,
            summary="see history",
            suggested_handling="please handle",
            due_at=self.now + timedelta(hours=8),
        )

    @rule(ticket=tickets, data=st.data(), accept=st.booleans())
    def decide_handoff(self, ticket: int, data: st.DataObject, accept: bool) -> None:
        actor = data.draw(st.sampled_from(self.staff))
        if accept:
            self.attempt(handoffs.accept_handoff, ticket_id=ticket, actor_id=actor)
        else:
            self.attempt(
                handoffs.return_handoff, ticket_id=ticket, actor_id=actor, reason="not ours"
            )

    @rule(ticket=tickets, data=st.data())
    def resolve(self, ticket: int, data: st.DataObject) -> None:
        actor = data.draw(st.sampled_from(self.staff))
        self.attempt(closure.resolve, ticket_id=ticket, officer_id=actor, summary="done")

    @rule(ticket=tickets, who=st.integers(0, 2), score=st.none() | st.integers(1, 5))
    def confirm(self, ticket: int, who: int, score: int | None) -> None:
        self.attempt(
            closure.confirm, ticket_id=ticket, requester_id=self.requesters[who], score=score
        )

    @rule(ticket=tickets, who=st.integers(0, 2))
    def reopen(self, ticket: int, who: int) -> None:
        self.attempt(
            closure.reopen, ticket_id=ticket, requester_id=self.requesters[who], reason="no"
        )

    @rule(ticket=tickets, who=st.integers(0, 2))
    def withdraw(self, ticket: int, who: int) -> None:
        self.attempt(closure.withdraw, ticket_id=ticket, requester_id=self.requesters[who])

    @rule(ticket=tickets, data=st.data(), internal=st.booleans())
    def staff_message(self, ticket: int, data: st.DataObject, internal: bool) -> None:
        actor = data.draw(st.sampled_from(self.staff))
        self.attempt(
            conversation.add_staff_message,
            ticket_id=ticket,
            officer_id=actor,
            text="progress",
            internal=internal,
        )

    @rule(ticket=tickets, data=st.data(), priority=st.sampled_from(["normal", "high", "urgent"]))
    def change_priority(self, ticket: int, data: st.DataObject, priority: str) -> None:
        actor = data.draw(st.sampled_from(self.staff))
        self.attempt(tickets.change_priority, ticket_id=ticket, actor_id=actor, priority=priority)

    # Clock moves near the boundaries that matter (notice interval, reminders, deadlines),
    # as well as anywhere within thirty hours.
    @rule(
        minutes=st.integers(1, 60 * 30)
        | st.sampled_from([1, 14, 15, 16, 29, 30, 31, 59, 60, 61, 119, 120, 121, 1319, 1320])
        | st.sampled_from([1321, 1439, 1440, 1441, 2879, 2880, 2881, 4319, 4320, 4321])
    )
    def advance(self, minutes: int) -> None:
        self.now += timedelta(minutes=minutes)

    @rule(concurrent=st.booleans())
    def sweep(self, concurrent: bool) -> None:
        async def go() -> None:
            runs = 2 if concurrent else 1
            await asyncio.gather(
                *(
                    run_due(
                        transactions=Transactions(self.sessions), rules=self.rules, now=self.now
                    )
                    for _ in range(runs)
                )
            )

        self.run(go())
        self.check_after_sweep(self.now)

    # --- invariants -------------------------------------------------------------------------

    async def _load(
        self,
    ) -> tuple[list[Ticket], list[TicketEvent], list[Escalation], list[LedgerEntry]]:
        async with self.sessions() as session:
            return (
                list(await session.scalars(select(Ticket).order_by(Ticket.id))),
                list(await session.scalars(select(TicketEvent).order_by(TicketEvent.seq))),
                list(await session.scalars(select(Escalation))),
                list(await session.scalars(select(LedgerEntry))),
            )

    async def _first_words(self) -> dict[int, datetime]:
        """When staff first wrote to each ticket's requester (its first response too)."""
        async with self.sessions() as session:
            rows = await session.execute(
                select(TicketMessage.ticket_id, func.min(TicketMessage.created_at))
                .where(TicketMessage.direction == Direction.OUT)
                .group_by(TicketMessage.ticket_id)
            )
            return {ticket_id: at for ticket_id, at in rows.all()}

    def check_after_sweep(self, now: datetime) -> None:
        ticket_rows, _, _, ledger = self.run(self._load())
        words = self.run(self._first_words())
        missed = Counter(e.ticket_id for e in ledger if e.kind == BreachKind.MISSED_FIRST_RESPONSE)
        interval = self.rules.notice_interval
        for ticket in ticket_rows:
            due = ticket.first_response_due_at
            open_at_deadline = (
                ticket.claimed_at is None and (ticket.closed_at is None or ticket.closed_at > due)
            ) or (ticket.claimed_at is not None and ticket.claimed_at > due)
            # A word to the requester by the deadline is a first response as a claim is.
            answered = ticket.id in words and words[ticket.id] <= due
            if due <= now and open_at_deadline and not answered:
                assert missed[ticket.id] == 1, f"ticket {ticket.id} passed its claim deadline"
            if ticket.status in (
                TicketStatus.OPEN,
                TicketStatus.CLAIMED,
                TicketStatus.TRANSFERRING,
            ):
                assert ticket.last_contact_at + interval > now, (
                    f"ticket {ticket.id} went a notice interval without a notice"
                )
                assert ticket.next_check_at is not None and ticket.next_check_at > now

    @invariant()
    def state_is_consistent(self) -> None:
        ticket_rows, events, escalations, ledger = self.run(self._load())
        by_ticket: dict[int, list[TicketEvent]] = {}
        for event in events:
            by_ticket.setdefault(event.ticket_id, []).append(event)
        for ticket in ticket_rows:
            log = by_ticket[ticket.id]
            assert [e.seq for e in log] == list(range(1, len(log) + 1))
            assert lifecycle.replay(log) == lifecycle.ReplayedState.of(ticket)
            assert sum(e.kind == "claim" for e in log) <= 1
            if ticket.status in (TicketStatus.CLAIMED, TicketStatus.TRANSFERRING):
                assert ticket.owner_id is not None
            if ticket.status is TicketStatus.OPEN:
                assert ticket.owner_id is None
            if ticket.status in (
                TicketStatus.OPEN,
                TicketStatus.CLAIMED,
                TicketStatus.TRANSFERRING,
            ):
                # The next notice is promised within an interval of the last contact, and the
                # sweep is scheduled to come back for it in time.
                assert ticket.next_notice_due_at is not None
                assert (
                    ticket.next_notice_due_at
                    <= ticket.last_contact_at + self.rules.notice_interval
                )
                assert ticket.next_check_at is not None
                assert ticket.next_check_at <= ticket.next_notice_due_at
            first_response = [
                e
                for e in escalations
                if e.ticket_id == ticket.id and e.deadline == DeadlineKind.FIRST_RESPONSE
            ]
            assert len(first_response) == ticket.first_response_steps
        steps = Counter((e.ticket_id, e.deadline, e.cycle, e.step) for e in escalations)
        assert all(count == 1 for count in steps.values())
        missed = Counter(e.ticket_id for e in ledger if e.kind == BreachKind.MISSED_FIRST_RESPONSE)
        assert all(count == 1 for count in missed.values())
        assert not self.errors.records, [r.getMessage() for r in self.errors.records]


@pytest.mark.parametrize("store", ["sqlite", "postgresql"])
def test_desk_invariants(store: str, settings: Settings, request: pytest.FixtureRequest) -> None:
    class Machine(DeskMachine):
        pass

    Machine.settings = settings
    Machine.store = store
    if store == "sqlite":
        Machine.template = request.getfixturevalue("sqlite_template")
    else:
        Machine.url = request.getfixturevalue("postgres_url")
    run_state_machine_as_test(
        Machine,
        settings=hypothesis_settings(
            max_examples=40 if store == "sqlite" else 20,
            stateful_step_count=40,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
