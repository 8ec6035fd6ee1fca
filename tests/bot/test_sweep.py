"""The sweep: escalations, notices, reminders and auto-close, each once, moved by the clock."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import closure, conversation, handoffs, outbox, store, tickets
from bot.config import Settings, Surge
from bot.models import Escalation, LedgerEntry, ProgressNotice, TicketStatus
from bot.rules import Rules
from bot.sweep import run_due
from bot.texts import Texts
from bot.transaction import Transactions
from tests.bot.helpers import OFFICER, SUPERVISOR, new_requester, new_ticket
from tests.conftest import MONDAY_9AM

NOW = MONDAY_9AM
Sessions = async_sessionmaker[AsyncSession]
GENERAL_GROUP = -1000000000101


async def _ledger(sessions: Sessions) -> list[tuple[str, int | None]]:
    async with sessions() as session:
        entries = await session.scalars(select(LedgerEntry).order_by(LedgerEntry.id))
        return [(e.kind, e.officer_id) for e in entries]


async def test_unclaimed_ticket_climbs_the_ladder_once_per_step(
    sessions: Sessions, rules: Rules
) -> None:
    requester_id = await new_requester(sessions, NOW)
    ticket = await new_ticket(sessions, rules, NOW, requester_id=requester_id)
    management = rules.settings.management.chat_id

    assert (
        await run_due(
            transactions=Transactions(sessions), rules=rules, now=NOW + timedelta(minutes=80)
        )
        == []
    )
    # 0.75 of 2 h: the staff group hears (there is no owner yet).
    step1 = await run_due(
        transactions=Transactions(sessions), rules=rules, now=NOW + timedelta(minutes=90)
    )
    assert [(m.chat_id, m.template, m.context["step"]) for m in step1] == [
        (GENERAL_GROUP, "escalation", 1)
    ]
    assert (
        await run_due(
            transactions=Transactions(sessions), rules=rules, now=NOW + timedelta(minutes=91)
        )
        == []
    )
    # The deadline: group and supervisor, and a breach against the department; the
    # requester hears at once that the reply promised is late (issue 14).
    step2 = await run_due(
        transactions=Transactions(sessions), rules=rules, now=NOW + timedelta(hours=2)
    )
    staff = [m for m in step2 if m.template != "promise_missed"]
    assert {m.chat_id for m in staff} == {GENERAL_GROUP, SUPERVISOR}
    (missed,) = [m for m in step2 if m.template == "promise_missed"]
    assert missed.chat_id not in {GENERAL_GROUP, SUPERVISOR, management}
    assert missed.context["deadline"] == "first_response" and missed.context["told_supervisors"]
    assert await _ledger(sessions) == [("missed_first_response", None)]
    # 1.5 of the span: 3 working hours after 09:00 is noon.
    assert (
        await run_due(
            transactions=Transactions(sessions), rules=rules, now=NOW + timedelta(minutes=179)
        )
        == []
    )
    step3 = await run_due(
        transactions=Transactions(sessions), rules=rules, now=NOW + timedelta(hours=3)
    )
    assert {m.chat_id for m in step3} == {SUPERVISOR, management}
    async with sessions() as session:
        steps = [e.step for e in await session.scalars(select(Escalation))]
    assert steps == [0, 1, 2]
    del ticket


async def test_late_sweep_fires_every_missed_step_once(sessions: Sessions, rules: Rules) -> None:
    requester_id = await new_requester(sessions, NOW)
    await new_ticket(sessions, rules, NOW, requester_id=requester_id)
    messages = await run_due(
        transactions=Transactions(sessions), rules=rules, now=NOW + timedelta(days=1)
    )
    # Unclaimed all day: its claim's ladder to its end, then its resolution's, whose third
    # step is not due yet (an unclaimed ticket is escalated on both deadlines: bot/sla.py).
    # The first step's warning that the deadline is near is recorded, not sent: it has
    # passed (issue 14: "due soon" and "overdue" at the same moment).
    escalations = [m.context for m in messages if m.template == "escalation"]
    assert Counter(c.get("step") for c in escalations if c["deadline"] == "first_response") == {
        2: 2,
        3: 2,
    }
    assert Counter(c.get("step") for c in escalations if c["deadline"] == "resolution") == {2: 2}
    async with sessions() as session:  # every step is recorded, sent or not
        assert len(list(await session.scalars(select(Escalation)))) == 3 + 2
    assert (
        await run_due(
            transactions=Transactions(sessions), rules=rules, now=NOW + timedelta(days=1)
        )
        == []
    )


async def test_concurrent_sweeps_do_each_step_once(sessions: Sessions, settings: Settings) -> None:
    # Thirty alike questions would be one incident and raise priority; keep them apart here.
    rules = Rules(settings.model_copy(update={"surge": Surge(min_tickets=1000)}))
    requester_id = await new_requester(sessions, NOW)
    for _ in range(30):
        await new_ticket(sessions, rules, NOW, requester_id=requester_id)
    later = NOW + timedelta(hours=2)
    results = await asyncio.gather(
        *(run_due(transactions=Transactions(sessions), rules=rules, now=later) for _ in range(3))
    )
    escalations = [m for batch in results for m in batch if m.template == "escalation"]
    # Step 2 to the group and the supervisor; step 1 (the deadline near) recorded, not sent:
    # the deadline has passed.
    assert len(escalations) == 30 * 2
    async with sessions() as session:
        rows = list(await session.scalars(select(Escalation)))
    assert len(rows) == 60
    assert len({(r.ticket_id, r.step) for r in rows}) == 60
    assert len(await _ledger(sessions)) == 30


async def test_owner_is_reminded_then_requester_gets_a_notice(
    sessions: Sessions, rules: Rules
) -> None:
    requester_id = await new_requester(sessions, NOW)
    ticket = await new_ticket(
        sessions, rules, NOW, requester_id=requester_id, category="complaint"
    )
    async with sessions() as session, session.begin():
        await tickets.claim(
            session=session, rules=rules, ticket_id=ticket.id, officer_id=OFFICER, now=NOW
        )
        await conversation.add_staff_message(
            session=session,
            rules=rules,
            ticket_id=ticket.id,
            officer_id=OFFICER,
            text="已联系物业核实",
            now=NOW + timedelta(hours=1),
        )
    # Contact at +1 h: the next notice is due at +25 h, the reminder two hours before it.
    assert (
        await run_due(
            transactions=Transactions(sessions), rules=rules, now=NOW + timedelta(hours=22)
        )
        == []
    )
    reminder = await run_due(
        transactions=Transactions(sessions), rules=rules, now=NOW + timedelta(hours=23)
    )
    assert [(m.chat_id, m.template) for m in reminder] == [(OFFICER, "update_reminder")]
    assert (
        await run_due(
            transactions=Transactions(sessions), rules=rules, now=NOW + timedelta(hours=24)
        )
        == []
    )
    notice = await run_due(
        transactions=Transactions(sessions), rules=rules, now=NOW + timedelta(hours=25)
    )
    assert [(m.template, m.context["latest_update"]) for m in notice] == [
        ("progress_notice", "已联系物业核实")
    ]
    assert await _ledger(sessions) == [("missed_update", OFFICER)]
    async with sessions() as session:
        notices = list(await session.scalars(select(ProgressNotice)))
    assert [(n.on_time, n.update_text) for n in notices] == [(True, "已联系物业核实")]


async def test_public_reply_postpones_the_notice(sessions: Sessions, rules: Rules) -> None:
    requester_id = await new_requester(sessions, NOW)
    ticket = await new_ticket(
        sessions, rules, NOW, requester_id=requester_id, category="complaint"
    )
    async with sessions() as session, session.begin():
        await tickets.claim(
            session=session, rules=rules, ticket_id=ticket.id, officer_id=OFFICER, now=NOW
        )
    for hours in (20, 40, 60):
        async with sessions() as session, session.begin():
            await conversation.add_staff_message(
                session=session,
                rules=rules,
                ticket_id=ticket.id,
                officer_id=OFFICER,
                text=f"进展 {hours}",
                now=NOW + timedelta(hours=hours),
            )
        # An internal note is not contact.
        async with sessions() as session, session.begin():
            await conversation.add_staff_message(
                session=session,
                rules=rules,
                ticket_id=ticket.id,
                officer_id=OFFICER,
                text="note",
                internal=True,
                now=NOW + timedelta(hours=hours + 1),
            )
    messages = await run_due(
        transactions=Transactions(sessions), rules=rules, now=NOW + timedelta(hours=79)
    )
    assert "progress_notice" not in {m.template for m in messages}
    messages = await run_due(
        transactions=Transactions(sessions), rules=rules, now=NOW + timedelta(hours=84)
    )
    assert "progress_notice" in {m.template for m in messages}


REQUESTER_WORDS = {"progress_notice", "promise_missed"}


async def test_a_notice_later_than_its_grace_is_a_breach(sessions: Sessions, rules: Rules) -> None:
    requester_id = await new_requester(sessions, NOW)
    await new_ticket(sessions, rules, NOW, requester_id=requester_id, category="suggestion")
    # Nothing swept for 30 hours (the service was down): the notice goes out late; or, where
    # a promised time passed meanwhile too, the one apology for it is that word to them.
    messages = await run_due(
        transactions=Transactions(sessions), rules=rules, now=NOW + timedelta(hours=30)
    )
    to_requester = [m.template for m in messages if m.template in REQUESTER_WORDS]
    assert len(to_requester) == 1, to_requester
    assert ("late_notice", None) in await _ledger(sessions)


async def test_a_reply_after_a_missed_notice_does_not_erase_its_lateness(
    sessions: Sessions, rules: Rules
) -> None:
    """Nothing swept for 30 hours (the service was down), and the owner's reply comes before
    the sweep's catch-up: the notice due at 24 h was still late, and the ledger says so,
    against the owner; the sweep then owes nothing more. A reply in time is no breach."""
    requester_id = await new_requester(sessions, NOW)
    late = await new_ticket(sessions, rules, NOW, requester_id=requester_id, category="suggestion")
    early = await new_ticket(sessions, rules, NOW, requester_id=requester_id)
    for ticket in (late, early):
        async with sessions() as session, session.begin():
            await tickets.claim(
                session=session, rules=rules, ticket_id=ticket.id, officer_id=OFFICER, now=NOW
            )
    for ticket, hours in ((early, 20), (late, 30)):
        async with sessions() as session, session.begin():
            await conversation.add_staff_message(
                session=session,
                rules=rules,
                ticket_id=ticket.id,
                officer_id=OFFICER,
                text="正在处理",
                now=NOW + timedelta(hours=hours),
            )
    assert await _ledger(sessions) == [("late_notice", OFFICER)]
    async with sessions() as session:
        (notice,) = await session.scalars(select(ProgressNotice))
    assert (notice.ticket_id, notice.on_time) == (late.id, False)
    assert notice.due_at == NOW + timedelta(hours=24)
    messages = await run_due(
        transactions=Transactions(sessions), rules=rules, now=NOW + timedelta(hours=30, minutes=1)
    )
    assert "progress_notice" not in {m.template for m in messages}
    assert [kind for kind, _ in await _ledger(sessions)].count("late_notice") == 1


async def test_unanswered_resolution_closes_itself(sessions: Sessions, rules: Rules) -> None:
    requester_id = await new_requester(sessions, NOW)
    ticket = await new_ticket(sessions, rules, NOW, requester_id=requester_id)
    async with sessions() as session, session.begin():
        await tickets.claim(
            session=session, rules=rules, ticket_id=ticket.id, officer_id=OFFICER, now=NOW
        )
        await closure.resolve(
            session=session,
            rules=rules,
            ticket_id=ticket.id,
            officer_id=OFFICER,
            summary="已办结",
            now=NOW,
        )
    assert (
        await run_due(
            transactions=Transactions(sessions), rules=rules, now=NOW + timedelta(hours=71)
        )
        == []
    )
    messages = await run_due(
        transactions=Transactions(sessions), rules=rules, now=NOW + timedelta(hours=72)
    )
    assert [(m.chat_id, m.template) for m in messages] == [
        (5001, "auto_closed"),
        (OFFICER, "auto_closed_owner"),
    ]
    async with sessions() as session:
        closed = await store.get(session=session, ticket_id=ticket.id)
    assert closed.status is TicketStatus.CLOSED
    assert closed.close_reason == "timeout"
    assert closed.next_check_at is None


async def test_overdue_resolution_is_a_breach_against_the_owner_even_when_transferred(
    sessions: Sessions, rules: Rules
) -> None:
    requester_id = await new_requester(sessions, NOW)
    ticket = await new_ticket(sessions, rules, NOW, requester_id=requester_id)
    async with sessions() as session, session.begin():
        await tickets.claim(
            session=session, rules=rules, ticket_id=ticket.id, officer_id=OFFICER, now=NOW
        )
        await handoffs.transfer(
            session=session,
            rules=rules,
            ticket_id=ticket.id,
            actor_id=OFFICER,
            to_department="utilities",
            summary="s",
            suggested_handling="h",
            due_at=NOW + timedelta(hours=3),
            now=NOW,
        )
    messages = await run_due(
        transactions=Transactions(sessions), rules=rules, now=NOW + timedelta(hours=9)
    )
    overdue = [m for m in messages if m.template == "escalation" and m.context["overdue"]]
    assert {m.chat_id for m in overdue} >= {OFFICER, SUPERVISOR}
    assert all(m.context["owner_name"] == "王芳" for m in overdue)
    assert ("overdue", OFFICER) in await _ledger(sessions)


async def test_an_unanswered_handoff_past_its_deadline_is_raised_once(
    sessions: Sessions, rules: Rules
) -> None:
    requester_id = await new_requester(sessions, NOW)
    ticket = await new_ticket(sessions, rules, NOW, requester_id=requester_id)
    async with sessions() as session, session.begin():
        await tickets.claim(
            session=session, rules=rules, ticket_id=ticket.id, officer_id=OFFICER, now=NOW
        )
        await handoffs.transfer(
            session=session,
            rules=rules,
            ticket_id=ticket.id,
            actor_id=OFFICER,
            to_department="social_security",
            summary="需核实社保缴纳",
            suggested_handling="核实近一年记录",
            due_at=NOW + timedelta(hours=1),
            now=NOW,
        )
    early = await run_due(
        transactions=Transactions(sessions), rules=rules, now=NOW + timedelta(minutes=50)
    )
    assert not [m for m in early if m.template == "handoff_overdue"]
    late = await run_due(
        transactions=Transactions(sessions), rules=rules, now=NOW + timedelta(minutes=70)
    )
    raised = [m for m in late if m.template == "handoff_overdue"]
    social_group, social_supervisor = -1000000000102, 100290
    # The ladder's first step: the receiving group (and the owner where they work on the
    # ticket, which has no staff place here); the supervisors a step later (bot/ladder_handoffs).
    assert {m.chat_id for m in raised} == {social_group}
    assert raised[0].context["step"] == 1
    assert raised[0].context["to_department"] == "社会保障科"
    texts = Texts(rules.settings.zone, "zh", ["zh", "en"])
    for language in ("zh", "en"):
        assert "#1" in texts.render("handoff_overdue", language, **raised[0].context)
    again = await run_due(
        transactions=Transactions(sessions), rules=rules, now=NOW + timedelta(minutes=90)
    )
    assert not [m for m in again if m.template == "handoff_overdue"]
    # What the sweep decided is in the outbox, committed with it, context and all.
    async with sessions() as session, session.begin():
        due = await outbox.claim_due(session=session, now=NOW + timedelta(minutes=90))
    stored = [q.message for q in due if q.kind == "handoff_overdue"]
    assert sorted(stored, key=lambda m: m.chat_id) == sorted(raised, key=lambda m: m.chat_id)
    # One overdue period (the hour it was given) later, the supervisors of both departments;
    # another, management; then nothing more.
    second = await run_due(
        transactions=Transactions(sessions), rules=rules, now=NOW + timedelta(minutes=130)
    )
    raised = [m for m in second if m.template == "handoff_overdue"]
    assert {m.chat_id for m in raised} == {social_supervisor, SUPERVISOR}
    assert {m.context["step"] for m in raised} == {2}
    third = await run_due(
        transactions=Transactions(sessions), rules=rules, now=NOW + timedelta(minutes=190)
    )
    raised = [m for m in third if m.template == "handoff_overdue"]
    assert {m.chat_id for m in raised} == {
        social_supervisor,
        SUPERVISOR,
        rules.settings.management.chat_id,
    }
    after = await run_due(
        transactions=Transactions(sessions), rules=rules, now=NOW + timedelta(days=2)
    )
    assert not [m for m in after if m.template == "handoff_overdue"]
