"""Archive and learn: a closed ticket becomes a template that the bot answers with at once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import casebook, closure, proposals, tickets
from bot.config import Settings
from bot.errors import IllegalMove, InvalidInput, NotAllowed
from bot.notices import Audience
from bot.rules import Rules
from bot.transaction import Transactions
from knowledge.matcher import Band
from tests.bot.helpers import (
    OFFICER,
    OTHER_DEPT_SUPERVISOR,
    SUPERVISOR,
    new_requester,
    new_ticket,
    outbox_rows,
)
from tests.conftest import MONDAY_9AM

NOW = MONDAY_9AM
Sessions = async_sessionmaker[AsyncSession]
QUESTION = "小区门口的共享单车堆成山了谁来管"


async def _closed_ticket(sessions: Sessions, rules: Rules) -> int:
    requester_id = await new_requester(sessions, NOW)
    ticket = await new_ticket(
        sessions, rules, NOW, requester_id=requester_id, question=QUESTION, category="complaint"
    )
    async with sessions() as s, s.begin():
        await tickets.claim(
            session=s, rules=rules, ticket_id=ticket.id, officer_id=OFFICER, now=NOW
        )
        await closure.resolve(
            session=s,
            rules=rules,
            ticket_id=ticket.id,
            officer_id=OFFICER,
            summary="已通知运营企业清运",
            now=NOW + timedelta(hours=1),
        )
        await closure.confirm(
            session=s,
            rules=rules,
            ticket_id=ticket.id,
            requester_id=requester_id,
            score=5,
            now=NOW + timedelta(hours=2),
        )
    return ticket.id


async def test_propose_approve_and_answer_without_restart(
    sessions: Sessions, rules: Rules, settings: Settings
) -> None:
    ticket_id = await _closed_ticket(sessions, rules)
    async with sessions() as s:
        matcher = await casebook.build_matcher(session=s, settings=settings)
    question = "共享单车乱停放堆在小区门口找谁"
    assert matcher.band(matcher.search(question, "zh")) is not Band.ANSWER

    async with sessions() as s, s.begin():
        proposal = await proposals.propose(
            session=s,
            rules=rules,
            matcher=matcher,
            ticket_id=ticket_id,
            officer_id=OFFICER,
            questions={
                "zh": [QUESTION, "共享单车乱停放怎么投诉", "小区门口共享单车太多了"],
                "en": ["Who clears shared bikes piled up at our gate?"],
            },
            answer={
                "zh": "我们会通知共享单车运营企业清运,并反馈结果。",
                "en": "We ask the operator.",
            },
            now=NOW + timedelta(days=1),
        )
    assert proposal.template.id == f"ticket-{ticket_id}"
    with pytest.raises(NotAllowed):
        async with sessions() as s, s.begin():
            await proposals.approve(
                session=s,
                rules=rules,
                template_id=proposal.template.id,
                supervisor_id=OFFICER,
                now=NOW + timedelta(days=1),
            )
    with pytest.raises(NotAllowed):
        async with sessions() as s, s.begin():
            await proposals.approve(
                session=s,
                rules=rules,
                template_id=proposal.template.id,
                supervisor_id=OTHER_DEPT_SUPERVISOR,
                now=NOW + timedelta(days=1),
            )
    async with sessions() as s, s.begin():
        approved = await proposals.approve(
            session=s,
            rules=rules,
            template_id=proposal.template.id,
            supervisor_id=SUPERVISOR,
            now=NOW + timedelta(days=1),
        )
    matcher.add(approved.phrasings())
    matches = matcher.search(question, "zh")
    assert matches[0].template_id == f"ticket-{ticket_id}"
    # A restart builds the same matcher from the files and the database.
    async with sessions() as s:
        rebuilt = await casebook.build_matcher(session=s, settings=settings)
    assert rebuilt.search(question, "zh")[0].template_id == f"ticket-{ticket_id}"

    async with sessions() as s, s.begin():
        await proposals.retire(
            session=s,
            rules=rules,
            template_id=approved.id,
            supervisor_id=SUPERVISOR,
            now=NOW + timedelta(days=2),
        )
    matcher.retire(approved.id)
    assert matcher.search(question, "zh")[0].template_id != approved.id


async def test_proposal_shows_templates_that_already_cover_it(
    sessions: Sessions, rules: Rules, settings: Settings
) -> None:
    ticket_id = await _closed_ticket(sessions, rules)
    async with sessions() as s:
        matcher = await casebook.build_matcher(session=s, settings=settings)
    async with sessions() as s, s.begin():
        proposal = await proposals.propose(
            session=s,
            rules=rules,
            matcher=matcher,
            ticket_id=ticket_id,
            officer_id=OFFICER,
            questions={"zh": ["路灯坏了找谁修", "小区门口路灯不亮"]},
            answer={"zh": "已转市政照明维修。"},
            now=NOW + timedelta(days=1),
        )
    assert proposal.similar and proposal.similar[0].template_id == "streetlight-fault"


async def test_only_closed_tickets_with_valid_content_can_be_proposed(
    sessions: Sessions, rules: Rules, settings: Settings
) -> None:
    requester_id = await new_requester(sessions, NOW)
    open_ticket = await new_ticket(sessions, rules, NOW, requester_id=requester_id)
    async with sessions() as s:
        matcher = await casebook.build_matcher(session=s, settings=settings)
    with pytest.raises(IllegalMove):
        async with sessions() as s, s.begin():
            await proposals.propose(
                session=s,
                rules=rules,
                matcher=matcher,
                ticket_id=open_ticket.id,
                officer_id=OFFICER,
                questions={"zh": ["问"]},
                answer={"zh": "答"},
                now=NOW,
            )
    ticket_id = await _closed_ticket(sessions, rules)
    with pytest.raises(InvalidInput, match="does not compile"):
        async with sessions() as s, s.begin():
            await proposals.propose(
                session=s,
                rules=rules,
                matcher=matcher,
                ticket_id=ticket_id,
                officer_id=OFFICER,
                questions={"zh": ["问题"]},
                answer={"zh": "{{ broken"},
                now=NOW,
            )


async def test_a_proposal_is_told_to_the_supervisors_of_the_tickets_department(
    sessions: Sessions, rules: Rules, settings: Settings
) -> None:
    ticket_id = await _closed_ticket(sessions, rules)
    async with sessions() as s:
        matcher = await casebook.build_matcher(session=s, settings=settings)
    # A complaint's resolution is what was done in its one case: no answer for everyone.
    for one_case in ("已通知运营企业清运", ""):
        with pytest.raises(InvalidInput, match="no answer"):
            async with Transactions(sessions, clock=lambda: NOW)() as tx:
                await proposals.propose_and_tell(
                    tx=tx,
                    rules=rules,
                    matcher=matcher,
                    ticket_id=ticket_id,
                    officer_id=OFFICER,
                    questions={"zh": [QUESTION]},
                    answer={"zh": one_case},
                )
    async with Transactions(sessions, clock=lambda: NOW)() as tx:
        proposal = await proposals.propose_and_tell(
            tx=tx,
            rules=rules,
            matcher=matcher,
            ticket_id=ticket_id,
            officer_id=OFFICER,
            questions={"zh": [QUESTION]},
            answer={"zh": "垃圾清运不及时的投诉,我们会通知运营企业清运,并告诉您结果。"},
        )
    assert proposal.template.needs_person  # answering it opens a ticket too
    (told,) = await outbox_rows(sessions)
    assert (told.chat_id, told.language, told.template, told.audience) == (
        SUPERVISOR,
        rules.settings.languages.default,
        "template_proposed",
        Audience.DEPARTMENT_SUPERVISORS,
    )
    assert told.context["template_id"] == proposal.template.id == f"ticket-{ticket_id}"
    assert told.context["similar"] == [m.template_id for m in proposal.similar]
    assert told.context["ticket_id"] == ticket_id
